"""Capture: a batch of messages stored, de-duplicated, filed and logged as one action.

:func:`capture` is what every source calls (a file import, an IMAP sync). The whole
batch is one unit of work: all of it is kept, or nothing. A message already in the
store (the same Message-ID, else the same content) is counted and skipped, so a
message is logged once however often it is imported. Each new message is filed by
the rules of :mod:`spocdesk.core.mail.filing`; a filed one becomes an entry of the
case's communication log (channel e-mail, its direction, the stakeholders among its
addresses linked, the first outgoing one setting the case's first response, as
logging by hand does) and keeps a link to it. Bodies and attachments are kept up to
the size cap setting (``mail_size_cap_mb``); what is above it is listed, not kept.

Nothing of a message is logged; the log says how many were captured.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases.service import KIND as CASE_KIND
from spocdesk.core.cases.service import NewInteraction, log_in_session
from spocdesk.core.mail import filing
from spocdesk.core.mail.filing import Facts, Filing
from spocdesk.core.mail.message import Address, MailMessage, normal_email
from spocdesk.core.mail.parse import MB, fit
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    CaseStatus,
    Channel,
    ContactKind,
    ContactPoint,
    MailIgnoreRule,
    MailState,
    Stakeholder,
    StoredAttachment,
    StoredMail,
    new_id,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.search import bulk_index
from spocdesk.core.store import Store
from spocdesk.core.store.backend import SQLITE
from spocdesk.core.uow import ChangeSet

log = logging.getLogger(__name__)
T = TypeVar("T")

KIND = "mail"
CLOSED = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)
LOG_BODY_LIMIT = 100_000  # characters of a message's text copied into its log entry
_CHUNK = 500  # values in one IN (...)


@dataclass(frozen=True)
class CapturedItem:
    mail_id: str
    subject: str
    sender: str  # "Name <address>"
    state: str  # a MailState value
    case_ref: str | None
    rule: str  # the filing rule, "" when not filed
    direction: str


@dataclass(frozen=True)
class CaptureReport:
    items: tuple[CapturedItem, ...]
    duplicates: int  # messages already in the store, skipped

    def count(self, state: MailState) -> int:
        return sum(1 for item in self.items if item.state == state.value)


# -- the store's facts -------------------------------------------------------------


@dataclass(frozen=True)
class MailSettings:
    own: frozenset[str]
    cap: int  # bytes


def mail_settings(session: Session) -> MailSettings:
    value = settings_mod.load(session)
    return MailSettings(filing.parse_own(value.own_addresses), value.mail_size_cap_mb * MB)


def size_cap(store: Store) -> int:
    """The size cap in bytes, for a source that parses before it captures."""
    with store.session() as session:
        return mail_settings(session).cap


def _chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def people_by_email(session: Session, emails: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Live stakeholders by their (normalised) e-mail addresses."""
    found: dict[str, list[str]] = {}
    for chunk in _chunks(list(dict.fromkeys(emails))):
        rows = session.execute(
            sa.select(ContactPoint.normalized, ContactPoint.stakeholder_id)
            .join(Stakeholder, Stakeholder.id == ContactPoint.stakeholder_id)
            .where(ContactPoint.kind == ContactKind.EMAIL.value,
                   ContactPoint.normalized.in_(chunk), ContactPoint.deleted_at.is_(None),
                   Stakeholder.deleted_at.is_(None))
            .order_by(Stakeholder.sort_name, Stakeholder.id))
        for email, stakeholder_id in rows:
            ids = found.setdefault(str(email), [])
            if stakeholder_id not in ids:
                ids.append(str(stakeholder_id))
    return {email: tuple(ids) for email, ids in found.items()}


def _open_cases(session: Session, people: Iterable[str]) -> dict[str, tuple[str, ...]]:
    ids = list(dict.fromkeys(people))
    found: dict[str, list[str]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            sa.select(CaseParticipant.stakeholder_id, CaseParticipant.case_id)
            .join(Case, Case.id == CaseParticipant.case_id)
            .where(CaseParticipant.stakeholder_id.in_(chunk),
                   CaseParticipant.deleted_at.is_(None), Case.deleted_at.is_(None),
                   Case.status.not_in(CLOSED)))
        for person, case_id in rows:
            found.setdefault(str(person), []).append(str(case_id))
    return {person: tuple(dict.fromkeys(cases)) for person, cases in found.items()}


def _ignore_rules(session: Session) -> frozenset[str]:
    return frozenset(str(p) for p in session.scalars(
        sa.select(MailIgnoreRule.pattern).where(MailIgnoreRule.deleted_at.is_(None))))


def batch_facts(session: Session, messages: Sequence[MailMessage],
                own: frozenset[str]) -> Facts:
    """Everything :func:`filing.decide` needs to know about ``messages``, looked up
    once for the batch (a few queries, whatever its size). Its ``thread`` is a dict
    the caller extends as it files, so a reply finds a message of the same batch."""
    numbers = list({n for m in messages for n in filing.ref_numbers(m.subject)})
    cases = {int(n): str(i) for chunk in _chunks(numbers) for n, i in session.execute(
        sa.select(Case.ref_number, Case.id).where(Case.ref_number.in_(chunk),
                                                  Case.deleted_at.is_(None)))}
    answered = list({i for m in messages for i in filing.thread_ids(m)})
    thread = {str(m): str(c) for chunk in _chunks(answered) for m, c in session.execute(
        sa.select(StoredMail.message_id, StoredMail.case_id).where(
            StoredMail.message_id.in_(chunk), StoredMail.message_id != "",
            StoredMail.deleted_at.is_(None), StoredMail.case_id.is_not(None)))}
    people = people_by_email(session, [e for m in messages for e in filing.every_address(m, own)])
    return Facts(own=own, cases_by_number=cases, thread=thread, people=people,
                 open_cases=_open_cases(session, (i for ids in people.values() for i in ids)),
                 ignored=_ignore_rules(session))


# -- storing and logging -----------------------------------------------------------


def _pairs(addresses: Sequence[Address]) -> list[list[str]]:
    return [[a.name, a.email] for a in addresses]


def _stored(message: MailMessage, decision: Filing, *, source: str, when: datetime
            ) -> StoredMail:
    sender = message.sender
    return StoredMail(
        dedupe_key=message.dedupe_key[:100], message_id=message.message_id,
        subject=message.subject, sender_name=sender.name if sender else "",
        sender_email=normal_email(sender.email) if sender else "",
        recipients=json.dumps({"to": _pairs(message.to), "cc": _pairs(message.cc)},
                              ensure_ascii=False),
        occurred_at=message.date or when, in_reply_to=message.in_reply_to or "",
        reference_ids=" ".join(message.references), body=message.text, size=message.size,
        source=source, direction=decision.direction, state=decision.state,
        filed_by=decision.rule, case_id=decision.case_id)


def recipients_of(row: StoredMail) -> tuple[tuple[Address, ...], tuple[Address, ...]]:
    """The To and Cc of a stored message."""
    try:
        value = json.loads(row.recipients or "{}")
        return tuple(tuple(Address(str(n), str(e)) for n, e in value.get(key, ()))
                     for key in ("to", "cc"))  # type: ignore[return-value]
    except (ValueError, TypeError, AttributeError):
        return (), ()


def log_body(row: StoredMail) -> str:
    """The log entry's text: who wrote to whom, then the message's text."""
    to, cc = recipients_of(row)
    sender = str(Address(row.sender_name, row.sender_email))
    lines = [f"From: {sender}"] if sender else []
    if to:
        lines.append("To: " + ", ".join(str(a) for a in to))
    if cc:
        lines.append("Cc: " + ", ".join(str(a) for a in cc))
    return "\n".join(lines) + "\n\n" + row.body[:LOG_BODY_LIMIT]


def log_mail(session: Session, row: StoredMail, case: Case, people: Sequence[str], *,
             rule: str, now: datetime, author: str, changes: ChangeSet) -> None:
    """Log ``row`` on ``case`` (one entry, the people linked) and mark it filed."""
    entry = log_in_session(session, case, NewInteraction(
        channel=Channel.EMAIL.value, direction=row.direction,
        summary=row.subject or "(no subject)", body=log_body(row),
        occurred_at=row.occurred_at, stakeholder_ids=people,
    ), now=now, author=author, changes=changes)
    row.state = MailState.FILED.value
    row.case_id = case.id
    row.interaction_id = entry.id
    row.filed_by = rule
    changes.touch(CASE_KIND, case.id)
    changes.touch(KIND, row.id)


def _add_attachments(session: Session, row: StoredMail, message: MailMessage) -> None:
    for position, item in enumerate(message.attachments):
        session.add(StoredAttachment(mail_id=row.id, position=position, filename=item.filename,
                                     content_type=item.content_type, size=item.size,
                                     data=item.data))


def capped(message: MailMessage, cap: int) -> MailMessage:
    """``message`` with no more text and attachment data than ``cap`` bytes."""
    text, attachments = fit(message.text, list(message.attachments), cap)
    if text == message.text and attachments == message.attachments:
        return message
    return replace(message, text=text, attachments=attachments)


BATCH = 500  # messages looked up, stored and let go of together


def capture(store: Store, messages: Iterable[MailMessage], *,
            source: str) -> Outcome[CaptureReport]:
    """Store, de-duplicate and file ``messages`` as one action (all or nothing).

    ``messages`` may be a generator (the messages of a large mbox file, say): they
    are taken :data:`BATCH` at a time, and each batch's rows leave the session once
    written, so memory holds one batch, not the whole import."""
    items: list[CapturedItem] = []
    duplicates = 0
    with store.unit_of_work() as uow:
        session = uow.session
        config = mail_settings(session)
        seen: set[str] = set()
        thread: dict[str, str] = {}
        source_iter = iter(messages)
        batch = list(itertools.islice(source_iter, BATCH))
        with _indexing(store, session, len(batch)) as indexed:
            while batch:
                duplicates += _capture_batch(store, uow.session, batch, config,
                                             source=source, seen=seen, thread=thread,
                                             items=items, changes=uow.changes)
                session.flush()
                session.expunge_all()  # written: attachments' data need not stay in memory
                batch = list(itertools.islice(source_iter, BATCH))
            indexed.update(item.mail_id for item in items)
        uow.commit()
    log.info("captured %d e-mail(s) (%d already there)", len(items), duplicates)
    return Outcome(CaptureReport(tuple(items), duplicates), uow.changes)


BULK_INDEX = 20  # from this many messages on, the Inbox's search documents are written
# set-based after the batch instead of by a trigger per message (1 ms against 3-4)


def _indexing(store: Store, session: Session,
              first_batch: int) -> AbstractContextManager[set[str]]:
    """How the search documents of the e-mails waiting in the Inbox are written: by
    the triggers (a few messages, e.g. one that IDLE announced), or set-based (the
    store file's index; a team server searches the records themselves)."""
    if first_batch < BULK_INDEX or store.backend != SQLITE:
        return nullcontext(set())
    return bulk_index.mail_in_bulk(session.connection())


def _capture_batch(store: Store, session: Session, batch: list[MailMessage],
                   config: MailSettings, *, source: str, seen: set[str],
                   thread: dict[str, str], items: list[CapturedItem],
                   changes: ChangeSet) -> int:
    """One batch of :func:`capture`; the number of duplicates skipped. ``seen`` (the
    keys met so far) and ``thread`` (Message-ID → case of what was filed) carry over
    from batch to batch."""
    now = store.now()
    keys = [m.dedupe_key[:100] for m in batch]
    seen.update(str(k) for chunk in _chunks(keys) for k in session.scalars(
        sa.select(StoredMail.dedupe_key).where(StoredMail.dedupe_key.in_(chunk))))
    facts = batch_facts(session, batch, config.own)
    thread.update(facts.thread)
    facts = replace(facts, thread=thread)
    duplicates = 0
    for message in batch:
        key = message.dedupe_key[:100]
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        message = capped(message, config.cap)
        decision = filing.decide(message, facts)
        row = _stored(message, decision, source=source, when=now)
        row.id = new_id()
        row.case_id = None  # set by log_mail, with the log entry
        case_ref = None
        if decision.case_id is not None:  # the entry first: one INSERT of the row
            case = session.get(Case, decision.case_id)
            assert case is not None
            log_mail(session, row, case, decision.participants, rule=decision.rule,
                     now=now, author=store.author, changes=changes)
            case_ref = case.ref
            if message.message_id:
                thread[message.message_id] = case.id
        session.add(row)
        if message.attachments:  # the row first: its attachments refer to it
            session.flush()
            _add_attachments(session, row, message)
        changes.touch(KIND, row.id)
        items.append(CapturedItem(
            mail_id=row.id, subject=row.subject,
            sender=str(message.sender) if message.sender else "", state=row.state,
            case_ref=case_ref, rule=decision.rule, direction=decision.direction))
    return duplicates
