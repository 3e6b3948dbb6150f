"""Stakeholders: people and organisations with their contact points."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    ContactKind,
    ContactPoint,
    Stakeholder,
    StakeholderKind,
    pack_tags,
    unpack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.lookup import matching_clause, name_rank
from spocdesk.core.store import Store

KIND = "stakeholder"


@dataclass
class NewContactPoint:
    kind: str
    value: str
    label: str = ""
    preferred: bool = False
    # an address in its seven vCard parts (post office box, extended, street, locality,
    # region, postcode, country); empty when it is known only as one line
    parts: tuple[str, ...] = ()


@dataclass
class NewStakeholder:
    display_name: str
    kind: str = StakeholderKind.PERSON.value
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""  # an organisation's name: found or created
    title: str = ""
    preferred_channel: str = ""
    tags: Sequence[str] = ()
    notes: str = ""
    cadence_days: int | None = None
    contact_points: list[NewContactPoint] = field(default_factory=list)
    nickname: str = ""
    org_units: Sequence[str] = ()  # the units below the organisation, outermost first
    birthday: str = ""  # YYYY-MM-DD, or --MM-DD without a year
    anniversary: str = ""


_NOT_DIGIT = re.compile(r"\D")
_PHONE = ContactKind.PHONE.value


def normalize(kind: str, value: str) -> str:
    """What duplicate checks and digit search compare: phone digits, else lower case."""
    if kind == _PHONE:
        return _NOT_DIGIT.sub("", value)
    return value.strip().lower()


def pack_units(units: Sequence[str]) -> str:
    """Organisation units as stored: one a line, blank ones left out."""
    return "\n".join(" ".join(u.split()) for u in units if u.strip())


def unpack_units(packed: str | None) -> list[str]:
    return [u for u in (packed or "").split("\n") if u]


ADDRESS_PARTS = 7


def address_line(parts: Sequence[str]) -> str:
    """An address's parts as one line: ``Hauptstraße 1, Gebäude 3, 10115, Berlin, Germany``
    (post office box, extended, street, locality, region, postcode, country order kept)."""
    lines = [" ".join(line.split()) for part in parts for line in part.split("\n")]
    return ", ".join(line for line in lines if line)


def pack_parts(parts: Sequence[str]) -> str:
    """An address's parts as stored (a JSON list of seven), or "" when it has none."""
    if not any(p.strip() for p in parts):
        return ""
    padded = [p.strip() for p in parts][:ADDRESS_PARTS]
    return json.dumps(padded + [""] * (ADDRESS_PARTS - len(padded)), ensure_ascii=False)


def unpack_parts(packed: str | None) -> tuple[str, ...]:
    try:
        parts = json.loads(packed or "[]")
    except ValueError:
        return ()
    if not isinstance(parts, list) or len(parts) != ADDRESS_PARTS:
        return ()
    return tuple(str(p) for p in parts)


def sort_key(name: str) -> str:
    return name.casefold().strip()


@sa.event.listens_for(Stakeholder, "before_update")
def _renamed(_mapper: Any, _connection: Any, person: Stakeholder) -> None:
    """A stakeholder renamed (or given a family name, e.g. by a merge) through the ORM
    sorts by its new name; triggers (revision 0006) carry it on to the case list."""
    state = sa.inspect(person)
    if any(state.attrs[name].history.has_changes() for name in ("display_name", "family_name")):
        person.sort_name = sort_key(person.family_name or person.display_name)


def _find_or_create_org(session: Session, name: str) -> Stakeholder:
    org = session.scalar(
        sa.select(Stakeholder).where(
            Stakeholder.kind == StakeholderKind.ORGANISATION.value,
            Stakeholder.display_name == name,
            Stakeholder.deleted_at.is_(None),
        )
    )
    if org is None:
        org = Stakeholder(kind=StakeholderKind.ORGANISATION.value, display_name=name,
                          sort_name=sort_key(name))
        session.add(org)
        session.flush()
    return org


def _set(values: dict[str, str]) -> dict[str, str]:
    """The address-book fields that hold something (the others keep the column's
    default, so a plain stakeholder is written as before revision 0014)."""
    return {name: value for name, value in values.items() if value}


def add_in_session(session: Session, data: NewStakeholder) -> Stakeholder:
    """Create a stakeholder inside an open unit of work (used by importers too)."""
    name = data.display_name.strip()
    if not name:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A stakeholder needs a name."))
    if data.kind not in {k.value for k in StakeholderKind}:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{kind}' is not a kind of stakeholder."), kind=data.kind)
    org_id = None
    if data.organisation.strip():
        org_id = _find_or_create_org(session, data.organisation.strip()).id
    person = Stakeholder(
        kind=data.kind, display_name=name, given_name=data.given_name,
        family_name=data.family_name, sort_name=sort_key(data.family_name or name),
        organisation_id=org_id, title=data.title, preferred_channel=data.preferred_channel,
        tags=pack_tags(data.tags), notes=data.notes, cadence_days=data.cadence_days,
        **_set({"nickname": data.nickname, "org_units": pack_units(data.org_units),
                "birthday": data.birthday, "anniversary": data.anniversary}),
    )
    session.add(person)
    session.flush()
    seen_preferred: set[str] = set()
    for point in data.contact_points:
        if point.kind not in {k.value for k in ContactKind}:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{kind}' is not a kind of contact point."), kind=point.kind)
        value = point.value.strip()
        if not value:
            continue
        preferred = point.preferred and point.kind not in seen_preferred
        if preferred:
            seen_preferred.add(point.kind)
        session.add(ContactPoint(
            stakeholder_id=person.id, kind=point.kind, label=point.label, value=value,
            normalized=normalize(point.kind, value), preferred=preferred,
            **_set({"parts": pack_parts(point.parts)}),
        ))
    return person


def add_stakeholder(store: Store, data: NewStakeholder) -> Outcome[str]:
    with store.unit_of_work() as uow:
        person = add_in_session(uow.session, data)
        audit.record(uow.session, entity=KIND, entity_id=person.id, action="create",
                     author=store.author, at=store.now())
        uow.changes.touch(KIND, person.id)
        uow.commit()
    return Outcome(person.id, uow.changes)


@dataclass(frozen=True)
class StakeholderRow:
    id: str
    kind: str
    display_name: str
    organisation: str
    title: str
    email: str
    phone: str


def _primary(kind: str) -> sa.ScalarSelect[str]:
    cp = sa.orm.aliased(ContactPoint)
    return (
        sa.select(cp.value)
        .where(cp.stakeholder_id == Stakeholder.id, cp.kind == kind, cp.deleted_at.is_(None))
        .order_by(cp.preferred.desc(), cp.created_at)
        .limit(1)
        .scalar_subquery()
    )


def list_stakeholders(store: Store, *, limit: int | None = None,
                      search: str | None = None) -> list[StakeholderRow]:
    org = sa.orm.aliased(Stakeholder)
    query = (
        sa.select(
            Stakeholder.id, Stakeholder.kind, Stakeholder.display_name,
            sa.func.coalesce(org.display_name, ""), Stakeholder.title,
            sa.func.coalesce(_primary(ContactKind.EMAIL.value), ""),
            sa.func.coalesce(_primary(ContactKind.PHONE.value), ""),
        )
        .outerjoin(org, org.id == Stakeholder.organisation_id)
        .where(Stakeholder.deleted_at.is_(None))
        .limit(limit)
    )
    if search and search.strip():  # people named so first, then those found otherwise
        query = (query.where(matching_clause(search, store.backend))
                 .order_by(name_rank(search, store.backend)))
    query = query.order_by(Stakeholder.sort_name, Stakeholder.display_name, Stakeholder.id)
    with store.connection() as conn:
        return [StakeholderRow(*row) for row in conn.execute(query)]


def get(session: Session, stakeholder_id: str) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
    return person


def find_stakeholder(store: Store, key: str) -> str:
    """The one live stakeholder ``key`` names: an id, an e-mail address of theirs, or
    their whole name (any case); the id. Unknown or ambiguous: one sentence."""
    typed = " ".join(key.split())
    with store.connection() as conn:
        if conn.execute(sa.select(Stakeholder.id).where(
                Stakeholder.id == typed, Stakeholder.deleted_at.is_(None))).first():
            return typed
        if "@" in typed:
            found = list(conn.execute(
                sa.select(Stakeholder.id, Stakeholder.display_name).distinct()
                .join(ContactPoint, ContactPoint.stakeholder_id == Stakeholder.id)
                .where(ContactPoint.kind == ContactKind.EMAIL.value,
                       ContactPoint.normalized == normalize("email", typed),
                       ContactPoint.deleted_at.is_(None), Stakeholder.deleted_at.is_(None))
                .limit(2)))
        else:  # the lookup's candidates, then the whole name compared in Python (Unicode)
            candidates = conn.execute(
                sa.select(Stakeholder.id, Stakeholder.display_name)
                .where(Stakeholder.deleted_at.is_(None), matching_clause(typed, store.backend))
                .order_by(Stakeholder.sort_name).limit(200))
            found = [row for row in candidates
                     if " ".join(row.display_name.split()).casefold() == typed.casefold()]
    if len(found) == 1:
        return str(found[0][0])
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "No stakeholder is called or reachable at '{key}'; give their whole name, an "
            "e-mail address of theirs or their id."), key=typed)
    raise InvalidInput(QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{key}' names more than one stakeholder; give the id of the one "
        "you mean."), key=typed)


@dataclass(frozen=True)
class ContactPointRow:
    kind: str
    label: str
    value: str
    preferred: bool
    id: str = ""


@dataclass(frozen=True)
class StakeholderDetail:
    """Everything ``stakeholder show`` prints: the record, its contact points,
    its organisation or members, and the cases it is involved in with its role."""

    id: str
    kind: str
    display_name: str
    given_name: str
    family_name: str
    organisation_id: str | None
    organisation: str
    title: str
    preferred_channel: str
    tags: list[str]
    notes: str
    verified_at: datetime | None
    cadence_days: int | None
    contact_points: list[ContactPointRow]
    members: list[tuple[str, str]]  # (id, name) of an organisation's people
    cases: list[tuple[str, str, str]]  # (ref, title, role)
    revision: int = 0  # for an edit made on this copy (stakeholder_edit.save)
    # the latest logged interaction with them (kept by triggers from the log's links)
    last_contact_at: datetime | None = None
    nickname: str = ""
    org_units: list[str] = field(default_factory=list)
    birthday: str = ""  # YYYY-MM-DD or --MM-DD
    anniversary: str = ""


def details(store: Store, stakeholder_id: str) -> StakeholderDetail:
    with store.unit_of_work() as uow:
        return detail_of(uow.session, get(uow.session, stakeholder_id))


def detail_of(session: Session, person: Stakeholder) -> StakeholderDetail:
    """:func:`details` of a stakeholder read in ``session``."""
    points = [ContactPointRow(p.kind, p.label, p.value, p.preferred, p.id)
              for p in sorted(person.contact_points,
                              key=lambda p: (p.kind, not p.preferred, p.created_at))
              if p.deleted_at is None]
    org = person.organisation
    members = session.execute(
        sa.select(Stakeholder.id, Stakeholder.display_name)
        .where(Stakeholder.organisation_id == person.id, Stakeholder.deleted_at.is_(None))
        .order_by(Stakeholder.sort_name)).all()
    cases = session.execute(
        sa.select(Case.ref, Case.title, CaseParticipant.role)
        .join(CaseParticipant, CaseParticipant.case_id == Case.id)
        .where(CaseParticipant.stakeholder_id == person.id,
               CaseParticipant.deleted_at.is_(None), Case.deleted_at.is_(None))
        .order_by(Case.ref_number)).all()
    last_contact = session.scalar(sa.select(Stakeholder.__table__.c.last_contact_at)
                                  .where(Stakeholder.id == person.id))
    return StakeholderDetail(
        id=person.id, kind=person.kind, display_name=person.display_name,
        given_name=person.given_name, family_name=person.family_name,
        organisation_id=person.organisation_id,
        organisation=org.display_name if org is not None and org.deleted_at is None else "",
        title=person.title, preferred_channel=person.preferred_channel,
        tags=unpack_tags(person.tags), notes=person.notes, verified_at=person.verified_at,
        cadence_days=person.cadence_days, contact_points=points,
        members=[(m[0], m[1]) for m in members],
        cases=[(c[0], c[1], c[2]) for c in cases], revision=person.revision,
        last_contact_at=last_contact,
        nickname=person.nickname, org_units=unpack_units(person.org_units),
        birthday=person.birthday, anniversary=person.anniversary,
    )
