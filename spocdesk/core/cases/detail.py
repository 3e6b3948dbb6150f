"""One case in full, for the detail pane and ``spocdesk case show``: fields, the people
involved with their roles, escalations, SLA state and the audit history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import sla
from spocdesk.core.cases.escalation import EscalationRow, escalations_in_session
from spocdesk.core.cases.service import KIND, resolve_case
from spocdesk.core.model import AuditEvent, CaseParticipant, Stakeholder, unpack_tags
from spocdesk.core.store import Store


@dataclass(frozen=True)
class Participant:
    stakeholder_id: str
    name: str
    role: str
    is_main: bool


@dataclass(frozen=True)
class CaseDetail:
    id: str
    ref: str
    revision: int
    title: str
    description: str
    status: str
    priority: str
    category: str
    tags: list[str]
    next_step: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    due_at: datetime | None
    last_interaction_at: datetime | None
    next_followup_at: datetime | None
    participants: list[Participant]
    escalations: list[EscalationRow]
    sla_state: str
    sla_time_left: timedelta | None
    sla_response_deadline: datetime | None
    sla_resolution_deadline: datetime | None

    @property
    def escalated(self) -> bool:
        return any(e.is_open for e in self.escalations)

    @property
    def main_stakeholder(self) -> Participant | None:
        return next((p for p in self.participants if p.is_main), None)


def get_case(store: Store, case_id: str) -> CaseDetail:
    """A case by id or reference, with its participants, escalations and SLA."""
    with store.session() as session:
        case = resolve_case(session, case_id)
        settings = settings_mod.load(session)
        info = sla.evaluate_case(case, store.now(), settings)
        people = session.execute(
            sa.select(CaseParticipant.stakeholder_id, Stakeholder.display_name,
                      CaseParticipant.role, CaseParticipant.is_main)
            .join(Stakeholder, Stakeholder.id == CaseParticipant.stakeholder_id)
            .where(CaseParticipant.case_id == case.id, CaseParticipant.deleted_at.is_(None))
            .order_by(CaseParticipant.is_main.desc(), Stakeholder.sort_name,
                      CaseParticipant.id)
        ).all()
        return CaseDetail(
            id=case.id, ref=case.ref, revision=case.revision, title=case.title,
            description=case.description, status=case.status, priority=case.priority,
            category=case.category, tags=unpack_tags(case.tags), next_step=case.next_step,
            opened_at=case.opened_at, first_response_at=case.first_response_at,
            resolved_at=case.resolved_at, closed_at=case.closed_at, due_at=case.due_at,
            last_interaction_at=case.last_interaction_at,
            next_followup_at=case.next_followup_at,
            participants=[Participant(*row) for row in people],
            escalations=escalations_in_session(session, case.id),
            sla_state=info.state, sla_time_left=info.time_left,
            sla_response_deadline=info.response.deadline,
            sla_resolution_deadline=info.resolution.deadline,
        )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    author: str
    action: str
    field: str
    before: str | None
    after: str | None


def case_history(store: Store, case_id: str, *, limit: int = 200,
                 offset: int = 0) -> list[HistoryEntry]:
    """The audit trail of one case, newest first."""
    with store.session() as session:
        case = resolve_case(session, case_id)
        rows = session.execute(
            sa.select(AuditEvent.at, AuditEvent.author, AuditEvent.action, AuditEvent.field,
                      AuditEvent.before, AuditEvent.after)
            .where(AuditEvent.entity == KIND, AuditEvent.entity_id == case.id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id).limit(limit).offset(offset)
        ).all()
    return [HistoryEntry(*row) for row in rows]
