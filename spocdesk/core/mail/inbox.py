"""The inbox: captured e-mail no rule could file, and the actions that file it.

Unfiled messages are listed grouped by sender, the sender with the newest message
first, each sender's messages newest first; paged (``offset``/``limit``) and counted
in SQL, for a list model that holds only the rows it shows. Each action is one unit
of work:

- :func:`file_to_case` logs the message on a case (as capture would have);
- :func:`new_case_from_mail` opens a case titled by the subject (optionally from a
  case template), the sender linked as requester — the stakeholder with the
  sender's address, else a new one made from the sender — and logs the message there;
- :func:`new_stakeholder_from_sender` adds the sender to the directory (the message
  stays in the inbox);
- :func:`dismiss` says it is not a request (it leaves the inbox, logged nowhere);
- :func:`ignore_sender` ignores the sender's address, or domain, from now on, and
  every unfiled message from it now.

A message is named by its id or by the first characters of it (six or more) that
belong to one message only, as ``spocdesk inbox list`` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.cases import templates
from spocdesk.core.cases.service import KIND as CASE_KIND
from spocdesk.core.cases.service import NewCase, add_in_session, by_ref
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.mail import filing
from spocdesk.core.mail.capture import (
    KIND,
    log_mail,
    mail_settings,
    people_by_email,
    recipients_of,
)
from spocdesk.core.mail.message import Address, normal_email
from spocdesk.core.model import (
    Case,
    ContactKind,
    MailIgnoreRule,
    MailState,
    StoredAttachment,
    StoredMail,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet

PREVIEW = 160  # characters of a message's text in a list row
MIN_PREFIX = 6
RULE_KIND = "mail_ignore_rule"
REQUESTER = "requester"


# -- reading -----------------------------------------------------------------------


@dataclass(frozen=True)
class InboxRow:
    id: str
    sender_name: str
    sender_email: str
    subject: str
    preview: str  # the start of the text, on one line
    occurred_at: datetime
    attachments: int
    sender_count: int  # unfiled messages from this sender, this one included


_UNFILED = sa.and_(StoredMail.state == MailState.UNFILED.value, StoredMail.deleted_at.is_(None))


# The inbox's order, declared once (the pages below and the ids of
# :mod:`.inbox_ids` both use it): each unfiled message with the time of its sender's
# newest one and how many its sender has; the sender with the newest message first,
# each sender's messages newest first, the id last so that the order is total.


def ranked() -> Any:
    """The unfiled messages with ``newest`` and ``sender_count`` per sender (a subquery
    chosen from the inbox's covering index alone: sender, time, id)."""
    group = (StoredMail.sender_email,)
    newest = sa.func.max(StoredMail.occurred_at).over(partition_by=group).label("newest")
    count = sa.func.count().over(partition_by=group).label("sender_count")
    return (sa.select(StoredMail.id, StoredMail.sender_email, StoredMail.occurred_at,
                      newest, count).where(_UNFILED).subquery())


def inbox_order(columns: Any) -> tuple[Any, ...]:
    """The inbox's order over the columns of :func:`ranked` (or a select of them)."""
    return (columns.newest.desc(), columns.sender_email, columns.occurred_at.desc(),
            columns.id)


def row_columns(mail_id: Any) -> tuple[Any, ...]:
    """What a list row shows besides :func:`ranked`'s columns, for the message
    ``mail_id`` (joined on :class:`StoredMail`)."""
    attachments = (sa.select(sa.func.count()).select_from(StoredAttachment)
                   .where(StoredAttachment.mail_id == mail_id,
                          StoredAttachment.deleted_at.is_(None))
                   .scalar_subquery())
    return (StoredMail.sender_name, StoredMail.subject,
            sa.func.substr(StoredMail.body, 1, PREVIEW * 4).label("start"),
            attachments.label("attachments"))


def inbox_row(r: Any) -> InboxRow:
    """An :class:`InboxRow` from a result mapping of :func:`ranked` and :func:`row_columns`."""
    return InboxRow(
        id=r["id"], sender_name=r["sender_name"], sender_email=r["sender_email"],
        subject=r["subject"], preview=" ".join(str(r["start"] or "").split())[:PREVIEW],
        occurred_at=r["occurred_at"],
        attachments=int(r["attachments"]), sender_count=int(r["sender_count"]))


def list_unfiled(store: Store, *, offset: int = 0, limit: int = 100) -> list[InboxRow]:
    """One page of the inbox: by sender (newest sender first), then newest first.

    The page is chosen from the inbox index alone (sender, time, id: a covering
    index), and only its rows are read for subject, preview and attachments."""
    inner = ranked()
    page = (sa.select(inner).order_by(*inbox_order(inner.c)).offset(max(offset, 0))
            .limit(max(limit, 0)).subquery())
    query = (sa.select(page, *row_columns(page.c.id))
             .join(StoredMail, StoredMail.id == page.c.id)
             .order_by(*inbox_order(page.c)))
    with store.connection() as conn:
        rows = conn.execute(query).mappings().all()
    return [inbox_row(r) for r in rows]


def count_unfiled(store: Store) -> int:
    """How many messages wait in the inbox (the sidebar's count)."""
    with store.connection() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(StoredMail)
                                .where(_UNFILED)).scalar_one())


def count_senders(store: Store) -> int:
    with store.connection() as conn:
        return int(conn.execute(sa.select(sa.func.count(sa.distinct(StoredMail.sender_email)))
                                .where(_UNFILED)).scalar_one())


@dataclass(frozen=True)
class AttachmentRow:
    id: str
    filename: str
    content_type: str
    size: int
    kept: bool  # False: above the size cap, listed only


@dataclass(frozen=True)
class MailDetail:
    id: str
    subject: str
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    occurred_at: datetime
    text: str
    attachments: tuple[AttachmentRow, ...]
    state: str
    direction: str
    case_ref: str | None
    interaction_id: str | None
    size: int
    source: str


def resolve_mail(session: Session, key: str) -> StoredMail:
    """A live message by its id or a unique start of it (six characters or more)."""
    key = key.strip().lower()
    row = session.get(StoredMail, key)
    if row is None and len(key) >= MIN_PREFIX:
        found = list(session.scalars(sa.select(StoredMail).where(
            StoredMail.id.startswith(key, autoescape=True),
            StoredMail.deleted_at.is_(None)).limit(2)))
        if len(found) > 1:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Several e-mails have an id starting with {key}; give more "
                "of it."), key=key)
        row = found[0] if found else None
    if row is None or row.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP("spocdesk.core", "There is no e-mail with id {key}."),
                       key=key)
    return row


def _detail(session: Session, row: StoredMail) -> MailDetail:
    to, cc = recipients_of(row)
    case_ref = session.scalar(sa.select(Case.ref).where(Case.id == row.case_id)) \
        if row.case_id else None
    attachments = tuple(AttachmentRow(str(i), str(n), str(t), int(s), bool(k))
                        for i, n, t, s, k in session.execute(
        sa.select(StoredAttachment.id, StoredAttachment.filename,
                  StoredAttachment.content_type, StoredAttachment.size,
                  StoredAttachment.data.is_not(None))
        .where(StoredAttachment.mail_id == row.id, StoredAttachment.deleted_at.is_(None))
        .order_by(StoredAttachment.position)))
    sender = Address(row.sender_name, row.sender_email) \
        if row.sender_name or row.sender_email else None
    return MailDetail(id=row.id, subject=row.subject, sender=sender, to=to, cc=cc,
                      occurred_at=row.occurred_at, text=row.body, attachments=attachments,
                      state=row.state, direction=row.direction, case_ref=case_ref,
                      interaction_id=row.interaction_id, size=row.size, source=row.source)


def get_mail(store: Store, key: str) -> MailDetail:
    with store.session() as session:
        return _detail(session, resolve_mail(session, key))


def mail_for_interaction(store: Store, interaction_id: str) -> MailDetail | None:
    """The e-mail a log entry was made from (for the case's timeline), if any."""
    with store.session() as session:
        row = session.scalar(sa.select(StoredMail).where(
            StoredMail.interaction_id == interaction_id, StoredMail.deleted_at.is_(None)))
        return _detail(session, row) if row is not None else None


def attachment_data(store: Store, attachment_id: str) -> bytes | None:
    """An attachment's content (``None``: above the size cap, not kept)."""
    with store.session() as session:
        row = session.get(StoredAttachment, attachment_id)
        if row is None or row.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no attachment with id {id}."), id=attachment_id)
        return row.data


# -- filing by hand ----------------------------------------------------------------


def _unfiled(session: Session, key: str) -> StoredMail:
    row = resolve_mail(session, key)
    if row.state == MailState.FILED.value:
        ref = session.scalar(sa.select(Case.ref).where(Case.id == row.case_id))
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "This e-mail is already filed on {ref}."), ref=ref or "?")
    return row


def _people(session: Session, row: StoredMail) -> tuple[str, ...]:
    """The stakeholders among the message's addresses (the user's own left out)."""
    own = mail_settings(session).own
    to, cc = recipients_of(row)
    emails = [row.sender_email, *(a.email for a in to + cc)]
    wanted = [e for e in dict.fromkeys(normal_email(e) for e in emails if e)
              if e not in own]
    found = people_by_email(session, wanted)
    return tuple(dict.fromkeys(i for e in wanted for i in found.get(e, ())))


def _file(session: Session, row: StoredMail, case: Case, *, store: Store,
          changes: ChangeSet, people: tuple[str, ...] | None = None) -> str:
    log_mail(session, row, case, _people(session, row) if people is None else people,
             rule=filing.HAND, now=store.now(), author=store.author, changes=changes)
    assert row.interaction_id is not None
    return row.interaction_id


def file_to_case(store: Store, key: str, case_ref: str) -> Outcome[str]:
    """Log the message on the case ``case_ref``; the value is the log entry's id."""
    with store.unit_of_work() as uow:
        row = _unfiled(uow.session, key)
        entry = _file(uow.session, row, by_ref(uow.session, case_ref), store=store,
                      changes=uow.changes)
        uow.commit()
    return Outcome(entry, uow.changes)


def _sender_stakeholder(session: Session, row: StoredMail, *, changes: ChangeSet,
                        store: Store) -> str:
    """The stakeholder with the sender's address, else a new one made from the sender."""
    found = people_by_email(session, [row.sender_email]).get(row.sender_email, ())
    if found:
        return found[0]
    return _add_sender(session, row, changes=changes, store=store)


def _add_sender(session: Session, row: StoredMail, *, changes: ChangeSet,
                store: Store) -> str:
    if not row.sender_email and not row.sender_name:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "This e-mail does not say who sent it."))
    name = row.sender_name or row.sender_email.partition("@")[0] or row.sender_email
    points = [stakeholders.NewContactPoint(ContactKind.EMAIL.value, row.sender_email,
                                           preferred=True)] if row.sender_email else []
    person = stakeholders.add_in_session(session, stakeholders.NewStakeholder(
        display_name=name, contact_points=points))
    audit.record(session, entity=stakeholders.KIND, entity_id=person.id, action="create",
                 author=store.author, at=store.now())
    changes.touch(stakeholders.KIND, person.id)
    return person.id


def new_case_from_mail(store: Store, key: str, *, template: str | None = None,
                       tz: tzinfo | None = None) -> Outcome[str]:
    """Open a case from the message (titled by its subject; from the case template
    named ``template`` when given), the sender as requester, and log the message on
    it; the value is the new case's reference."""
    template_id = templates.find_template(store, template).id if template else None
    with store.unit_of_work() as uow:
        session = uow.session
        row = _unfiled(session, key)
        requester = _sender_stakeholder(session, row, changes=uow.changes, store=store)
        title = row.subject.strip() or f"E-mail from {row.sender_name or row.sender_email}"
        people = [(requester, REQUESTER)]
        if template_id is not None:
            case = templates.add_from_template_in_session(session, templates.FromTemplate(
                template_id=template_id, stakeholders=people, title=title),
                now=store.now(), author=store.author, tz=tz)
        else:
            case = add_in_session(session, NewCase(title=title, stakeholders=people),
                                  now=store.now(), author=store.author)
        uow.changes.touch(CASE_KIND, case.id)
        _file(session, row, case, store=store, changes=uow.changes,
              people=tuple(dict.fromkeys((requester, *_people(session, row)))))
        uow.commit()
    return Outcome(case.ref, uow.changes)


def new_stakeholder_from_sender(store: Store, key: str) -> Outcome[str]:
    """Add the sender to the directory; the value is the new stakeholder's id."""
    with store.unit_of_work() as uow:
        row = resolve_mail(uow.session, key)
        if row.sender_email and people_by_email(uow.session, [row.sender_email]):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{email} is already a stakeholder's address."),
                email=row.sender_email)
        person = _add_sender(uow.session, row, changes=uow.changes, store=store)
        uow.commit()
    return Outcome(person, uow.changes)


def dismiss(store: Store, key: str) -> Outcome[str]:
    """Not a request: the message leaves the inbox and is logged nowhere."""
    with store.unit_of_work() as uow:
        row = _unfiled(uow.session, key)
        row.state = MailState.DISMISSED.value
        uow.changes.touch(KIND, row.id)
        uow.commit()
    return Outcome(row.id, uow.changes)


def ignore_sender(store: Store, key: str, *, domain: bool = False) -> Outcome[int]:
    """Ignore the message's sender (or their whole domain) from now on; every unfiled
    message from them leaves the inbox now. The value is how many did."""
    with store.unit_of_work() as uow:
        session = uow.session
        row = resolve_mail(session, key)
        email = row.sender_email
        if "@" not in email:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "This e-mail has no sender address to ignore."))
        pattern = email.rpartition("@")[2] if domain else email
        kind = "domain" if domain else "address"
        exists = session.scalar(sa.select(MailIgnoreRule.id).where(
            MailIgnoreRule.pattern == pattern, MailIgnoreRule.kind == kind,
            MailIgnoreRule.deleted_at.is_(None)))
        if exists is None:
            rule = MailIgnoreRule(kind=kind, pattern=pattern)
            session.add(rule)
            session.flush()
            uow.changes.touch(RULE_KIND, rule.id)
        match = (StoredMail.sender_email == email if not domain else sa.or_(
            StoredMail.sender_email.endswith("@" + pattern, autoescape=True),
            StoredMail.sender_email.endswith("." + pattern, autoescape=True)))
        ids = list(session.scalars(sa.select(StoredMail.id).where(_UNFILED, match)))
        if ids:
            session.execute(sa.update(StoredMail).where(StoredMail.id.in_(ids))
                            .values(state=MailState.IGNORED.value,
                                    revision=StoredMail.revision + 1, updated_at=store.now())
                            .execution_options(synchronize_session=False))
            uow.changes.touch(KIND, *ids)
        uow.commit()
    return Outcome(len(ids), uow.changes)


@dataclass(frozen=True)
class IgnoreRuleRow:
    id: str
    kind: str
    pattern: str


def list_ignore_rules(store: Store) -> list[IgnoreRuleRow]:
    with store.connection() as conn:
        return [IgnoreRuleRow(*r) for r in conn.execute(
            sa.select(MailIgnoreRule.id, MailIgnoreRule.kind, MailIgnoreRule.pattern)
            .where(MailIgnoreRule.deleted_at.is_(None))
            .order_by(MailIgnoreRule.pattern, MailIgnoreRule.kind))]


def remove_ignore_rule(store: Store, rule_id: str) -> Outcome[str]:
    """Stop ignoring; messages already ignored stay so."""
    with store.unit_of_work() as uow:
        rule = uow.session.get(MailIgnoreRule, rule_id)
        if rule is None or rule.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no ignore rule with id {id}."), id=rule_id)
        rule.deleted_at = store.now()
        uow.changes.touch(RULE_KIND, rule.id)
        uow.commit()
    return Outcome(rule.id, uow.changes)
