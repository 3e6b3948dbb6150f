"""How well the SPOC does: satisfaction, first-contact resolution, response and
resolution times, effort and demand, per week of a period and for the period, with
the previous period of the same length beside it.

The rules, as the README states them:

* **CSAT** — the live answers (1–5) *recorded* in a period: their average and the
  share of 4 and 5. **NPS** — the Net Promoter answers (0–10) given in a period:
  promoters answered 9–10, passives 7–8, detractors 0–6; the score is the share of
  promoters minus the share of detractors, −100 to 100. With no answer at all a
  figure is ``None`` (shown as "no feedback yet"), never 0.
* **First-contact resolution** — a case resolved in the period (resolved or closed,
  by its resolution moment) counts as resolved at first contact when it was never
  escalated, never reopened (no status change from resolved or closed back to an
  active status in its audit trail) and its log holds at most one inbound and at
  most one outbound entry up to the resolution (internal notes do not count). The
  rate is those cases over all cases resolved in the period. The *channel of first
  contact* is the channel of the case's earliest inbound or outbound entry. Both are
  kept on the case when it is resolved (``cases/first_contact.py`` states the rule
  and when it is worked out again), so a period reads them from one index range.
* **Times** — to first response: hours from opening to the first outbound entry,
  for the cases first answered in the period; to resolution: days from opening to
  resolution, for the cases resolved in it. Median and 90th percentile (nearest
  rank), wall-clock time.
* **Effort** — the minutes logged on log entries in the period (entries without
  minutes are not counted), summed per week, category, stakeholder and case.
* **Demand** — requests are cases opened in the period, counted per main
  stakeholder and per organisation (the main stakeholder's organisation, or the
  main stakeholder when it is one). *Found later*: a request entered in spocdesk
  more than a day after it was opened (its opening moment was set back when it was
  recorded: it reached the SPOC some other way and was found later); the others
  were *logged* as they came. *Repeat contacts*: inbound log entries in the period
  about a case that already had an inbound entry earlier in the same period.

Every figure is computed in SQL over index ranges (no Python loop over cases); each
carries a :class:`Drill` naming the records behind it, and :func:`drill_ids` lists
them for a click-through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import percentiles
from spocdesk.core.metrics.dashboard import PERIODS, period_start
from spocdesk.core.store import Store, backend

DONE = "('resolved', 'closed')"
FOUND_LATER_DAYS = 1.0
TOP = 10


# -- what a figure is made of -----------------------------------------------------------

@dataclass(frozen=True)
class Drill:
    """The records behind a figure: ``figure`` (see :data:`DRILLS`) over the moments
    ``[lo, hi)``, optionally narrowed to one ``key`` (a category, a channel of first
    contact or a stakeholder id, by figure). :func:`drill_ids` lists them; ``target``
    says which list to open (``cases`` or ``stakeholders``)."""

    figure: str
    lo: datetime
    hi: datetime
    key: str | None = None

    @property
    def target(self) -> str:
        return "stakeholders" if self.figure in ("nps", "nps_promoters", "nps_detractors") \
            else "cases"

    def as_json(self) -> dict[str, Any]:
        return {"figure": self.figure, "target": self.target, "from": self.lo.isoformat(),
                "to": self.hi.isoformat(), "key": self.key}


@dataclass(frozen=True)
class Satisfaction:
    csat_count: int
    csat_sum: int
    csat_4_5: int
    nps_count: int
    promoters: int
    passives: int
    detractors: int

    @property
    def csat_average(self) -> float | None:
        return round(self.csat_sum / self.csat_count, 2) if self.csat_count else None

    @property
    def csat_share_4_5(self) -> float | None:
        return round(self.csat_4_5 / self.csat_count, 4) if self.csat_count else None

    @property
    def nps(self) -> float | None:
        if not self.nps_count:
            return None
        return round(100.0 * (self.promoters - self.detractors) / self.nps_count, 1)

    @property
    def no_feedback(self) -> bool:
        return not self.csat_count and not self.nps_count

    def as_json(self) -> dict[str, Any]:
        return {"csat_average": self.csat_average, "csat_count": self.csat_count,
                "csat_share_4_5": self.csat_share_4_5, "nps": self.nps,
                "nps_count": self.nps_count, "promoters": self.promoters,
                "passives": self.passives, "detractors": self.detractors}


@dataclass(frozen=True)
class Fcr:
    resolved: int
    at_first_contact: int

    @property
    def rate(self) -> float | None:
        return round(self.at_first_contact / self.resolved, 4) if self.resolved else None

    def as_json(self) -> dict[str, Any]:
        return {"rate": self.rate, "resolved": self.resolved,
                "at_first_contact": self.at_first_contact}


@dataclass(frozen=True)
class Times:
    responses: int
    response_median_hours: float | None
    response_p90_hours: float | None
    resolutions: int
    resolution_median_days: float | None
    resolution_p90_days: float | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Effort:
    minutes: int
    entries: int  # log entries with minutes

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Figures:
    """Every figure of one stretch of time ``[start, end)``: a week or a period."""

    label: str  # "2026-W09", or the period ("quarter") and "previous"
    start: datetime
    end: datetime
    satisfaction: Satisfaction
    fcr: Fcr
    times: Times
    effort: Effort

    def drill(self, figure: str, key: str | None = None) -> Drill:
        return Drill(figure, self.start, self.end, key)


@dataclass(frozen=True)
class Count:
    key: str  # a category, channel, stakeholder id …
    label: str  # what to show ("" category: "(none)")
    count: int
    minutes: int = 0


@dataclass(frozen=True)
class FcrBreakdown:
    key: str
    fcr: Fcr


@dataclass(frozen=True)
class Demand:
    requests: int
    logged: int
    found_later: int
    inbound_contacts: int
    repeat_contacts: int
    by_stakeholder: list[Count]  # the top ones by requests
    by_organisation: list[Count]

    @property
    def found_later_share(self) -> float | None:
        return round(self.found_later / self.requests, 4) if self.requests else None

    def as_json(self) -> dict[str, Any]:
        return {"requests": self.requests, "logged": self.logged,
                "found_later": self.found_later, "found_later_share": self.found_later_share,
                "inbound_contacts": self.inbound_contacts,
                "repeat_contacts": self.repeat_contacts,
                "by_stakeholder": [c.__dict__ for c in self.by_stakeholder],
                "by_organisation": [c.__dict__ for c in self.by_organisation]}


@dataclass(frozen=True)
class Measures:
    """The period, the one before it (same length), and each week of the period."""

    period: str
    now: datetime
    current: Figures
    previous: Figures
    weeks: list[Figures]
    fcr_by_category: list[FcrBreakdown]
    fcr_by_channel: list[FcrBreakdown]  # channel of first contact; "" = none logged
    effort_by_category: list[Count]
    effort_by_stakeholder: list[Count]  # the top ones
    effort_by_case: list[Count]  # the top ones (key: case id, label: reference)
    volume_by_category: list[Count]  # cases opened in the period
    demand: Demand
    previous_demand: Demand = field(repr=False)


NO_DEMAND = Demand(0, 0, 0, 0, 0, [], [])  # ``measures(detail=False)``: not counted


def change(current: float | None, previous: float | None) -> float | None:
    """The period's change: current − previous, ``None`` when either is unknown."""
    if current is None or previous is None:
        return None
    return round(current - previous, 4)


# -- the SQL --------------------------------------------------------------------------
#
# Written in the file's words and run through :func:`_query`, which also runs them on a
# team server (``backend.query``: no index hints there, moments bound as timestamps;
# ``total`` and ``julianday`` the server defines, the main stakeholder ``is_main IS
# TRUE`` as its index says). A few statements a server answers in other words
# (:data:`_SERVER_SPELLING`, after them).


def _query(conn: sa.Connection, sql: str, params: dict[str, Any] | None = None, *,
           weeks: str | None = None) -> sa.CursorResult[*tuple[Any, ...]]:
    """Run one of this module's statements (with aware moments among ``params``; a
    weekly one with its CTE of ``weeks``) on ``conn``'s database."""
    if conn.dialect.name == backend.POSTGRESQL:
        sql = _SERVER_SPELLING.get(sql, sql)
    if weeks is not None:
        sql = sql.format(b=weeks)
    return backend.query(conn, sql, params)


_CSAT = """
WITH {b} SELECT b.i, count(*), total(f.csat), total(f.csat >= 4)
  FROM b JOIN case_feedback AS f ON f.recorded_at >= b.lo AND f.recorded_at < b.hi
 WHERE f.deleted_at IS NULL GROUP BY b.i"""

_NPS = """
WITH {b} SELECT b.i, count(*), total(n.score >= 9), total(n.score BETWEEN 7 AND 8),
       total(n.score <= 6)
  FROM b JOIN nps_answer AS n ON n.answered_at >= b.lo AND n.answered_at < b.hi
 WHERE n.deleted_at IS NULL GROUP BY b.i"""

RESOLVED_IN = (f"c.deleted_at IS NULL AND c.resolved_at IS NOT NULL AND c.status IN {DONE}")

# every case resolved in the period or the one before, with its week, category,
# channel of first contact and verdict (kept on the case when it was resolved:
# ``cases/first_contact.py``), counted per week, category and channel: per week one
# range of ``ix_case_first_contact``, read alone (joined, not looked up per case in
# ``b``), a few hundred groups
_FCR = f"""
WITH {{b}}
SELECT b.i, c.category, coalesce(c.first_channel, '') AS channel, count(*),
       total(c.first_contact)
  FROM b JOIN case_record AS c ON c.resolved_at >= b.lo AND c.resolved_at < b.hi
 WHERE {RESOLVED_IN}
 GROUP BY b.i, c.category, channel"""

# per week, the minutes and the entries of one range of ``ix_interaction_minutes`` each
# (a correlated subquery per week: counted where they lie, not sorted into groups)
_TIMED = ("FROM interaction AS x WHERE x.occurred_at >= b.lo AND x.occurred_at < b.hi "
          "AND x.deleted_at IS NULL AND x.minutes IS NOT NULL")
_EFFORT = f"""
WITH {{b}} SELECT b.i, (SELECT total(x.minutes) {_TIMED}), (SELECT count(*) {_TIMED})
  FROM b"""

# The report's tables. Grouping a period's rows by a case or person id sorts them, and
# SQLite's sorter allocates every row it sorts on its own (``temp_store = MEMORY``),
# which an encrypted connection also locks into memory and wipes: seconds for a
# quarter's 130,000 timed entries on the large store. So each table is read from an
# index in the order of its groups (revision 0027) and nothing larger than a top ten
# is sorted: a category's cases one by one, each case's minutes one range of
# ``ix_interaction_case_minutes``; a person's minutes in person order from the copy of
# each live timed entry's minutes on its participants.
_TIMED_IN = ("x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL "
             "AND x.minutes IS NOT NULL")
_OF_CASE = ("FROM interaction AS x INDEXED BY ix_interaction_case_minutes "
            f"WHERE x.case_id = c.id AND {_TIMED_IN}")
# minutes × 2³² + 1 for a case with timed entries in the period (NULL without): summed
# per category, the minutes and the cases in one look at each case (SQLite would look
# twice for two sums). An entry holds a day's minutes at most, so the minutes stay far
# below 2³¹ and the sums exact.
_PACK = 1 << 32
_EFFORT_BY_CATEGORY = f"""
SELECT cat, CAST(v AS BIGINT) >> 32, CAST(v AS BIGINT) & {_PACK - 1} FROM (
  SELECT cat, sum(v) AS v FROM (
    SELECT c.category AS cat, sum((SELECT sum(x.minutes) * {_PACK} + 1 {_OF_CASE})) AS v
      FROM case_record AS c INDEXED BY ix_case_category_cases GROUP BY c.category
    UNION ALL
    SELECT '', (SELECT sum(x.minutes) * {_PACK}
                  FROM interaction AS x INDEXED BY ix_interaction_case_minutes
                 WHERE x.case_id IS NULL AND {_TIMED_IN})) AS per_category
   GROUP BY cat) AS summed
 WHERE v IS NOT NULL ORDER BY 2 DESC, 1"""

# each case's minutes, the top ten kept as they come (a sort of ten rows), their
# entries counted afterwards
_EFFORT_BY_CASE = f"""
SELECT t.id, t.ref, t.m, (SELECT count(*) {_OF_CASE.replace("c.id", "t.id")})
  FROM (SELECT c.id, c.ref, c.ref_number, (SELECT sum(x.minutes) {_OF_CASE}) AS m
          FROM case_record AS c INDEXED BY ix_case_category_cases
         ORDER BY m DESC NULLS LAST, c.ref_number LIMIT :top) AS t
 WHERE t.m IS NOT NULL ORDER BY t.m DESC, t.ref_number"""

# the live participants of live timed entries in person order (their minutes and
# moment copied from the entry, revision 0027), then each person's name
_EFFORT_BY_STAKEHOLDER = """
SELECT s.id, s.display_name, g.m, g.k
  FROM (SELECT p.stakeholder_id AS id, sum(p.minutes) AS m, count(*) AS k
          FROM interaction_participant AS p INDEXED BY ix_interaction_participant_effort
         WHERE p.occurred_at >= :lo AND p.occurred_at < :hi AND p.deleted_at IS NULL
           AND p.minutes IS NOT NULL
         GROUP BY p.stakeholder_id) AS g
  JOIN stakeholder AS s INDEXED BY ix_stakeholder_id_sort ON s.id = g.id
 ORDER BY g.m DESC, s.display_name, s.id LIMIT :top"""


def _top(groups: str, order: str) -> str:
    """``groups`` (id, m, …) kept where ``m`` reaches the ``:top``-th largest."""
    return (f"WITH g AS MATERIALIZED ({groups}), "
            f"t AS (SELECT g.* FROM g WHERE g.id IS NOT NULL AND g.m >= coalesce("
            f"(SELECT m FROM g WHERE id IS NOT NULL ORDER BY m DESC LIMIT 1 "
            f"OFFSET :above), g.m)) {order}")


_VOLUME_BY_CATEGORY = """
SELECT c.category, count(*) FROM case_record AS c INDEXED BY ix_case_opened_category
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
 GROUP BY c.category ORDER BY 2 DESC, 1"""

_REQUESTS = f"""
SELECT count(*),
       total(julianday(c.created_at) - julianday(c.opened_at) > {FOUND_LATER_DAYS})
  FROM case_record AS c
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL"""

# the cases opened in the period (``ix_case_opened_live`` holds their ids) and their
# main stakeholder, counted per person, and per organisation (the person's, or the
# person when an organisation) in one grouping of the cases, not a second of the people
_MAIN = """FROM case_record AS c
  JOIN case_participant AS p ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
  JOIN stakeholder AS s ON s.id = p.stakeholder_id"""
_PER_MAIN = """SELECT p.stakeholder_id AS id, count(*) AS m
    FROM case_record AS c INDEXED BY ix_case_opened_live
    JOIN case_participant AS p ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
   WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
   GROUP BY p.stakeholder_id"""

_BY_STAKEHOLDER = _top(_PER_MAIN, """
SELECT s.id, s.display_name, t.m FROM t JOIN stakeholder AS s ON s.id = t.id
 ORDER BY t.m DESC, s.display_name, s.id LIMIT :top""")

_BY_ORGANISATION = _top("""
SELECT CASE WHEN s.kind = 'organisation' THEN s.id ELSE s.organisation_id END AS id,
       count(*) AS m
  FROM case_record AS c INDEXED BY ix_case_opened_live
  JOIN case_participant AS p ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
  JOIN stakeholder AS s INDEXED BY ix_stakeholder_organisation_of ON s.id = p.stakeholder_id
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
 GROUP BY 1""", """
SELECT o.id, o.display_name, t.m FROM t JOIN stakeholder AS o ON o.id = t.id
 ORDER BY t.m DESC, o.display_name, o.id LIMIT :top""")

# inbound entries of a period, and those about a case: one range of
# ``ix_interaction_inbound``
_INBOUND = """
SELECT count(*), count(x.case_id) FROM interaction AS x INDEXED BY ix_interaction_inbound
 WHERE x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.direction = 'in'"""

# the cases with an inbound entry in the period before and in this one: one probe of
# ``ix_interaction_inbound_case`` per case and period, instead of sorting the entries
# by case (repeat contacts are the entries about a case less the cases)
_INBOUND_OF_CASE = ("EXISTS (SELECT 1 FROM interaction AS x INDEXED BY ix_interaction_inbound_case "
                    "WHERE x.case_id = c.id AND x.occurred_at >= {lo} AND x.occurred_at < {hi} "
                    "AND x.deleted_at IS NULL AND x.direction = 'in')")
_CASES_CONTACTED = (f"SELECT total({_INBOUND_OF_CASE.format(lo=':prev', hi=':lo')}), "
                    f"total({_INBOUND_OF_CASE.format(lo=':lo', hi=':hi')}) "
                    "FROM case_record AS c")


# On a team server. SQLite's spellings above avoid its sorter (each group read from an
# index in group order, one probe per case); PostgreSQL hashes a period's rows into
# groups in memory, and under row security each probe of a case or entry also tests
# its policy, so there the rows of a period are read once from an index that carries
# what the policies read (``core/store/server_report.py``) and grouped.
_SERVER_TIMED = ("FROM interaction AS x WHERE x.occurred_at >= :lo AND x.occurred_at < :hi "
                 "AND x.deleted_at IS NULL AND x.minutes IS NOT NULL")
_SERVER_PER_CASE = f"SELECT x.case_id AS id, sum(x.minutes) AS m, count(*) AS k {_SERVER_TIMED} " \
                   "GROUP BY x.case_id"
_SERVER_SPELLING = {
    # one range per week (joined, the planner read every timed entry for each week)
    _EFFORT: """
WITH {b} SELECT b.i, w.m, w.k FROM b CROSS JOIN LATERAL (
  SELECT sum(x.minutes) AS m, count(*) AS k FROM interaction AS x
   WHERE x.occurred_at >= b.lo AND x.occurred_at < b.hi AND x.deleted_at IS NULL
     AND x.minutes IS NOT NULL) AS w""",
    # the entries without a case are the category '' with no case
    _EFFORT_BY_CATEGORY: f"""
SELECT coalesce(c.category, '') AS cat, sum(g.m), count(c.id)
  FROM ({_SERVER_PER_CASE}) AS g LEFT JOIN case_record AS c ON c.id = g.id
 GROUP BY 1 ORDER BY 2 DESC, 1""",
    _EFFORT_BY_CASE: _top(_SERVER_PER_CASE, """
SELECT c.id, c.ref, t.m, t.k FROM t JOIN case_record AS c ON c.id = t.id
 ORDER BY t.m DESC, c.ref_number LIMIT :top"""),
    _CASES_CONTACTED: """
SELECT count(DISTINCT CASE WHEN x.occurred_at < :lo THEN x.case_id END),
       count(DISTINCT CASE WHEN x.occurred_at >= :lo THEN x.case_id END)
  FROM interaction AS x
 WHERE x.occurred_at >= :prev AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.direction = 'in'""",
}


def _weeks(bounds: list[datetime]) -> tuple[str, dict[str, datetime]]:
    """A CTE ``b(i, lo, hi)`` of consecutive weeks (``bounds``: their starts and the
    last one's end), each row of a range counted once; periods are sums of weeks. The
    parameters are aware moments, for :func:`_query`."""
    rows = []
    params: dict[str, datetime] = {}
    for i in range(len(bounds) - 1):
        rows.append(f"({i}, :w_lo{i}, :w_hi{i})")
        params[f"w_lo{i}"] = bounds[i]
        params[f"w_hi{i}"] = bounds[i + 1]
    return f"b(i, lo, hi) AS (VALUES {', '.join(rows)})", params


def _sum(table: dict[int, tuple[Any, ...]], keys: range, width: int) -> tuple[Any, ...]:
    """Column sums of ``table``'s rows at ``keys`` (a missing row counts as zeros)."""
    rows = [table.get(k, (0,) * width) for k in keys]
    return tuple(sum(r[c] or 0 for r in rows) for c in range(width))


def _by_bucket(conn: sa.Connection, sql: str, params: dict[str, Any],
               weeks: str) -> dict[int, tuple[Any, ...]]:
    return {int(row[0]): tuple(row[1:]) for row in _query(conn, sql, params, weeks=weeks)}


def _round(value: Any, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _times(conn: sa.Connection, spans: list[tuple[datetime, datetime]]
           ) -> tuple[dict[int, tuple[Any, ...]], dict[int, tuple[Any, ...]]]:
    """Per bucket of ``spans`` (each week, the period, the one before): (count, median,
    90th percentile) of the hours to first response and of the days to resolution,
    from :mod:`spocdesk.core.metrics.percentiles`."""
    response, resolution = percentiles.stats(
        conn, (percentiles.RESPONSE_HOURS, spans), (percentiles.RESOLUTION_DAYS, spans))
    return ({i: (t.count, t.median, t.p90) for i, t in enumerate(response) if t.count},
            {i: (t.count, t.median, t.p90) for i, t in enumerate(resolution) if t.count})


@dataclass(frozen=True)
class _Plan:
    """The stretches of time of a period and the SQL parameters that name them."""

    bounds: list[datetime]  # the local Monday midnights of the period's weeks, and its end
    start: datetime
    end: datetime
    prev: datetime  # the start of the period before
    n: int  # weeks
    spans: list[tuple[datetime, datetime]]  # each week, the period and the one before (the times)
    w: str  # CTE of the weeks of the period before, then this period's (the sums)
    w_params: dict[str, datetime]
    span: dict[str, Any]
    prev_span: dict[str, Any]


def _plan(now: datetime, period: str, zone: ZoneInfo, top: int) -> _Plan:
    start = period_start(now, period, zone)
    first = start.astimezone(zone).date()
    weeks_n = PERIODS[period]
    # local Monday midnights: a week across a change of clocks is 167 or 169 hours
    bounds = [recurrence.start_of_day(first + timedelta(weeks=k), zone)
              for k in range(weeks_n + 1)]
    prev = recurrence.start_of_day(first - timedelta(weeks=weeks_n), zone)
    spans = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    spans += [(bounds[0], bounds[-1]), (prev, bounds[0])]
    # the sums: the previous period's weeks (0 … n-1), then this period's (n … 2n-1)
    every = [recurrence.start_of_day(first - timedelta(weeks=weeks_n - k), zone)
             for k in range(weeks_n)] + bounds
    w, w_params = _weeks(every)
    return _Plan(bounds, start, bounds[-1], prev, len(bounds) - 1, spans, w, w_params,
                 _span(start, bounds[-1], top), _span(prev, start, top))


def _span(lo: datetime, hi: datetime, top: int) -> dict[str, Any]:
    """The parameters of the report's tables over ``[lo, hi)``: ``top`` rows at most,
    ``above`` the rows ahead of the last of them."""
    return {"lo": lo, "hi": hi, "top": max(0, top), "above": max(0, top - 1)}


def measures(store: Store, period: str = "4w", *, tz: ZoneInfo | None = None,
             top: int = TOP, detail: bool = True) -> Measures:
    """Every figure of ``period`` (``4w``, ``quarter``, ``year``: whole local weeks
    from a Monday, the last being the current one), of the previous period of the
    same length, and of each week; a dozen queries. Each row of a range is read once
    (per week; a period is the sum of its weeks), the percentiles apart.

    ``detail=False`` leaves out what only the report shows (effort per category,
    stakeholder and case, and demand: empty lists and zeros), the costly part on a
    large store; the dashboard's figures (satisfaction, FCR, times, effort per week)
    need none of it."""
    zone = tz or recurrence.local_zone()
    now = store.now()
    plan = _plan(now, period, zone, top)
    bounds, start, end, prev, n = plan.bounds, plan.start, plan.end, plan.prev, plan.n
    w, w_params = plan.w, plan.w_params
    span = plan.span
    by_category: list[Count] = []
    by_stakeholder: list[Count] = []
    by_case: list[Count] = []
    volume: list[Count] = []
    with store.connection() as conn, conn.begin():  # one snapshot
        csat = _by_bucket(conn, _CSAT, w_params, w)
        nps = _by_bucket(conn, _NPS, w_params, w)
        fcr_groups = _query(conn, _FCR, w_params, weeks=w).all()
        response, resolution = _times(conn, plan.spans)
        effort = _by_bucket(conn, _EFFORT, w_params, w)
        if detail:
            by_category = [Count(str(cat), str(cat), int(cases), int(minutes))
                           for cat, minutes, cases
                           in _query(conn, _EFFORT_BY_CATEGORY, span)]
            by_stakeholder = [Count(sid, name, int(k), int(m)) for sid, name, m, k
                              in _query(conn, _EFFORT_BY_STAKEHOLDER, span)]
            by_case = [Count(cid, ref, int(k), int(m)) for cid, ref, m, k
                       in _query(conn, _EFFORT_BY_CASE, span)]
            volume = [Count(str(cat), str(cat), int(k))
                      for cat, k in _query(conn, _VOLUME_BY_CATEGORY, span)]
        demand, previous_demand = _demands(conn, plan) if detail else (NO_DEMAND, NO_DEMAND)

    fcr: dict[int, tuple[int, int]] = {}
    for i, _category, _channel, count, first in fcr_groups:
        resolved_n, first_n = fcr.get(int(i), (0, 0))
        fcr[int(i)] = (resolved_n + int(count), first_n + int(first))

    def figures(weeks: range, pct: int, label: str, lo: datetime, hi: datetime) -> Figures:
        """The figures of ``weeks`` (indexes of the weekly sums) and percentile bucket
        ``pct``."""
        c_n, c_sum, c_45 = _sum(csat, weeks, 3)
        n_n, pro, pas, det = _sum(nps, weeks, 4)
        resolved, first_n = _sum(fcr, weeks, 2)
        r_n, r_med, r_p90 = response.get(pct, (0, None, None))
        s_n, s_med, s_p90 = resolution.get(pct, (0, None, None))
        minutes, entries = _sum(effort, weeks, 2)
        return Figures(
            label, lo, hi,
            Satisfaction(int(c_n), int(c_sum), int(c_45), int(n_n), int(pro), int(pas),
                         int(det)),
            Fcr(int(resolved), int(first_n)),
            Times(int(r_n), _round(r_med), _round(r_p90), int(s_n), _round(s_med),
                  _round(s_p90)),
            Effort(int(minutes), int(entries)))

    weeks = []
    for i in range(n):
        iso = bounds[i].astimezone(zone).isocalendar()
        weeks.append(figures(range(n + i, n + i + 1), i, f"{iso.year}-W{iso.week:02d}",
                             bounds[i], bounds[i + 1]))
    by_cat: dict[str, list[int]] = {}
    by_channel: dict[str, list[int]] = {}
    for i, category, channel, count, first in fcr_groups:
        if i < n:  # the breakdowns are this period's
            continue
        for table, key in ((by_cat, str(category)), (by_channel, str(channel))):
            pair = table.setdefault(key, [0, 0])
            pair[0] += int(count)
            pair[1] += int(first)
    return Measures(
        period=period, now=now, current=figures(range(n, 2 * n), n, period, start, end),
        previous=figures(range(n), n + 1, "previous", prev, start), weeks=weeks,
        fcr_by_category=_breakdown(by_cat), fcr_by_channel=_breakdown(by_channel),
        effort_by_category=by_category, effort_by_stakeholder=by_stakeholder,
        effort_by_case=by_case, volume_by_category=volume, demand=demand,
        previous_demand=previous_demand)


def figure_queries(store: Store, period: str = "4w", *, tz: ZoneInfo | None = None,
                   top: int = TOP) -> dict[str, Callable[[], Any]]:
    """Each figure of :func:`measures` on its own, the same SQL over the same weeks (for
    ``benchmarks/run.py``, a row per figure): satisfaction (CSAT), NPS, first-contact
    resolution, the times, effort per week and per category, stakeholder and case, and
    demand (this period and the one before)."""
    plan = _plan(store.now(), period, tz or recurrence.local_zone(), top)

    def run(*queries: tuple[str, dict[str, Any], str | None]) -> Callable[[], Any]:
        def go() -> list[Any]:
            with store.connection() as conn, conn.begin():
                return [_query(conn, sql, params, weeks=weeks).all()
                        for sql, params, weeks in queries]
        return go

    def demand() -> tuple[Demand, Demand]:
        with store.connection() as conn, conn.begin():
            return _demands(conn, plan)

    def times() -> Any:
        with store.connection() as conn, conn.begin():
            return _times(conn, plan.spans)

    return {
        "satisfaction (CSAT)": run((_CSAT, plan.w_params, plan.w)),
        "Net Promoter Score": run((_NPS, plan.w_params, plan.w)),
        "first-contact resolution": run(
            (_FCR, plan.w_params, plan.w)),
        "times to response and resolution": times,
        "effort per week": run((_EFFORT, plan.w_params, plan.w)),
        "effort per category, stakeholder, case": run(
            (_EFFORT_BY_CATEGORY, plan.span, None), (_EFFORT_BY_STAKEHOLDER, plan.span, None),
            (_EFFORT_BY_CASE, plan.span, None)),
        "demand (period and the one before)": demand,
    }


def _breakdown(table: dict[str, list[int]]) -> list[FcrBreakdown]:
    rows = [FcrBreakdown(key, Fcr(count, first)) for key, (count, first) in table.items()]
    return sorted(rows, key=lambda r: (-r.fcr.resolved, r.key))


def _demands(conn: sa.Connection, plan: _Plan) -> tuple[Demand, Demand]:
    """The demand of the period and of the one before it."""
    before, now = _query(conn, _CASES_CONTACTED,
                               {**plan.span, "prev": plan.prev_span["lo"]}).one()
    return _demand(conn, plan.span, int(now)), _demand(conn, plan.prev_span, int(before))


def _demand(conn: sa.Connection, span: dict[str, Any], contacted: int) -> Demand:
    """``contacted``: the cases with an inbound entry in ``span``."""
    requests, later = _query(conn, _REQUESTS, span).one()
    inbound, about_cases = _query(conn, _INBOUND, span).one()
    repeats = int(about_cases or 0) - contacted
    people = [Count(sid, name, int(k)) for sid, name, k
              in _query(conn, _BY_STAKEHOLDER, span)]
    orgs = [Count(sid, name, int(k)) for sid, name, k
            in _query(conn, _BY_ORGANISATION, span)]
    total = int(requests or 0)
    found = int(later or 0)
    return Demand(total, total - found, found, int(inbound or 0), int(repeats or 0),
                  people, orgs)


# -- click-through ------------------------------------------------------------------------

_DRILL_CASES: dict[str, str] = {
    "csat": "SELECT f.case_id FROM case_feedback AS f WHERE f.recorded_at >= :lo "
            "AND f.recorded_at < :hi AND f.deleted_at IS NULL ORDER BY f.recorded_at",
    "csat_4_5": "SELECT f.case_id FROM case_feedback AS f WHERE f.recorded_at >= :lo "
                "AND f.recorded_at < :hi AND f.deleted_at IS NULL AND f.csat >= 4 "
                "ORDER BY f.recorded_at",
    "csat_1_3": "SELECT f.case_id FROM case_feedback AS f WHERE f.recorded_at >= :lo "
                "AND f.recorded_at < :hi AND f.deleted_at IS NULL AND f.csat <= 3 "
                "ORDER BY f.recorded_at",
    "resolved": f"SELECT c.id FROM case_record AS c WHERE c.resolved_at >= :lo "
                f"AND c.resolved_at < :hi AND {RESOLVED_IN} ORDER BY c.resolved_at",
    "fcr": f"SELECT c.id FROM case_record AS c WHERE c.resolved_at >= :lo "
           f"AND c.resolved_at < :hi AND {RESOLVED_IN} AND c.first_contact IS TRUE "
           "ORDER BY c.resolved_at",
    "not_fcr": f"SELECT c.id FROM case_record AS c WHERE c.resolved_at >= :lo "
               f"AND c.resolved_at < :hi AND {RESOLVED_IN} "
               "AND c.first_contact IS NOT TRUE ORDER BY c.resolved_at",
    "first_response": "SELECT c.id FROM case_record AS c WHERE c.first_response_at >= :lo "
                      "AND c.first_response_at < :hi AND c.deleted_at IS NULL "
                      "AND c.first_response_at IS NOT NULL ORDER BY c.first_response_at",
    "effort": "SELECT x.case_id FROM interaction AS x WHERE x.occurred_at >= :lo "
              "AND x.occurred_at < :hi AND x.deleted_at IS NULL AND x.minutes IS NOT NULL "
              "AND x.case_id IS NOT NULL GROUP BY x.case_id ORDER BY total(x.minutes) DESC",
    "requests": "SELECT c.id FROM case_record AS c WHERE c.opened_at >= :lo "
                "AND c.opened_at < :hi AND c.deleted_at IS NULL ORDER BY c.opened_at",
    "found_later": "SELECT c.id FROM case_record AS c WHERE c.opened_at >= :lo "
                   "AND c.opened_at < :hi AND c.deleted_at IS NULL AND "
                   f"julianday(c.created_at) - julianday(c.opened_at) > {FOUND_LATER_DAYS} "
                   "ORDER BY c.opened_at",
    "repeat_contacts": "SELECT x.case_id FROM interaction AS x WHERE x.occurred_at >= :lo "
                       "AND x.occurred_at < :hi AND x.deleted_at IS NULL "
                       "AND x.direction = 'in' AND x.case_id IS NOT NULL "
                       "GROUP BY x.case_id HAVING count(*) > 1 ORDER BY min(x.occurred_at)",
}
_DRILL_CASES["resolution"] = _DRILL_CASES["resolved"]
# narrowed to one key
_DRILL_KEYED: dict[str, str] = {
    "fcr_category": f"SELECT c.id FROM case_record AS c WHERE c.resolved_at >= :lo "
                    f"AND c.resolved_at < :hi AND {RESOLVED_IN} AND c.category = :key "
                    "ORDER BY c.resolved_at",
    "fcr_channel": f"SELECT c.id FROM case_record AS c WHERE c.resolved_at >= :lo "
                   f"AND c.resolved_at < :hi AND {RESOLVED_IN} "
                   "AND coalesce(c.first_channel, '') = :key "
                   "ORDER BY c.resolved_at",
    "requests_stakeholder": f"SELECT c.id {_MAIN} WHERE c.opened_at >= :lo "
                            "AND c.opened_at < :hi AND c.deleted_at IS NULL "
                            "AND s.id = :key ORDER BY c.opened_at",
    "requests_category": "SELECT c.id FROM case_record AS c WHERE c.opened_at >= :lo "
                         "AND c.opened_at < :hi AND c.deleted_at IS NULL "
                         "AND c.category = :key ORDER BY c.opened_at",
    "effort_category": "SELECT x.case_id FROM interaction AS x JOIN case_record AS c "
                       "ON c.id = x.case_id WHERE x.occurred_at >= :lo "
                       "AND x.occurred_at < :hi AND x.deleted_at IS NULL "
                       "AND x.minutes IS NOT NULL AND c.category = :key "
                       "GROUP BY x.case_id ORDER BY total(x.minutes) DESC",
}
_DRILL_PEOPLE: dict[str, str] = {
    "nps": "SELECT n.stakeholder_id FROM nps_answer AS n WHERE n.answered_at >= :lo "
           "AND n.answered_at < :hi AND n.deleted_at IS NULL ORDER BY n.answered_at",
    "nps_promoters": "SELECT n.stakeholder_id FROM nps_answer AS n WHERE n.answered_at >= :lo "
                     "AND n.answered_at < :hi AND n.deleted_at IS NULL AND n.score >= 9 "
                     "ORDER BY n.answered_at",
    "nps_detractors": "SELECT n.stakeholder_id FROM nps_answer AS n "
                      "WHERE n.answered_at >= :lo AND n.answered_at < :hi "
                      "AND n.deleted_at IS NULL AND n.score <= 6 ORDER BY n.answered_at",
}
DRILLS = tuple(sorted({*_DRILL_CASES, *_DRILL_KEYED, *_DRILL_PEOPLE}))


def _drill_sql(drill: Drill) -> tuple[str, dict[str, Any]]:
    sql = _DRILL_CASES.get(drill.figure) or _DRILL_KEYED.get(drill.figure) \
        or _DRILL_PEOPLE.get(drill.figure)
    if sql is None:
        raise ValueError(f"no figure {drill.figure!r}; one of {', '.join(DRILLS)}")
    return sql, {"lo": drill.lo, "hi": drill.hi, "key": drill.key or ""}


def drill_ids(store: Store, drill: Drill, *, limit: int | None = None) -> list[str]:
    """The ids behind ``drill`` (cases, or stakeholders for the NPS figures), in the
    order the figure met them; the same SQL as the figure, one range of its index."""
    sql, params = _drill_sql(drill)
    if limit is not None:
        sql += f" LIMIT {max(0, int(limit))}"
    with store.connection() as conn:
        return [str(row[0]) for row in _query(conn, sql, params)]


def drill_count(store: Store, drill: Drill) -> int:
    """How many ids :func:`drill_ids` gives without a limit (a list's length before
    its rows are read)."""
    sql, params = _drill_sql(drill)
    with store.connection() as conn:
        return int(_query(conn, f"SELECT count(*) FROM ({sql}) AS d", params)
                   .scalar_one())


# -- smaller questions ----------------------------------------------------------------

def minutes_of_case(store: Store, case_id: str) -> int:
    """All minutes logged on one case (its log read from ``ix_interaction_case_time``)."""
    with store.connection() as conn:
        return int(_query(conn, "SELECT total(minutes) FROM interaction WHERE case_id = :id "
                                "AND deleted_at IS NULL", {"id": case_id}).scalar_one())


def minutes_of_stakeholder(store: Store, stakeholder_id: str, *,
                           since: datetime | None = None) -> int:
    """All minutes logged on entries with one stakeholder (since ``since``)."""
    sql = ("SELECT total(x.minutes) FROM interaction_participant AS p "
           "JOIN interaction AS x ON x.id = p.interaction_id "
           "WHERE p.stakeholder_id = :id AND p.deleted_at IS NULL AND x.deleted_at IS NULL")
    params: dict[str, Any] = {"id": stakeholder_id}
    if since is not None:
        sql += " AND x.occurred_at >= :since"
        params["since"] = since
    with store.connection() as conn:
        return int(_query(conn, sql, params).scalar_one())


def is_first_contact(store: Store, case_id: str) -> bool | None:
    """Whether a case was resolved at first contact (its verdict, kept since it was
    resolved); ``None`` while it is not resolved."""
    with store.connection() as conn:
        row = _query(conn, f"SELECT c.first_contact FROM case_record AS c WHERE c.id = :id "
                           f"AND {RESOLVED_IN}", {"id": case_id}).first()
    return None if row is None else bool(row[0])
