"""The case list: which cases a view shows, in which order, and their display columns.

Made for a thin table model: :func:`case_ids` returns only the ids of the
current query in order (one SQL query; filtering and sorting happen in SQL),
:func:`case_rows` fetches the display columns for one page of ids (one query),
and :func:`view_counts` gives the sidebar's live counts (one query).

Views (each combines with the filters):

* ``open`` — status new, open, waiting or escalated;
* ``waiting`` — status waiting;
* ``escalated`` — an open case with status escalated or an escalation without outcome;
* ``followup_overdue`` — the next open follow-up was due before now (any status);
* ``no_followup`` — an open case without an open follow-up ("No follow-up planned");
* ``no_next_step`` — an open case whose one-line *next step* is empty;
* ``sla_at_risk`` — an open case whose SLA state is at risk (not yet breached);
* ``sla_breached`` — an open case whose SLA state is breached;
* ``resolved_this_week`` — resolved or closed, resolved since Monday 00:00 local time;
* ``all`` — every case that is not deleted.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import sla
from spocdesk.core.cases.service import PRIORITIES, STATUSES, check_choice
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.followups import service as followups
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    CaseStatus,
    Escalation,
    Priority,
    Stakeholder,
    UTCDateTime,
)
from spocdesk.core.search import query as search
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
from spocdesk.core.store.backend import POSTGRESQL

VIEWS = ("open", "waiting", "escalated", "followup_overdue", "no_followup", "no_next_step",
         "sla_at_risk", "sla_breached", "resolved_this_week", "all")
SORT_COLUMNS = ("ref", "title", "stakeholder", "status", "priority", "next_followup",
                "last_interaction", "age", "sla")
ACTIVE = (CaseStatus.NEW.value, CaseStatus.OPEN.value, CaseStatus.WAITING.value,
          CaseStatus.ESCALATED.value)
DONE = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)
STATUS_RANK = {s.value: i for i, s in enumerate(CaseStatus)}
PRIORITY_RANK = {p.value: i for i, p in enumerate(Priority)}

C = Case.__table__.c
P = CaseParticipant.__table__.c
S = Stakeholder.__table__.c
E = Escalation.__table__.c


@dataclass(frozen=True)
class CaseFilter:
    view: str = "open"
    status: str | None = None
    priority: str | None = None
    category: str | None = None
    tag: str | None = None
    stakeholder_id: str | None = None
    text: str = ""


@dataclass(frozen=True)
class CaseSort:
    """``column`` is one of :data:`SORT_COLUMNS`. Ascending means: ref/title/stakeholder
    A→Z, status in workflow order, priority low→urgent, follow-up and last interaction
    earliest first, age youngest first, SLA least time left first. Empty values
    (no follow-up, no interaction, no running SLA clock) always come last."""

    column: str = "ref"
    descending: bool = False


@dataclass(frozen=True)
class CaseListRow:
    id: str
    ref: str
    title: str
    main_stakeholder: str  # "" when nobody is involved
    main_stakeholder_id: str | None
    status: str
    priority: str
    category: str
    next_step: str
    next_followup_at: datetime | None
    followup_overdue: bool
    last_interaction_at: datetime | None
    opened_at: datetime
    age: timedelta
    escalated: bool  # an escalation still lacks its outcome
    sla_state: str
    sla_time_left: timedelta | None


@dataclass(frozen=True)
class ListContext:
    """What a list query depends on besides the filter: the moment and the SLA targets."""

    now: datetime
    settings: Settings
    tz: tzinfo | None = None
    #: the store's database (:mod:`spocdesk.core.store.backend`): how text is matched
    backend: str = "sqlite"

    @property
    def week_start(self) -> datetime:
        local = self.now.astimezone(self.tz)
        monday = local - timedelta(days=local.weekday())
        return monday.replace(hour=0, minute=0, second=0, microsecond=0)

    @property
    def sla(self) -> sla.SlaSql:
        # on a team server each working-time deadline is a PL/pgSQL call: most stopped
        # clocks are decided by how long they ran on the calendar, without it
        return sla.SlaSql(self.settings, self.now,
                          calendar_bounds=self.backend == POSTGRESQL)


def context(store: Store, *, now: datetime | None = None, settings: Settings | None = None,
            tz: tzinfo | None = None) -> ListContext:
    if settings is None:
        with store.session() as session:
            settings = settings_mod.load(session)
    return ListContext(now or store.now(), settings, tz, store.backend)


def _at(value: datetime) -> ColumnElement[Any]:
    return sa.literal(value, type_=UTCDateTime)


def _has_open_escalation() -> ColumnElement[bool]:
    """Per case, through ``ix_escalation_case_id``: for a screen of rows this costs 40
    look-ups, where ``IN (open escalations)`` builds a set of all 12,000 first (30 ms),
    and for the escalated view and its count a probe per open case (25 ms on the
    large store against 60–100, and the set left the connection slower)."""
    return sa.exists().where(E.case_id == C.id, E.outcome_at.is_(None), E.deleted_at.is_(None))


def _escalated() -> ColumnElement[bool]:
    return sa.or_(C.status == CaseStatus.ESCALATED.value, _has_open_escalation())


def no_next_step() -> ColumnElement[bool]:
    """The case's one-line *next step* is empty (the services store it stripped). The
    empty string is written into the statement, not bound, so that SQLite can prove
    the partial index ``ix_case_no_next_step`` (revision 0018) holds every such case."""
    return C.next_step == sa.literal_column("''")


def _any_of(parts: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
    """The case is among the live cases meeting any of the disjoint ``parts``, whose
    ids are found one index range each. A view of few cases among many (SLA at risk)
    is found this way and then put in order, instead of testing every case in the
    list's order until a screen is full (0.9 s on 75,000 open cases)."""
    if not parts:  # no SLA targets
        return sa.false()
    return C.id.in_(sa.union_all(*(sa.select(C.id).where(C.deleted_at.is_(None), part)
                                   for part in parts)))


def view_condition(view: str, ctx: ListContext) -> ColumnElement[bool]:
    active = C.status.in_(ACTIVE)
    conditions: dict[str, Any] = {
        "open": lambda: active,
        "waiting": lambda: C.status == CaseStatus.WAITING.value,
        "escalated": lambda: sa.and_(active, _escalated()),
        "followup_overdue": lambda: C.next_followup_at < _at(ctx.now),
        "no_followup": followups.no_followup_planned,
        "no_next_step": lambda: sa.and_(active, no_next_step()),
        "sla_at_risk": lambda: _any_of(count_parts("sla_at_risk", ctx)),
        "sla_breached": lambda: sa.and_(active, ctx.sla.breached_open()),
        "resolved_this_week": lambda: sa.and_(C.status.in_(DONE),
                                              C.resolved_at >= _at(ctx.week_start)),
        "all": lambda: sa.true(),
    }
    if view not in conditions:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{view}' is not a case view; use one of: {choices}."),
            view=view, choices=", ".join(VIEWS))
    condition: ColumnElement[bool] = conditions[view]()
    return condition


def filter_conditions(flt: CaseFilter, ctx: ListContext) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [C.deleted_at.is_(None), view_condition(flt.view, ctx)]
    if flt.status:
        check_choice("status", flt.status, STATUSES)
        where.append(C.status == flt.status)
    if flt.priority:
        check_choice("priority", flt.priority, PRIORITIES)
        where.append(C.priority == flt.priority)
    if flt.category:
        where.append(C.category == flt.category)
    if flt.tag:
        where.append(sa.func.instr(C.tags, f"|{flt.tag.strip()}|") > 0)
    if flt.stakeholder_id:
        where.append(C.id.in_(sa.select(P.case_id).where(
            P.stakeholder_id == flt.stakeholder_id, P.deleted_at.is_(None))))
    text = flt.text.strip()
    if text:  # the full-text index: words as prefixes, accents and case ignored
        where.append(C.ref_number.in_(
            search.matching_case_refs_query(text, backend=ctx.backend)))
    return where


def _main_link() -> Any:
    return P.case_id == C.id, P.is_main == sa.true(), P.deleted_at.is_(None)


def _main(column: Any) -> ColumnElement[Any]:
    """A column of the case's main stakeholder (correlated scalar subquery)."""
    people = sa.join(CaseParticipant.__table__, Stakeholder.__table__, S.id == P.stakeholder_id)
    return sa.select(column).select_from(people).where(*_main_link()).limit(1).scalar_subquery()


def rank_sql(column: str, ranks: dict[str, int], other: int) -> ColumnElement[int]:
    """``CASE case_record.<column> WHEN 'a' THEN 0 … ELSE other END`` written out with
    literals: the very expression ``ix_case_sort_status``/``_priority`` index (0009)."""
    whens = " ".join(f"WHEN '{value}' THEN {rank}"
                     for value, rank in sorted(ranks.items(), key=lambda item: item[1]))
    return sa.literal_column(f"(CASE case_record.{column} {whens} ELSE {other} END)",
                             sa.Integer)


def sort_key(column: str, ctx: ListContext) -> ColumnElement[Any]:
    keys: dict[str, Any] = {
        "ref": lambda: C.ref_number,
        "title": lambda: C.title.collate("NOCASE"),
        # denormalised, kept by triggers (revision 0006), served by its own index
        "stakeholder": lambda: C.main_stakeholder_sort,
        "status": lambda: rank_sql("status", STATUS_RANK, len(STATUS_RANK)),
        "priority": lambda: rank_sql("priority", PRIORITY_RANK, -1),
        "next_followup": lambda: C.next_followup_at,
        "last_interaction": lambda: C.last_interaction_at,
        "age": lambda: C.opened_at,  # an older case has a larger age
        # the nearest running deadline under the stored SLA targets, kept by triggers
        # (revision 0010): the same value as ctx.sla.deadline_days(), from an index
        "sla": lambda: C.sla_deadline,
    }
    if column not in keys:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{column}' is not a case list column; use one of: {choices}."),
            column=column, choices=", ".join(SORT_COLUMNS))
    key: ColumnElement[Any] = keys[column]()
    return key


def ordering(sort: CaseSort, ctx: ListContext) -> list[Any]:
    key = sort_key(sort.column, ctx)
    descending = sort.descending
    if sort.column == "age":  # ascending age = youngest first = opened latest first
        descending = not descending
    nullable = sort.column in ("stakeholder", "next_followup", "last_interaction", "sla")
    primary = key.desc() if descending else key.asc()
    if nullable:
        primary = primary.nulls_last()
    tie = C.ref_number.desc() if sort.descending else C.ref_number.asc()
    return [primary] if sort.column == "ref" else [primary, tie]


def ids_query(flt: CaseFilter, sort: CaseSort, ctx: ListContext) -> sa.Select[Any]:
    return sa.select(C.id).where(*filter_conditions(flt, ctx)).order_by(*ordering(sort, ctx))


def case_ids(store: Store, flt: CaseFilter | None = None, sort: CaseSort | None = None, *,
             ctx: ListContext | None = None, limit: int | None = None) -> list[str]:
    """The ids of the cases matching ``flt``, in ``sort`` order (one SQL query), the
    first ``limit`` of them when given."""
    ctx = ctx or context(store)
    query = ids_query(flt or CaseFilter(), sort or CaseSort(), ctx)
    if limit is not None:
        query = query.limit(limit)
    with store.connection() as conn:
        result = conn.execute(query)
        try:  # ids are plain text: the driver's rows as they are, 2-3x faster at 100k
            return [row[0] for row in result.cursor.fetchall()]
        finally:
            result.close()


def case_rows(store: Store, ids: Sequence[str], *,
              ctx: ListContext | None = None) -> dict[str, CaseListRow]:
    """The display columns of the given cases (one query; missing ids are left out)."""
    if not ids:
        return {}
    ctx = ctx or context(store)
    query = sa.select(
        C.id, C.ref, C.title, _main(S.display_name), _main(S.id), C.status, C.priority,
        C.category, C.next_step,
        C.next_followup_at, C.last_interaction_at, C.opened_at, C.first_response_at,
        C.resolved_at, _has_open_escalation(),
    ).where(C.id.in_(list(ids)))
    rows: dict[str, CaseListRow] = {}
    with store.connection() as conn:
        for (cid, ref, title, who, who_id, status, priority, category, next_step, nxt, last,
             opened, responded, resolved, escalated) in conn.execute(query):
            info = sla.evaluate(priority=priority, status=status, opened_at=opened,
                                first_response_at=responded, resolved_at=resolved,
                                now=ctx.now, settings=ctx.settings)
            rows[cid] = CaseListRow(
                id=cid, ref=ref, title=title, main_stakeholder=who or "",
                main_stakeholder_id=who_id, status=status, priority=priority,
                category=category, next_step=next_step, next_followup_at=nxt,
                followup_overdue=nxt is not None and nxt < ctx.now,
                last_interaction_at=last, opened_at=opened, age=ctx.now - opened,
                escalated=bool(escalated), sla_state=info.state, sla_time_left=info.time_left,
            )
    return rows


def case_matches(store: Store, flt: CaseFilter | None, case_id: str, *,
                 ctx: ListContext | None = None) -> bool:
    """Whether ``flt`` holds the case (one look-up by id, no list of ids)."""
    ctx = ctx or context(store)
    query = sa.select(C.id).where(C.id == case_id,
                                  *filter_conditions(flt or CaseFilter(), ctx))
    with store.connection() as conn:
        return conn.execute(query).first() is not None


def case_count(store: Store, flt: CaseFilter | None = None, *,
               ctx: ListContext | None = None) -> int:
    """How many cases match ``flt`` (one SQL query, answered from indexes where it can).
    A view alone is counted as its index ranges, as the sidebar counts it
    (``count_parts``): the breached view's 73,000 cases in 20 ms rather than 300."""
    ctx = ctx or context(store)
    flt = flt or CaseFilter()
    if flt == CaseFilter(view=flt.view) and flt.view in VIEWS:
        query = sa.select(_summed(count_parts(flt.view, ctx)))
    else:
        query = sa.select(sa.func.count()).where(*filter_conditions(flt, ctx))
    with store.connection() as conn:
        return int(conn.execute(query).scalar_one())


def count_parts(view: str, ctx: ListContext) -> list[ColumnElement[bool]]:
    """Disjoint conditions whose counts add up to the view's count, each one shaped for an
    index range (``ix_case_open_work`` and the sort indexes) rather than a test of every
    case. A status outside the workflow (only a direct write could make one) is in no
    view but "all" here."""
    if view == "sla_at_risk":
        not_breached = sa.not_(ctx.sla.breached_open())
        return [sa.and_(part, not_breached) for part in ctx.sla.at_risk_ranges(ACTIVE)]
    if view == "sla_breached":
        return ctx.sla.breached_ranges(ACTIVE)
    if view == "escalated":
        escalated = CaseStatus.ESCALATED.value
        others = [status for status in ACTIVE if status != escalated]
        # per open case a probe of ix_escalation_case_id: the set of all open
        # escalations (IN) left the connection slow for the statement's other counts
        return [C.status == escalated, sa.and_(C.status.in_(others), _has_open_escalation())]
    if view == "followup_overdue":
        # the same cases; the lower bound makes SQLite take the range of
        # ix_case_sort_followup (2 ms) over a scan of ix_case_open_work (10+ ms)
        return [sa.and_(C.next_followup_at.is_not(None), view_condition(view, ctx))]
    return [view_condition(view, ctx)]


def count_live(conn: sa.Connection, parts: Sequence[ColumnElement[bool]]) -> int:
    """How many live cases meet one of ``parts`` (disjoint conditions): a count each,
    summed, so that each runs on its own index range."""
    return sum(int(conn.execute(sa.select(sa.func.count()).select_from(Case.__table__)
                                .where(C.deleted_at.is_(None), part)).scalar_one())
               for part in parts)


def _count(part: ColumnElement[bool]) -> ColumnElement[int]:
    """``(SELECT count(*) …)`` of the live cases meeting ``part``."""
    return (sa.select(sa.func.count()).select_from(Case.__table__)
            .where(C.deleted_at.is_(None), part).scalar_subquery())


def _summed(parts: Sequence[ColumnElement[bool]]) -> ColumnElement[int]:
    counts = [_count(part) for part in parts]
    return functools.reduce(operator.add, counts[1:], counts[0]) if counts else sa.literal(0)


def view_counts(store: Store, *, ctx: ListContext | None = None) -> dict[str, int]:
    """How many cases each view holds: a count per index range, summed, all in one
    statement of about twenty scalar subqueries whatever the size of the store (one
    snapshot; 10 % faster than a statement each). "SLA at risk" is the open count less
    the open cases it leaves out (``SlaSql.calm_ranges``): short ranges of young cases
    rather than the long ones of old cases, less the breached ones."""
    ctx = ctx or context(store)
    sums = {view: _summed(count_parts(view, ctx)) for view in VIEWS if view != "sla_at_risk"}
    calm = _summed(ctx.sla.calm_ranges(ACTIVE))
    query = sa.select(*(total.label(view) for view, total in sums.items()), calm.label("calm"))
    with store.connection() as conn:
        row = conn.execute(query).one()._mapping
    counts = {view: int(row[view]) for view in sums}
    counts["sla_at_risk"] = counts["open"] - int(row["calm"]) - counts["sla_breached"]
    return {view: counts[view] for view in VIEWS}
