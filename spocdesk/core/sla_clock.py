"""When an SLA allowance runs out: in working time (the default) or around the clock.

With ``sla_business_hours`` on, SLA clocks count only the working week of the
settings (days and hours, in the computer's time zone), as Zammad's and
Freshdesk's business hours do: a first response due within 4 hours of a case
opened on Friday at 16:00 falls due on Monday at 12:00 (Mon–Fri 09:00–17:00).
A resolution target of N days is N working days (N times the working day's
length); off, the clocks run around the clock and a day is 24 hours.

The same computation serves Python (:func:`due`) and SQL: :func:`register`
makes it the SQL function ``spocdesk_sla_due(opened_at, hours, days, week_days,
week_start, week_end)`` on every connection of the store, which the triggers keeping
``case_record.sla_deadline`` (revision 0018) and the SLA state queries of
:mod:`spocdesk.core.cases.sla` call. Its last three arguments are the stored
settings' JSON texts (or NULL), read exactly as :func:`spocdesk.core.settings.load`
reads them, so a trigger and a query given the same settings get the same moment.
"""

from __future__ import annotations

import bisect
import json
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spocdesk.core.working_time import WorkingWeek

if TYPE_CHECKING:  # the store registers this module's function before the models load
    from spocdesk.core.settings import Settings, SlaTarget

SQL_FUNCTION = "spocdesk_sla_due"
DEADLINE_FUNCTION = "spocdesk_sla_deadline"
BREACHED_FUNCTION = "spocdesk_sla_breached"
HOURS, DAYS = "h", "d"
WEEK_KEYS = ("working_days", "working_hours_start", "working_hours_end")
STORED = "%Y-%m-%d %H:%M:%S.%f"  # how UTCDateTime columns are written


@lru_cache(maxsize=64)
def week_from_json(days: str | None, start: str | None, end: str | None) -> WorkingWeek:
    """The working week of stored settings rows (JSON texts; None: the row is missing)."""
    from spocdesk.core.settings import load_rows

    rows = [(key, value) for key, value in zip(WEEK_KEYS, (days, start, end), strict=True)
            if value is not None]
    return load_rows(rows).working_week()


def week_json(settings: Settings) -> tuple[str, str, str]:
    """The JSON texts the settings store for their working week."""
    return (json.dumps(settings.working_days), json.dumps(settings.working_hours_start),
            json.dumps(settings.working_hours_end))


def week_of(settings: Settings) -> WorkingWeek | None:
    """The week SLA clocks count in; None when they run around the clock."""
    if not settings.sla_business_hours:
        return None
    return week_from_json(*week_json(settings))


def allowance(amount: float, unit: str, week: WorkingWeek | None) -> timedelta:
    """``amount`` hours (``unit`` "h") or days ("d": working days in a working week)."""
    if unit == HOURS:
        return timedelta(hours=amount)
    return amount * (week.day_length if week is not None else timedelta(days=1))


def due(start: datetime, amount: timedelta, week: WorkingWeek | None) -> datetime:
    """The moment ``amount`` of SLA time has passed since ``start``."""
    if week is None:
        return start + amount
    return week.add_working_time(start, amount).astimezone(UTC)


@lru_cache(maxsize=8192)
def _wall(week: WorkingWeek, moment: datetime) -> datetime:
    return moment.astimezone(week.tz).replace(tzinfo=None)


def _aware(week: WorkingWeek, wall: datetime) -> datetime:
    return (wall.replace(tzinfo=week.tz) if week.tz is not None else wall.astimezone()
            ).astimezone(UTC)


def _offset(week: WorkingWeek, moment: datetime) -> timedelta:
    return _wall(week, moment) - moment.replace(tzinfo=None)


@lru_cache(maxsize=16)
def offsets(week: WorkingWeek, first: date, last: date
            ) -> tuple[tuple[datetime, ...], tuple[timedelta, ...]]:
    """How the week's zone stands to UTC from ``first`` to ``last`` (UTC midnights):
    the moments its offset changes (to the minute; a daylight-saving change) and the
    offsets before, between and after them. Read once a day, so a change back within
    a day goes unseen; :class:`WeekArithmetic` keeps a day around each change for the
    exact computation."""
    moment = datetime.combine(first, time(0), UTC)
    stop = datetime.combine(last, time(0), UTC)
    changes: list[datetime] = []
    values = [_offset(week, moment)]
    while moment < stop:
        after = moment + timedelta(days=1)
        if _offset(week, after) != values[-1]:
            lo, hi = moment, after  # the old offset at lo, the new one at hi
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if _offset(week, mid) == values[-1] else (lo, mid)
            changes.append(hi)
            values.append(_offset(week, after))
        moment = after
    return tuple(changes), tuple(values)


US = timedelta(microseconds=1)
NEAR_CHANGE = timedelta(days=1)  # around a change of the zone's offset: due() itself


def _us(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class WeekArithmetic:
    """:func:`due` for one working week as integer arithmetic, for the SQL functions that
    run it once per case (the dashboard's year of resolved cases, the recompute of every
    open case's deadline): the working time from a fixed Monday to a wall-clock moment
    is ``weeks * weekly + before[weekday] + the part of that day worked``; the deadline
    is the earliest moment that total reaches the opening's total plus the allowance,
    as :meth:`WorkingWeek.add_working_time` finds it. The zone's offset comes from
    :func:`offsets` for the years ``year - 1`` to ``year + 2``; a moment outside them
    or within a day of a change of offset gets ``None`` (the caller uses :func:`due`)."""

    def __init__(self, week: WorkingWeek, year: int) -> None:
        first, last = date(year - 1, 1, 1), date(year + 3, 1, 1)
        changes, self.offsets = offsets(week, first, last)
        self.changes = [c.replace(tzinfo=None) for c in changes]
        self.lo = datetime.combine(first, time(0)) + NEAR_CHANGE
        self.hi = datetime.combine(last, time(0)) - NEAR_CHANGE
        self.day = _us(week.day_length)
        self.opens = _us(datetime.combine(date.min, week.start) - datetime.min)
        self.closes = self.opens + self.day
        self.working = [w in week.days for w in range(7)]
        self.before = [self.day * sum(1 for d in week.days if d < w) for w in range(7)]
        self.weekly = self.day * len(week.days)
        self.days = sorted(week.days)

    def offset(self, utc: datetime) -> timedelta | None:
        """The zone's offset at a naive UTC moment, unless near a change or outside."""
        if not self.lo <= utc < self.hi:
            return None
        i = bisect.bisect_right(self.changes, utc)
        if (i and utc - self.changes[i - 1] < NEAR_CHANGE) or (
                i < len(self.changes) and self.changes[i] - utc < NEAR_CHANGE):
            return None
        return self.offsets[i]

    def due(self, begin: datetime, amount: int) -> datetime | None:
        """The moment ``amount`` microseconds (> 0) of working time after ``begin``
        (naive UTC, as both are stored), or ``None`` where :func:`due` must decide."""
        offset = self.offset(begin)
        if offset is None or amount <= 0:
            return None
        wall = begin + offset
        weeks, weekday = divmod(wall.toordinal() - 1, 7)  # ordinal 1 is a Monday
        worked = self.before[weekday]
        if self.working[weekday]:
            of_day = (wall.hour * 3600 + wall.minute * 60 + wall.second) * 1_000_000 \
                + wall.microsecond
            worked += min(max(of_day, self.opens), self.closes) - self.opens
        weeks, left = divmod(weeks * self.weekly + worked + amount, self.weekly)
        if not left:  # at the close of a week's last working day
            weeks, left = weeks - 1, self.weekly
        weekday = next(d for d in self.days if left <= self.before[d] + self.day)
        wall_due = datetime.fromordinal(weeks * 7 + weekday + 1) + (
            self.opens + left - self.before[weekday]) * US
        back = self.offset(wall_due - offset)
        if back is None or self.offset(wall_due - back) != back:
            return None
        return wall_due - back


@lru_cache(maxsize=64)
def _arithmetic(week: WorkingWeek, year: int) -> WeekArithmetic:
    return WeekArithmetic(week, year)


def _due_of_stored(opened_at: Any, amount: timedelta, week: WorkingWeek | None) -> datetime:
    """:func:`due` from a stored (naive UTC) moment, as naive UTC: by arithmetic where it
    is certain, else by :func:`due` itself."""
    begin = datetime.fromisoformat(str(opened_at))
    if begin.tzinfo is not None:
        begin = begin.astimezone(UTC).replace(tzinfo=None)
    if week is None:
        return begin + amount
    moment = _arithmetic(week, begin.year).due(begin, _us(amount)) \
        if 1900 < begin.year < 9000 else None
    if moment is not None:
        return moment
    return due(begin.replace(tzinfo=UTC), amount, week).replace(tzinfo=None)


def _period(week: WorkingWeek, day: date) -> tuple[datetime, datetime] | None:
    if not week.is_working_day(day):
        return None
    return datetime.combine(day, week.start), datetime.combine(day, week.end)


def _close_before(week: WorkingWeek, day: date) -> datetime:
    """The end of the last working day before ``day``."""
    previous = day - timedelta(days=1)
    while not week.is_working_day(previous):
        previous -= timedelta(days=1)
    return datetime.combine(previous, week.end)


def last_opening(week: WorkingWeek, now: datetime, amount: timedelta,
                 strict: bool) -> datetime:
    """The latest opening ``o`` (to the microsecond) with ``due(o, amount) < now``
    (``strict``) or ``<= now``, ``amount`` > 0, by walking back ``amount`` of working
    time from ``now`` (instead of a search: it runs for every priority and clock of
    every list query). With ``W`` the working time from ``o`` to ``now``: ``due(o) <=
    now`` exactly when ``W >= amount``; ``due(o) < now`` too, unless ``W == amount``
    and ``now`` ends a stretch of working time (then ``due(o) == now``)."""
    wall = _wall(week, now)
    left, cursor = amount, wall
    while True:
        period = _period(week, cursor.date())
        if period is not None and period[0] < min(cursor, period[1]):
            begin, end = period[0], min(cursor, period[1])
            if end - begin >= left:
                point = end - left  # W == amount here
                break
            left -= end - begin
        cursor = datetime.combine(cursor.date(), time(0)) - timedelta(microseconds=1)
    day = point.date()
    # the latest opening with W == amount: the point itself, or, at a day's opening,
    # the whole closed stretch before it has W == amount too
    latest = point
    earliest = _close_before(week, day) if point == datetime.combine(day, week.start) \
        else point
    today = _period(week, wall.date())
    working_until_now = today is not None and today[0] < wall <= today[1]
    if strict and working_until_now:
        return _aware(week, earliest) - timedelta(microseconds=1)
    return _aware(week, latest)


@lru_cache(maxsize=8192)
def sql_due(opened_at: Any, hours: Any, days: Any, week_days: Any, week_start: Any,
            week_end: Any) -> str | None:
    """``spocdesk_sla_due``: the working-time deadline, from the stored ``opened_at``,
    of ``hours`` working hours or ``days`` working days, whichever comes first (either
    may be NULL: not counted), as stored text; NULL for NULL or unusable input (a
    trigger must never fail a user's write). Remembered: a trigger's test and its
    update ask for the same deadline two or three times in a row."""
    if opened_at is None or (hours is None and days is None):
        return None
    try:
        week = week_from_json(week_days, week_start, week_end)
        amounts = [allowance(float(n), unit, week)
                   for n, unit in ((hours, HOURS), (days, DAYS)) if n is not None]
        moment = _due_of_stored(opened_at, min(amounts), week)  # a larger amount never
    except (ValueError, TypeError, OverflowError):  # falls due sooner
        return None
    # naive UTC with microseconds, as UTCDateTime columns are written (STORED)
    return moment.isoformat(" ", "microseconds")


SETTING_KEYS = ("sla", "sla_business_hours", *WEEK_KEYS)
STOPPED = ("resolved", "closed")
JULIAN_EPOCH = 2440587.5  # julianday of 1970-01-01 00:00 UTC


@lru_cache(maxsize=64)
def settings_from_json(*raw: str | None) -> Settings:
    """The SLA settings of the stored rows :data:`SETTING_KEYS` (JSON texts, None for
    a missing row), read as :func:`spocdesk.core.settings.load` reads them."""
    from spocdesk.core.settings import load_rows

    return load_rows([(k, v) for k, v in zip(SETTING_KEYS, raw, strict=True) if v is not None])


def settings_json(settings: Settings) -> tuple[str, ...]:
    """The JSON texts the settings store under :data:`SETTING_KEYS`."""
    from dataclasses import asdict

    values = asdict(settings)
    return tuple(json.dumps(values[key], sort_keys=True) for key in SETTING_KEYS)


@lru_cache(maxsize=8192)
def sql_deadline(priority: Any, status: Any, opened_at: Any, first_response_at: Any,
                 resolved_at: Any, *raw: Any) -> float | None:
    """``spocdesk_sla_deadline``: the julianday of a case's nearest running SLA deadline
    (NULL when no clock runs: resolved or closed, or no target for the priority), under
    the settings rows ``raw`` (see :func:`settings_from_json`): the value revision 0018's
    triggers keep in ``case_record.sla_deadline`` and the list sorts "time left" by."""
    if status in STOPPED or opened_at is None:
        return None
    try:
        rules = _rules_for(priority, raw)
        if rules is None:
            return None
        _settings, week, target = rules
        amount = allowance(target.resolution_days, DAYS, week)
        if first_response_at is None and resolved_at is None:  # still to answer
            amount = min(amount, allowance(target.first_response_hours, HOURS, week))
        moment = _due_of_stored(opened_at, amount, week).replace(tzinfo=UTC)
        return moment.timestamp() / 86_400 + JULIAN_EPOCH
    except (ValueError, TypeError, OverflowError):
        return None


def _late(opened_at: Any, stopped_at: Any, hours: Any, days: Any,
          settings: Settings, week: WorkingWeek | None) -> bool:
    """Whether a clock that ran from ``opened_at`` stopped after its deadline, as
    ``SlaSql._in_time`` judges it: to the microsecond around the clock; in working
    time against ``spocdesk_sla_due`` as stored text (no deadline: late)."""
    if week is None:
        begin, end = (datetime.fromisoformat(str(m)) for m in (opened_at, stopped_at))
        unit = HOURS if hours is not None else DAYS
        return end - begin > allowance(float(hours if hours is not None else days), unit, None)
    deadline = sql_due(opened_at, hours, days, *week_json(settings))
    return deadline is None or str(stopped_at) > deadline


@lru_cache(maxsize=8192)
def sql_breached(priority: Any, status: Any, opened_at: Any, first_response_at: Any,
                 resolved_at: Any, *raw: Any) -> int | None:
    """``spocdesk_sla_breached``: the SLA verdict of a resolved (or closed) case under
    the settings rows ``raw``: 1 when its response or resolution clock stopped after
    its deadline, 0 when both stopped in time, NULL for a case not stopped, without a
    resolution moment or without a target for its priority — the dashboard's "SLA
    breach rate" of resolved cases (``SlaSql.rank() == 4``), kept on the case by the
    triggers of revision 0024."""
    if status not in STOPPED or opened_at is None or resolved_at is None:
        return None
    try:
        rules = _rules_for(priority, raw)
        if rules is None:
            return None
        settings, week, target = rules
        late = first_response_at is not None and _late(
            opened_at, first_response_at, target.first_response_hours, None, settings, week)
        late = late or _late(opened_at, resolved_at, None, target.resolution_days, settings,
                             week)
        return int(late)
    except (ValueError, TypeError, OverflowError):
        return None


def _rules_for(priority: Any, raw: tuple[Any, ...]
               ) -> tuple[Settings, WorkingWeek | None, SlaTarget] | None:
    """The settings of the stored rows ``raw``, their SLA week and the target of
    ``priority``; None when the priority has no target."""
    settings, week = _deadline_rules(*raw)
    target = settings.sla.get(str(priority))
    return None if target is None else (settings, week, target)


@lru_cache(maxsize=64)
def _deadline_rules(*raw: str | None) -> tuple[Settings, WorkingWeek | None]:
    settings = settings_from_json(*raw)
    return settings, week_of(settings)


def register(dbapi_connection: Any) -> None:
    """Make the SQL functions of this module available on this driver connection."""
    dbapi_connection.create_function(SQL_FUNCTION, 6, sql_due, deterministic=True)
    dbapi_connection.create_function(DEADLINE_FUNCTION, 5 + len(SETTING_KEYS), sql_deadline,
                                     deterministic=True)
    dbapi_connection.create_function(BREACHED_FUNCTION, 5 + len(SETTING_KEYS), sql_breached,
                                     deterministic=True)
