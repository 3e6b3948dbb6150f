"""The dashboard's figures, each computed in SQL: Today, Workload and Trends.

*Today* (every tile names the list it opens, see :class:`Tile`):

* follow-ups **overdue** and **due today** — the agenda's rules
  (:mod:`spocdesk.core.followups.service`): the effective due moment is the
  snooze when set; a timed follow-up is overdue once its moment passed, a
  date-only one from the next day on;
* open cases with **no follow-up planned** (no open follow-up), open cases with
  **no next step** (an empty one-line *next step*), and open cases whose **SLA is
  at risk** / **breached** — exactly the case list's ``no_followup``,
  ``no_next_step``, ``sla_at_risk`` and ``sla_breached`` views
  (:mod:`spocdesk.core.cases.query`, :mod:`spocdesk.core.cases.sla`);
* stakeholders **past their stay-in-touch cadence** — no interaction with them
  (or, never contacted, since they were added) for longer than their cadence.

*Workload*: open cases (new, open, waiting, escalated) by status and by
priority, and the oldest open cases.

*Trends* for a period — ``4w`` (4 weeks), ``quarter`` (13 weeks) or ``year``
(52 weeks), always whole weeks from a local Monday 00:00, the last one being
the current week:

* cases opened and resolved per week (by ``opened_at`` / ``resolved_at``);
* per calendar month touching the period: the median time to first response
  (hours, cases first answered that month) and to resolution (days, cases
  resolved that month);
* the SLA breach rate: of the cases resolved in the period that have a target
  for their priority, the share whose response or resolution clock was breached
  (also per week);
* interactions per channel in the period.

Deleted records never count. All moments are compared in UTC; week and month
boundaries are local midnights in ``tz`` (default: the computer's zone).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from spocdesk.core import safe_write
from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import query as case_query
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.followups import recurrence
from spocdesk.core.followups import service as followups
from spocdesk.core.metrics import percentiles
from spocdesk.core.model import CaseStatus, Channel, Priority
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store, backend, server_hourly

PERIODS: dict[str, int] = {"4w": 4, "quarter": 13, "year": 52}  # weeks
ACTIVE = tuple(case_query.ACTIVE)
DONE = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)
STATUSES = [s.value for s in CaseStatus]
PRIORITIES = [p.value for p in Priority]
CHANNELS = [c.value for c in Channel]


def _zone(tz: ZoneInfo | None) -> ZoneInfo:
    return tz or recurrence.local_zone()


def _settings(store: Store, settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    with store.session() as session:
        return settings_mod.load(session)


# -- Today ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Tile:
    """One figure of the Today row. ``target`` is the list it opens (``followups``,
    ``cases`` or ``stakeholders``) and ``filter`` the filter to open it with: a
    follow-up due filter/agenda bucket (``overdue``, ``today``), a case list view
    (``no_followup``, ``no_next_step``, ``sla_at_risk``, ``sla_breached``) or
    ``due_for_contact``."""

    key: str
    label: str
    count: int
    target: str
    filter: str


@dataclass(frozen=True)
class Today:
    followups_overdue: int
    followups_due_today: int
    cases_without_followup: int
    cases_without_next_step: int
    sla_at_risk: int
    sla_breached: int
    stakeholders_due_for_contact: int

    def tiles(self) -> list[Tile]:
        return [
            Tile("followups_overdue", "Follow-ups overdue", self.followups_overdue,
                 "followups", "overdue"),
            Tile("followups_due_today", "Follow-ups due today", self.followups_due_today,
                 "followups", "today"),
            Tile("cases_without_followup", "No follow-up planned",
                 self.cases_without_followup, "cases", "no_followup"),
            Tile("cases_without_next_step", "No next step",
                 self.cases_without_next_step, "cases", "no_next_step"),
            Tile("sla_at_risk", "SLA at risk", self.sla_at_risk, "cases", "sla_at_risk"),
            Tile("sla_breached", "SLA breached", self.sla_breached, "cases", "sla_breached"),
            Tile("stakeholders_due_for_contact", "Stay in touch",
                 self.stakeholders_due_for_contact, "stakeholders", "due_for_contact"),
        ]


def today(store: Store, *, tz: ZoneInfo | None = None,
          settings: Settings | None = None) -> Today:
    """The Today tiles at the store's "now": each a sum of counts over index ranges
    (revision 0008; the SLA tiles per priority, see ``SlaSql.needs_attention_ranges``)."""
    zone = _zone(tz)
    ctx = case_query.ListContext(store.now(), _settings(store, settings), zone, store.backend)
    s = ctx.sla
    overdue, due_today = followups.due_now_counts(store, zone)
    with store.connection() as conn, conn.begin():  # one snapshot for the four
        no_followup = case_query.count_live(conn, case_query.count_parts("no_followup", ctx))
        no_step = case_query.count_live(conn, case_query.count_parts("no_next_step", ctx))
        attention = case_query.count_live(conn, s.needs_attention_ranges(ACTIVE))
        breached = case_query.count_live(conn, s.breached_ranges(ACTIVE))
    return Today(followups_overdue=overdue, followups_due_today=due_today,
                 cases_without_followup=no_followup,
                 cases_without_next_step=no_step, sla_at_risk=attention - breached,
                 sla_breached=breached,
                 stakeholders_due_for_contact=followups.count_due_for_contact(store))


# -- Workload ------------------------------------------------------------------------

@dataclass(frozen=True)
class OldCase:
    id: str
    ref: str
    title: str
    status: str
    priority: str
    opened_at: datetime
    age_days: float


@dataclass(frozen=True)
class Workload:
    open_cases: int
    by_status: dict[str, int]  # the open statuses, in workflow order, zeros included
    by_priority: dict[str, int]  # low → urgent, zeros included
    oldest: list[OldCase]


def workload(store: Store, *, oldest: int = 10) -> Workload:
    now = store.now()
    where = "deleted_at IS NULL AND status IN ('new', 'open', 'waiting', 'escalated')"
    with store.connection() as conn:
        pairs = conn.execute(sa.text(
            f"SELECT status, priority, count(*) FROM case_record WHERE {where} "
            "GROUP BY status, priority")).all()
        rows = conn.execute(sa.text(
            f"SELECT id, ref, title, status, priority, opened_at FROM case_record WHERE {where} "
            "ORDER BY opened_at, ref_number LIMIT :n"), {"n": max(0, oldest)}).all()
    by_status = dict.fromkeys(ACTIVE, 0)
    by_priority = dict.fromkeys(PRIORITIES, 0)
    for status, priority, count in pairs:
        by_status[status] = by_status.get(status, 0) + int(count)
        by_priority[priority] = by_priority.get(priority, 0) + int(count)
    old = []
    for cid, ref, title, status, priority, opened in rows:
        opened_at = _parse(opened)
        old.append(OldCase(cid, ref, title, status, priority, opened_at,
                           round((now - opened_at).total_seconds() / 86_400, 2)))
    return Workload(sum(by_status.values()), by_status, by_priority, old)


def _parse(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- Trends --------------------------------------------------------------------------

@dataclass(frozen=True)
class WeekPoint:
    start: datetime  # local Monday 00:00, as aware UTC
    label: str  # ISO week, e.g. "2026-W09"
    opened: int
    resolved: int
    resolved_with_target: int  # resolved cases whose priority has an SLA target
    breached: int  # … of which a clock was breached

    @property
    def breach_rate(self) -> float | None:
        return self.breached / self.resolved_with_target if self.resolved_with_target else None


@dataclass(frozen=True)
class MonthPoint:
    month: str  # "2026-03"
    start: datetime  # local first of the month 00:00, as aware UTC
    first_responses: int
    median_first_response_hours: float | None
    resolutions: int
    median_resolution_days: float | None


@dataclass(frozen=True)
class Trends:
    period: str
    start: datetime
    end: datetime
    weeks: list[WeekPoint]
    months: list[MonthPoint]
    resolved_with_target: int
    breached: int
    interactions_by_channel: dict[str, int]  # every channel, zeros included

    @property
    def breach_rate(self) -> float | None:
        return self.breached / self.resolved_with_target if self.resolved_with_target else None


def period_start(now: datetime, period: str, tz: ZoneInfo) -> datetime:
    """Local Monday 00:00 of the first week of ``period`` (as aware UTC)."""
    if period not in PERIODS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{period}' is not a period; use one of: {choices}."),
            period=period, choices=", ".join(PERIODS))
    today_local = now.astimezone(tz).date()
    monday = today_local - timedelta(days=today_local.weekday())
    return recurrence.start_of_day(monday - timedelta(weeks=PERIODS[period] - 1), tz)


def _week_bounds(first: date, weeks: int, tz: ZoneInfo) -> list[datetime]:
    return [recurrence.start_of_day(first + timedelta(weeks=k), tz) for k in range(weeks + 1)]


def _month_bounds(first: date, last: date, tz: ZoneInfo) -> list[tuple[str, datetime]]:
    bounds: list[tuple[str, datetime]] = []
    day = first.replace(day=1)
    stop = (last.replace(day=1) + timedelta(days=32)).replace(day=1)
    while day <= stop:
        bounds.append((f"{day:%Y-%m}", recurrence.start_of_day(day, tz)))
        day = (day + timedelta(days=32)).replace(day=1)
    return bounds


def _values(name: str, bounds: list[datetime]) -> tuple[str, dict[str, datetime]]:
    """A CTE ``name(i, lo, hi)`` of consecutive buckets, with its parameters (for
    :func:`backend.query`)."""
    rows = []
    params: dict[str, datetime] = {}
    for i in range(len(bounds) - 1):
        rows.append(f"({i}, :{name}_lo{i}, :{name}_hi{i})")
        params[f"{name}_lo{i}"] = bounds[i]
        params[f"{name}_hi{i}"] = bounds[i + 1]
    return f"{name}(i, lo, hi) AS (VALUES {', '.join(rows)})", params


_RAW_CHANNELS = (
    "SELECT channel, count(*) FROM interaction WHERE deleted_at IS NULL "
    "AND occurred_at >= :lo AND occurred_at < :hi GROUP BY channel")
# one range of the (channel, hour) key per channel (revision 0023): no sorter
_HOURLY_CHANNELS = sa.text(
    "WITH c(channel) AS (VALUES " + ", ".join(f"('{c}')" for c in CHANNELS) + ") "
    "SELECT c.channel, (SELECT sum(h.n) FROM interaction_hourly AS h "
    "WHERE h.channel = c.channel AND h.hour >= :lo AND h.hour < :hi) FROM c")


def channel_counts(conn: sa.Connection, lo: datetime, hi: datetime) -> dict[str, int]:
    """Live interactions per channel in ``[lo, hi)`` that the reader sees.

    On the file: the whole UTC hours from the ``interaction_hourly`` summary (revision
    0008), the partial hours at either end counted from the covering index: exact, and
    a few hundred rows instead of a million. On a team server that summary is the
    team's (every member's log entries, kept by a trigger that sees them all): a lead
    reads it as on the file (:func:`spocdesk.core.store.backend.sees_every_row`), a
    SPOC their own summary and the entries on colleagues' cases they see
    (:mod:`spocdesk.core.store.server_hourly`): what row security lets them read."""
    def hour(moment: datetime) -> datetime:
        return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)

    first = hour(lo) if hour(lo) == lo else hour(lo) + timedelta(hours=1)
    last = hour(hi)
    totals: dict[str, int] = {}

    def add(rows: Iterable[Any]) -> None:
        for channel, n in rows:
            totals[str(channel)] = totals.get(str(channel), 0) + int(n or 0)

    if first >= last:
        add(backend.query(conn, _RAW_CHANNELS, {"lo": lo, "hi": hi}))
        return totals
    # the summaries' key: the UTC hour as text, as the triggers write it
    hours = {"hour_lo": f"{first:%Y-%m-%d %H}", "hour_hi": f"{last:%Y-%m-%d %H}"}
    if backend.sees_every_row(conn, "interaction"):
        add(conn.execute(_HOURLY_CHANNELS, {"lo": hours["hour_lo"], "hi": hours["hour_hi"]}))
    else:  # a SPOC on a team server
        add(backend.query(conn, server_hourly.channel_counts_sql(),
                          {**hours, "lo": first, "hi": last}))
    for edge_lo, edge_hi in ((lo, first), (last, hi)):
        if edge_lo < edge_hi:
            add(backend.query(conn, _RAW_CHANNELS, {"lo": edge_lo, "hi": edge_hi}))
    return totals


def _per_bucket(name: str, count: str, table: str, where: str, moment: str) -> str:
    """Per bucket of the CTE ``name``, ``count`` over the rows of
    ``table`` whose ``moment`` falls in it: a range of an index each (a correlated
    subquery), so the rows are counted where they lie instead of sorted into groups."""
    return (f"(SELECT {count} FROM {table} WHERE {where} AND {moment} >= {name}.lo "
            f"AND {moment} < {name}.hi)")


def trends(store: Store, period: str = "4w", *, tz: ZoneInfo | None = None,
           settings: Settings | None = None) -> Trends:
    """The trends of ``period``. Each week's counts are ranges of an index: openings
    of ``ix_case_opened_live``, resolutions and their SLA verdict (kept on the case,
    revision 0024: under the store's SLA settings, which ``settings`` does not
    override) of ``ix_case_resolved_sla``; the monthly medians come from the times'
    bins (:mod:`spocdesk.core.metrics.percentiles`)."""
    del settings  # the verdicts follow the store's own settings (revision 0024)
    zone = _zone(tz)
    now = store.now()
    start = period_start(now, period, zone)
    first_day = start.astimezone(zone).date()
    weeks = _week_bounds(first_day, PERIODS[period], zone)
    months = _month_bounds(first_day, now.astimezone(zone).date(), zone)
    weeks_cte, params = _values("weeks", weeks)
    resolved = "case_record INDEXED BY ix_case_resolved_sla"
    done = ("deleted_at IS NULL AND resolved_at IS NOT NULL "
            "AND status IN ('resolved', 'closed')")
    weekly_sql = (
        f"WITH {weeks_cte} SELECT weeks.i, "
        + _per_bucket("weeks", "count(*)", "case_record INDEXED BY ix_case_opened_live",
                      "deleted_at IS NULL", "opened_at") + ", "
        + ", ".join(_per_bucket("weeks", count, resolved, done, "resolved_at")
                    for count in ("count(*)", "count(sla_breached)", "total(sla_breached)"))
        + " FROM weeks")
    month_stretches = [(months[i][1], months[i + 1][1])
                       for i in range(len(months) - 1)]
    with store.connection() as conn, conn.begin():  # one snapshot
        weekly = {int(row[0]): row[1:] for row in backend.query(conn, weekly_sql, params)}
        responses, resolutions = percentiles.stats(
            conn, (percentiles.RESPONSE_HOURS, month_stretches),
            (percentiles.RESOLUTION_DAYS, month_stretches))
        by_channel = channel_counts(conn, start, weeks[-1])
    week_points = []
    for i, lo in enumerate(weeks[:-1]):
        iso = lo.astimezone(zone).isocalendar()
        opened, count, with_target, breached = weekly.get(i, (0, 0, 0, 0))
        week_points.append(WeekPoint(lo, f"{iso.year}-W{iso.week:02d}", int(opened),
                                     int(count), int(with_target), int(breached)))
    month_points = []
    for (label, lo), resp, reso in zip(months[:-1], responses, resolutions, strict=True):
        month_points.append(MonthPoint(
            label, lo, resp.count, None if resp.median is None else round(resp.median, 2),
            reso.count, None if reso.median is None else round(reso.median, 2)))
    channels = dict.fromkeys(CHANNELS, 0)
    for channel, count in by_channel.items():
        channels[channel] = int(count)
    return Trends(
        period=period, start=start, end=now, weeks=week_points, months=month_points,
        resolved_with_target=sum(w.resolved_with_target for w in week_points),
        breached=sum(w.breached for w in week_points), interactions_by_channel=channels,
    )


# -- the whole dashboard, JSON and CSV ---------------------------------------------

@dataclass(frozen=True)
class Dashboard:
    now: datetime
    period: str
    today: Today
    workload: Workload
    trends: Trends
    tiles: list[Tile] = field(default_factory=list)


def dashboard(store: Store, period: str = "4w", *, tz: ZoneInfo | None = None,
              oldest: int = 10) -> Dashboard:
    """Every figure of the dashboard (a handful of SQL queries)."""
    if period not in PERIODS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{period}' is not a period; use one of: {choices}."),
            period=period, choices=", ".join(PERIODS))
    settings = _settings(store, None)
    now_today = today(store, tz=tz, settings=settings)
    return Dashboard(
        now=store.now(), period=period, today=now_today,
        workload=workload(store, oldest=oldest),
        trends=trends(store, period, tz=tz, settings=settings), tiles=now_today.tiles(),
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def as_json(board: Dashboard) -> dict[str, Any]:
    """The ``spocdesk report --json`` document (documented in the README)."""
    t = board.trends
    return {
        "now": _iso(board.now),
        "period": board.period,
        "today": asdict(board.today),
        "tiles": [asdict(tile) for tile in board.tiles],
        "workload": {
            "open_cases": board.workload.open_cases,
            "by_status": board.workload.by_status,
            "by_priority": board.workload.by_priority,
            "oldest": [{**asdict(c), "opened_at": _iso(c.opened_at)}
                       for c in board.workload.oldest],
        },
        "trends": {
            "start": _iso(t.start),
            "end": _iso(t.end),
            "weeks": [{"week": w.label, "start": _iso(w.start), "opened": w.opened,
                       "resolved": w.resolved, "resolved_with_target": w.resolved_with_target,
                       "breached": w.breached, "breach_rate": w.breach_rate}
                      for w in t.weeks],
            "months": [{**asdict(m), "start": _iso(m.start)} for m in t.months],
            "resolved_with_target": t.resolved_with_target,
            "breached": t.breached,
            "breach_rate": t.breach_rate,
            "interactions_by_channel": t.interactions_by_channel,
        },
    }


CSV_HEADER = ("section", "figure", "key", "value")


def csv_rows(board: Dashboard) -> list[tuple[str, str, str, Any]]:
    """Every figure as one (section, figure, key, value) row: tidy, for spreadsheets."""
    rows: list[tuple[str, str, str, Any]] = [
        ("meta", "now", "", _iso(board.now)), ("meta", "period", "", board.period),
    ]
    rows += [("today", name, "", value) for name, value in asdict(board.today).items()]
    w = board.workload
    rows.append(("workload", "open_cases", "", w.open_cases))
    rows += [("workload", "open_by_status", k, v) for k, v in w.by_status.items()]
    rows += [("workload", "open_by_priority", k, v) for k, v in w.by_priority.items()]
    rows += [("workload", "oldest_open_age_days", c.ref, c.age_days) for c in w.oldest]
    t = board.trends
    for week in t.weeks:
        rows += [("trends", "opened_per_week", week.label, week.opened),
                 ("trends", "resolved_per_week", week.label, week.resolved),
                 ("trends", "sla_breach_rate_per_week", week.label, _num(week.breach_rate))]
    for month in t.months:
        rows += [("trends", "median_first_response_hours", month.month,
                  _num(month.median_first_response_hours)),
                 ("trends", "median_resolution_days", month.month,
                  _num(month.median_resolution_days))]
    rows.append(("trends", "sla_breach_rate", t.period, _num(t.breach_rate)))
    rows += [("trends", "interactions_per_channel", k, v)
             for k, v in t.interactions_by_channel.items()]
    return rows


def _num(value: float | None) -> Any:
    return "" if value is None else round(value, 4)


Rows = Iterable[tuple[str, str, str, Any]]


def write_csv(board: Dashboard, target: Path | str | IO[str], *, extra: Rows = ()) -> None:
    """Write :func:`csv_rows` (then ``extra`` rows of the same shape, e.g. the report's
    quality figures) with a header to a path or an open text stream."""
    if isinstance(target, str | Path):
        with safe_write.atomic_write(target) as fh:
            _write(board, fh, extra)
    else:
        _write(board, target, extra)


def export_csv(store: Store, board: Dashboard, path: str | Path, *,
               force: bool | None = None, extra: Rows = ()) -> Path:
    """:func:`write_csv` to a file the user named: never onto the store or a backup,
    nor an existing file unless ``force`` (``None``: a save dialog asked already)."""
    target = safe_write.guard(store, path, force=force)
    write_csv(board, target, extra=extra)
    return target


def _write(board: Dashboard, fh: IO[str], extra: Rows = ()) -> None:
    writer = csv.writer(fh)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(board))
    writer.writerows(extra)


def to_csv(board: Dashboard) -> str:
    buffer = io.StringIO()
    _write(board, buffer)
    return buffer.getvalue()


def series(points: Iterable[WeekPoint]) -> list[tuple[str, int, int]]:
    """(week label, opened, resolved) for a chart."""
    return [(p.label, p.opened, p.resolved) for p in points]
