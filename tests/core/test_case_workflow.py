"""Case editing: status workflow and its times, first response, audit, participants,
escalations."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import escalation as esc
from spocdesk.core.cases import workflow as wf
from spocdesk.core.cases.detail import case_history, get_case
from spocdesk.core.cases.service import NewCase, NewInteraction, add_case, log_interaction
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound, SpocError
from spocdesk.core.model import AuditEvent, Case
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

HOUR = timedelta(hours=1)


def _case(store: Store, **kw: object) -> str:
    return add_case(store, NewCase(title="Printer on fire", **kw)).value  # type: ignore[arg-type]


def _get(store: Store, ref: str) -> Case:
    with store.session() as s:
        case = s.scalar(sa.select(Case).where(Case.ref == ref))
        assert case is not None
        return case


def _person(store: Store, name: str) -> str:
    return add_stakeholder(store, NewStakeholder(display_name=name)).value


def _audit(store: Store, case_id: str) -> list[tuple[str, str | None, str | None]]:
    with store.session() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            sa.select(AuditEvent.field, AuditEvent.before, AuditEvent.after)
            .where(AuditEvent.entity_id == case_id, AuditEvent.action == "update")
            .order_by(AuditEvent.at, AuditEvent.field))]


def test_resolve_close_reopen_keep_times(store: Store, clock: FixedClock) -> None:
    ref = _case(store)
    opened = clock.now()
    assert _get(store, ref).opened_at == opened
    clock.advance(HOUR)
    wf.update_case(store, ref, status="open")
    case = _get(store, ref)
    assert (case.status, case.resolved_at, case.closed_at) == ("open", None, None)

    clock.advance(HOUR)
    resolved = clock.now()
    assert "status" in wf.update_case(store, ref, status="resolved").value
    case = _get(store, ref)
    assert (case.resolved_at, case.closed_at) == (resolved, None)

    clock.advance(HOUR)
    closed = clock.now()
    wf.update_case(store, ref, status="closed")
    case = _get(store, ref)
    assert (case.resolved_at, case.closed_at) == (resolved, closed)

    clock.advance(HOUR)
    wf.update_case(store, ref, status="resolved")  # closed → resolved keeps resolved_at
    case = _get(store, ref)
    assert (case.resolved_at, case.closed_at) == (resolved, None)

    clock.advance(HOUR)
    wf.update_case(store, ref, status="waiting")  # reopened
    case = _get(store, ref)
    assert (case.status, case.resolved_at, case.closed_at) == ("waiting", None, None)
    assert case.opened_at == opened


def test_closing_an_open_case_resolves_it_too(store: Store, clock: FixedClock) -> None:
    ref = _case(store, status="open")
    clock.advance(HOUR)
    wf.update_case(store, ref, status="closed")
    case = _get(store, ref)
    assert case.resolved_at == case.closed_at == clock.now()


def test_same_status_changes_nothing(store: Store, clock: FixedClock) -> None:
    ref = _case(store, status="resolved")
    before = _get(store, ref).resolved_at
    clock.advance(HOUR)
    assert wf.update_case(store, ref, status="resolved").value == []
    assert _get(store, ref).resolved_at == before


def test_every_changed_field_is_audited(store: Store, clock: FixedClock) -> None:
    ref = _case(store)
    case_id = _get(store, ref).id
    clock.advance(HOUR)
    due = clock.now() + timedelta(days=3)
    out = wf.update_case(store, ref, title="Printer still on fire", priority="urgent",
                         category="facilities", tags=["b", "a"], due_at=due,
                         next_step="Call the fire brigade", description="Smoke.",
                         status="resolved")
    assert set(out.value) == {"title", "priority", "category", "tags", "due_at", "next_step",
                              "description", "status", "resolved_at"}
    assert case_id in out.changes.ids["case"]
    entries = {field: (before, after) for field, before, after in _audit(store, case_id)}
    assert entries["title"] == ("Printer on fire", "Printer still on fire")
    assert entries["priority"] == ("normal", "urgent")
    assert entries["tags"] == ("", "a, b")
    assert entries["status"] == ("new", "resolved")
    assert entries["resolved_at"] == (None, clock.now().isoformat())
    history = case_history(store, ref)
    assert {h.field for h in history} >= set(out.value)
    assert all(h.author == "owner" and h.at == clock.now() for h in history if h.field)
    # unchanged values leave no event
    assert wf.update_case(store, ref, title="Printer still on fire").value == []


def test_bad_values_are_refused(store: Store) -> None:
    ref = _case(store)
    with pytest.raises(InvalidInput, match="not a status"):
        wf.update_case(store, ref, status="done")
    with pytest.raises(InvalidInput, match="not a priority"):
        wf.update_case(store, ref, priority="meh")
    with pytest.raises(InvalidInput, match="title"):
        wf.update_case(store, ref, title="  ")
    with pytest.raises(NotFound, match="There is no case C-9999"):
        wf.update_case(store, "C-9999", status="open")
    assert _get(store, ref).status == "new"


def test_stale_revision_is_refused(store: Store) -> None:
    ref = _case(store)
    revision = _get(store, ref).revision
    wf.update_case(store, ref, expected_revision=revision, title="New title")
    with pytest.raises(InvalidInput, match="changed meanwhile"):
        wf.update_case(store, ref, expected_revision=revision, title="Other title")


def test_first_outbound_interaction_sets_first_response(store: Store, clock: FixedClock) -> None:
    ref = _case(store)
    clock.advance(HOUR)
    log_interaction(store, ref, NewInteraction("phone", "in", "They called"))
    assert _get(store, ref).first_response_at is None
    clock.advance(HOUR)
    first = clock.now()
    log_interaction(store, ref, NewInteraction("email", "out", "We answered"))
    clock.advance(HOUR)
    log_interaction(store, ref, NewInteraction("email", "out", "And again"))
    case = _get(store, ref)
    assert case.first_response_at == first
    assert case.last_interaction_at == clock.now()
    wf.update_case(store, ref, status="resolved")
    wf.update_case(store, ref, status="open")
    assert _get(store, ref).first_response_at == first  # reopening keeps it


def test_internal_note_is_no_response(store: Store) -> None:
    ref = _case(store)
    log_interaction(store, ref, NewInteraction("note", "internal", "Thinking"))
    assert _get(store, ref).first_response_at is None


def test_participants_add_role_main_remove(store: Store) -> None:
    anna, ben, clara = (_person(store, n) for n in ("Anna", "Ben", "Clara"))
    ref = _case(store, stakeholders=[(anna, "client")])
    wf.add_participant(store, ref, ben, "vendor")
    with pytest.raises(InvalidInput, match="already involved"):
        wf.add_participant(store, ref, ben, "vendor")
    wf.add_participant(store, ref, clara, "internal team", main=True)
    detail = get_case(store, ref)
    assert [(p.name, p.role, p.is_main) for p in detail.participants] == [
        ("Clara", "internal team", True), ("Anna", "client", False), ("Ben", "vendor", False)]
    wf.set_participant_role(store, ref, ben, "requester")
    wf.set_main_participant(store, ref, anna)
    wf.remove_participant(store, ref, anna)  # the main one: the next in line takes over
    detail = get_case(store, ref)
    assert [(p.name, p.role, p.is_main) for p in detail.participants] == [
        ("Ben", "requester", True), ("Clara", "internal team", False)]
    fields = [f for f, _b, _a in _audit(store, detail.id)]
    assert {"participant", "participant_role", "main_stakeholder"} <= set(fields)
    with pytest.raises(NotFound):
        wf.remove_participant(store, ref, anna)
    with pytest.raises(NotFound):
        wf.add_participant(store, ref, "no-such-id")
    with pytest.raises(InvalidInput, match="role"):
        wf.set_participant_role(store, ref, ben, " ")


def test_first_participant_becomes_main(store: Store) -> None:
    ref = _case(store)
    anna = _person(store, "Anna")
    wf.add_participant(store, ref, anna, "patient")
    main = get_case(store, ref).main_stakeholder
    assert main is not None and main.name == "Anna"


def test_escalation_and_outcome(store: Store, clock: FixedClock) -> None:
    ref = _case(store, status="waiting")
    first = esc.escalate(store, ref, "Second line", "Out of our depth").value
    clock.advance(HOUR)
    second = esc.escalate(store, ref, "Legal", "Contract question").value
    detail = get_case(store, ref)
    assert detail.status == "escalated" and detail.escalated
    assert [e.to_name for e in detail.escalations] == ["Legal", "Second line"]
    clock.advance(HOUR)
    assert esc.record_escalation_outcome(store, first, "Fixed the driver").value == "escalated"
    assert get_case(store, ref).escalated  # one is still open
    with pytest.raises(InvalidInput, match="already has an outcome"):
        esc.record_escalation_outcome(store, first, "Again")
    assert esc.record_escalation_outcome(store, second, "Fine", "waiting").value == "waiting"
    detail = get_case(store, ref)
    assert not detail.escalated and detail.status == "waiting"
    assert [e.outcome for e in esc.list_escalations(store, ref)] == ["Fine", "Fixed the driver"]


def test_escalating_a_resolved_case_reopens_it(store: Store) -> None:
    ref = _case(store, status="resolved")
    esc.escalate(store, ref, "Team", "Customer disagrees")
    case = _get(store, ref)
    assert (case.status, case.resolved_at) == ("escalated", None)


def test_escalation_needs_target_and_reason(store: Store) -> None:
    ref = _case(store)
    with pytest.raises(InvalidInput):
        esc.escalate(store, ref, " ", "why")
    with pytest.raises(InvalidInput):
        esc.escalate(store, ref, "Team", "")
    with pytest.raises(NotFound):
        esc.record_escalation_outcome(store, "nope", "x")
    anna = _person(store, "Anna")
    esc.escalate(store, ref, "", "Her call", to_stakeholder_id=anna)
    assert get_case(store, ref).escalations[0].to_name == "Anna"


def test_errors_are_sentences(store: Store) -> None:
    with pytest.raises(SpocError) as info:
        wf.update_case(store, "C-0404", status="open")
    assert str(info.value) == "There is no case C-0404."
