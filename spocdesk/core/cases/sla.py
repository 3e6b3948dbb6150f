"""Service-level targets: first response within N hours, resolution within N days.

Each case runs two clocks from ``opened_at``:

* **response** stops at ``first_response_at``; it no longer runs once the case is
  resolved or closed without a response (state ``none``);
* **resolution** stops at ``resolved_at`` (while the status is resolved/closed).

A clock's state, with ``deadline = opened_at + allowed`` counted in SLA time
(:mod:`spocdesk.core.sla_clock`: the working week's hours by default, so a
4-hour response target of a case opened on Friday at 16:00 falls due on Monday
at 12:00; around the clock when ``sla_business_hours`` is off):

* stopped: ``met`` when it stopped at or before the deadline, else ``breached``;
* running: ``breached`` when ``now > deadline`` (exactly at the deadline is still
  in time); ``at_risk`` when ``now >= opened_at + fraction * allowed`` (in SLA
  time too); else ``on_track``;
* no target for the priority: ``none``.

The case's state is the worst of its two clocks (breached > at_risk > on_track >
met > none); its *time left* is the time to the nearest deadline of a running clock
(negative once breached; ``None`` when no clock runs).

The same rules exist twice: :func:`evaluate` for one case in Python and
:class:`SlaSql` for the list query, where every comparison against "now" is a
comparison of ``opened_at`` with a per-priority cut-off computed in Python (exact
and index-friendly: the latest opening moment whose deadline, or mark, "now" has
passed, found by bisection in working time), and column-to-column comparisons
(a clock stopped in time or not) use exact integer microseconds around the clock,
the SQL function ``spocdesk_sla_due`` in working time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from spocdesk.core import sla_clock
from spocdesk.core.model import Case, CaseStatus, UTCDateTime
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store.backend import larger
from spocdesk.core.store.server_functions import epoch_micros, epoch_seconds
from spocdesk.core.working_time import WorkingWeek

NONE = "none"
MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
BREACHED = "breached"
STATES = [ON_TRACK, AT_RISK, BREACHED, MET, NONE]
_RANK = {NONE: 0, MET: 1, ON_TRACK: 2, AT_RISK: 3, BREACHED: 4}
STOPPED_STATUSES = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)


@dataclass(frozen=True)
class Clock:
    state: str
    deadline: datetime | None
    running: bool


@dataclass(frozen=True)
class SlaInfo:
    state: str
    response: Clock
    resolution: Clock
    time_left: timedelta | None  # to the nearest running deadline; negative once breached

    @property
    def time_left_seconds(self) -> float | None:
        return None if self.time_left is None else self.time_left.total_seconds()


def worst(*states: str) -> str:
    return max(states, key=lambda s: _RANK[s])


def allowed(target: SlaTarget, week: WorkingWeek | None = None) -> tuple[timedelta, timedelta]:
    """(response, resolution) allowances of one target, in SLA time: a resolution day
    is a working day's hours in a working week, 24 hours around the clock."""
    return (sla_clock.allowance(target.first_response_hours, sla_clock.HOURS, week),
            sla_clock.allowance(target.resolution_days, sla_clock.DAYS, week))


def _clock(start: datetime, allowance: timedelta | None, stopped_at: datetime | None,
           running: bool, now: datetime, fraction: float, week: WorkingWeek | None) -> Clock:
    if allowance is None:
        return Clock(NONE, None, False)
    deadline = sla_clock.due(start, allowance, week)
    if stopped_at is not None:
        return Clock(MET if stopped_at <= deadline else BREACHED, deadline, False)
    if not running:
        return Clock(NONE, deadline, False)
    if now > deadline:
        return Clock(BREACHED, deadline, True)
    if now >= sla_clock.due(start, allowance * fraction, week):
        return Clock(AT_RISK, deadline, True)
    return Clock(ON_TRACK, deadline, True)


def evaluate(*, priority: str, status: str, opened_at: datetime,
             first_response_at: datetime | None, resolved_at: datetime | None,
             now: datetime, settings: Settings) -> SlaInfo:
    """The SLA state of one case at ``now``."""
    target = settings.sla.get(priority)
    week = sla_clock.week_of(settings)
    response_allowed, resolution_allowed = allowed(target, week) if target else (None, None)
    stopped = status in STOPPED_STATUSES
    fraction = settings.sla_at_risk_fraction
    response = _clock(opened_at, response_allowed, first_response_at,
                      not stopped and resolved_at is None, now, fraction, week)
    resolution = _clock(opened_at, resolution_allowed, resolved_at if stopped else None,
                        not stopped, now, fraction, week)
    deadlines = [c.deadline for c in (response, resolution) if c.running and c.deadline]
    time_left = min(deadlines) - now if deadlines else None
    return SlaInfo(worst(response.state, resolution.state), response, resolution, time_left)


def evaluate_case(case: Case, now: datetime, settings: Settings) -> SlaInfo:
    return evaluate(priority=case.priority, status=case.status, opened_at=case.opened_at,
                    first_response_at=case.first_response_at, resolved_at=case.resolved_at,
                    now=now, settings=settings)


# -- SQL ---------------------------------------------------------------------


def _micros(column: Any) -> ColumnElement[int]:
    """Exact integer microseconds since the epoch of a stored moment (on the file its
    text 'YYYY-MM-DD HH:MM:SS.ffffff', on a team server its timestamp)."""
    return epoch_micros(column)


def _when(value: datetime) -> ColumnElement[Any]:
    return sa.literal(value, type_=UTCDateTime)


def _us(delta: timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


US = timedelta(microseconds=1)


@lru_cache(maxsize=1024)
def last_opening(week: WorkingWeek | None, now: datetime, amount: timedelta,
                 strict: bool) -> datetime:
    """The latest opening moment ``o`` (to the microsecond) whose SLA moment ``amount``
    later is before ``now`` (``strict``) or at or before it. Every earlier opening has
    passed it too (the SLA moment never moves back as the opening moves forward), so
    "passed" is ``opened_at <= last_opening(…)``: one comparison with a constant."""
    if week is None:
        return now - amount - (US if strict else timedelta(0))
    return sla_clock.last_opening(week, now, amount, strict)


WEEK_S = 7 * 86_400


def _span(week: WorkingWeek, now: datetime) -> tuple[datetime, datetime, int, int]:
    """(from, to, swing, weekly) for the cheap tests of ``SlaSql._in_time``: the years
    around ``now`` whose offsets :func:`sla_clock.offsets` knows, the largest difference
    between two of them in whole seconds (rounded up), a week's working time in seconds."""
    first, last = date(now.year - 3, 1, 1), date(now.year + 2, 1, 1)
    _changes, offsets = sla_clock.offsets(week, first, last)
    swing = math.ceil((max(offsets) - min(offsets)).total_seconds())
    weekly = math.floor((week.day_length * len(week.days)).total_seconds())
    return (datetime.combine(first, time(0), UTC), datetime.combine(last, time(0), UTC),
            swing, weekly)


class SlaSql:
    """SQL expressions over ``case_record`` for one "now" and one set of targets."""

    def __init__(self, settings: Settings, now: datetime, table: Any = None, *,
                 calendar_bounds: bool = False) -> None:
        """``calendar_bounds``: judge stopped clocks in working time by how long they ran
        on the calendar first (see ``_in_time``): for a query over many stopped clocks
        (the dashboard's trends); building those terms costs more than they save where
        few rows reach them (the view counts)."""
        self.c = (table if table is not None else Case.__table__).c
        self.now = now
        self.fraction = settings.sla_at_risk_fraction
        self.week = sla_clock.week_of(settings)
        self.week_json = sla_clock.week_json(settings)
        self.span = _span(self.week, now) if self.week is not None and calendar_bounds \
            else None
        self.settings_json = sla_clock.settings_json(settings)
        self.targets: Mapping[str, tuple[timedelta, timedelta]] = {
            prio: allowed(target, self.week) for prio, target in settings.sla.items()
        }
        self.amounts: Mapping[str, tuple[int, int]] = {
            prio: (target.first_response_hours, target.resolution_days)
            for prio, target in settings.sla.items()
        }

    def _per_priority(self, pick: Any, else_: Any = None) -> ColumnElement[Any]:
        if not self.targets:
            return sa.literal(else_)
        return sa.case(
            {prio: pick(resp, reso) for prio, (resp, reso) in self.targets.items()},
            value=self.c.priority, else_=else_,
        )

    def _last(self, amount: timedelta, strict: bool) -> ColumnElement[Any]:
        return _when(last_opening(self.week, self.now, amount, strict))

    def _cut(self, which: int, scale: float, strict: bool) -> ColumnElement[Any]:
        """Per priority, the latest opening whose deadline (``scale`` 1, ``strict``) or
        at-risk mark (``scale`` the fraction) "now" has passed: opened at or before it
        means passed."""
        return self._per_priority(lambda *a: self._last(a[which] * scale, strict))

    def _due(self, *which: int) -> ColumnElement[Any]:
        """Per priority, the nearest deadline of the clocks ``which`` (0 response, 1
        resolution) of each case, as stored text (working time: the
        ``spocdesk_sla_due`` SQL function)."""
        if not self.amounts:
            return sa.null()
        return sa.case(
            {prio: sa.func.spocdesk_sla_due(
                self.c.opened_at, *(amounts[i] if i in which else None for i in (0, 1)),
                *self.week_json)
             for prio, amounts in self.amounts.items()},
            value=self.c.priority, else_=None)

    @property
    def stopped(self) -> ColumnElement[bool]:
        return self.c.status.in_(STOPPED_STATUSES)

    @property
    def response_running(self) -> ColumnElement[bool]:
        return sa.and_(self.c.first_response_at.is_(None), self.c.resolved_at.is_(None),
                       sa.not_(self.stopped))

    @property
    def resolution_running(self) -> ColumnElement[bool]:
        return sa.not_(self.stopped)

    def _running_rank(self, which: int) -> ColumnElement[int]:
        opened = self.c.opened_at
        return sa.case(
            (opened <= self._cut(which, 1.0, True), _RANK[BREACHED]),
            (opened <= self._cut(which, self.fraction, False), _RANK[AT_RISK]),
            else_=_RANK[ON_TRACK],
        )

    def _in_time(self, which: int, stopped_at: Any) -> ColumnElement[bool]:
        """The clock stopped at ``stopped_at``, at or before its deadline."""
        if self.week is None:
            allowed_us = self._per_priority(lambda *a: _us(a[which]))
            return _micros(stopped_at) - _micros(self.c.opened_at) <= allowed_us
        if not self.amounts:
            return sa.false()
        exact = stopped_at <= self._due(which)
        if self.span is None:
            return exact
        # Most clocks are decided by how long they ran on the calendar, without the
        # Python function: working time never exceeds wall-clock time, and every 7 days
        # of wall-clock time hold one week's working time. Wall-clock time differs from
        # the UTC seconds below by at most the zone's ``swing`` of offsets in the span
        # (and a second: ``unixepoch`` drops the microseconds).
        lo, hi, swing, weekly = self.span
        opened = self.c.opened_at
        ran = epoch_seconds(stopped_at) - epoch_seconds(opened)
        allowed_s = self._per_priority(lambda *a: a[which].total_seconds())
        known = sa.and_(opened >= _when(lo), stopped_at < _when(hi))
        return sa.case(
            (sa.and_(known, ran + (swing + 1) < allowed_s), sa.true()),
            (sa.and_(known, (ran - (swing + 1)) // WEEK_S * weekly > allowed_s), sa.false()),
            else_=exact)

    def _stopped_rank(self, which: int, stopped_at: Any) -> ColumnElement[int]:
        return sa.case((self._in_time(which, stopped_at), _RANK[MET]), else_=_RANK[BREACHED])

    def _known(self) -> ColumnElement[bool]:
        return self.c.priority.in_(list(self.targets))

    def response_rank(self) -> ColumnElement[int]:
        return sa.case(
            (self.c.first_response_at.is_not(None),
             self._stopped_rank(0, self.c.first_response_at)),
            (self.response_running, self._running_rank(0)),
            else_=_RANK[NONE],
        )

    def resolution_rank(self) -> ColumnElement[int]:
        return sa.case(
            (self.stopped, sa.case((self.c.resolved_at.is_(None), _RANK[NONE]),
                                   else_=self._stopped_rank(1, self.c.resolved_at))),
            else_=self._running_rank(1),
        )

    def rank(self) -> ColumnElement[int]:
        """0 none, 1 met, 2 on track, 3 at risk, 4 breached: the worse of both clocks."""
        if not self.targets:
            return sa.literal(_RANK[NONE])
        return sa.case(
            (sa.not_(self._known()), _RANK[NONE]),
            else_=larger(self.response_rank(), self.resolution_rank()),
        )

    def state(self) -> ColumnElement[str]:
        """The case's SLA state as text."""
        return sa.case({rank: name for name, rank in _RANK.items()}, value=self.rank(),
                       else_=NONE)

    def _marked(self, which: int) -> ColumnElement[bool]:
        """A running clock's at-risk mark (or its deadline) has passed."""
        opened = self.c.opened_at
        return sa.or_(opened <= self._cut(which, self.fraction, False),
                      opened <= self._cut(which, 1.0, True))

    def _late_response(self) -> ColumnElement[bool]:
        return sa.and_(
            self.c.first_response_at.is_not(None),
            self._stopped_rank(0, self.c.first_response_at) == _RANK[BREACHED],
        )

    def needs_attention(self) -> ColumnElement[bool]:
        """An open case whose state is at risk or breached (the "SLA at risk" view).

        Same answer as ``rank() >= 3`` for an open case, written as cheap comparisons
        first so that most rows never reach the column arithmetic.
        """
        if not self.targets:
            return sa.false()
        return sa.and_(
            sa.not_(self.stopped), self._known(),
            sa.or_(self._marked(1), sa.and_(self.response_running, self._marked(0)),
                   self._late_response()),
        )

    def _mark_passed(self, opened: Any, allowance: timedelta) -> ColumnElement[bool]:
        """``_marked`` for one priority's allowance, as one comparison with a constant:
        the at-risk mark comes before the deadline (fraction < 1) or after it."""
        if self.fraction <= 1:
            return opened <= self._last(allowance * self.fraction, False)
        return opened <= self._last(allowance, True)

    def _deadline_passed(self, opened: Any, allowance: timedelta) -> ColumnElement[bool]:
        return opened <= self._last(allowance, True)

    def _ranges(self, active: Sequence[str], passed: Any) -> list[ColumnElement[bool]]:
        """Per priority: the cases whose resolution clock has ``passed`` its mark (an
        index range on status, priority, opened_at: ``ix_case_open_work``), and the
        few younger ones whose response clock has, or whose answer came late."""
        opened = self.c.opened_at
        young_but_late = self._young_but_late(passed)
        parts: list[ColumnElement[bool]] = []
        for prio, (response, resolution) in self.targets.items():
            base = (self.c.status.in_(list(active)), self.c.priority == prio)
            old = passed(opened, resolution)
            parts.append(sa.and_(*base, old))
            parts.append(sa.and_(*base, sa.not_(old), young_but_late(response)))
        return parts

    def _young_but_late(self, passed: Any) -> Any:
        """For a response allowance: the response clock runs and has ``passed`` its
        mark, or the answer came late (never NULL, so its negation is the exact rest).
        The parts that do not depend on the allowance are built once: building these
        expressions costs more than running their counts."""
        running, late = self.response_running, self._late_response()

        def condition(response: timedelta) -> ColumnElement[bool]:
            return sa.or_(sa.and_(running, passed(self.c.opened_at, response)), late)

        return condition

    def _no_target(self) -> ColumnElement[bool]:
        """A priority without a target: ``NOT IN`` the targets written as the ranges
        between their names, a seek each in an index on (status, priority, …). The
        column is NOT NULL (an ``IS NULL`` term here would turn the seeks into a scan)."""
        names = sorted(self.targets)
        if not names:
            return sa.true()
        prio = self.c.priority
        return sa.or_(prio < names[0],
                      *(sa.and_(prio > low, prio < high)
                        for low, high in itertools.pairwise(names)),
                      prio > names[-1])

    def needs_attention_ranges(self, active: Sequence[str]) -> list[ColumnElement[bool]]:
        """:meth:`needs_attention` for the cases whose status is one of ``active`` (the
        open statuses), cut into disjoint conditions to count one by one and sum:
        many times faster than testing every open case."""
        return self._ranges(active, self._mark_passed)

    def at_risk_ranges(self, active: Sequence[str]) -> list[ColumnElement[bool]]:
        """:meth:`needs_attention_ranges` less the old cases whose resolution deadline has
        passed (breached, so never at risk): per priority, the window of openings between
        the resolution clock's at-risk mark and its deadline (a short range of
        ``ix_case_open_work`` instead of every old case), and the young ones as there.
        Still to be and-ed with "not breached" (a late or overdue response)."""
        opened = self.c.opened_at
        young_but_late = self._young_but_late(self._mark_passed)
        parts: list[ColumnElement[bool]] = []
        for prio, (response, resolution) in self.targets.items():
            base = (self.c.status.in_(list(active)), self.c.priority == prio)
            marked = self._mark_passed(opened, resolution)
            parts.append(sa.and_(*base, marked,
                                 sa.not_(self._deadline_passed(opened, resolution))))
            parts.append(sa.and_(*base, sa.not_(marked), young_but_late(response)))
        return parts

    def calm_ranges(self, active: Sequence[str]) -> list[ColumnElement[bool]]:
        """The rest of the cases whose status is one of ``active``, those that
        :meth:`needs_attention` leaves out, as disjoint conditions: per priority the
        young ones whose response is neither past its mark nor late (a short range of
        ``ix_case_open_work``), and those whose priority has no target (empty ranges but
        for direct writes). Subtracted from the count of ``active``, their count gives
        the "SLA at risk" count without walking the long ranges of old cases."""
        opened = self.c.opened_at
        status = self.c.status.in_(list(active))
        young_but_late = self._young_but_late(self._mark_passed)
        parts: list[ColumnElement[bool]] = []
        for prio, (response, resolution) in self.targets.items():
            parts.append(sa.and_(status, self.c.priority == prio,
                                 sa.not_(self._mark_passed(opened, resolution)),
                                 sa.not_(young_but_late(response))))
        parts.append(sa.and_(status, self._no_target()))
        return parts

    def breached_ranges(self, active: Sequence[str]) -> list[ColumnElement[bool]]:
        """:meth:`breached_open` cut the same way."""
        return self._ranges(active, self._deadline_passed)

    def breached_open(self) -> ColumnElement[bool]:
        """An open case whose state is breached: ``rank() == 4``, cheap comparisons first."""
        if not self.targets:
            return sa.false()
        opened = self.c.opened_at
        return sa.and_(
            sa.not_(self.stopped), self._known(),
            sa.or_(opened <= self._cut(1, 1.0, True),
                   sa.and_(self.response_running, opened <= self._cut(0, 1.0, True)),
                   self._late_response()),
        )

    def deadline_days(self) -> ColumnElement[float]:
        """julianday of the nearest running deadline, NULL when no clock runs (for sorting;
        the value the triggers of revision 0018 store in ``case_record.sla_deadline``)."""
        c = self.c
        return sa.func.spocdesk_sla_deadline(
            c.priority, c.status, c.opened_at, c.first_response_at, c.resolved_at,
            *self.settings_json, type_=sa.Float)

    def time_left_seconds(self) -> ColumnElement[float]:
        """Seconds to the nearest running deadline (negative once breached), or NULL."""
        # the now as a julianday constant (as the deadline is one): SQLite's julianday()
        # of it, without asking either backend
        now_days = self.now.astimezone(UTC).timestamp() / 86_400 + sla_clock.JULIAN_EPOCH
        return (self.deadline_days() - sa.literal(now_days, sa.Float)) * 86_400.0
