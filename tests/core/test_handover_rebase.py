"""Merges never undo a later decision: the merge base is the state at the last merge;
erasures never block the hand-back; renumbering is previewed; History ends with the
value chosen; generated sequences of edits and merges lose nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import absence, merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.model import AuditEvent, Interaction, Stakeholder
from spocdesk.core.paths import resolve
from spocdesk.core.people import data_subject
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    assert_sound,
    build_world,
    case_row,
    edit_case,
    export,
    fast_kdf,
    open_as_deputy,
)

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def test_a_second_merge_keeps_the_owners_later_decision(world: World, tmp_path: Path,
                                                        clock: FixedClock) -> None:
    path = export(world, tmp_path)
    assert case_row(world.store, "C-0001").status == "new"
    with open_as_deputy(path, clock) as pack:
        edit_case(pack, "C-0001", status="waiting")
    first = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    assert case_row(world.store, "C-0001").status == "waiting"
    assert first.cases[0].status_changes == [("new", "waiting")]
    edit_case(world.store, "C-0001", status="new")  # the owner's later decision
    with open_as_deputy(path, clock) as pack:
        edit_case(pack, "C-0001", next_step="Chase the roofer on Monday")
    second = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    roof = case_row(world.store, "C-0001")
    assert (roof.status, roof.next_step) == ("new", "Chase the roofer on Monday")
    assert second.conflicts == []
    assert all(not act.status_changes for act in second.cases)


def test_an_erased_organisation_never_blocks_the_hand_back(world: World, tmp_path: Path,
                                                           clock: FixedClock) -> None:
    path = export(world, tmp_path)
    with world.store.unit_of_work() as uow:
        org = uow.session.get(Stakeholder, world.alice)
        assert org is not None and org.organisation_id is not None
        org_id = org.organisation_id
    with open_as_deputy(path, clock) as pack, pack.unit_of_work() as uow:
        alice = uow.session.get(Stakeholder, world.alice)
        assert alice is not None
        alice.title = "Site manager"
        uow.commit()
    data_subject.erase_person(world.store, org_id)
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    assert any("link was dropped" in line for line in plan.summary.lines())
    summary = merge.apply_merge(world.store, plan).value
    assert any("link was dropped" in line for line in summary.lines())
    with world.store.unit_of_work() as uow:
        alice = uow.session.get(Stakeholder, world.alice)
        assert alice is not None
        assert (alice.title, alice.organisation_id) == ("Site manager", None)
        assert uow.session.get(Stakeholder, org_id) is None  # not brought back
    assert_sound(world.store)


def test_an_erased_person_stays_erased_and_the_rest_comes_in(world: World, tmp_path: Path,
                                                             clock: FixedClock) -> None:
    path = export(world, tmp_path)
    with open_as_deputy(path, clock) as pack:
        cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="Called Alice again",
            stakeholder_ids=[world.alice]))
    data_subject.erase_person(world.store, world.alice)
    summary = merge.merge_pack(world.store, path, PACK_PASSPHRASE).value
    assert summary.added.get("interaction") == 1
    with world.store.unit_of_work() as uow:
        assert uow.session.get(Stakeholder, world.alice) is None
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(Interaction).where(
            Interaction.summary == "Called Alice again")) == 1
    assert_sound(world.store)


def test_renumbered_cases_are_previewed_as_merged(world: World, tmp_path: Path,
                                                  clock: FixedClock) -> None:
    path = export(world, tmp_path)
    with open_as_deputy(path, clock) as pack:
        ref = cases.add_case(pack, cases.NewCase(title="Deputy's new case")).value
    assert ref == "C-0005"
    assert cases.add_case(world.store, cases.NewCase(title="Owner's new case")).value == ref
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    assert plan.summary.renumbered == [("C-0005", "C-0006")]
    preview = plan.summary.lines()
    summary = merge.apply_merge(world.store, plan).value
    assert summary.renumbered == [("C-0005", "C-0006")]
    assert summary.lines() == preview
    assert "Case C-0005 from the pack is now C-0006." in preview
    assert case_row(world.store, "C-0006").title == "Deputy's new case"


def test_history_ends_with_the_value_chosen(world: World, tmp_path: Path,
                                            clock: FixedClock) -> None:
    path = export(world, tmp_path)
    with open_as_deputy(path, clock) as pack:
        edit_case(pack, "C-0001", status="waiting")
    clock.advance(timedelta(hours=1))
    edit_case(world.store, "C-0001", status="escalated")
    clock.advance(timedelta(hours=1))
    plan = merge.plan_merge(world.store, path, PACK_PASSPHRASE)
    [conflict] = plan.conflicts
    merge.apply_merge(world.store, plan, {conflict.key: "deputy"})
    case_id = world.case_ids["C-0001"]
    with world.store.unit_of_work() as uow:
        last = uow.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.entity_id == case_id, AuditEvent.field == "status")
            .order_by(AuditEvent.at.desc(), AuditEvent.id)).first()
        assert last is not None and last.after == "waiting"
    assert case_row(world.store, "C-0001").status == "waiting"


# -- generated sequences ---------------------------------------------------------

FIELDS = ("next_step", "category")
STEP = st.one_of(
    st.tuples(st.sampled_from(["owner", "deputy"]), st.just("edit"), st.sampled_from(FIELDS),
              st.sampled_from(["a", "b", "c"])),
    st.tuples(st.sampled_from(["owner", "deputy"]), st.just("log"), st.just(""), st.just("")),
    st.tuples(st.just("owner"), st.just("merge"), st.just(""), st.just("")),
)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=9))
def test_generated_edits_and_merges_never_lose_or_undo(tmp_path_factory: pytest.TempPathFactory,
                                                       steps: list[tuple[str, str, str, str]]
                                                       ) -> None:
    """After every merge: every interaction of both sides is in the owner's store, and
    each field holds the owner's value if the owner changed it since the last merge,
    else the deputy's value if the deputy did (conflicts keep the owner's side)."""
    home = tmp_path_factory.mktemp("gen")
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    store = Store.create(resolve(data_dir=home), PASSPHRASE, clock=clock)
    try:
        ref = cases.add_case(store, cases.NewCase(title="Generated")).value
        absence_id = absence.plan_absence(store, absence.AbsencePlan(
            starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13),
            deputy_name="Dana")).value  # every case that is not closed
        path = home / "pack.spocpack"
        packmod.export_pack(store, absence_id, path, PACK_PASSPHRASE)
        logged: set[str] = set()
        owner_since: dict[str, str] = {}  # field → value the owner set since the last merge
        deputy_since: dict[str, str] = {}
        for number, (who, action, name, value) in enumerate(steps):
            clock.advance(timedelta(minutes=5))
            if action == "merge":
                expected = {f: case_row(store, ref).__dict__[f] for f in FIELDS}
                for f, v in deputy_since.items():
                    if f not in owner_since:
                        expected[f] = v
                merge.merge_pack(store, path, PACK_PASSPHRASE)
                row = case_row(store, ref)
                assert {f: row.__dict__[f] for f in FIELDS} == expected
                with store.unit_of_work() as uow:
                    have = set(uow.session.scalars(sa.select(Interaction.summary)))
                assert logged <= have
                owner_since.clear()
                deputy_since.clear()
                continue
            target = store if who == "owner" else open_as_deputy(path, clock)
            try:
                if action == "edit":
                    edit_case(target, ref, **{name: f"{who}-{value}-{number}"})
                    (owner_since if who == "owner" else deputy_since)[name] = (
                        f"{who}-{value}-{number}")
                else:
                    text = f"{who} call {number}"
                    cases.log_interaction(target, ref, cases.NewInteraction(
                        channel="phone", direction="in", summary=text))
                    logged.add(text)
            finally:
                if target is not store:
                    target.close()
    finally:
        store.close()
