"""A demo case has a believable past: its History and timeline show it being created,
answered and moved through its statuses, and escalated where it was, through the
same audit records the services write."""

from __future__ import annotations

import itertools

import sqlalchemy as sa

from spocdesk.core import demo, preferences
from spocdesk.core.cases import detail as case_detail
from spocdesk.core.cases import escalation as case_escalation
from spocdesk.core.cases import timeline
from spocdesk.core.model import AuditEvent, Case, Escalation
from spocdesk.core.store import Store


def test_every_demo_case_has_a_history_that_ends_in_its_status(store: Store) -> None:
    demo.generate(store, "small")
    now = store.now()
    with store.session() as session:
        cases = session.scalars(sa.select(Case)).all()
    for case in cases:
        history = case_detail.case_history(store, case.id)
        assert [e.action for e in history].count("create") == 1, case.ref
        created = next(e for e in history if e.action == "create")
        assert created.at == case.opened_at and created.author == "owner"
        assert all(case.opened_at <= e.at <= now for e in history), case.ref
        changes = [e for e in reversed(history) if e.field == "status"]  # oldest first
        if case.status == "new":
            assert not changes
            continue
        assert changes[0].before == "new" and changes[-1].after == case.status, case.ref
        for earlier, later in itertools.pairwise(changes):
            assert earlier.after == later.before and earlier.at <= later.at, case.ref
        fields = {e.field for e in history}
        assert "first_response_at" in fields
        if case.status in ("resolved", "closed"):
            assert "resolved_at" in fields


def test_escalated_demo_cases_carry_their_escalation(store: Store) -> None:
    demo.generate(store, "small")
    with store.session() as session:
        escalated = session.scalars(sa.select(Case).where(Case.status == "escalated")).all()
        assert escalated
        open_items = []
        for case in escalated:
            item = session.scalars(case_escalation.open_escalations_query(case.id)).one()
            open_items.append(item)
            assert item.to_name and item.reason and item.escalated_at >= case.opened_at
            assert session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
                AuditEvent.entity == case_escalation.ESCALATION,
                AuditEvent.entity_id == item.id, AuditEvent.action == "create")) == 1
        settled = session.scalars(sa.select(Escalation).where(
            Escalation.outcome_at.is_not(None))).all()
    for item in settled:  # escalated on the way and back before being resolved
        statuses = [e.after for e in reversed(case_detail.case_history(store, item.case_id))
                    if e.field == "status"]
        assert statuses[:3] == ["open", "escalated", "open"]
    week = preferences.get_settings(store).working_week()
    moments = [e.escalated_at for e in settled] + [e.escalated_at for e in open_items]
    at_work = sum(week.is_working_time(m) for m in moments)  # some capped at "now"
    # (or at the resolution), which this test clock puts at a Monday's opening
    assert at_work >= len(moments) / 2
    kinds = {entry.kind for entry in timeline.timeline(store, escalated[0].id, limit=500)}
    assert {"created", "status", "escalation"} <= kinds
