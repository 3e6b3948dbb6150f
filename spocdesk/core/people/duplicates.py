"""Duplicate stakeholders: how to tell them, finding them, and merging two into one.

Two records look alike when they share an e-mail address (case-insensitive),
a phone number (the last nine digits, whatever the formatting or country
prefix) or a close name (same words in any order, accents and case ignored).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.model import (
    CaseParticipant,
    ContactKind,
    ContactPoint,
    Escalation,
    FollowUp,
    InteractionParticipant,
    Stakeholder,
    pack_tags,
    unpack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.stakeholders import KIND, get
from spocdesk.core.store import Store

PHONE_DIGITS = 9
MIN_PHONE_DIGITS = 6
_PHONE = ContactKind.PHONE.value


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """``"Müller, Anna"`` and ``"anna  MULLER"`` → ``"anna muller"``."""
    plain = name.casefold()
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain))
    return " ".join(sorted(_NOT_WORD.sub(" ", plain).split()))


def phone_key(normalized: str) -> str:
    """The last nine digits of a phone number; "" for numbers too short to compare."""
    return normalized[-PHONE_DIGITS:] if len(normalized) >= MIN_PHONE_DIGITS else ""


def same_phone(a: str, b: str) -> bool:
    """Two digit strings are one number when one ends with the other once leading zeros
    (trunk or ``00`` prefixes) are dropped: ``+49 30 1234567`` is ``030 1234567``,
    but ``+33 612345678`` is not ``+34 612345678``."""
    a, b = a.lstrip("0"), b.lstrip("0")
    if len(a) < MIN_PHONE_DIGITS or len(b) < MIN_PHONE_DIGITS:
        return a == b
    return a.endswith(b) or b.endswith(a)


def point_key(kind: str, normalized: str) -> str:
    """What two contact points of one stakeholder are compared by."""
    if kind == _PHONE:
        return f"phone:{normalized.lstrip('0')}"
    return f"{kind}:{normalized}"


def append_notes(existing: str, incoming: str) -> str:
    incoming = incoming.strip()
    if not incoming or incoming in existing:
        return existing
    return f"{existing.rstrip()}\n\n{incoming}" if existing.strip() else incoming


def union_tags(existing: str, incoming: list[str]) -> str:
    return pack_tags([*unpack_tags(existing), *incoming])


@dataclass(frozen=True)
class DuplicateSet:
    """Stakeholders that look like one person, and why (``email``, ``phone``, ``name``)."""

    ids: list[str]
    names: list[str]
    reasons: list[str]


def find_duplicates(store: Store) -> list[DuplicateSet]:
    """Every group of live stakeholders sharing an e-mail, a phone number or a close name."""
    live = Stakeholder.deleted_at.is_(None)
    with store.connection() as conn:
        people = conn.execute(
            sa.select(Stakeholder.id, Stakeholder.kind, Stakeholder.display_name).where(live)
        ).all()
        points = conn.execute(
            sa.select(ContactPoint.stakeholder_id, ContactPoint.kind, ContactPoint.normalized)
            .join(Stakeholder, Stakeholder.id == ContactPoint.stakeholder_id)
            .where(live, ContactPoint.deleted_at.is_(None),
                   ContactPoint.kind.in_([ContactKind.EMAIL.value, ContactKind.PHONE.value]))
        ).all()
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, kind, name in people:
        key = name_key(name)
        if key:
            holders[("name", f"{kind}:{key}")].add(sid)
    phones: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sid, kind, normalized in points:
        if kind == ContactKind.PHONE.value:
            if phone_key(normalized):
                phones[phone_key(normalized)].append((sid, normalized))
        elif normalized:
            holders[(kind, normalized)].add(sid)
    for key, numbers in phones.items():
        for index, (sid, number) in enumerate(numbers):
            for other_sid, other in numbers[index + 1:]:
                if other_sid != sid and same_phone(number, other):
                    holders[("phone", f"{key}:{index}")].update({sid, other_sid})
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    reasons: dict[str, set[str]] = defaultdict(set)
    for (why, _key), ids in holders.items():
        if len(ids) < 2:
            continue
        first, *rest = sorted(ids)
        for other in rest:
            a, b = root(first), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        for sid in ids:
            reasons[sid].add(why)
    groups: dict[str, list[str]] = defaultdict(list)
    for sid in reasons:
        groups[root(sid)].append(sid)
    names = {sid: name for sid, _kind, name in people}
    result = []
    for members in groups.values():
        members.sort(key=lambda i: (names[i].casefold(), i))
        linked = sorted(set().union(*(reasons[i] for i in members)))
        result.append(DuplicateSet(ids=members, names=[names[i] for i in members],
                                   reasons=linked))
    result.sort(key=lambda g: g.names[0].casefold())
    return result


def _relink(session: Session, model: Any, owner: str, keep_id: str, other_id: str,
            now: datetime) -> set[str]:
    """Move ``other``'s link rows to ``keep``; a row ``keep`` already has is retired."""
    rows = session.scalars(sa.select(model).where(
        model.stakeholder_id.in_([keep_id, other_id]), model.deleted_at.is_(None))).all()
    kept = {getattr(r, owner): r for r in rows if r.stakeholder_id == keep_id}
    touched: set[str] = set()
    for row in rows:
        if row.stakeholder_id != other_id:
            continue
        touched.add(getattr(row, owner))
        twin = kept.get(getattr(row, owner))
        if twin is None:
            row.stakeholder_id = keep_id
            continue
        if isinstance(row, CaseParticipant) and isinstance(twin, CaseParticipant):
            twin.is_main = twin.is_main or row.is_main
        row.deleted_at = now
    return touched


def merge_in_session(session: Session, keep_id: str, other_id: str, *, now: datetime,
                     author: str) -> dict[str, set[str]]:
    """Fold ``other`` into ``keep``; returns the ids touched per kind of record."""
    if keep_id == other_id:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A stakeholder cannot be merged with itself."))
    keep, other = get(session, keep_id), get(session, other_id)
    touched: dict[str, set[str]] = defaultdict(set)
    have = {point_key(p.kind, p.normalized): p for p in keep.contact_points
            if p.deleted_at is None}
    preferred = {p.kind for p in have.values() if p.preferred}
    for point in list(other.contact_points):
        if point.deleted_at is not None:
            continue
        key = point_key(point.kind, point.normalized)
        if key in have:
            point.deleted_at = now
            continue
        point.stakeholder_id = keep.id
        point.preferred = point.preferred and point.kind not in preferred
        if point.preferred:
            preferred.add(point.kind)
        have[key] = point
    touched["case"] = _relink(session, CaseParticipant, "case_id", keep.id, other.id, now)
    touched["interaction"] = _relink(session, InteractionParticipant, "interaction_id",
                                     keep.id, other.id, now)
    for followup in session.scalars(sa.select(FollowUp).where(FollowUp.stakeholder_id == other.id)):
        followup.stakeholder_id = keep.id
        touched["followup"].add(followup.id)
    for member in session.scalars(sa.select(Stakeholder).where(
            Stakeholder.organisation_id == other.id)):
        member.organisation_id = None if member.id == keep.id else keep.id
        touched[KIND].add(member.id)
    for escalation in session.scalars(sa.select(Escalation).where(
            Escalation.to_stakeholder_id == other.id)):
        escalation.to_stakeholder_id = keep.id
    for name in ("given_name", "family_name", "title", "preferred_channel", "nickname",
                 "org_units", "birthday", "anniversary"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if keep.organisation_id is None and other.organisation_id not in (None, keep.id):
        keep.organisation_id = other.organisation_id
    if keep.cadence_days is None:
        keep.cadence_days = other.cadence_days
    if other.verified_at and (keep.verified_at is None or other.verified_at > keep.verified_at):
        keep.verified_at = other.verified_at
    keep.notes = append_notes(keep.notes, other.notes)
    keep.tags = union_tags(keep.tags, unpack_tags(other.tags))
    keep.updated_at = now
    other.deleted_at = now
    session.flush()
    audit.record(session, entity=KIND, entity_id=keep.id, action="update", author=author,
                 at=now, field="merged", after=other.id)
    audit.record(session, entity=KIND, entity_id=other.id, action="delete", author=author,
                 at=now, field="merged_into", after=keep.id)
    touched[KIND].update({keep.id, other.id})
    return touched


def merge_stakeholders(store: Store, keep_id: str, other_id: str) -> Outcome[str]:
    """Merge ``other`` into ``keep`` (contact points, case and log links, follow-ups,
    members, notes, tags) and soft-delete ``other``; the value is ``keep_id``."""
    with store.unit_of_work() as uow:
        touched = merge_in_session(uow.session, keep_id, other_id, now=store.now(),
                                   author=store.author)
        for kind, ids in touched.items():
            if ids:
                uow.changes.touch(kind, *ids)
        uow.commit()
    return Outcome(keep_id, uow.changes)
