"""A deliberate scope (the cases that need cover), drafts until the owner reviews them,
and an absence the owner finishes after the hand-back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.handover import absence, merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.store import Store
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    build_world,
    export,
    fast_kdf,
)

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def _ids(store: Store, *refs: str) -> list[str]:
    with store.unit_of_work() as uow:
        return [cases.by_ref(uow.session, ref).id for ref in refs]


def test_planning_proposes_the_cases_that_need_cover(store: Store, clock: FixedClock) -> None:
    def add(title: str, **kw: str) -> str:
        return cases.add_case(store, cases.NewCase(title=title, **kw)).value

    new = add("Fresh request")
    quiet = add("Waiting quietly", status="waiting")
    chase = add("Waiting, chase in the absence", status="waiting")
    later = add("Waiting, chase after it", status="waiting")
    high = add("Waiting on a high one", status="waiting", priority="high")
    escalated = add("Escalated", status="escalated", priority="low")
    resolved = add("Resolved", status="resolved", priority="urgent")
    closed = add("Closed", status="closed", priority="urgent")
    [chase_id, later_id] = _ids(store, chase, later)
    followups.add_followup(store, followups.NewFollowUp(
        title="Chase", due_at=clock.now() + timedelta(days=5), case_id=chase_id))
    followups.add_followup(store, followups.NewFollowUp(
        title="Later", due_at=clock.now() + timedelta(days=60), case_id=later_id))
    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13), deputy_name="Dana")).value
    chosen = absence.get_absence(store, absence_id).case_ids
    assert chosen == _ids(store, new, chase, high, escalated)
    assert not set(_ids(store, quiet, later, resolved, closed)) & set(chosen)


def test_a_prefilled_note_stays_a_draft_until_the_owner_saves_it(world: World,
                                                                  tmp_path: Path,
                                                                  clock: FixedClock) -> None:
    store, ids = world.store, world.case_ids
    absence.set_cases(store, world.absence_id, add=[ids["C-0003"]])
    draft = absence.prefill_note(store, world.absence_id, ids["C-0003"])
    absence.save_note(store, world.absence_id, ids["C-0003"], draft, reviewed=False)
    note = absence.get_note(store, world.absence_id, ids["C-0003"])
    assert note is not None and not note.reviewed
    report = absence.completeness(store, world.absence_id)
    assert report.unreviewed == [ids["C-0003"]]
    assert ids["C-0003"] not in report.without_note
    assert report.complete_notes == 1  # C-0001 only: a draft is not a complete note
    assert "1 of 4 notes are drafts nobody reviewed." in report.sentences()
    path = export(world, tmp_path)
    with packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now())) as pack:
        in_pack = absence.get_note(pack, world.absence_id, ids["C-0003"])
        assert in_pack is not None and not in_pack.reviewed  # the deputy sees a draft
        absence.save_note(pack, world.absence_id, ids["C-0003"], draft)  # the deputy's save
        again = absence.get_note(pack, world.absence_id, ids["C-0003"])
        assert again is not None and not again.reviewed
    absence.save_note(store, world.absence_id, ids["C-0003"], draft)  # the owner's save
    saved = absence.get_note(store, world.absence_id, ids["C-0003"])
    assert saved is not None and saved.reviewed


def test_the_owner_finishes_the_absence_after_the_hand_back(world: World,
                                                            tmp_path: Path) -> None:
    path = export(world, tmp_path)
    merge.merge_pack(world.store, path, PACK_PASSPHRASE)
    assert packmod.latest_absence_id(world.store) == world.absence_id
    out = absence.finish_absence(world.store, world.absence_id)
    assert "absence" in out.changes
    assert absence.get_absence(world.store, world.absence_id).finished_at is not None
    assert packmod.latest_absence_id(world.store) is None


def test_the_prefilled_summary_has_the_escalation_and_the_main_contacts_phone(
        world: World) -> None:
    store, ids = world.store, world.case_ids
    roof = absence.prefill_note(store, world.absence_id, ids["C-0001"]).summary
    assert "Main contact: Alice Archer (client), phone +49 30 1234" in roof
    assert "Escalation: not escalated." in roof
    server = absence.prefill_note(store, world.absence_id, ids["C-0004"]).summary
    assert "Escalation: status escalated, no escalation recorded yet." in server
