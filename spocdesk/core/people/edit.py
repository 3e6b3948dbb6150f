"""Editing a stakeholder: names, organisation, title, notes, tags and contact points.

Every function is one user action (one unit of work, one commit) that writes
audit events like the case services do, under the stakeholder's id: a field's
before and after value, and for contact points ``contact_point`` (added, changed
or removed, as "kind (label): value") and ``preferred_<kind>``. A stakeholder
has exactly one preferred contact point of each kind it has: the first of a kind
becomes preferred, choosing another moves the mark, removing the preferred one
passes it to the oldest left. Input is checked before anything is written; bad
input is one sentence (:class:`InvalidInput`) and the store stays as it was.
The search index and the directory lookup follow by their triggers.

The stay-in-touch cadence has its own action with the follow-up it schedules:
:func:`spocdesk.core.followups.service.set_cadence`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, Conflict, InvalidInput, NotFound
from spocdesk.core.model import (
    Channel,
    ContactKind,
    ContactPoint,
    Stakeholder,
    StakeholderKind,
    pack_tags,
    unpack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.stakeholders import (
    KIND,
    StakeholderDetail,
    _find_or_create_org,
    detail_of,
    get,
    normalize,
    sort_key,
)
from spocdesk.core.store import Store

CONTACT_KINDS = tuple(k.value for k in ContactKind)
CHANNELS = ("", *(c.value for c in Channel))
MAX_LABEL = 100
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE = re.compile(r"^\+?[\d\s()./-]+$")


@dataclass(frozen=True)
class PointEdit:
    """One contact point as the editor holds it; ``id`` None adds a new one."""

    kind: str
    value: str
    label: str = ""
    preferred: bool = False
    id: str | None = None


@dataclass(frozen=True)
class StakeholderEdit:
    """Everything the edit dialog saves; ``contact_points`` is the whole list (points
    of the stakeholder not in it are removed)."""

    display_name: str
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""  # an organisation's name: found or created; "" for none
    title: str = ""
    preferred_channel: str = ""
    notes: str = ""
    tags: Sequence[str] = ()
    contact_points: Sequence[PointEdit] = ()


def check_point(kind: str, value: str) -> str:
    """The value to store, or :class:`InvalidInput` saying what is wrong with it."""
    if kind not in CONTACT_KINDS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{kind}' is not a kind of contact point."), kind=kind)
    clean = " ".join(value.split())
    if not clean:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A contact point needs a value."))
    if kind == ContactKind.EMAIL.value and not _EMAIL.match(clean):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "“{value}” is not an e-mail address; write it like name@example.org."),
            value=clean)
    if kind == ContactKind.PHONE.value:
        digits = len(normalize(kind, clean))
        if not _PHONE.match(clean) or not 3 <= digits <= 20:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "“{value}” is not a phone number; use 3 to 20 digits with spaces, + ( ) - . or / "
                "only."), value=clean)
    return clean


def _describe(point: ContactPoint) -> str:
    label = f" ({point.label})" if point.label else ""
    return f"{point.kind}{label}: {point.value}"


def _snapshot(person: Stakeholder, session: Session) -> dict[str, Any]:
    org = session.get(Stakeholder, person.organisation_id) if person.organisation_id else None
    return {
        "display_name": person.display_name, "given_name": person.given_name,
        "family_name": person.family_name, "title": person.title,
        "organisation": org.display_name if org is not None else "",
        "preferred_channel": person.preferred_channel, "notes": person.notes,
        "tags": ", ".join(unpack_tags(person.tags)),
    }


def _live_points(session: Session, stakeholder_id: str) -> list[ContactPoint]:
    return list(session.scalars(
        sa.select(ContactPoint)
        .where(ContactPoint.stakeholder_id == stakeholder_id, ContactPoint.deleted_at.is_(None))
        .order_by(ContactPoint.created_at, sa.literal_column("contact_point.rowid"))))


class _Editor:
    """The in-session steps, shared by the single actions and :func:`save`."""

    def __init__(self, session: Session, person: Stakeholder, store: Store) -> None:
        self.session, self.person = session, person
        self.now, self.author = store.now(), store.author

    def note(self, field: str, before: Any, after: Any) -> None:
        audit.record(self.session, entity=KIND, entity_id=self.person.id, action="update",
                     author=self.author, at=self.now, field=field, before=before, after=after)

    def fields(self, values: dict[str, Any]) -> list[str]:
        person, session = self.person, self.session
        before = _snapshot(person, session)
        if "display_name" in values:
            name = " ".join(str(values["display_name"]).split())
            if not name:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "A stakeholder needs a name."))
            person.display_name = name[:500]
        for name in ("given_name", "family_name", "title"):
            if name in values:
                setattr(person, name, " ".join(str(values[name]).split()))
        if "notes" in values:
            person.notes = str(values["notes"]).strip()
        if "preferred_channel" in values:
            channel = str(values["preferred_channel"]).strip()
            if channel not in CHANNELS:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "'{channel}' is not a channel; choose one of {choices}."),
                    channel=channel, choices=", ".join(c for c in CHANNELS if c))
            person.preferred_channel = channel
        if "tags" in values:
            person.tags = pack_tags(values["tags"])
        if "organisation" in values and (" ".join(str(values["organisation"]).split())
                                         != before["organisation"]):
            self.organisation(str(values["organisation"]))
        person.sort_name = sort_key(person.family_name or person.display_name)
        session.flush()
        return audit.record_changes(session, entity=KIND, entity_id=person.id,
                                    author=self.author, at=self.now, before=before,
                                    after=_snapshot(person, session))

    def organisation(self, name: str) -> None:
        clean = " ".join(name.split())
        if not clean:
            self.person.organisation_id = None
            return
        if self.person.kind == StakeholderKind.ORGANISATION.value:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "An organisation cannot belong to another organisation."))
        org = _find_or_create_org(self.session, clean)
        if org.id == self.person.id:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "A stakeholder cannot be its own organisation."))
        self.person.organisation_id = org.id

    def add_point(self, kind: str, value: str, label: str, preferred: bool) -> ContactPoint:
        clean = check_point(kind, value)
        point = ContactPoint(stakeholder_id=self.person.id, kind=kind, value=clean,
                             label=label.strip()[:MAX_LABEL],
                             normalized=normalize(kind, clean), preferred=False)
        self.session.add(point)
        self.session.flush()
        self.note("contact_point", None, _describe(point))
        if preferred:
            self.prefer(point)
        return point

    def edit_point(self, point: ContactPoint, kind: str, value: str, label: str) -> bool:
        clean = check_point(kind, value)
        label = label.strip()[:MAX_LABEL]
        if (point.kind, point.value, point.label) == (kind, clean, label):
            return False
        before = _describe(point)
        if point.kind != kind:
            point.preferred = False
        if (point.kind, point.value) != (kind, clean):
            point.parts = ""  # parts typed elsewhere no longer describe the new value
        point.kind, point.value, point.label = kind, clean, label
        point.normalized = normalize(kind, clean)
        self.session.flush()
        self.note("contact_point", before, _describe(point))
        return True

    def remove_point(self, point: ContactPoint) -> None:
        point.deleted_at = self.now
        point.preferred = False
        self.session.flush()
        self.note("contact_point", _describe(point), None)

    def prefer(self, point: ContactPoint) -> None:
        """Make ``point`` the preferred one of its kind (and no other)."""
        if point.preferred:
            return
        others = [p for p in _live_points(self.session, self.person.id)
                  if p.kind == point.kind and p.preferred and p.id != point.id]
        for other in others:
            other.preferred = False
        point.preferred = True
        self.session.flush()
        self.note(f"preferred_{point.kind}", others[0].value if others else None, point.value)

    def settle_preferred(self) -> None:
        """Exactly one preferred point per kind: the oldest when none is."""
        by_kind: dict[str, list[ContactPoint]] = {}
        for point in _live_points(self.session, self.person.id):
            by_kind.setdefault(point.kind, []).append(point)
        for points in by_kind.values():
            chosen = [p for p in points if p.preferred]
            for extra in chosen[1:]:
                extra.preferred = False
            if not chosen:
                self.prefer(points[0])
        self.session.flush()


def _point(session: Session, point_id: str) -> ContactPoint:
    point = session.get(ContactPoint, point_id)
    if point is None or point.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no contact point with id {id}."), id=point_id)
    return point


#: what a stale save names as changed meanwhile (:func:`changed_since`)
FIELD_WORDS = {
    "display_name": QT_TRANSLATE_NOOP("spocdesk.core", "name"),
    "given_name": QT_TRANSLATE_NOOP("spocdesk.core", "given name"),
    "family_name": QT_TRANSLATE_NOOP("spocdesk.core", "family name"),
    "organisation": QT_TRANSLATE_NOOP("spocdesk.core", "organisation"),
    "title": QT_TRANSLATE_NOOP("spocdesk.core", "role / title"),
    "preferred_channel": QT_TRANSLATE_NOOP("spocdesk.core", "preferred channel"),
    "tags": QT_TRANSLATE_NOOP("spocdesk.core", "tags"),
    "notes": QT_TRANSLATE_NOOP("spocdesk.core", "notes"),
    "contact_points": QT_TRANSLATE_NOOP("spocdesk.core", "contact points"),
    "cadence_days": QT_TRANSLATE_NOOP("spocdesk.core", "stay-in-touch cadence"),
}


def _points(detail: StakeholderDetail) -> list[tuple[str, str, str, bool]]:
    """The points as the user sees them: a kind without a preferred one shows its first
    as preferred (as every save settles it)."""
    marked = {p.kind for p in detail.contact_points if p.preferred}
    first: set[str] = set()
    rows = []
    for p in detail.contact_points:
        stands_in = p.kind not in marked and p.kind not in first
        first.add(p.kind)
        rows.append((p.kind, p.label, p.value, p.preferred or stands_in))
    return sorted(rows)


def changed_since(seen: StakeholderDetail, now: StakeholderDetail) -> list[str]:
    """The editable fields (:data:`FIELD_WORDS` keys) that differ between what ``seen``
    showed and ``now``."""
    return [name for name in FIELD_WORDS
            if (_points(seen) != _points(now) if name == "contact_points"
                else getattr(seen, name) != getattr(now, name))]


def _run(store: Store, stakeholder_id: str | None, point_id: str | None,
         action: Any, expected_revision: int | None = None,
         seen: StakeholderDetail | None = None) -> Outcome[Any]:
    """One unit of work around ``action(editor, point)``; touches the stakeholder. With
    ``expected_revision``, someone's save since then is a :class:`Conflict` that names
    what they changed (compared with ``seen``, the copy the user edited)."""
    with store.unit_of_work() as uow:
        session = uow.session
        point = _point(session, point_id) if point_id else None
        person = get(session, point.stakeholder_id if point else str(stakeholder_id))
        if expected_revision is not None and person.revision != expected_revision:
            fields = changed_since(seen, detail_of(session, person)) if seen else []
            raise Conflict(person.display_name, [FIELD_WORDS[f] for f in fields],
                           revision=person.revision, record_id=person.id)
        editor = _Editor(session, person, store)
        value = action(editor, point)
        editor.settle_preferred()
        uow.changes.touch(KIND, person.id)
        uow.commit()
    return Outcome(value, uow.changes)


def update_fields(store: Store, stakeholder_id: str, **values: Any) -> Outcome[list[str]]:
    """Change some of display_name, given_name, family_name, organisation (a name),
    title, preferred_channel, notes, tags; the value is the fields that changed."""
    allowed = set(StakeholderEdit.__dataclass_fields__) - {"contact_points"}
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{name}' is not a field of a stakeholder."), name=unknown[0])
    return _run(store, stakeholder_id, None, lambda ed, _p: ed.fields(values))


def set_tags(store: Store, stakeholder_id: str, tags: Sequence[str]) -> Outcome[list[str]]:
    return update_fields(store, stakeholder_id, tags=list(tags))


def add_contact_point(store: Store, stakeholder_id: str, kind: str, value: str,
                      label: str = "", preferred: bool = False) -> Outcome[str]:
    """Add a contact point; the value is its id."""
    return _run(store, stakeholder_id, None,
                lambda ed, _p: ed.add_point(kind, value, label, preferred).id)


def edit_contact_point(store: Store, point_id: str, *, kind: str | None = None,
                       value: str | None = None, label: str | None = None) -> Outcome[bool]:
    def edit(ed: _Editor, point: ContactPoint) -> bool:
        return ed.edit_point(point, kind or point.kind,
                             point.value if value is None else value,
                             point.label if label is None else label)
    return _run(store, None, point_id, edit)


def remove_contact_point(store: Store, point_id: str) -> Outcome[None]:
    return _run(store, None, point_id, lambda ed, point: ed.remove_point(point))


def set_preferred(store: Store, point_id: str) -> Outcome[None]:
    return _run(store, None, point_id, lambda ed, point: ed.prefer(point))


def save(store: Store, stakeholder_id: str, edit: StakeholderEdit,
         expected_revision: int | None = None,
         seen: StakeholderDetail | None = None) -> Outcome[list[str]]:
    """Apply the edit dialog in one unit of work; the value names what changed. A copy
    saved by someone since ``expected_revision`` is a :class:`Conflict` naming what
    changed since ``seen``; nothing is written."""
    for point in edit.contact_points:  # every sentence before any write
        check_point(point.kind, point.value)

    def apply(ed: _Editor, _p: None) -> list[str]:
        values = {name: getattr(edit, name) for name in StakeholderEdit.__dataclass_fields__
                  if name != "contact_points"}
        changed = ed.fields(values)
        existing = {p.id: p for p in _live_points(ed.session, ed.person.id)}
        kept = {p.id for p in edit.contact_points if p.id}
        unknown = kept - set(existing)
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "A contact point was removed meanwhile; reload and try again."))
        for point_id in existing.keys() - kept:
            ed.remove_point(existing[point_id])
            changed.append("contact_point")
        chosen: list[ContactPoint] = []
        for point in edit.contact_points:
            if point.id:
                row = existing[point.id]
                if ed.edit_point(row, point.kind, point.value, point.label):
                    changed.append("contact_point")
            else:
                row = ed.add_point(point.kind, point.value, point.label, False)
                changed.append("contact_point")
            if point.preferred:
                chosen.append(row)
        for row in chosen:  # the editor's choice wins over the mark a point had
            if not row.preferred:
                ed.prefer(row)
                changed.append(f"preferred_{row.kind}")
        return list(dict.fromkeys(changed))

    return _run(store, stakeholder_id, None, apply, expected_revision, seen)
