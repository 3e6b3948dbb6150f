"""Planning an absence and writing I-PASS handover notes."""

from __future__ import annotations

from datetime import date

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.handover import absence
from spocdesk.core.store import Store
from tests.core.test_handover_support import World, build_world, fast_kdf  # noqa: F401

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def test_default_cases_are_every_case_not_closed(world: World) -> None:
    view = absence.get_absence(world.store, world.absence_id)
    ids = world.case_ids
    assert view.case_ids == [ids["C-0001"], ids["C-0002"], ids["C-0004"]]
    assert view.deputy_name == "Dana Deputy"
    assert view.interaction_days == 90  # the setting's default


def test_add_and_drop_cases(world: World) -> None:
    ids = world.case_ids
    out = absence.set_cases(world.store, world.absence_id, drop=[ids["C-0002"]],
                            add=[ids["C-0003"]])
    assert out.value == [ids["C-0001"], ids["C-0003"], ids["C-0004"]]
    assert "absence_case" in out.changes
    back = absence.set_cases(world.store, world.absence_id, add=[ids["C-0002"]]).value
    assert ids["C-0002"] in back
    # a note of a dropped case is not listed
    absence.set_cases(world.store, world.absence_id, drop=[ids["C-0001"]])
    refs = [n.case_ref for n in absence.notes(world.store, world.absence_id)]
    assert refs == ["C-0002", "C-0004"]
    with pytest.raises(NotFound):
        absence.set_cases(world.store, world.absence_id, add=["nope"])


def test_plan_refuses_end_before_start(store: Store) -> None:
    with pytest.raises(InvalidInput, match="cannot end before it starts"):
        absence.plan_absence(store, absence.AbsencePlan(date(2026, 3, 5), date(2026, 3, 1)))


def test_prefill_builds_an_ipass_draft(world: World) -> None:
    draft = absence.prefill_note(world.store, world.absence_id, world.case_ids["C-0001"])
    assert draft.severity == "watch"  # high priority
    lines = draft.summary.splitlines()
    assert lines[0].startswith("Status: new, priority high.")
    # two lines of history, newest first; the 200-day-old call is not among them
    assert "Leak is worse" in lines[2] and "Sent the roofer's quote" in lines[3]
    assert "Old call" not in draft.summary
    assert "Alice Archer (client) — prefers email: alice@example.org" in draft.summary
    assert [(a.text, a.owner) for a in draft.actions] == [("Call the roofer", "Dana Deputy")]
    assert draft.actions[0].due.startswith("2026-03-0")
    urgent = absence.prefill_note(world.store, world.absence_id, world.case_ids["C-0004"])
    assert urgent.severity == "unstable"
    stable = absence.prefill_note(world.store, world.absence_id, world.case_ids["C-0002"])
    assert stable.severity == "stable"
    # the summer review falls outside the absence
    assert [a.text for a in stable.actions] == ["Send corrected invoice"]


def test_save_edit_and_acknowledge(world: World) -> None:
    case_id = world.case_ids["C-0002"]
    note = absence.get_note(world.store, world.absence_id, case_id)
    assert note is not None and note.contingencies == ""
    draft = absence.NoteDraft(severity="watch", summary="Edited", situation="Bob is upset",
                              contingencies="If Bob calls, then offer a credit note.",
                              actions=[absence.Action("Call Bob", "Dana", "2026-03-05")])
    same_id = absence.save_note(world.store, world.absence_id, case_id, draft).value
    assert same_id == note.id
    again = absence.get_note(world.store, world.absence_id, case_id)
    assert again is not None and again.revision == note.revision + 1
    assert again.actions == [absence.Action("Call Bob", "Dana", "2026-03-05")]
    with pytest.raises(InvalidInput):
        absence.save_note(world.store, world.absence_id, case_id,
                          absence.NoteDraft(severity="critical"))
    absence.acknowledge(world.store, note.id, "Dana Deputy", "Credit note if he calls.")
    acked = absence.get_note(world.store, world.absence_id, case_id)
    assert acked is not None and acked.acknowledged_by == "Dana Deputy"
    assert acked.acknowledged_at == world.clock.now()
    with pytest.raises(InvalidInput):
        absence.acknowledge(world.store, note.id, "  ", "")


def test_completeness(world: World) -> None:
    report = absence.completeness(world.store, world.absence_id)
    assert report.total == 3
    assert report.without_note == []
    assert len(report.without_contingency) == 2
    assert "2 of 3 cases have no contingency." in report.sentences()
    assert "3 of 3 cases are not acknowledged by the deputy." in report.sentences()
    absence.set_cases(world.store, world.absence_id, add=[world.case_ids["C-0003"]])
    report = absence.completeness(world.store, world.absence_id)
    assert "1 of 4 cases have no handover note." in report.sentences()
    assert "3 of 4 cases have no contingency." in report.sentences()
    assert report.fraction == pytest.approx(0.25)


def test_update_and_cancel(world: World) -> None:
    absence.update_absence(world.store, world.absence_id, absence.AbsencePlan(
        date(2026, 3, 4), date(2026, 3, 20), deputy_name="Eve", interaction_days=30))
    view = absence.get_absence(world.store, world.absence_id)
    assert (view.ends_on, view.deputy_name, view.interaction_days) == (
        date(2026, 3, 20), "Eve", 30)
    absence.cancel_absence(world.store, world.absence_id)
    assert absence.list_absences(world.store) == []
