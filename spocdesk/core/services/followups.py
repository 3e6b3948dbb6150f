"""Follow-ups: what must happen next, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.errors import InvalidInput
from spocdesk.core.model import Case, FollowUp
from spocdesk.core.services import Outcome, audit
from spocdesk.core.store import Store

KIND = "followup"


@dataclass
class NewFollowUp:
    title: str
    due_at: datetime | None
    case_id: str | None = None
    stakeholder_id: str | None = None
    notes: str = ""
    due_has_time: bool = True
    kind: str = "task"


def refresh_case_next(session: Session, case_id: str) -> None:
    """Keep ``case.next_followup_at`` (a list column) equal to its earliest open follow-up."""
    earliest = session.scalar(
        sa.select(sa.func.min(sa.func.coalesce(FollowUp.snoozed_until, FollowUp.due_at)))
        .where(FollowUp.case_id == case_id, FollowUp.done_at.is_(None),
               FollowUp.deleted_at.is_(None))
    )
    case = session.get(Case, case_id)
    if case is not None:
        case.next_followup_at = earliest


def add_in_session(session: Session, data: NewFollowUp, *, now: datetime,
                   author: str) -> FollowUp:
    title = data.title.strip()
    if not title:
        raise InvalidInput("A follow-up needs a title.")
    item = FollowUp(
        title=title, due_at=data.due_at, case_id=data.case_id,
        stakeholder_id=data.stakeholder_id, notes=data.notes, due_has_time=data.due_has_time,
        kind=data.kind,
    )
    session.add(item)
    session.flush()
    if data.case_id:
        refresh_case_next(session, data.case_id)
    audit.record(session, entity=KIND, entity_id=item.id, action="create", author=author,
                 at=now)
    return item


def add_followup(store: Store, data: NewFollowUp) -> Outcome[str]:
    with store.unit_of_work() as uow:
        item = add_in_session(uow.session, data, now=store.now(), author=store.author)
        uow.changes.touch(KIND, item.id)
        if data.case_id:
            uow.changes.touch("case", data.case_id)
        uow.commit()
    return Outcome(item.id, uow.changes)
