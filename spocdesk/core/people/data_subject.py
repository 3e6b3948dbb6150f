"""Data-subject requests (GDPR art. 15 and 17 style): everything spocdesk holds about
one person, as a dictionary / JSON file, and erasing that person for real.

Erasure deletes the record and its contact points (``DELETE``, not a soft delete),
removes the person from every case and interaction, deletes the follow-ups about
them, their Net Promoter answers and the captured e-mails they sent (with their
attachments), and replaces their name, e-mail addresses and phone numbers by
:data:`PLACEHOLDER` in the text of interactions, cases, escalations, follow-ups,
handover notes, satisfaction comments, audit values and the other captured e-mails
(subject, sender, recipients, text). The erasure is
audited without the erased data. Afterwards the full-text index is rewritten and
the WAL checkpointed with ``secure_delete`` on, so freed pages hold no old text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.model import (
    Absence,
    AuditEvent,
    Case,
    CaseFeedback,
    CaseParticipant,
    ContactPoint,
    Escalation,
    FollowUp,
    HandoverNote,
    Interaction,
    InteractionParticipant,
    NpsAnswer,
    Stakeholder,
    StoredAttachment,
    StoredMail,
    unpack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.stakeholders import KIND, unpack_parts, unpack_units
from spocdesk.core.store import Store, backend

log = logging.getLogger(__name__)

PLACEHOLDER = "[erased person]"
FORMAT_VERSION = 1
MIN_NAME = 3  # shorter names are not replaced (too many false hits)

# (model, text columns) where a person's name may appear in free text
TEXT_COLUMNS: list[tuple[Any, tuple[str, ...]]] = [
    (Interaction, ("summary", "body")),
    (Case, ("title", "description", "next_step")),
    (Escalation, ("to_name", "reason", "outcome")),
    (FollowUp, ("title", "notes")),
    (HandoverNote, ("summary", "actions", "situation", "contingencies", "synthesis")),
    (AuditEvent, ("before", "after")),
    (Stakeholder, ("notes",)),  # another person's notes may name them
    (Absence, ("note",)),
    (CaseFeedback, ("comment",)),  # a client's words about a case may name them
    # captured e-mail (revision 0019): who wrote to whom, and what
    (StoredMail, ("subject", "sender_name", "sender_email", "recipients", "body")),
]
MIN_PHONE_DIGITS = 6  # a shorter number would match too much other text


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _columns(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _iso(getattr(obj, name)) for name in names}


def _person(session: Session, stakeholder_id: str) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
    return person


def export_person(store: Store, stakeholder_id: str) -> dict[str, Any]:
    """Everything about one stakeholder: the record, contact points, cases with roles,
    the interactions they took part in, follow-ups, escalations to them, their Net
    Promoter answers, the satisfaction (CSAT) recorded on the cases they are the main
    stakeholder of, the e-mails from or to them and the audit entries about them.
    Plain JSON-ready values."""
    with store.unit_of_work() as uow:
        s = uow.session
        person = _person(s, stakeholder_id)
        org = person.organisation
        record = _columns(person, ("id", "kind", "display_name", "given_name", "family_name",
                                   "title", "preferred_channel", "notes", "verified_at",
                                   "cadence_days", "nickname", "birthday", "anniversary",
                                   "created_at", "updated_at"))
        record["organisation"] = org.display_name if org is not None else ""
        record["org_units"] = unpack_units(person.org_units)
        record["tags"] = unpack_tags(person.tags)
        points = [{**_columns(p, ("kind", "label", "value", "preferred", "created_at")),
                   "parts": list(unpack_parts(p.parts))}
                  for p in s.scalars(sa.select(ContactPoint).where(
                      ContactPoint.stakeholder_id == person.id,
                      ContactPoint.deleted_at.is_(None)).order_by(ContactPoint.kind,
                                                                  ContactPoint.created_at))]
        cases = [{"ref": c.ref, "title": c.title, "status": c.status, "role": role,
                  "opened_at": _iso(c.opened_at), "next_step": c.next_step}
                 for c, role in s.execute(
                     sa.select(Case, CaseParticipant.role)
                     .join(CaseParticipant, CaseParticipant.case_id == Case.id)
                     .where(CaseParticipant.stakeholder_id == person.id,
                            CaseParticipant.deleted_at.is_(None), Case.deleted_at.is_(None))
                     .order_by(Case.ref_number))]
        interactions = [
            {**_columns(i, ("occurred_at", "channel", "direction", "summary", "body",
                            "author")), "case": ref or ""}
            for i, ref in s.execute(
                sa.select(Interaction, Case.ref)
                .join(InteractionParticipant,
                      InteractionParticipant.interaction_id == Interaction.id)
                .outerjoin(Case, Case.id == Interaction.case_id)
                .where(InteractionParticipant.stakeholder_id == person.id,
                       InteractionParticipant.deleted_at.is_(None),
                       Interaction.deleted_at.is_(None))
                .order_by(Interaction.occurred_at))]
        followups = [_columns(f, ("title", "notes", "kind", "due_at", "rrule", "done_at",
                                  "snoozed_until"))
                     for f in s.scalars(sa.select(FollowUp).where(
                         FollowUp.stakeholder_id == person.id, FollowUp.deleted_at.is_(None))
                         .order_by(FollowUp.due_at))]
        escalations = [_columns(e, ("to_name", "escalated_at", "reason", "outcome"))
                       for e in s.scalars(sa.select(Escalation).where(
                           Escalation.to_stakeholder_id == person.id,
                           Escalation.deleted_at.is_(None)))]
        nps = [_columns(n, ("quarter", "score", "comment", "answered_at"))
               for n in s.scalars(sa.select(NpsAnswer).where(
                   NpsAnswer.stakeholder_id == person.id, NpsAnswer.deleted_at.is_(None))
                   .order_by(NpsAnswer.answered_at))]
        # the satisfaction recorded on the cases they are the main stakeholder of (the
        # client who was asked), with what they said
        satisfaction = [
            {"case": ref, **_columns(f, ("csat", "comment", "via", "recorded_at"))}
            for f, ref in s.execute(
                sa.select(CaseFeedback, Case.ref)
                .join(Case, Case.id == CaseFeedback.case_id)
                .join(CaseParticipant, CaseParticipant.case_id == Case.id)
                .where(CaseParticipant.stakeholder_id == person.id,
                       CaseParticipant.is_main.is_(True),
                       CaseParticipant.deleted_at.is_(None), Case.deleted_at.is_(None),
                       CaseFeedback.deleted_at.is_(None))
                .order_by(CaseFeedback.recorded_at))]
        emails = _mail_of(s, [p["value"] for p in points if p["kind"] == "email"])
        point_ids = sa.select(ContactPoint.id).where(ContactPoint.stakeholder_id == person.id)
        events = [_columns(a, ("at", "entity", "action", "field", "before", "after", "author"))
                  for a in s.scalars(sa.select(AuditEvent).where(
                      sa.or_(AuditEvent.entity_id == person.id,
                             AuditEvent.entity_id.in_(point_ids)))
                      .order_by(AuditEvent.at))]
        return {
            "format": "spocdesk-data-subject", "version": FORMAT_VERSION,
            "exported_at": store.now().isoformat(), "stakeholder": record,
            "contact_points": points, "cases": cases, "interactions": interactions,
            "followups": followups, "escalations": escalations, "nps_answers": nps,
            "satisfaction": satisfaction, "emails": emails, "audit": events,
        }


def _mail_of(session: Session, addresses: Sequence[str]) -> list[dict[str, Any]]:
    """The captured e-mails the person sent or was addressed in (to or cc), filed or
    not, with the names and sizes of their attachments."""
    wanted = sorted({a.strip().lower() for a in addresses if a.strip()})
    if not wanted:
        return []
    # recipients are JSON pairs [name, email] with the address in lower case
    addressed = [sa.func.lower(StoredMail.recipients).contains(json.dumps(a, ensure_ascii=False))
                 for a in wanted]
    rows = session.execute(
        sa.select(StoredMail, Case.ref).outerjoin(Case, Case.id == StoredMail.case_id)
        .where(StoredMail.deleted_at.is_(None),
               sa.or_(StoredMail.sender_email.in_(wanted), *addressed))
        .order_by(StoredMail.occurred_at, StoredMail.id)).all()
    files: dict[str, list[dict[str, Any]]] = {}
    ids = [m.id for m, _ref in rows]
    for start in range(0, len(ids), 500):
        for a in session.scalars(sa.select(StoredAttachment).where(
                StoredAttachment.mail_id.in_(ids[start:start + 500]),
                StoredAttachment.deleted_at.is_(None)).order_by(StoredAttachment.position)):
            files.setdefault(a.mail_id, []).append({"filename": a.filename,
                                                    "content_type": a.content_type,
                                                    "size": a.size})
    return [{**_columns(m, ("occurred_at", "direction", "subject", "sender_name",
                            "sender_email", "body", "state")),
             "recipients": json.loads(m.recipients or "{}"), "case": ref or "",
             "attachments": files.get(m.id, [])}
            for m, ref in rows]


def export_person_json(store: Store, stakeholder_id: str, path: Path, *,
                       force: bool | None = None) -> Outcome[int]:
    """Write :func:`export_person` as JSON, atomically and owner-only, never onto the
    store or a backup nor an existing file unless ``force`` (``None``: a save dialog
    asked already); the value is the number of interactions exported."""
    from spocdesk.core import safe_write
    from spocdesk.core.uow import ChangeSet

    target = safe_write.guard(store, path, force=force)
    data = export_person(store, stakeholder_id)
    with safe_write.atomic_write(target) as fh:
        fh.write(json.dumps(data, indent=2, ensure_ascii=False))
    return Outcome(len(data["interactions"]), ChangeSet())


def name_forms(person: Stakeholder) -> list[str]:
    """The spellings of a person's full name to replace, longest first (a family name
    alone is left: it would also erase other people who share it)."""
    given, family = person.given_name.strip(), person.family_name.strip()
    forms = {person.display_name.strip()}
    if given and family:
        forms |= {f"{given} {family}", f"{family}, {given}", f"{family} {given}"}
    return sorted((f for f in forms if len(f) >= MIN_NAME), key=len, reverse=True)


def phone_pattern(value: str) -> str | None:
    """A regex for a phone number however it is spaced or dotted, with or without its
    country code: its last digits (from the trunk prefix on), any separators between
    them, and whatever digits and ``+`` come before (``+49 30 1234567`` also matches
    ``030 123 45 67`` and ``(030) 1234-567``)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    tail = digits[-min(len(digits), 9):]  # the subscriber part and the area code
    sep = r"[\s().\-/]*"
    return r"(?<![\w+])(?:\+?[\d\s().\-/]*?)" + sep.join(tail) + r"(?!\d)"


def _pattern(forms: list[str], emails: Sequence[str] = (), phones: Sequence[str] = ()
             ) -> re.Pattern[str]:
    parts = [r"(?<!\w)" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?!\w)"
             for form in forms]
    parts += [r"(?<![\w.+-])" + re.escape(e) + r"(?![\w-])" for e in emails if e]
    parts += [p for p in (phone_pattern(v) for v in phones) if p]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def _server_regex(forms: list[str], emails: Sequence[str] = (),
                  phones: Sequence[str] = ()) -> str:
    """A POSIX regular expression (PostgreSQL's) matching at least wherever
    :func:`_pattern` does, to find the rows on a team server: the same names, addresses
    and phone digits, with any non-alphanumeric run where the pattern allows spaces or
    separators, and without its word boundaries."""
    def literal(text: str) -> str:
        return "".join(c if c.isalnum() else "\\" + c for c in text)

    gap = "[^[:alnum:]]"
    parts = [f"{gap}+".join(literal(w) for w in form.split()) for form in forms]
    parts += [literal(e) for e in emails if e]
    for value in phones:
        digits = re.sub(r"\D", "", value)
        if len(digits) >= MIN_PHONE_DIGITS:
            parts.append(f"{gap}*".join(digits[-min(len(digits), 9):]))
    return "|".join(f"({p})" for p in parts)


def _scrub_text(session: Session, pattern: re.Pattern[str], server_regex: str) -> int:
    """Replace the name, e-mail addresses and phone numbers in every free-text column
    that holds them; returns the fields changed. The rows are found in SQL (the pattern
    as a function on the file, ``server_regex`` on a server), not by loading every row;
    on a server, only the rows the caller may change are found."""
    hit = backend.text_matches(session.connection(), pattern, server_regex)
    changed = 0
    for model, names in TEXT_COLUMNS:
        conditions = [hit(getattr(model, col)) for col in names]
        for obj in session.scalars(sa.select(model).where(sa.or_(*conditions))):
            for col in names:
                value = getattr(obj, col)
                if value:
                    new = pattern.sub(PLACEHOLDER, value)
                    if new != value:
                        setattr(obj, col, new)
                        changed += 1
    return changed


def _erase_mail_from(session: Session, emails: Sequence[str]) -> list[str]:
    """Delete the captured e-mails the person sent, with their attachments (which no
    text scrub can reach); the ids. E-mail they only received is scrubbed as text."""
    senders = [e.strip().lower() for e in emails if e.strip()]
    if not senders:
        return []
    ids = list(session.scalars(sa.select(StoredMail.id)
                               .where(StoredMail.sender_email.in_(senders))))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(sa.delete(StoredAttachment).where(StoredAttachment.mail_id.in_(chunk)))
        session.execute(sa.delete(StoredMail).where(StoredMail.id.in_(chunk)))
    return ids


ERASE_NOT_YOURS = QT_TRANSLATE_NOOP(
    "spocdesk.core", "Only the person's owner or a lead can erase them for good on the team "
    "server; nothing was changed.")
ERASE_ELSEWHERE = QT_TRANSLATE_NOOP(
    "spocdesk.core", "This person is also in colleagues' records that you cannot change, so "
    "nothing was erased; a lead can erase them for the whole team.")


def erase_person(store: Store, stakeholder_id: str) -> Outcome[int]:
    """Erase a person (or an organisation) for good; one unit of work. The value is
    the number of text fields where the name was replaced."""
    now = store.now()
    with store.unit_of_work() as uow:
        s = uow.session
        backend.secure_delete(s.connection())
        person = _person(s, stakeholder_id)
        sid = person.id
        forms = name_forms(person)
        points = list(s.execute(sa.select(ContactPoint.id, ContactPoint.kind,
                                          ContactPoint.value)
                                .where(ContactPoint.stakeholder_id == sid)))
        point_ids = [p.id for p in points]
        emails = [p.value.strip() for p in points if p.kind == "email"]
        phones = [p.value for p in points if p.kind == "phone"]
        pattern = _pattern(forms, emails, phones) if forms or emails or phones else None
        server_regex = _server_regex(forms, emails, phones)
        case_ids = set(s.scalars(sa.select(CaseParticipant.case_id)
                                 .where(CaseParticipant.stakeholder_id == sid)))
        followup_ids = list(s.scalars(sa.select(FollowUp.id)
                                      .where(FollowUp.stakeholder_id == sid)))
        mail_ids = _erase_mail_from(s, emails)
        changed = _scrub_text(s, pattern, server_regex) if pattern is not None else 0
        s.flush()
        s.execute(sa.delete(InteractionParticipant)
                  .where(InteractionParticipant.stakeholder_id == sid))
        s.execute(sa.delete(CaseParticipant).where(CaseParticipant.stakeholder_id == sid))
        s.execute(sa.delete(FollowUp).where(FollowUp.stakeholder_id == sid))
        s.execute(sa.delete(NpsAnswer).where(NpsAnswer.stakeholder_id == sid))
        s.execute(sa.update(Escalation).where(Escalation.to_stakeholder_id == sid)
                  .values(to_stakeholder_id=None))
        s.execute(sa.update(Stakeholder).where(Stakeholder.organisation_id == sid)
                  .values(organisation_id=None))
        # what the audit log said about them (before/after values) is their data too
        s.execute(sa.delete(AuditEvent).where(
            sa.or_(AuditEvent.entity_id == sid, AuditEvent.entity_id.in_(point_ids))))
        s.execute(sa.delete(ContactPoint).where(ContactPoint.stakeholder_id == sid))
        s.expunge_all()
        _delete_person(s, sid)
        audit.record(s, entity=KIND, entity_id=sid, action="erase", author=store.author,
                     at=now)
        if case_ids:
            from spocdesk.core.followups import service as followups

            for case_id in case_ids:
                followups.refresh_case_next(s, case_id)
        uow.changes.touch(KIND, sid)
        if case_ids:
            uow.changes.touch("case", *case_ids)
        if followup_ids:
            uow.changes.touch("followup", *followup_ids)
        uow.changes.touch("interaction")
        uow.changes.touch("mail", *mail_ids)
        uow.commit()
    _hygiene(store)
    return Outcome(changed, uow.changes)


def _delete_person(session: Session, sid: str) -> None:
    """The record itself, last. On a team server row security decides: a person one
    may see but not delete (a colleague's), or one still named by rows one cannot see
    or change (on a colleague's case, in their follow-up), is refused in a sentence and
    the whole erasure rolled back; on the file the one user owns everything."""
    try:
        result = session.connection().execute(
            sa.delete(Stakeholder).where(Stakeholder.id == sid))
        deleted = result.rowcount
    except sa.exc.IntegrityError:  # a row the caller cannot see still points here
        raise InvalidInput(ERASE_ELSEWHERE) from None
    if deleted != 1:
        raise InvalidInput(ERASE_NOT_YOURS)


def _hygiene(store: Store) -> None:
    """Rewrite the full-text index (deleted terms stay in old segments otherwise) and
    checkpoint the WAL so no page with the old text survives in it. A team server has
    neither: its search documents change with the records, and its dead rows are for
    ``VACUUM`` (the server operator's)."""
    try:
        with store.connection() as conn:
            backend.secure_delete(conn)
            if sa.inspect(conn).has_table("search_index"):
                conn.exec_driver_sql(
                    "INSERT INTO search_index(search_index) VALUES ('optimize')")
            conn.commit()
        store.checkpoint()
    except Exception as exc:  # the erasure itself is committed; hygiene is best effort
        log.warning("could not tidy the store after an erasure (%s)", type(exc).__name__)
