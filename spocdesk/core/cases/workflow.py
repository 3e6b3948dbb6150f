"""Editing a case: fields, the status workflow with its times, and the people involved.

Every changed field leaves an audit event (before, after, author, time). Status
changes keep the times: resolving sets ``resolved_at``; closing sets ``closed_at``
(and ``resolved_at`` when it was missing); reopening (any active status after
resolved/closed) clears both; closed → resolved clears ``closed_at`` only. A change
of ``resolved_at`` works out the first-contact verdict again (``first_contact``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.cases import first_contact
from spocdesk.core.cases.service import KIND, PRIORITIES, STATUSES, check_choice, resolve_case
from spocdesk.core.errors import QT_TRANSLATE_NOOP, Conflict, InvalidInput, Message, NotFound
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    CaseStatus,
    Stakeholder,
    pack_tags,
    unpack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store

if TYPE_CHECKING:
    from spocdesk.core.cases.detail import CaseDetail

PARTICIPANT = "case_participant"
DONE_STATUSES = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)
ROLES = ["client", "patient", "requester", "provider", "vendor", "internal team", "family",
         "other"]


class _Unset(enum.Enum):
    UNSET = 0


UNSET = _Unset.UNSET


def apply_status(case: Case, status: str, now: datetime) -> None:
    """Set ``case.status`` and keep opened/resolved/closed times in step."""
    check_choice("status", status, STATUSES)
    previous = case.status
    if status == previous:
        return
    case.status = status
    if status == CaseStatus.RESOLVED.value:
        if previous != CaseStatus.CLOSED.value or case.resolved_at is None:
            case.resolved_at = now
        case.closed_at = None
    elif status == CaseStatus.CLOSED.value:
        if case.resolved_at is None:
            case.resolved_at = now
        case.closed_at = now
    else:  # an active status: leaving resolved/closed reopens the case
        case.resolved_at = None
        case.closed_at = None


def snapshot(case: Case) -> dict[str, Any]:
    """The audited fields of a case, as comparable values."""
    return {
        "title": case.title, "description": case.description, "status": case.status,
        "priority": case.priority, "category": case.category,
        "tags": ", ".join(unpack_tags(case.tags)), "due_at": case.due_at,
        "next_step": case.next_step, "resolved_at": case.resolved_at,
        "closed_at": case.closed_at,
    }


def update_in_session(session: Session, case: Case, *, now: datetime, author: str,
                      title: str | _Unset = UNSET, description: str | _Unset = UNSET,
                      status: str | _Unset = UNSET, priority: str | _Unset = UNSET,
                      category: str | _Unset = UNSET, tags: Sequence[str] | _Unset = UNSET,
                      due_at: datetime | _Unset | None = UNSET,
                      next_step: str | _Unset = UNSET) -> list[str]:
    before = snapshot(case)
    if not isinstance(title, _Unset):
        if not title.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A case needs a title."))
        case.title = title.strip()
    if not isinstance(description, _Unset):
        case.description = description
    if not isinstance(priority, _Unset):
        check_choice("priority", priority, PRIORITIES)
        case.priority = priority
    if not isinstance(category, _Unset):
        case.category = category.strip()
    if not isinstance(tags, _Unset):
        case.tags = pack_tags(tags)
    if not isinstance(due_at, _Unset):
        if due_at is not None and due_at.tzinfo is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A due date needs a time zone."))
        case.due_at = due_at
    if not isinstance(next_step, _Unset):
        case.next_step = next_step.strip()
    if not isinstance(status, _Unset):
        apply_status(case, status, now)
    changed = audit.record_changes(session, entity=KIND, entity_id=case.id, author=author,
                                   at=now, before=before, after=snapshot(case))
    if "resolved_at" in changed:  # resolved, or reopened: the first-contact verdict
        session.flush()
        first_contact.settle(session.connection(), [case.id])
    return changed


#: the editable fields of a case, in the words a conflict names them
FIELD_WORDS = {
    "title": QT_TRANSLATE_NOOP("spocdesk.core", "title"),
    "status": QT_TRANSLATE_NOOP("spocdesk.core", "status"),
    "priority": QT_TRANSLATE_NOOP("spocdesk.core", "priority"),
    "category": QT_TRANSLATE_NOOP("spocdesk.core", "category"),
    "tags": QT_TRANSLATE_NOOP("spocdesk.core", "tags"),
    "due_at": QT_TRANSLATE_NOOP("spocdesk.core", "due date"),
    "next_step": QT_TRANSLATE_NOOP("spocdesk.core", "next step"),
    "description": QT_TRANSLATE_NOOP("spocdesk.core", "description"),
}


def changed_since(seen: CaseDetail, case: Case) -> list[str]:
    """The editable fields (:data:`FIELD_WORDS` keys) whose value ``case`` holds now
    differs from what ``seen`` showed."""
    now = {"title": case.title, "status": case.status, "priority": case.priority,
           "category": case.category, "tags": unpack_tags(case.tags), "due_at": case.due_at,
           "next_step": case.next_step, "description": case.description}
    return [name for name in FIELD_WORDS if getattr(seen, name) != now[name]]


def _conflict(case: Case, seen: CaseDetail | None) -> Conflict:
    fields = changed_since(seen, case) if seen is not None else []
    return Conflict(Message(QT_TRANSLATE_NOOP("spocdesk.core", "Case {ref}"), ref=case.ref),
                    [FIELD_WORDS[name] for name in fields], revision=case.revision,
                    record_id=case.id)


def update_case(store: Store, case_id: str, *, expected_revision: int | None = None,
                seen: CaseDetail | None = None,
                title: str | _Unset = UNSET, description: str | _Unset = UNSET,
                status: str | _Unset = UNSET, priority: str | _Unset = UNSET,
                category: str | _Unset = UNSET, tags: Sequence[str] | _Unset = UNSET,
                due_at: datetime | _Unset | None = UNSET,
                next_step: str | _Unset = UNSET) -> Outcome[list[str]]:
    """Change some fields of a case (by id or reference); the value is the changed fields.

    ``expected_revision`` (or ``seen``, the case as the user read it) makes the save an
    optimistic lock: when the case's revision is no longer that one (a colleague, the
    command line or another window saved it since), nothing is written and
    :class:`~spocdesk.core.errors.Conflict` names the fields changed meanwhile (as far
    as ``seen`` tells). The check holds in the database too (``UPDATE … WHERE revision
    = :seen``, see :mod:`spocdesk.core.uow`), so two saves racing on a team server
    cannot both pass it.
    """
    if expected_revision is None and seen is not None:
        expected_revision = seen.revision
    try:
        with store.unit_of_work() as uow:
            case = resolve_case(uow.session, case_id)
            if expected_revision is not None and case.revision != expected_revision:
                raise _conflict(case, seen)
            changed = update_in_session(
                uow.session, case, now=store.now(), author=store.author, title=title,
                description=description, status=status, priority=priority, category=category,
                tags=tags, due_at=due_at, next_step=next_step,
            )
            if changed:
                uow.changes.touch(KIND, case.id)
            uow.commit()
    except Conflict as exc:
        if exc.record_id is not None:
            raise
        # lost the race between reading and writing: say what the winner changed
        with store.session() as session:
            raise _conflict(resolve_case(session, case_id), seen) from exc
    return Outcome(changed, uow.changes)


# -- participants ------------------------------------------------------------


def _stakeholder(session: Session, stakeholder_id: str) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
    return person


def _active(session: Session, case_id: str) -> list[CaseParticipant]:
    return list(session.scalars(
        sa.select(CaseParticipant)
        .where(CaseParticipant.case_id == case_id, CaseParticipant.deleted_at.is_(None))
        .order_by(CaseParticipant.created_at, sa.literal_column("case_participant.rowid"))
    ))


def _find(session: Session, case: Case, stakeholder_id: str) -> CaseParticipant:
    for link in _active(session, case.id):
        if link.stakeholder_id == stakeholder_id:
            return link
    raise NotFound(QT_TRANSLATE_NOOP(
        "spocdesk.core", "That stakeholder is not involved in case {ref}."), ref=case.ref)


def _label(session: Session, link: CaseParticipant) -> str:
    return f"{_stakeholder(session, link.stakeholder_id).display_name} ({link.role})"


def _role(role: str) -> str:
    clean = role.strip()
    if not clean:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A stakeholder's role in a case cannot be empty."))
    return clean


def _participant_action(store: Store, case_id: str,
                        act: Any) -> Outcome[str]:
    with store.unit_of_work() as uow:
        case = resolve_case(uow.session, case_id)
        value: str = act(uow.session, case, store.now(), store.author)
        uow.changes.touch(KIND, case.id)
        uow.changes.touch(PARTICIPANT, value)
        uow.commit()
    return Outcome(value, uow.changes)


def _audit(session: Session, case: Case, now: datetime, author: str, field: str,
           before: str | None, after: str | None) -> None:
    audit.record(session, entity=KIND, entity_id=case.id, action="update", author=author,
                 at=now, field=field, before=before, after=after)


def add_participant(store: Store, case_id: str, stakeholder_id: str, role: str = "client",
                    *, main: bool = False) -> Outcome[str]:
    """Involve a stakeholder in a case; the first one becomes its main stakeholder."""
    def act(session: Session, case: Case, now: datetime, author: str) -> str:
        _stakeholder(session, stakeholder_id)
        current = _active(session, case.id)
        if any(link.stakeholder_id == stakeholder_id for link in current):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "That stakeholder is already involved in case {ref}."),
                ref=case.ref)
        make_main = main or not any(link.is_main for link in current)
        if make_main:
            for link in current:
                link.is_main = False
        link = CaseParticipant(case_id=case.id, stakeholder_id=stakeholder_id,
                               role=_role(role), is_main=make_main, created_at=now)
        session.add(link)
        session.flush()
        _audit(session, case, now, author, "participant", None, _label(session, link))
        if make_main:
            _audit(session, case, now, author, "main_stakeholder", None, _label(session, link))
        return link.id
    return _participant_action(store, case_id, act)


def remove_participant(store: Store, case_id: str, stakeholder_id: str) -> Outcome[str]:
    """Take a stakeholder off a case; the next one in line becomes main if needed."""
    def act(session: Session, case: Case, now: datetime, author: str) -> str:
        link = _find(session, case, stakeholder_id)
        link.deleted_at = now
        _audit(session, case, now, author, "participant", _label(session, link), None)
        if link.is_main:
            link.is_main = False
            rest = [other for other in _active(session, case.id) if other.id != link.id]
            if rest:
                rest[0].is_main = True
            _audit(session, case, now, author, "main_stakeholder", _label(session, link),
                   _label(session, rest[0]) if rest else None)
        return link.id
    return _participant_action(store, case_id, act)


def set_participant_role(store: Store, case_id: str, stakeholder_id: str,
                         role: str) -> Outcome[str]:
    def act(session: Session, case: Case, now: datetime, author: str) -> str:
        link = _find(session, case, stakeholder_id)
        new_role = _role(role)
        if new_role != link.role:
            before = _label(session, link)
            link.role = new_role
            _audit(session, case, now, author, "participant_role", before,
                   _label(session, link))
        return link.id
    return _participant_action(store, case_id, act)


def set_main_participant(store: Store, case_id: str, stakeholder_id: str) -> Outcome[str]:
    def act(session: Session, case: Case, now: datetime, author: str) -> str:
        link = _find(session, case, stakeholder_id)
        if not link.is_main:
            previous = [other for other in _active(session, case.id) if other.is_main]
            for other in previous:
                other.is_main = False
            link.is_main = True
            _audit(session, case, now, author, "main_stakeholder",
                   _label(session, previous[0]) if previous else None, _label(session, link))
        return link.id
    return _participant_action(store, case_id, act)
