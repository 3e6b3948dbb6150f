"""The hand-back merge: deputy's changes, conflicts, deletions, idempotence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import merge
from spocdesk.core.model import AuditEvent, Case, FollowUp, HandoverNote, Interaction, Stakeholder
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    assert_sound,
    build_world,
    case_row,
    deputy_edits,
    edit_case,
    export,
    fast_kdf,
    file_digest,
    open_as_deputy,
)

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def test_round_trip_through_the_deputys_week(world: World, tmp_path: Path,
                                             clock: FixedClock) -> None:
    path = export(world, tmp_path / "out")
    made = deputy_edits(path, clock)
    clock.advance(timedelta(days=12))
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    assert plan.conflicts == []
    outcome = merge.apply_merge(world.store, plan)
    summary = outcome.value
    assert summary.conflicts == [] and not summary.nothing_to_do
    store = world.store
    # the logged call is in the owner's log, written by the deputy
    with store.unit_of_work() as uow:
        entry = uow.session.get(Interaction, made["interaction"])
        assert entry is not None and entry.author == "deputy"
        assert entry.summary == "Called Alice, roofer comes Thursday"
        roof = cases.by_ref(uow.session, "C-0001")
        assert roof.last_interaction_at == entry.occurred_at
        assert uow.session.get(Stakeholder, made["carol"]) is not None
        people = {p.stakeholder.display_name: p.role for p in roof.participants}
        assert people == {"Alice Archer": "client", "Carol Roofer": "vendor"}
        done = uow.session.get(FollowUp, world.followup_ids["Call the roofer"])
        assert done is not None and done.done_at is not None
        note = uow.session.get(HandoverNote, made["note"])
        assert note is not None and note.acknowledged_by == "Dana Deputy"
        deputy_audit = uow.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.author == "deputy")).all()
        assert deputy_audit  # the deputy's audit trail comes back too
        assert roof.next_followup_at is None  # its only follow-up is done
    assert case_row(store, "C-0002").status == "waiting"
    # the "while you were away" summary, per case
    by_ref = {a.ref: a for a in summary.cases}
    assert set(by_ref) == {"C-0001", "C-0002"}
    roof_act = by_ref["C-0001"]
    assert roof_act.interactions == [
        "2026-03-04 phone out: Called Alice, roofer comes Thursday"]
    assert roof_act.followups_completed == ["Call the roofer"]
    assert roof_act.stakeholders_added == ["Carol Roofer (vendor)"]
    assert roof_act.notes_acknowledged == ["by Dana Deputy: Leak: roofer Thursday; else Acme."]
    assert by_ref["C-0002"].status_changes == [("open", "waiting")]
    assert summary.stakeholders_added == ["Carol Roofer"]
    assert {"case", "interaction", "followup", "stakeholder"} <= outcome.changes.kinds()
    assert_sound(store)


def test_merging_twice_changes_nothing(world: World, tmp_path: Path,
                                       clock: FixedClock) -> None:
    path = export(world, tmp_path)
    deputy_edits(path, clock)
    edit_case(world.store, "C-0002", status="escalated")  # a conflict, kept the owner's way
    first = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    assert [c.label for c in first.conflicts] == ["case C-0002 Invoice dispute"]
    world.store.checkpoint()
    before = file_digest(world.store.location.store)
    again = merge.merge_pack(world.store, path, PACK_PASSPHRASE)
    assert again.value.nothing_to_do and again.value.conflicts == []
    assert not again.changes
    world.store.checkpoint()
    assert file_digest(world.store.location.store) == before


def test_only_true_both_sides_edits_are_conflicts(world: World, tmp_path: Path,
                                                  clock: FixedClock) -> None:
    path = export(world, tmp_path)
    pack = open_as_deputy(path, clock)
    try:
        edit_case(pack, "C-0001", status="waiting", next_step="Deputy's step",
                   title="Roof leak (east wing)")
        edit_case(pack, "C-0002", category="billing")
        edit_case(pack, "C-0004", priority="high")
    finally:
        pack.close()
    edit_case(world.store, "C-0001", status="escalated", next_step="Owner's step",
               description="owner's description")
    edit_case(world.store, "C-0002", category="billing")  # the same value: no conflict
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    assert len(plan.conflicts) == 1
    conflict = plan.conflicts[0]
    assert (conflict.table, conflict.label) == ("case_record", "case C-0001 Roof leak")
    assert [(f.field, f.owner, f.deputy) for f in conflict.fields] == [
        ("status", "escalated", "waiting"),
        ("next_step", "Owner's step", "Deputy's step"),
    ]
    summary = merge.apply_merge(world.store, plan).value
    roof = case_row(world.store, "C-0001")
    # conflicting fields keep the owner's value; the rest merges per field
    assert (roof.status, roof.next_step) == ("escalated", "Owner's step")
    assert roof.title == "Roof leak (east wing)" and roof.description == "owner's description"
    assert case_row(world.store, "C-0004").priority == "high"  # only the deputy changed it
    assert case_row(world.store, "C-0002").category == "billing"
    assert [c.label for c in summary.conflicts] == ["case C-0001 Roof leak"]


def test_choices_take_the_deputys_side(world: World, tmp_path: Path,
                                       clock: FixedClock) -> None:
    path = export(world, tmp_path)
    pack = open_as_deputy(path, clock)
    try:
        edit_case(pack, "C-0001", status="waiting", next_step="Deputy's step")
    finally:
        pack.close()
    edit_case(world.store, "C-0001", status="escalated", next_step="Owner's step")
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    conflict = plan.conflicts[0]
    summary = merge.apply_merge(world.store, plan,
                                {conflict.field_key("status"): "deputy"}).value
    roof = case_row(world.store, "C-0001")
    assert (roof.status, roof.next_step) == ("waiting", "Owner's step")
    assert summary.resolved_for_deputy == 1


def test_deletions_only_for_records_the_owner_left_alone(world: World, tmp_path: Path,
                                                         clock: FixedClock) -> None:
    path = export(world, tmp_path)
    pack = open_as_deputy(path, clock)
    try:
        with pack.unit_of_work() as uow:
            for title in ("Send corrected invoice", "Call the roofer", "Review in summer"):
                item = uow.session.scalar(sa.select(FollowUp).where(FollowUp.title == title))
                assert item is not None
                item.deleted_at = clock.now()
            uow.commit()
    finally:
        pack.close()
    with world.store.unit_of_work() as uow:
        item = uow.session.get(FollowUp, world.followup_ids["Call the roofer"])
        assert item is not None
        item.notes = "owner added a note"
        summer = uow.session.get(FollowUp, world.followup_ids["Review in summer"])
        assert summer is not None
        summer.deleted_at = world.clock.now() - timedelta(hours=1)  # deleted here too
        uow.commit()
    summary = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    with world.store.unit_of_work() as uow:
        gone = uow.session.get(FollowUp, world.followup_ids["Send corrected invoice"])
        kept = uow.session.get(FollowUp, world.followup_ids["Call the roofer"])
        assert gone is not None and gone.deleted_at is not None
        assert kept is not None and kept.deleted_at is None and kept.notes == "owner added a note"
    assert summary.deleted == {"followup": 1}  # the summer review was deleted here already
    assert [(c.label, [f.field for f in c.fields]) for c in summary.conflicts] == [
        ("follow-up Call the roofer", ["deleted_at"])]


def test_a_new_case_gets_a_free_number(world: World, tmp_path: Path,
                                       clock: FixedClock) -> None:
    path = export(world, tmp_path)
    pack = open_as_deputy(path, clock)
    try:
        ref = cases.add_case(pack, cases.NewCase(title="Deputy's new case")).value
        assert ref == "C-0005"
        cases.log_interaction(pack, ref, cases.NewInteraction(
            channel="phone", direction="in", summary="First call on the new case"))
    finally:
        pack.close()
    mine = cases.add_case(world.store, cases.NewCase(title="Owner's new case")).value
    assert mine == "C-0005"
    summary = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    assert summary.renumbered == [("C-0005", "C-0006")]
    assert case_row(world.store, "C-0006").title == "Deputy's new case"
    assert case_row(world.store, "C-0005").title == "Owner's new case"
    new = next(a for a in summary.cases if a.new_case)
    assert new.ref == "C-0006" and new.interactions


def test_the_merge_is_all_or_nothing(world: World, tmp_path: Path, clock: FixedClock,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = export(world, tmp_path)
    deputy_edits(path, clock)
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    world.store.checkpoint()
    before = file_digest(world.store.location.store)

    def boom(*_args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(merge, "_refresh_cases", boom)
    with pytest.raises(OSError):
        merge.apply_merge(world.store, plan)
    world.store.checkpoint()
    assert file_digest(world.store.location.store) == before
    assert case_row(world.store, "C-0002").status == "open"


EDIT = st.sampled_from(["log", "status", "next_step", "followup"])
SIDE_EDITS = st.lists(st.tuples(EDIT, st.sampled_from(["C-0001", "C-0002", "C-0004"])),
                      max_size=6)


def _apply(store: Store, edits: list[tuple[str, str]], tag: str) -> set[str]:
    logged: set[str] = set()
    for n, (what, ref) in enumerate(edits):
        if what == "log":
            logged.add(cases.log_interaction(store, ref, cases.NewInteraction(
                channel="note", direction="internal", summary=f"{tag} {n}")).value)
        elif what == "status":
            edit_case(store, ref, status=["open", "waiting", "escalated"][n % 3])
        elif what == "next_step":
            edit_case(store, ref, next_step=f"{tag} step {n}")
        else:
            with store.unit_of_work() as uow:
                case = cases.by_ref(uow.session, ref)
                item = uow.session.scalar(sa.select(FollowUp).where(
                    FollowUp.case_id == case.id, FollowUp.done_at.is_(None)))
                if item is not None:
                    item.done_at = store.now()
                uow.commit()
    return logged


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(owner_edits=SIDE_EDITS, deputy_edits_=SIDE_EDITS)
def test_no_interaction_is_ever_lost(tmp_path_factory: pytest.TempPathFactory,
                                     owner_edits: list[tuple[str, str]],
                                     deputy_edits_: list[tuple[str, str]]) -> None:
    folder = tmp_path_factory.mktemp("h")
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    store = Store.create(resolve(data_dir=folder / "home"), PASSPHRASE, clock=clock)
    try:
        world = build_world(store, clock)
        path = export(world, folder / "out")
        with store.connection() as conn:
            before = set(conn.execute(sa.select(Interaction.id)).scalars())
        pack = open_as_deputy(path, clock)
        try:
            theirs = _apply(pack, deputy_edits_, "deputy")
        finally:
            pack.close()
        mine = _apply(store, owner_edits, "owner")
        first = merge.merge_pack(store, path, PACK_PASSPHRASE).value
        with store.connection() as conn:
            after = set(conn.execute(sa.select(Interaction.id)).scalars())
            last = dict(conn.execute(sa.select(Case.id, Case.last_interaction_at)).all())
            latest = dict(conn.execute(
                sa.select(Interaction.case_id, sa.func.max(Interaction.occurred_at))
                .group_by(Interaction.case_id)).all())
        assert before | mine | theirs <= after
        assert after == before | mine | theirs
        for case_id, when in latest.items():
            assert case_id is not None and when is not None
            kept = last[case_id]
            assert kept is not None and kept.replace(tzinfo=None) == when.replace(tzinfo=None)
        assert first.added.get("interaction", 0) == len(theirs)
        again = merge.merge_pack(store, path, PACK_PASSPHRASE)
        assert again.value.nothing_to_do
        assert store.integrity_problems() == []
    finally:
        store.close()


def test_a_pack_merged_again_after_more_work(world: World, tmp_path: Path,
                                             clock: FixedClock) -> None:
    """The deputy keeps working after a first hand-back: only the new work comes in,
    and a conflict resolved the owner's way stays resolved (and is not asked again:
    the deputy did not touch the status since the merge base)."""
    path = export(world, tmp_path)
    pack = open_as_deputy(path, clock)
    try:
        edit_case(pack, "C-0001", status="waiting")
    finally:
        pack.close()
    edit_case(world.store, "C-0001", status="escalated")
    first = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    assert [f.field for c in first.conflicts for f in c.fields] == ["status"]
    pack = open_as_deputy(path, clock)
    try:
        edit_case(pack, "C-0001", next_step="Deputy's later step")
        cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="note", direction="internal", summary="later"))
    finally:
        pack.close()
    second = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    roof = case_row(world.store, "C-0001")
    assert (roof.status, roof.next_step) == ("escalated", "Deputy's later step")
    assert second.added == {"interaction": 1}
    assert second.conflicts == []
