"""The user's working week: which days and hours count as working time.

Follow-up defaults never land outside it, and SLA clocks count only its hours
(as Zammad and Freshdesk count business hours). Times are wall-clock times in
one time zone (the system's unless told): a working day is the same hours
whether or not a daylight-saving change happened the night before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class WorkingWeek:
    """Working days (0 = Monday … 6 = Sunday) and the daily hours ``start``–``end``."""

    days: frozenset[int] = frozenset(range(5))
    start: time = time(9, 0)
    end: time = time(17, 0)
    tz: tzinfo | None = None  # None: the system's local time zone

    def __post_init__(self) -> None:
        if not self.days or not self.days <= set(range(7)):
            raise ValueError("a working week needs at least one day from 0 to 6")
        if not self.start < self.end:
            raise ValueError("working hours must start before they end")

    # -- days ---------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself with ``include``)."""
        current = day if include else day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def add_working_days(self, day: date, count: int) -> date:
        """``count`` working days after ``day`` (``count`` ≥ 0; 0 gives the first
        working day on or after ``day``)."""
        if count < 0:
            raise ValueError("count must not be negative")
        current = self.next_working_day(day, include=True)
        weeks, rest = divmod(count, len(self.days))
        current += timedelta(weeks=weeks)
        for _ in range(rest):
            current = self.next_working_day(current)
        return current

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days lie in ``first`` … ``last``, both included."""
        if last < first:
            return 0
        total = (last - first).days + 1
        weeks, rest = divmod(total, 7)
        count = weeks * len(self.days)
        for offset in range(rest):
            if (first + timedelta(days=weeks * 7 + offset)).weekday() in self.days:
                count += 1
        return count

    # -- moments ------------------------------------------------------------
    @property
    def day_length(self) -> timedelta:
        return _on(date.min, self.end) - _on(date.min, self.start)

    def _local(self, moment: datetime) -> datetime:
        """``moment`` as naive wall-clock time in this week's zone."""
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, wall: datetime) -> datetime:
        if self.tz is not None:
            return wall.replace(tzinfo=self.tz)
        return wall.astimezone()  # a naive datetime is read as system local time

    def at_start(self, day: date) -> datetime:
        """The opening moment of ``day``, timezone-aware."""
        return self._aware(_on(day, self.start))

    def is_working_time(self, moment: datetime) -> bool:
        wall = self._local(moment)
        return self.is_working_day(wall.date()) and self.start <= wall.time() < self.end

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` if it is working time, else the next opening after it."""
        if self.is_working_time(moment):
            return moment
        wall = self._local(moment)
        today = wall.date()
        if self.is_working_day(today) and wall.time() < self.start:
            return self.at_start(today)
        return self.at_start(self.next_working_day(today))

    def default_due(self, now: datetime) -> datetime:
        """Where a new follow-up lands unless told otherwise: the next working
        day's opening (never a weekend or holiday of the week)."""
        return self.at_start(self.next_working_day(self._local(now).date()))

    def working_time_between(self, begin: datetime, finish: datetime) -> timedelta:
        """Working time that passes from ``begin`` to ``finish`` (zero if reversed)."""
        lo, hi = self._local(begin), self._local(finish)
        if hi <= lo:
            return timedelta(0)
        if lo.date() == hi.date():
            return self._overlap(lo.date(), lo, hi)
        first = self._overlap(lo.date(), lo, _on(lo.date(), self.end))
        last = self._overlap(hi.date(), _on(hi.date(), self.start), hi)
        between = self.working_days_between(lo.date() + timedelta(days=1),
                                            hi.date() - timedelta(days=1))
        return first + last + between * self.day_length

    def add_working_time(self, begin: datetime, amount: timedelta) -> datetime:
        """The moment at which ``amount`` of working time has passed since ``begin``."""
        if amount < timedelta(0):
            raise ValueError("amount must not be negative")
        wall = self._local(self.next_opening(begin))
        left_today = _on(wall.date(), self.end) - wall
        if amount <= left_today:
            return self._aware(wall + amount)
        amount -= left_today
        full_days, rest = divmod(amount, self.day_length)
        if not rest:  # ends exactly at the close of a working day
            day = self.add_working_days(wall.date() + timedelta(days=1), full_days - 1)
            return self._aware(_on(day, self.end))
        day = self.add_working_days(wall.date() + timedelta(days=1), full_days)
        return self._aware(_on(day, self.start) + rest)

    def _overlap(self, day: date, lo: datetime, hi: datetime) -> timedelta:
        if not self.is_working_day(day):
            return timedelta(0)
        begin = max(lo, _on(day, self.start))
        finish = min(hi, _on(day, self.end))
        return max(finish - begin, timedelta(0))


def _on(day: date, at: time) -> datetime:
    return datetime.combine(day, at)


def parse_days(text: str) -> frozenset[int]:
    """Working days from their ISO numbers as stored in the settings ("12345" = Mon–Fri)."""
    if not text or any(c not in "1234567" for c in text):
        raise ValueError(text)
    return frozenset(int(c) - 1 for c in text)


def parse_clock(text: str) -> time:
    """A time of day written ``HH:MM``."""
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(text)
    return time(int(hours), int(minutes))
