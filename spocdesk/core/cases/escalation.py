"""Escalating a case to a team or a stakeholder, and recording the outcome.

Escalating sets the case's status to ``escalated`` (reopening it if it was
resolved or closed). A case counts as escalated while any of its escalations
lacks an outcome; when the last open one gets its outcome and the status is
still ``escalated``, the status goes back to ``open`` (or the status given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.cases.service import KIND, STATUSES, check_choice, resolve_case
from spocdesk.core.cases.workflow import update_in_session
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.model import CaseStatus, Escalation, Stakeholder
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store

ESCALATION = "escalation"


@dataclass(frozen=True)
class EscalationRow:
    id: str
    case_id: str
    to_name: str
    to_stakeholder_id: str | None
    escalated_at: datetime
    reason: str
    outcome: str
    outcome_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.outcome_at is None


def _row(item: Escalation) -> EscalationRow:
    return EscalationRow(item.id, item.case_id, item.to_name, item.to_stakeholder_id,
                         item.escalated_at, item.reason, item.outcome, item.outcome_at)


def open_escalations_query(case_id: str) -> sa.Select[Any]:
    return sa.select(Escalation).where(
        Escalation.case_id == case_id, Escalation.outcome_at.is_(None),
        Escalation.deleted_at.is_(None),
    )


def escalate(store: Store, case_id: str, to_name: str, reason: str,
             to_stakeholder_id: str | None = None) -> Outcome[str]:
    """Escalate a case (by id or reference); the value is the escalation's id."""
    with store.unit_of_work() as uow:
        session = uow.session
        now = store.now()
        case = resolve_case(session, case_id)
        name = to_name.strip()
        if to_stakeholder_id is not None:
            target = session.get(Stakeholder, to_stakeholder_id)
            if target is None or target.deleted_at is not None:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "There is no stakeholder with id {id}."), id=to_stakeholder_id)
            name = name or target.display_name
        if not name:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Say to whom the case is escalated."))
        if not reason.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "An escalation needs a reason."))
        item = Escalation(case_id=case.id, to_name=name, to_stakeholder_id=to_stakeholder_id,
                          escalated_at=now, reason=reason.strip(), created_at=now)
        session.add(item)
        session.flush()
        audit.record(session, entity=ESCALATION, entity_id=item.id, action="create",
                     author=store.author, at=now, field="to_name", after=name)
        update_in_session(session, case, now=now, author=store.author,
                          status=CaseStatus.ESCALATED.value)
        uow.changes.touch(ESCALATION, item.id)
        uow.changes.touch(KIND, case.id)
        uow.commit()
    return Outcome(item.id, uow.changes)


def record_escalation_outcome(store: Store, escalation_id: str, outcome: str,
                              status_after: str = CaseStatus.OPEN.value) -> Outcome[str]:
    """Record what came of an escalation; the value is the case's status afterwards."""
    check_choice("status", status_after, STATUSES)
    with store.unit_of_work() as uow:
        session = uow.session
        now = store.now()
        item = session.get(Escalation, escalation_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no escalation with id {id}."), id=escalation_id)
        if item.outcome_at is not None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "That escalation already has an outcome."))
        if not outcome.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Describe the outcome of the escalation."))
        item.outcome = outcome.strip()
        item.outcome_at = now
        audit.record(session, entity=ESCALATION, entity_id=item.id, action="update",
                     author=store.author, at=now, field="outcome", after=item.outcome)
        session.flush()
        case = resolve_case(session, item.case_id)
        still_open = session.scalars(open_escalations_query(case.id)).first()
        if still_open is None and case.status == CaseStatus.ESCALATED.value:
            update_in_session(session, case, now=now, author=store.author, status=status_after)
        uow.changes.touch(ESCALATION, item.id)
        uow.changes.touch(KIND, case.id)
        uow.commit()
    return Outcome(case.status, uow.changes)


def record_case_outcome(store: Store, case_id: str, outcome: str,
                        status_after: str = CaseStatus.OPEN.value) -> Outcome[str]:
    """Record the outcome of a case's latest open escalation (the case by id or
    reference); the value is the case's status afterwards."""
    with store.session() as session:
        case = resolve_case(session, case_id)
        latest = session.scalars(open_escalations_query(case.id).order_by(
            Escalation.escalated_at.desc(), Escalation.id).limit(1)).first()
        if latest is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Case {ref} has no escalation waiting for an outcome."),
                ref=case.ref)
        escalation_id = latest.id
    return record_escalation_outcome(store, escalation_id, outcome, status_after)


def escalations_in_session(session: Session, case_id: str) -> list[EscalationRow]:
    rows = session.scalars(
        sa.select(Escalation)
        .where(Escalation.case_id == case_id, Escalation.deleted_at.is_(None))
        .order_by(Escalation.escalated_at.desc(), Escalation.id)
    )
    return [_row(item) for item in rows]


def list_escalations(store: Store, case_id: str) -> list[EscalationRow]:
    with store.session() as session:
        case = resolve_case(session, case_id)
        return escalations_in_session(session, case.id)
