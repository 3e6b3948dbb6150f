"""Cases and their communication log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.cases import first_contact
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    CaseStatus,
    Channel,
    Direction,
    Interaction,
    InteractionParticipant,
    Priority,
    Stakeholder,
    pack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.core.store.backend import highest_case_number
from spocdesk.core.uow import ChangeSet

KIND = "case"
INTERACTION = "interaction"
STATUSES = [s.value for s in CaseStatus]
PRIORITIES = [p.value for p in Priority]
CHANNELS = [c.value for c in Channel]
DIRECTIONS = [d.value for d in Direction]


# one whole sentence per kind of choice, so that a translation can agree with it
_NOT_A_CHOICE = {
    "status": QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{value}' is not a status; use one of: {choices}."),
    "priority": QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{value}' is not a priority; use one of: {choices}."),
    "channel": QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{value}' is not a channel; use one of: {choices}."),
    "direction": QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{value}' is not a direction; use one of: {choices}."),
    "template kind": QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{value}' is not a template kind; use one of: {choices}."),
}


def _check_choice(what: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        template = _NOT_A_CHOICE.get(what) or QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{value}' is not a {what}; use one of: {choices}.")
        raise InvalidInput(template, value=value, what=what, choices=", ".join(allowed))


check_choice = _check_choice


@dataclass
class NewCase:
    title: str
    description: str = ""
    status: str = CaseStatus.NEW.value
    priority: str = Priority.NORMAL.value
    category: str = ""
    tags: Sequence[str] = ()
    next_step: str = ""
    due_at: datetime | None = None
    opened_at: datetime | None = None
    # (stakeholder id, role); the first one is the case's main stakeholder
    stakeholders: list[tuple[str, str]] = field(default_factory=list)


def format_ref(number: int) -> str:
    return f"C-{number:04d}"


def _next_number(session: Session) -> int:
    current = session.scalar(sa.select(highest_case_number(lock=True)))
    return (current or 0) + 1


def add_in_session(session: Session, data: NewCase, *, now: datetime, author: str) -> Case:
    title = data.title.strip()
    if not title:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A case needs a title."))
    _check_choice("status", data.status, STATUSES)
    _check_choice("priority", data.priority, PRIORITIES)
    number = _next_number(session)
    case = Case(
        ref=format_ref(number), ref_number=number, title=title, description=data.description,
        status=data.status, priority=data.priority, category=data.category.strip(),
        tags=pack_tags(data.tags), next_step=data.next_step.strip(), due_at=data.due_at,
        opened_at=data.opened_at or now, created_at=now,  # the store's clock: when entered
    )
    if data.status in (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value):
        case.resolved_at = case.opened_at
        if data.status == CaseStatus.CLOSED.value:
            case.closed_at = case.opened_at
    session.add(case)
    session.flush()
    for index, (stakeholder_id, role) in enumerate(data.stakeholders):
        if session.get(Stakeholder, stakeholder_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
        session.add(CaseParticipant(case_id=case.id, stakeholder_id=stakeholder_id,
                                    role=role, is_main=index == 0, created_at=now))
    audit.record(session, entity=KIND, entity_id=case.id, action="create", author=author,
                 at=now)
    if case.resolved_at is not None:  # entered as already resolved: its verdict
        session.flush()
        first_contact.settle(session.connection(), [case.id])
    return case


def add_case(store: Store, data: NewCase) -> Outcome[str]:
    """Open a new case; the value is its reference (``C-0042``)."""
    with store.unit_of_work() as uow:
        case = add_in_session(uow.session, data, now=store.now(), author=store.author)
        uow.changes.touch(KIND, case.id)
        uow.commit()
    return Outcome(case.ref, uow.changes)


def by_ref(session: Session, ref: str) -> Case:
    case = session.scalar(
        sa.select(Case).where(sa.func.upper(Case.ref) == ref.strip().upper(),
                              Case.deleted_at.is_(None))
    )
    if case is None:
        raise NotFound(QT_TRANSLATE_NOOP("spocdesk.core", "There is no case {ref}."), ref=ref)
    return case


def resolve_case(session: Session, key: str) -> Case:
    """A case by its id or its reference (``C-0042``, any case)."""
    case = session.get(Case, key)
    if case is not None and case.deleted_at is None:
        return case
    return by_ref(session, key)


@dataclass
class NewInteraction:
    channel: str
    direction: str
    summary: str
    body: str = ""
    occurred_at: datetime | None = None
    stakeholder_ids: Sequence[str] = ()
    minutes: int | None = None  # effort: minutes spent on it; None = not counted


MAX_MINUTES = 24 * 60  # one log entry: at most a day's work


def check_minutes(minutes: int | None) -> int | None:
    """``minutes`` when it is a whole number from 0 to a day, else one sentence."""
    if minutes is None:
        return None
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not (
            0 <= minutes <= MAX_MINUTES):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Minutes spent must be a whole number from 0 to {most}."),
            most=MAX_MINUTES)
    return minutes


def _live_people(session: Session, stakeholder_ids: Sequence[str]) -> list[str]:
    """The ids once each, in order; an unknown or deleted one is a sentence."""
    people = list(dict.fromkeys(stakeholder_ids))
    if not people:
        return people
    live = set(session.scalars(sa.select(Stakeholder.id).where(
        Stakeholder.id.in_(people), Stakeholder.deleted_at.is_(None))))
    for stakeholder_id in people:
        if stakeholder_id not in live:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
    return people


def log_in_session(session: Session, case: Case | None, data: NewInteraction, *,
                   now: datetime, author: str, changes: ChangeSet | None = None
                   ) -> Interaction:
    """Append one entry; the people it was with (``data.stakeholder_ids``) are linked,
    which makes it their last contact and moves their stay-in-touch follow-ups (named
    in ``changes`` when given)."""
    summary = data.summary.strip()
    if not summary:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A log entry needs a summary."))
    _check_choice("channel", data.channel, CHANNELS)
    _check_choice("direction", data.direction, DIRECTIONS)
    when = data.occurred_at or now
    entry = Interaction(
        case_id=case.id if case else None, occurred_at=when, channel=data.channel,
        direction=data.direction, summary=summary, body=data.body, author=author,
    )
    if data.minutes is not None:  # left out of the INSERT otherwise (revision 0021)
        entry.minutes = check_minutes(data.minutes)
    people = _live_people(session, data.stakeholder_ids)
    session.add(entry)
    session.flush()
    for stakeholder_id in people:
        session.add(InteractionParticipant(interaction_id=entry.id, stakeholder_id=stakeholder_id))
    moved = followups.on_interaction_logged(session, people, when, now=now, author=author)
    if changes is not None:
        changes.touch(INTERACTION, entry.id)
        if moved:  # stay-in-touch follow-ups now count from this contact
            changes.touch(followups.KIND, *moved)
    if case is not None:
        if case.last_interaction_at is None or when > case.last_interaction_at:
            case.last_interaction_at = when
        if data.direction == Direction.OUT.value and case.first_response_at is None:
            case.first_response_at = when
            audit.record(session, entity=KIND, entity_id=case.id, action="update",
                         author=author, at=now, field="first_response_at", after=when)
        if case.resolved_at is not None and when <= case.resolved_at \
                and data.direction in (Direction.IN.value, Direction.OUT.value):
            # logged late, about the time before the resolution: the verdict again
            session.flush()
            first_contact.settle(session.connection(), [case.id])
    return entry


def log_interaction(store: Store, ref: str, data: NewInteraction) -> Outcome[str]:
    """Append one entry to a case's communication log; the value is its id."""
    with store.unit_of_work() as uow:
        case = by_ref(uow.session, ref)
        entry = log_in_session(uow.session, case, data, now=store.now(), author=store.author,
                               changes=uow.changes)
        uow.changes.touch(KIND, case.id)
        uow.commit()
    return Outcome(entry.id, uow.changes)


@dataclass(frozen=True)
class CaseRow:
    id: str
    ref: str
    title: str
    status: str
    priority: str
    category: str
    opened_at: datetime
    next_step: str


def list_cases(store: Store, *, status: str | None = None,
               limit: int | None = None) -> list[CaseRow]:
    if status is not None:
        _check_choice("status", status, STATUSES)
    query = sa.select(
        Case.id, Case.ref, Case.title, Case.status, Case.priority, Case.category,
        Case.opened_at, Case.next_step,
    ).where(Case.deleted_at.is_(None))
    if status is not None:
        query = query.where(Case.status == status)
    query = query.order_by(Case.ref_number).limit(limit)
    with store.connection() as conn:
        return [CaseRow(*row) for row in conn.execute(query)]


def count_cases(store: Store, *, status: str | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(Case).where(Case.deleted_at.is_(None))
    if status is not None:
        query = query.where(Case.status == status)
    with store.connection() as conn:
        return int(conn.execute(query).scalar_one())
