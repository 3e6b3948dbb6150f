"""The stakeholder directory list: one SQL query for the ordered ids of the current
filter and sort, and one query per page of rows (Anki's browser shape).

Filtering and sorting happen in SQL; nothing here walks all rows in Python, so a
directory of 50,000 people answers each keystroke of search-as-you-type quickly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.followups.service import effective_due
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    ContactKind,
    ContactPoint,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Stakeholder,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.lookup import LOOKUP_DOC, matched_ids, matching_clause
from spocdesk.core.people.stakeholders import KIND
from spocdesk.core.store import Store
from spocdesk.core.store.backend import SQLITE

CLOSED_STATUSES = ("resolved", "closed")
SORT_KEYS = ("name", "organisation", "title", "channel", "email", "phone", "open_cases",
             "last_contact", "next_followup", "verified")
MONTH_DAYS = 30
# Looking one match up by its id (to sort it) costs about as much as this many steps
# along the name index (measured at 50,000 people: ~3.7 µs against ~0.3-0.6 µs).
LOOKUP_STEPS = 5


@dataclass(frozen=True)
class StakeholderFilter:
    text: str = ""
    tag: str | None = None
    title: str | None = None  # role / title, a substring
    organisation_id: str | None = None  # the organisation itself and its people
    kind: str | None = None  # person | organisation
    not_contacted_days: int | None = None
    not_verified_months: int | None = None


@dataclass(frozen=True)
class StakeholderSort:
    column: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class StakeholderListRow:
    id: str
    kind: str
    display_name: str
    organisation: str
    title: str
    preferred_channel: str
    email: str
    phone: str
    open_cases: int
    last_contact: datetime | None
    next_followup: datetime | None
    verified_at: datetime | None


@cache
def _primary(kind: str) -> sa.ScalarSelect[Any]:
    cp = sa.orm.aliased(ContactPoint)
    return (
        sa.select(cp.value)
        .where(cp.stakeholder_id == Stakeholder.id, cp.kind == kind, cp.deleted_at.is_(None))
        .order_by(cp.preferred.desc(), cp.created_at)
        .limit(1)
        .scalar_subquery()
    )


@cache
def _last_contact() -> sa.ScalarSelect[Any]:
    """The latest live interaction: the participant rows carry its moment (revision
    0005), so this walks ``ix_interaction_participant_contact`` backwards and reads
    one log entry (to skip a deleted one) instead of every entry with the person."""
    ip = sa.orm.aliased(InteractionParticipant)
    it = sa.orm.aliased(Interaction)
    return (
        sa.select(ip.occurred_at)
        .join(it, it.id == ip.interaction_id)
        .where(ip.stakeholder_id == Stakeholder.id, ip.deleted_at.is_(None),
               it.deleted_at.is_(None))
        .order_by(ip.occurred_at.desc())
        .limit(1)
        .scalar_subquery()
    )


@cache
def _next_followup() -> sa.ScalarSelect[Any]:
    f = sa.orm.aliased(FollowUp)
    return (
        sa.select(sa.func.min(effective_due(f)))
        .where(f.stakeholder_id == Stakeholder.id,
               sa.func.coalesce(f.done_at, f.deleted_at).is_(None))
        .scalar_subquery()
    )


@cache
def _open_cases() -> sa.ScalarSelect[Any]:
    cp = sa.orm.aliased(CaseParticipant)
    c = sa.orm.aliased(Case)
    return (
        sa.select(sa.func.count(sa.distinct(c.id)))
        .join(cp, cp.case_id == c.id)
        .where(cp.stakeholder_id == Stakeholder.id, cp.deleted_at.is_(None),
               c.deleted_at.is_(None), c.status.not_in(CLOSED_STATUSES))
        .scalar_subquery()
    )


def _where(flt: StakeholderFilter, now: datetime, *, walk: bool = False,
           backend: str = SQLITE) -> list[sa.ColumnElement[bool]]:
    """``walk``: test each stakeholder against the text's matches (``+id``, which no index
    serves) rather than look the matches up by id, so that the name order's index is
    walked instead (see :func:`_walk_names`). ``backend``: the store's."""
    where: list[sa.ColumnElement[bool]] = [Stakeholder.deleted_at.is_(None)]
    matched = matched_ids(flt.text) if walk else None
    if matched is not None:
        where.append(_unindexed_id().in_(matched))
    elif flt.text.strip():
        where.append(matching_clause(flt.text, backend))
    if flt.tag and flt.tag.strip():
        where.append(sa.func.instr(Stakeholder.tags, f"|{flt.tag.strip()}|") > 0)
    if flt.title and flt.title.strip():
        escaped = (flt.title.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
                   .replace("_", "\\_"))
        where.append(sa.func.lower(Stakeholder.title).like(f"%{escaped}%", escape="\\"))
    if flt.organisation_id:
        where.append(sa.or_(Stakeholder.organisation_id == flt.organisation_id,
                            Stakeholder.id == flt.organisation_id))
    if flt.kind:
        where.append(Stakeholder.kind == flt.kind)
    if flt.not_contacted_days is not None:
        if flt.not_contacted_days < 0:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The number of days without contact cannot be negative."))
        cutoff = now - timedelta(days=flt.not_contacted_days)
        ip = sa.orm.aliased(InteractionParticipant)
        it = sa.orm.aliased(Interaction)
        recent = (sa.select(ip.id).join(it, it.id == ip.interaction_id)
                  .where(ip.stakeholder_id == Stakeholder.id, ip.deleted_at.is_(None),
                         ip.occurred_at >= cutoff, it.deleted_at.is_(None)))
        where.append(~recent.exists())
    if flt.not_verified_months is not None:
        if flt.not_verified_months < 0:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The number of months since verification cannot be negative."))
        cutoff = now - timedelta(days=MONTH_DAYS * flt.not_verified_months)
        where.append(sa.or_(Stakeholder.verified_at.is_(None), Stakeholder.verified_at < cutoff))
    return where


def _sort_columns(key: str, org: Any) -> list[Any]:
    if key == "name":
        return [Stakeholder.sort_name, Stakeholder.display_name]
    if key == "organisation":
        return [sa.func.lower(sa.func.coalesce(org.display_name, "")), Stakeholder.sort_name]
    if key == "title":
        return [sa.func.lower(Stakeholder.title), Stakeholder.sort_name]
    if key == "channel":
        return [Stakeholder.preferred_channel, Stakeholder.sort_name]
    if key == "email":
        return [sa.func.lower(sa.func.coalesce(_primary(ContactKind.EMAIL.value), "")),
                Stakeholder.sort_name]
    if key == "phone":
        return [sa.func.coalesce(_primary(ContactKind.PHONE.value), ""), Stakeholder.sort_name]
    if key == "open_cases":
        return [_open_cases(), Stakeholder.sort_name]
    if key == "last_contact":
        return [_last_contact(), Stakeholder.sort_name]
    if key == "next_followup":
        return [_next_followup(), Stakeholder.sort_name]
    if key == "verified":
        return [Stakeholder.verified_at, Stakeholder.sort_name]
    raise InvalidInput(QT_TRANSLATE_NOOP(
        "spocdesk.core", "'{key}' is not a column the directory can be sorted by."), key=key)


def stakeholder_ids(store: Store, flt: StakeholderFilter | None = None,
                    sort: StakeholderSort | None = None, *,
                    limit: int | None = None) -> list[str]:
    """The ids of the live stakeholders matching ``flt``, in ``sort`` order (one query),
    the first ``limit`` of them when given."""
    flt = flt or StakeholderFilter()
    sort = sort or StakeholderSort()
    org = sa.orm.aliased(Stakeholder)
    columns = _sort_columns(sort.column, org)
    first = columns[0]
    order = [first.desc() if sort.descending else first.asc(), *columns[1:], Stakeholder.id]
    if sort.column in ("last_contact", "next_followup", "verified"):
        # empty values last either way
        order.insert(0, first.is_(None))
    with store.connection() as conn:
        # the name index serves the ascending name order only (descending sorts the
        # first column alone the other way)
        walk = (sort == StakeholderSort() and store.backend == SQLITE
                and _walk_names(conn, flt.text, limit))
        query = (sa.select(Stakeholder.id)
                 .where(*_where(flt, store.now(), walk=walk, backend=store.backend))
                 .order_by(*order))
        if sort.column == "organisation":  # the only use of the organisation's row
            query = query.outerjoin(org, org.id == Stakeholder.organisation_id)
        if limit is not None:
            query = query.limit(limit)
        return [row[0] for row in conn.execute(query)]


def _unindexed_id() -> sa.ColumnElement[Any]:
    """``+stakeholder.id``: the same value, but SQLite will not look it up by an index."""
    column = Stakeholder.__table__.c.id
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _walk_names(conn: sa.Connection, text: str, limit: int | None) -> bool:
    """Whether the first ``limit`` matches of ``text`` in name order are found faster by
    walking the name order's index and testing each entry against the matches than by
    looking every match up and sorting them: with n of N people matching, the walk
    takes about limit·N/n steps (N when n <= limit), the look-ups n·LOOKUP_STEPS. Many
    matches (a phone prefix like "+49 3" matches 6,000 of 50,000): walk; few: look up.
    Every match (no limit) is looked up: a walk would step through everyone."""
    matched = matched_ids(text) if limit is not None else None
    if matched is None:  # no text, or a name prefix (an index range in name order)
        return False
    found, everyone = conn.execute(sa.select(
        sa.select(sa.func.count()).select_from(matched.subquery()).scalar_subquery(),
        sa.select(sa.func.count()).select_from(sa.table(LOOKUP_DOC)).scalar_subquery(),
    )).one()
    assert limit is not None
    steps = everyone if found <= limit else limit * everyone // found
    return bool(steps < LOOKUP_STEPS * found)


def stakeholder_count(store: Store, flt: StakeholderFilter | None = None) -> int:
    """How many ids :func:`stakeholder_ids` returns for ``flt`` (one SQL count, no sort).
    A text alone is counted in the lookup (it holds only live stakeholders) without
    reading a stakeholder row."""
    flt = flt or StakeholderFilter()
    matched = (matched_ids(flt.text, store.backend)
               if replace(flt, text="") == StakeholderFilter() else None)
    if matched is not None:
        query = sa.select(sa.func.count()).select_from(matched.subquery())
    else:
        query = sa.select(sa.func.count()).select_from(Stakeholder).where(
            *_where(flt, store.now(), backend=store.backend))
    with store.connection() as conn:
        return int(conn.execute(query).scalar_one())


def stakeholder_matches(store: Store, flt: StakeholderFilter | None,
                        stakeholder_id: str) -> bool:
    """Whether ``flt`` holds the stakeholder (one look-up, no list of ids)."""
    query = sa.select(Stakeholder.id).where(
        Stakeholder.id == stakeholder_id,
        *_where(flt or StakeholderFilter(), store.now(), backend=store.backend))
    with store.connection() as conn:
        return conn.execute(query).first() is not None


@cache
def _rows_query() -> sa.Select[Any]:
    """Built once: composing it costs more than running it for a page of rows."""
    org = sa.orm.aliased(Stakeholder)
    return (
        sa.select(
            Stakeholder.id, Stakeholder.kind, Stakeholder.display_name,
            sa.func.coalesce(org.display_name, ""), Stakeholder.title,
            Stakeholder.preferred_channel,
            sa.func.coalesce(_primary(ContactKind.EMAIL.value), ""),
            sa.func.coalesce(_primary(ContactKind.PHONE.value), ""),
            _open_cases(), _last_contact(), _next_followup(), Stakeholder.verified_at,
        )
        .outerjoin(org, sa.and_(org.id == Stakeholder.organisation_id, org.deleted_at.is_(None)))
        .where(Stakeholder.id.in_(sa.bindparam("ids", expanding=True)))
    )


def stakeholder_rows(store: Store, ids: Sequence[str]) -> dict[str, StakeholderListRow]:
    """The list columns for one page of ids, in one query."""
    if not ids:
        return {}
    out: dict[str, StakeholderListRow] = {}
    with store.connection() as conn:
        for row in conn.execute(_rows_query(), {"ids": list(ids)}):
            out[row[0]] = StakeholderListRow(
                id=row[0], kind=row[1], display_name=row[2], organisation=row[3],
                title=row[4], preferred_channel=row[5], email=row[6], phone=row[7],
                open_cases=int(row[8] or 0), last_contact=_utc(row[9]),
                next_followup=_utc(row[10]), verified_at=row[11])
    return out


def _utc(value: Any) -> datetime | None:
    """Aggregates over a UTCDateTime column come back as SQLite text; make them datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    from datetime import UTC

    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def organisations(store: Store) -> list[tuple[str, str]]:
    """(id, name) of every live organisation, by name: for a filter's choices."""
    query = (sa.select(Stakeholder.id, Stakeholder.display_name)
             .where(Stakeholder.kind == "organisation", Stakeholder.deleted_at.is_(None))
             .order_by(Stakeholder.sort_name))
    with store.connection() as conn:
        return [(r[0], r[1]) for r in conn.execute(query)]


def tags(store: Store) -> list[str]:
    """Every tag used on a live stakeholder (distinct packed values, split in Python)."""
    query = (sa.select(Stakeholder.tags).distinct()
             .where(Stakeholder.deleted_at.is_(None), Stakeholder.tags != ""))
    found: set[str] = set()
    with store.connection() as conn:
        for (packed,) in conn.execute(query):
            found.update(t for t in (packed or "").split("|") if t)
    return sorted(found, key=str.casefold)


@dataclass(frozen=True)
class InteractionBrief:
    id: str
    occurred_at: datetime
    channel: str
    direction: str
    summary: str
    case_ref: str


def interactions_with(store: Store, stakeholder_id: str, *, limit: int = 50,
                      offset: int = 0) -> list[InteractionBrief]:
    """A page of the interactions this stakeholder took part in, across cases, newest
    first. The participant rows carry the moment (revision 0005): the page is read in
    ``ix_interaction_participant_contact`` order, not sorted from every entry."""
    ip = InteractionParticipant
    query = (
        sa.select(Interaction.id, Interaction.occurred_at, Interaction.channel,
                  Interaction.direction, Interaction.summary, sa.func.coalesce(Case.ref, ""))
        .select_from(ip)
        .join(Interaction, Interaction.id == ip.interaction_id)
        .outerjoin(Case, Case.id == Interaction.case_id)
        .where(ip.stakeholder_id == stakeholder_id, ip.deleted_at.is_(None),
               Interaction.deleted_at.is_(None))
        .order_by(ip.occurred_at.desc(), ip.interaction_id)
        .limit(limit).offset(offset)
    )
    with store.connection() as conn:
        return [InteractionBrief(*row) for row in conn.execute(query)]


def interaction_count(store: Store, stakeholder_id: str) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(InteractionParticipant)
        .join(Interaction, InteractionParticipant.interaction_id == Interaction.id)
        .where(InteractionParticipant.stakeholder_id == stakeholder_id,
               InteractionParticipant.deleted_at.is_(None), Interaction.deleted_at.is_(None)))
    with store.connection() as conn:
        return int(conn.execute(query).scalar_one())


def mark_verified(store: Store, stakeholder_id: str) -> Outcome[datetime]:
    """"Details verified today": stamp ``verified_at`` with now (audited)."""
    now = store.now()
    with store.unit_of_work() as uow:
        person = uow.session.get(Stakeholder, stakeholder_id)
        if person is None or person.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
        audit.record(uow.session, entity=KIND, entity_id=person.id, action="update",
                     author=store.author, at=now, field="verified_at",
                     before=person.verified_at, after=now)
        person.verified_at = now
        uow.changes.touch(KIND, person.id)
        uow.commit()
    return Outcome(now, uow.changes)
