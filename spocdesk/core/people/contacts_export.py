"""Exporting the directory as vCards (4.0, or 3.0 on request) another program can read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import sqlalchemy as sa

from spocdesk.core import safe_write
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.model import ContactPoint, Stakeholder, unpack_tags
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.formats.vcard import write_vcard
from spocdesk.core.people.stakeholders import (
    NewContactPoint,
    NewStakeholder,
    unpack_parts,
    unpack_units,
)
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet

VERSIONS = ("4.0", "3.0")
CHUNK = 500


def _cards(store: Store, ids: Sequence[str] | None) -> Iterator[tuple[str, NewStakeholder]]:
    org = sa.orm.aliased(Stakeholder)
    base = (
        sa.select(Stakeholder.id, Stakeholder.kind, Stakeholder.display_name,
                  Stakeholder.given_name, Stakeholder.family_name,
                  sa.func.coalesce(org.display_name, ""), Stakeholder.title, Stakeholder.notes,
                  Stakeholder.tags, Stakeholder.nickname, Stakeholder.org_units,
                  Stakeholder.birthday, Stakeholder.anniversary)
        .outerjoin(org, org.id == Stakeholder.organisation_id)
        .where(Stakeholder.deleted_at.is_(None))
        .order_by(Stakeholder.sort_name, Stakeholder.display_name, Stakeholder.id)
    )
    with store.connection() as conn:
        if ids is None:
            rows = list(conn.execute(base))
        else:
            rows = []
            for start in range(0, len(ids), CHUNK):
                rows.extend(conn.execute(base.where(
                    Stakeholder.id.in_(ids[start:start + CHUNK]))))
            missing = set(ids) - {row[0] for row in rows}
            if missing:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "There is no stakeholder with id {id}."),
                    id=sorted(missing)[0])
        points: dict[str, list[NewContactPoint]] = defaultdict(list)
        wanted = [row[0] for row in rows]
        for start in range(0, len(wanted), CHUNK):
            for sid, kind, value, label, preferred, parts in conn.execute(
                sa.select(ContactPoint.stakeholder_id, ContactPoint.kind, ContactPoint.value,
                          ContactPoint.label, ContactPoint.preferred, ContactPoint.parts)
                .where(ContactPoint.stakeholder_id.in_(wanted[start:start + CHUNK]),
                       ContactPoint.deleted_at.is_(None))
                .order_by(ContactPoint.kind, ContactPoint.preferred.desc(),
                          ContactPoint.created_at, ContactPoint.id)
            ):
                points[sid].append(NewContactPoint(kind=kind, value=value, label=label,
                                                   preferred=bool(preferred),
                                                   parts=unpack_parts(parts)))
    for (sid, kind, name, given, family, org_name, title, notes, tags, nickname, units,
         birthday, anniversary) in rows:
        yield sid, NewStakeholder(
            display_name=name, kind=kind, given_name=given, family_name=family,
            organisation=org_name, title=title, notes=notes, tags=unpack_tags(tags),
            contact_points=points.get(sid, []), nickname=nickname,
            org_units=unpack_units(units), birthday=birthday, anniversary=anniversary,
        )


def export_vcards(store: Store, path: Path, ids: Sequence[str] | None = None,
                  version: str = "4.0", *, force: bool | None = None) -> Outcome[int]:
    """Write all (or the given) live stakeholders to ``path``; the value is the count.

    Never onto the store or a backup, nor onto an existing file unless ``force``
    (``None``: a save dialog asked already); written atomically, owner-only
    (:mod:`spocdesk.core.safe_write`)."""
    if version not in VERSIONS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{version}' is not a vCard version spocdesk writes; use 4.0 or 3.0."),
            version=version)
    target = safe_write.guard(store, path, force=force)
    count = 0
    with safe_write.atomic_write(target) as fh:
        for sid, data in _cards(store, list(ids) if ids is not None else None):
            fh.write(write_vcard(data, sid, version))
            count += 1
    return Outcome(count, ChangeSet())
