"""Stakeholders: people and organisations with their contact points."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.model import ContactKind, ContactPoint, Stakeholder, StakeholderKind, pack_tags
from spocdesk.core.services import Outcome, audit
from spocdesk.core.store import Store

KIND = "stakeholder"


@dataclass
class NewContactPoint:
    kind: str
    value: str
    label: str = ""
    preferred: bool = False


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


def normalize(kind: str, value: str) -> str:
    """What duplicate checks and digit search compare: phone digits, lower-case e-mail."""
    if kind == ContactKind.PHONE.value:
        return re.sub(r"\D", "", value)
    if kind == ContactKind.EMAIL.value:
        return value.strip().lower()
    return value.strip().lower()


def sort_key(name: str) -> str:
    return name.casefold().strip()


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


def add_in_session(session: Session, data: NewStakeholder) -> Stakeholder:
    """Create a stakeholder inside an open unit of work (used by importers too)."""
    name = data.display_name.strip()
    if not name:
        raise InvalidInput("A stakeholder needs a name.")
    if data.kind not in {k.value for k in StakeholderKind}:
        raise InvalidInput(f"'{data.kind}' is not a kind of stakeholder.")
    org_id = None
    if data.organisation.strip():
        org_id = _find_or_create_org(session, data.organisation.strip()).id
    person = Stakeholder(
        kind=data.kind, display_name=name, given_name=data.given_name,
        family_name=data.family_name, sort_name=sort_key(data.family_name or name),
        organisation_id=org_id, title=data.title, preferred_channel=data.preferred_channel,
        tags=pack_tags(data.tags), notes=data.notes, cadence_days=data.cadence_days,
    )
    session.add(person)
    session.flush()
    seen_preferred: set[str] = set()
    for point in data.contact_points:
        if point.kind not in {k.value for k in ContactKind}:
            raise InvalidInput(f"'{point.kind}' is not a kind of contact point.")
        value = point.value.strip()
        if not value:
            continue
        preferred = point.preferred and point.kind not in seen_preferred
        if preferred:
            seen_preferred.add(point.kind)
        session.add(ContactPoint(
            stakeholder_id=person.id, kind=point.kind, label=point.label, value=value,
            normalized=normalize(point.kind, value), preferred=preferred,
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


def list_stakeholders(store: Store, *, limit: int | None = None) -> list[StakeholderRow]:
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
        .order_by(Stakeholder.sort_name, Stakeholder.display_name)
        .limit(limit)
    )
    with store.connection() as conn:
        return [StakeholderRow(*row) for row in conn.execute(query)]


def get(session: Session, stakeholder_id: str) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(f"There is no stakeholder with id {stakeholder_id}.")
    return person
