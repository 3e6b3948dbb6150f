"""Importing a directory: read a .vcf or .csv, preview it, then write it all or nothing.

:func:`preview` tells, before anything is written, how many contacts are new,
how many look like someone already in the store (same e-mail, same phone
number, a close name, or the same id from an earlier export) and which cards
or lines are unusable and why. :func:`apply` writes the import in one unit of
work: rows go in through bulk inserts and duplicate look-ups are a handful of
``IN`` queries, so 10,000 cards take a second or two. Any error or a cancel
rolls everything back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, SpocError
from spocdesk.core.model import (
    AuditEvent,
    ContactKind,
    ContactPoint,
    Stakeholder,
    StakeholderKind,
    new_id,
    pack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.duplicates import (
    MIN_PHONE_DIGITS,
    append_notes,
    name_key,
    phone_key,
    point_key,
    same_phone,
    union_tags,
)
from spocdesk.core.people.formats import ParsedContact, ParseResult, Problem
from spocdesk.core.people.stakeholders import (
    KIND,
    NewContactPoint,
    NewStakeholder,
    normalize,
    pack_parts,
    pack_units,
    sort_key,
)
from spocdesk.core.search.bulk_index import stakeholders_in_bulk
from spocdesk.core.store import Store, backend
from spocdesk.core.store.backend import SQLITE

MERGE, SKIP, ADD = "merge", "skip", "add"
ACTIONS = (MERGE, SKIP, ADD)
CHUNK = 500
BATCH = 1_000
# From this many contacts on, the search index is written set-based after the inserts
# instead of row by row by its triggers (see :mod:`.bulk_index`).
BULK_MIN = 200
CONTACT_KINDS = {k.value for k in ContactKind}
STAKEHOLDER_KINDS = {k.value for k in StakeholderKind}
_EMAIL, _PHONE = ContactKind.EMAIL.value, ContactKind.PHONE.value


class ImportCancelled(SpocError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The import was cancelled; nothing was changed."))


class NoContacts(InvalidInput):
    """A file with not one card or row in it (a picture renamed .vcf)."""

    def __init__(self, path: Path) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "{name} holds no contacts: it is neither a vCard file nor a contacts CSV file."),
            name=path.name)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} cannot be read ({reason})."),
            path=path, reason=exc.strerror or exc) from exc


def is_vcard_file(path: Path, data: bytes) -> bool:
    """A vCard file by its name, or (not named .csv) by a BEGIN:VCARD near its start."""
    suffix = path.suffix.lower()
    return suffix in (".vcf", ".vcard") or (
        suffix != ".csv" and b"BEGIN:VCARD" in data[:4096].upper())


def read_file(path: Path, mapping: Mapping[str, str] | None = None, encoding: str = "",
              ignore: Collection[str] = (), keep_unmapped: bool = True) -> ParseResult:
    """Parse a .vcf or .csv file (told by its name, else by its content).

    ``encoding`` is for text that is not UTF-8 and declares no charset (else guessed);
    ``mapping``, ``ignore`` and ``keep_unmapped`` are for a CSV file (see
    :func:`~spocdesk.core.people.formats.contacts_csv.parse_csv`). A file holding not one
    card or row raises :class:`NoContacts`."""
    from spocdesk.core.people.formats import contacts_csv, looks_binary, vcard

    data = read_bytes(path)
    is_vcard = is_vcard_file(path, data)
    if looks_binary(data) and b"BEGIN:VCARD" not in data[:65536].upper():
        raise NoContacts(path)
    if is_vcard:
        result = vcard.parse_vcards(data, encoding)
    else:
        result = contacts_csv.parse_csv(data, mapping, encoding, ignore, keep_unmapped)
    if result.records == 0:
        raise NoContacts(path)
    return result


@dataclass(frozen=True)
class DuplicateGroup:
    """One imported contact and the existing stakeholders it looks like."""

    index: int  # position in ``ParseResult.contacts``
    where: str
    name: str
    existing_ids: list[str]
    reasons: list[str]  # "same id", "same e-mail", "same phone", "close name"


@dataclass
class ImportPreview:
    total: int = 0
    new: int = 0
    duplicates: int = 0
    invalid: int = 0
    problems: list[Problem] = field(default_factory=list)
    groups: list[DuplicateGroup] = field(default_factory=list)
    # what the file was read as (see ParseResult): "vcard" or "csv-<profile>", the text
    # encoding when not UTF-8 and whether it was guessed, CSV columns no field reads
    format: str = ""
    encoding: str = ""
    encoding_guessed: bool = False
    unmapped: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"total": self.total, "new": self.new, "duplicates": self.duplicates,
                "invalid": self.invalid}


@dataclass(frozen=True)
class ImportResult:
    """Counts of contacts added, merged into existing stakeholders, skipped as duplicates,
    and left out as invalid; ``added_ids`` also holds organisations created because an
    imported person named one that did not exist yet."""

    added: int
    merged: int
    skipped: int
    invalid: int
    added_ids: list[str]


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _keys(data: NewStakeholder) -> tuple[set[str], set[str]]:
    """A contact's normalised e-mails and phone digit strings (long enough to compare)."""
    emails: set[str] = set()
    phones: set[str] = set()
    for point in data.contact_points:
        if point.kind == _EMAIL:
            emails.add(normalize(point.kind, point.value))
        elif point.kind == _PHONE:
            digits = normalize(point.kind, point.value)
            if phone_key(digits):
                phones.add(digits)
    emails.discard("")
    return emails, phones


def _matches(run: Callable[[Any], Any], contacts: Sequence[ParsedContact]
             ) -> list[list[tuple[str, str]]]:
    """For each contact, the (existing id, reason) pairs it looks like, strongest first.

    A handful of queries whatever the size of the file: one pass over live names (which
    also tells which ids are live), e-mails by an indexed ``IN`` in chunks, and one pass
    over phone numbers (a suffix match cannot use an index)."""
    keys = [_keys(c.data) for c in contacts]
    all_emails = sorted({e for k in keys for e in k[0]})
    wanted_phones = {phone_key(d) for k in keys for d in k[1]}
    by_name: dict[str, set[str]] = defaultdict(set)
    live_ids: set[str] = set()
    for sid, kind, name in run(sa.select(Stakeholder.id, Stakeholder.kind,
                                         Stakeholder.display_name)
                               .where(Stakeholder.deleted_at.is_(None))).all():
        live_ids.add(sid)
        by_name[f"{kind}:{name_key(name)}"].add(sid)
    by_email: dict[str, set[str]] = defaultdict(set)
    by_phone: dict[str, set[tuple[str, str]]] = defaultdict(set)
    points = sa.select(ContactPoint.stakeholder_id, ContactPoint.normalized).where(
        ContactPoint.deleted_at.is_(None))
    for chunk in _chunks(all_emails):
        for sid, value in run(points.where(ContactPoint.kind == ContactKind.EMAIL.value,
                                           ContactPoint.normalized.in_(chunk))).all():
            if sid in live_ids:
                by_email[value].add(sid)
    if wanted_phones:
        for sid, value in run(points.where(
                ContactPoint.kind == ContactKind.PHONE.value,
                sa.func.length(ContactPoint.normalized) >= MIN_PHONE_DIGITS)).all():
            key = phone_key(value)
            if key in wanted_phones and sid in live_ids:
                by_phone[key].add((sid, value))
    result: list[list[tuple[str, str]]] = []
    for contact, (emails, phones) in zip(contacts, keys, strict=True):
        found: dict[str, str] = {}
        if contact.uid in live_ids:
            found[contact.uid] = "same id"
        for value in sorted(emails):
            for sid in sorted(by_email.get(value, ())):
                found.setdefault(sid, "same e-mail")
        for value in sorted(phones):
            for sid, number in sorted(by_phone.get(phone_key(value), ())):
                if same_phone(value, number):
                    found.setdefault(sid, "same phone")
        name = f"{contact.data.kind}:{name_key(contact.data.display_name)}"
        for sid in sorted(by_name.get(name, ())):
            found.setdefault(sid, "close name")
        result.append(list(found.items()))
    return result


def _storable(value: Any) -> Any:
    """``value`` (a contact, its fields) with every NUL character as U+FFFD
    (:func:`backend.storable_text`), on the file as on a team server."""
    if isinstance(value, str):
        return backend.storable_text(value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _storable(getattr(value, f.name))
                                 for f in fields(value) if f.init})
    return value


def _storable_contacts(parsed: ParseResult) -> list[ParsedContact]:
    return [_storable(c) for c in parsed.contacts]


def preview(store: Store, parsed: ParseResult) -> ImportPreview:
    """Counts and duplicate groups for the import dialog; writes nothing."""
    parsed = replace(parsed, contacts=_storable_contacts(parsed))
    with store.connection() as conn:
        matches = _matches(conn.execute, parsed.contacts)
    out = ImportPreview(total=len(parsed.contacts) + len(parsed.problems),
                        invalid=len(parsed.problems), problems=list(parsed.problems),
                        format=parsed.format, encoding=parsed.encoding,
                        encoding_guessed=parsed.encoding_guessed,
                        unmapped=list(parsed.unmapped))
    for index, (contact, found) in enumerate(zip(parsed.contacts, matches, strict=True)):
        if not found:
            out.new += 1
            continue
        out.duplicates += 1
        out.groups.append(DuplicateGroup(
            index=index, where=str(contact.where), name=contact.data.display_name,
            existing_ids=[sid for sid, _ in found],
            reasons=list(dict.fromkeys(reason for _, reason in found))))
    return out


def _action(choice: str, found: list[tuple[str, str]]) -> tuple[str, str]:
    """``merge`` / ``merge:<id>`` / ``skip`` / ``add`` → (action, merge target)."""
    action, _, target = choice.partition(":")
    if action not in ACTIONS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{choice}' is not a choice for a duplicate; use merge, skip or add."),
            choice=choice)
    if action == MERGE:
        ids = [sid for sid, _ in found]
        if target and target not in ids:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "{target} is not one of the stakeholders this contact looks like."), target=target)
        return MERGE, target or ids[0]
    return action, ""


class _Writer:
    """Collects rows and writes them in batches inside the caller's transaction."""

    def __init__(self, session: Session, store: Store) -> None:
        self.session = session
        self.now = store.now()
        self.author = store.author
        self.people: list[dict[str, Any]] = []
        self.points: list[dict[str, Any]] = []
        self.audits: list[dict[str, Any]] = []
        self.orgs: dict[str, str] = {}
        self.added: list[str] = []

    def stamp(self) -> dict[str, Any]:
        return {"revision": 1}

    def audit(self, entity_id: str, action: str, field: str = "", after: str | None = None
              ) -> None:
        self.audits.append({"id": new_id(), "author": self.author,
                            "entity": KIND, "entity_id": entity_id, "action": action,
                            "field": field, "after": after, **self.stamp()})

    def load_orgs(self, names: set[str]) -> None:
        for chunk in _chunks(sorted(names)):
            for sid, name in self.session.execute(sa.select(
                    Stakeholder.id, Stakeholder.display_name).where(
                    Stakeholder.kind == StakeholderKind.ORGANISATION.value,
                    Stakeholder.deleted_at.is_(None), Stakeholder.display_name.in_(chunk))):
                self.orgs.setdefault(name, sid)

    def org_id(self, name: str) -> str | None:
        name = name.strip()
        if not name:
            return None
        if name not in self.orgs:
            self.orgs[name] = self.add_row(ParsedContact("", _org(name)), new_id())
        return self.orgs[name]

    def add_point(self, owner: str, point: NewContactPoint, value: str, normalized: str,
                  preferred: bool) -> None:
        self.points.append({"id": new_id(), "stakeholder_id": owner, "kind": point.kind,
                            "label": point.label[:100], "value": value,
                            "normalized": normalized, "preferred": preferred,
                            "parts": pack_parts(point.parts), **self.stamp()})

    def add_row(self, contact: ParsedContact, sid: str) -> str:
        data = contact.data
        name = " ".join(data.display_name.split())
        if not name:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{where}: a stakeholder needs a name."), where=contact.where)
        if data.kind not in STAKEHOLDER_KINDS:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{kind}' is not a kind of stakeholder."), kind=data.kind)
        org = None if data.kind == StakeholderKind.ORGANISATION.value else (
            self.org_id(data.organisation))
        self.people.append({
            "id": sid, "kind": data.kind, "display_name": name, "given_name": data.given_name,
            "family_name": data.family_name, "sort_name": sort_key(data.family_name or name),
            "organisation_id": org, "title": data.title,
            "preferred_channel": data.preferred_channel, "tags": pack_tags(data.tags),
            "notes": data.notes, "cadence_days": data.cadence_days,
            "nickname": data.nickname, "org_units": pack_units(data.org_units),
            "birthday": data.birthday, "anniversary": data.anniversary, **self.stamp()})
        seen: set[str] = set()
        preferred: set[str] = set()
        for point in data.contact_points:
            if point.kind not in CONTACT_KINDS:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "'{kind}' is not a kind of contact point."), kind=point.kind)
            value = point.value.strip()
            normalized = normalize(point.kind, value)
            key = point_key(point.kind, normalized)
            if not value or key in seen:
                continue
            seen.add(key)
            first = point.preferred and point.kind not in preferred
            if first:
                preferred.add(point.kind)
            self.add_point(sid, point, value, normalized, first)
        self.audit(sid, "create", after="import")
        self.added.append(sid)
        return sid

    def flush(self) -> None:
        """Insert the collected rows through the driver's ``executemany``: one statement per
        table, no per-row ORM or type processing (every row shares one timestamp)."""
        column: Any = Stakeholder.__table__.c.created_at
        convert = column.type.bind_processor(self.session.get_bind().dialect)
        moment = convert(self.now) if convert else self.now
        if isinstance(moment, datetime):  # as the driver's adapter writes it, once
            moment = moment.isoformat(" ")
        connection = self.session.connection()
        if connection.dialect.name != SQLITE:  # a team server: plain executemany, in the
            for model, rows in ((Stakeholder, self.people), (ContactPoint, self.points),
                                (AuditEvent, self.audits)):  # order its keys check at once
                stamps = ["created_at", "updated_at"] + (["at"] if model is AuditEvent else [])
                if model is Stakeholder:  # organisations before their people
                    rows.sort(key=lambda r: r["kind"] != StakeholderKind.ORGANISATION.value)
                if rows:
                    connection.execute(sa.insert(model), [
                        {**r, **dict.fromkeys(stamps, self.now)} for r in rows])
                rows.clear()
            return
        # Contact points before their (new) stakeholders: foreign keys are deferred, and the
        # search-index triggers then build each new stakeholder's document once, with all
        # its contact points, instead of once per point.
        for model, rows in ((ContactPoint, self.points), (Stakeholder, self.people),
                            (AuditEvent, self.audits)):
            if not rows:
                continue
            stamps = ["created_at", "updated_at"] + (["at"] if model is AuditEvent else [])
            names = list(rows[0])
            table: Any = model.__table__
            sql = (f"INSERT INTO {table.name} ({', '.join(names + stamps)}) "
                   f"VALUES ({', '.join('?' * (len(names) + len(stamps)))})")
            fixed = (moment,) * len(stamps)
            connection.exec_driver_sql(sql, [tuple(r[n] for n in names) + fixed for r in rows])
            rows.clear()

    def merge(self, pairs: list[tuple[ParsedContact, str]]) -> None:
        """Fold imported contacts into existing stakeholders, a chunk at a time."""
        targets: dict[str, Stakeholder] = {}
        have: dict[str, set[str]] = defaultdict(set)
        preferred: dict[str, set[str]] = defaultdict(set)
        ids = sorted({sid for _, sid in pairs})
        for chunk in _chunks(ids):
            for person in self.session.scalars(sa.select(Stakeholder).where(
                    Stakeholder.id.in_(chunk))):
                targets[person.id] = person
            for sid, kind, norm, pref in self.session.execute(sa.select(
                    ContactPoint.stakeholder_id, ContactPoint.kind, ContactPoint.normalized,
                    ContactPoint.preferred).where(ContactPoint.stakeholder_id.in_(chunk),
                                                  ContactPoint.deleted_at.is_(None))):
                have[sid].add(point_key(kind, norm))
                if pref:
                    preferred[sid].add(kind)
        for contact, sid in pairs:
            person, data = targets[sid], contact.data
            for point in data.contact_points:
                value = point.value.strip()
                normalized = normalize(point.kind, value)
                key = point_key(point.kind, normalized)
                if not value or key in have[sid] or point.kind not in CONTACT_KINDS:
                    continue
                have[sid].add(key)
                first = point.preferred and point.kind not in preferred[sid]
                if first:
                    preferred[sid].add(point.kind)
                self.add_point(sid, point, value, normalized, first)
            if not person.org_units and data.org_units:
                person.org_units = pack_units(data.org_units)
            for name in ("given_name", "family_name", "title", "nickname", "birthday",
                         "anniversary"):
                if not getattr(person, name) and getattr(data, name):
                    setattr(person, name, getattr(data, name))
            if person.organisation_id is None and person.kind != "organisation":
                person.organisation_id = self.org_id(data.organisation)
            person.notes = append_notes(person.notes, data.notes)
            person.tags = union_tags(person.tags, list(data.tags))
            self.audit(sid, "update", field="import", after="merged")


def _org(name: str) -> NewStakeholder:
    return NewStakeholder(display_name=name, kind=StakeholderKind.ORGANISATION.value)


def apply(store: Store, parsed: ParseResult, decisions: Mapping[int, str] | None = None,
          default: str = SKIP, progress: Callable[[int, int], None] | None = None,
          cancel: Callable[[], bool] | None = None) -> Outcome[ImportResult]:
    """Write the import in one unit of work; ``decisions`` maps a duplicate's index
    (see :class:`DuplicateGroup`) to ``merge``, ``merge:<id>``, ``skip`` or ``add``;
    other duplicates get ``default``. Any error or a cancel leaves the store as it was."""
    _action(default, [("", "")])
    decisions = dict(decisions or {})
    contacts = _storable_contacts(parsed)
    total = len(contacts)
    merged = skipped = 0
    with store.unit_of_work() as uow:
        session = uow.session
        if store.backend == SQLITE:  # rows go in by kind (a server checks each at once)
            session.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
        matches = _matches(session.execute, contacts)
        writer = _Writer(session, store)
        writer.load_orgs({c.data.organisation.strip() for c in contacts}
                         | {c.data.display_name.strip() for c in contacts
                            if c.data.kind == StakeholderKind.ORGANISATION.value})
        plans: list[tuple[str, str]] = []
        pending: list[tuple[ParsedContact, str]] = []
        for index, (contact, found) in enumerate(zip(contacts, matches, strict=True)):
            plan = (ADD, "") if not found else _action(decisions.get(index, default), found)
            if plan[0] == ADD:
                plan = (ADD, new_id())
                if contact.data.kind == StakeholderKind.ORGANISATION.value:
                    writer.orgs.setdefault(" ".join(contact.data.display_name.split()), plan[1])
            plans.append(plan)
        bulk = (stakeholders_in_bulk(session.connection())
                if total >= BULK_MIN and store.backend == SQLITE  # FTS5 triggers: the file's
                else nullcontext(set[str]()))
        with bulk as touched:
            for index, (contact, (action, target)) in enumerate(
                    zip(contacts, plans, strict=True)):
                if cancel is not None and index % 100 == 0 and cancel():
                    raise ImportCancelled()
                if action == ADD:
                    writer.add_row(contact, target)
                elif action == MERGE:
                    pending.append((contact, target))
                    merged += 1
                else:
                    skipped += 1
                if (index + 1) % BATCH == 0 or index + 1 == total:
                    writer.merge(pending)
                    pending.clear()
                    writer.flush()
                    if progress is not None:
                        progress(index + 1, total)
            if cancel is not None and cancel():
                raise ImportCancelled()
            writer.flush()
            session.flush()
            touched.update(writer.added, (t for a, t in plans if a == MERGE))
        if writer.added or merged:
            uow.changes.touch(KIND, *writer.added, *(t for a, t in plans if a == MERGE))
        uow.commit()
    result = ImportResult(added=len([a for a, _ in plans if a == ADD]), merged=merged,
                          skipped=skipped, invalid=len(parsed.problems),
                          added_ids=writer.added)
    return Outcome(result, uow.changes)
