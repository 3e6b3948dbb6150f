"""Recurring follow-ups: RFC 5545 RRULEs anchored in local wall time.

A series is ``DTSTART`` (naive local wall time) + ``TZID`` (IANA zone) + ``RRULE``.
Occurrences are expanded in local time with :mod:`dateutil.rrule` and only then
converted to UTC, so "weekly at 09:00 Europe/Berlin" stays at 09:00 local across
daylight-saving changes. Rules are checked here, and every malformed one becomes
an :class:`~spocdesk.core.errors.InvalidInput` sentence.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as du

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, render

FREQS: dict[str, tuple[int, int]] = {
    # name: (dateutil constant, look-ahead in years for a first occurrence)
    "DAILY": (du.DAILY, 10),
    "WEEKLY": (du.WEEKLY, 10),
    "MONTHLY": (du.MONTHLY, 30),
    "YEARLY": (du.YEARLY, 60),
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# English words, marked for the GUI's translation; :func:`describe_rule` renders them
DAY_NAMES = [QT_TRANSLATE_NOOP("spocdesk.core", "Mon"), QT_TRANSLATE_NOOP("spocdesk.core", "Tue"),
             QT_TRANSLATE_NOOP("spocdesk.core", "Wed"), QT_TRANSLATE_NOOP("spocdesk.core", "Thu"),
             QT_TRANSLATE_NOOP("spocdesk.core", "Fri"), QT_TRANSLATE_NOOP("spocdesk.core", "Sat"),
             QT_TRANSLATE_NOOP("spocdesk.core", "Sun")]
LONG_DAY_NAMES = [
    QT_TRANSLATE_NOOP("spocdesk.core", "Monday"), QT_TRANSLATE_NOOP("spocdesk.core", "Tuesday"),
    QT_TRANSLATE_NOOP("spocdesk.core", "Wednesday"),
    QT_TRANSLATE_NOOP("spocdesk.core", "Thursday"), QT_TRANSLATE_NOOP("spocdesk.core", "Friday"),
    QT_TRANSLATE_NOOP("spocdesk.core", "Saturday"), QT_TRANSLATE_NOOP("spocdesk.core", "Sunday")]
MONTH_NAMES = [
    QT_TRANSLATE_NOOP("spocdesk.core", "January"), QT_TRANSLATE_NOOP("spocdesk.core", "February"),
    QT_TRANSLATE_NOOP("spocdesk.core", "March"), QT_TRANSLATE_NOOP("spocdesk.core", "April"),
    QT_TRANSLATE_NOOP("spocdesk.core", "May"), QT_TRANSLATE_NOOP("spocdesk.core", "June"),
    QT_TRANSLATE_NOOP("spocdesk.core", "July"), QT_TRANSLATE_NOOP("spocdesk.core", "August"),
    QT_TRANSLATE_NOOP("spocdesk.core", "September"),
    QT_TRANSLATE_NOOP("spocdesk.core", "October"),
    QT_TRANSLATE_NOOP("spocdesk.core", "November"),
    QT_TRANSLATE_NOOP("spocdesk.core", "December")]
# "on the second Tuesday": German wants the dative form ("am zweiten Dienstag")
ORDINALS = {1: QT_TRANSLATE_NOOP("spocdesk.core", "first"),
            2: QT_TRANSLATE_NOOP("spocdesk.core", "second"),
            3: QT_TRANSLATE_NOOP("spocdesk.core", "third"),
            4: QT_TRANSLATE_NOOP("spocdesk.core", "fourth"),
            5: QT_TRANSLATE_NOOP("spocdesk.core", "fifth"),
            -1: QT_TRANSLATE_NOOP("spocdesk.core", "last"),
            -2: QT_TRANSLATE_NOOP("spocdesk.core", "second-to-last")}
# "every week" / "every 2 weeks", per FREQ: whole phrases (German: jede Woche, alle 2 Wochen)
EVERY: dict[str, tuple[str, str]] = {
    "DAILY": (QT_TRANSLATE_NOOP("spocdesk.core", "every day"),
              QT_TRANSLATE_NOOP("spocdesk.core", "every {n} days")),
    "WEEKLY": (QT_TRANSLATE_NOOP("spocdesk.core", "every week"),
               QT_TRANSLATE_NOOP("spocdesk.core", "every {n} weeks")),
    "MONTHLY": (QT_TRANSLATE_NOOP("spocdesk.core", "every month"),
                QT_TRANSLATE_NOOP("spocdesk.core", "every {n} months")),
    "YEARLY": (QT_TRANSLATE_NOOP("spocdesk.core", "every year"),
               QT_TRANSLATE_NOOP("spocdesk.core", "every {n} years")),
}
# part name: (lowest, highest) for integer lists; zero is never allowed
INT_PARTS = {"BYMONTHDAY": (-31, 31), "BYMONTH": (1, 12), "BYSETPOS": (-366, 366),
             "BYYEARDAY": (-366, 366), "BYWEEKNO": (-53, 53)}
ALLOWED = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", *INT_PARTS}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{8})(T(\d{6})(Z?))?$")
DEFAULT_HOUR = 9


def parse_zone(name: str) -> ZoneInfo:
    """An IANA time zone by name, or a sentence saying it is unknown."""
    try:
        return ZoneInfo(name.strip())
    except (ValueError, ZoneInfoNotFoundError, OSError):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{name}' is not a known time zone; use a name like Europe/Berlin."),
            name=name) from None


def local_zone() -> ZoneInfo:
    """The computer's zone: ``$TZ`` when it names an IANA zone, else /etc/localtime, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ValueError, ZoneInfoNotFoundError, OSError):
                continue
    return ZoneInfo("UTC")


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """Naive local wall time in ``tz`` → aware UTC (a gap time moves forward with the clock)."""
    return local.replace(tzinfo=tz).astimezone(UTC)


def to_local(moment: datetime, tz: ZoneInfo) -> datetime:
    """Aware moment → naive local wall time in ``tz``."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where a moment was expected")
    return moment.astimezone(tz).replace(tzinfo=None)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """Local midnight of ``day`` in ``tz``, as aware UTC."""
    return to_utc(datetime.combine(day, time()), tz)


def _bad(template: str, /, **params: object) -> InvalidInput:
    return InvalidInput(template, **params)


def _ints(name: str, value: str) -> list[int]:
    low, high = INT_PARTS[name]
    numbers: list[int] = []
    for token in value.split(","):
        if not re.fullmatch(r"[+-]?\d{1,3}", token) or not (low <= int(token) <= high) \
                or int(token) == 0:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "{name} needs whole numbers from {low} to {high} other than 0, not '{token}'."),
                name=name, low=low, high=high, token=token)
        numbers.append(int(token))
    return numbers


def split_rule(text: str) -> dict[str, str]:
    """``"RRULE:FREQ=WEEKLY;BYDAY=MO"`` → ``{"FREQ": "WEEKLY", "BYDAY": "MO"}``, checked."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The repeat rule is empty; give one like FREQ=WEEKLY;BYDAY=MO."))
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        name, sep, value = piece.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not name or not value:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{piece}' in the repeat rule is not of the form NAME=VALUE."),
                piece=piece)
        if name not in ALLOWED:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The repeat rule part '{name}' is not supported."), name=name)
        if name in parts:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The repeat rule gives {name} twice."), name=name)
        parts[name] = value
    freq = parts.get("FREQ")
    if freq is None:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The repeat rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)."))
    if freq not in FREQS:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "FREQ={freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY."),
            freq=freq)
    for name in ("INTERVAL", "COUNT"):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= 9999):
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{name} needs a whole number from 1 to 9999."), name=name)
    if "COUNT" in parts and "UNTIL" in parts:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A repeat rule can have COUNT or UNTIL, not both."))
    if "UNTIL" in parts and not _UNTIL.match(parts["UNTIL"]):
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "UNTIL needs a date like 20261231 or 20261231T235959Z."))
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "WKST needs a weekday: MO, TU, WE, TH, FR, SA or SU."))
    for token in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []:
        match = _BYDAY.match(token)
        if not match:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "'{token}' is not a weekday; use MO, TU, WE, TH, FR, SA, SU or 2TU."), token=token)
        if match.group(1):
            n = int(match.group(1))
            if n == 0 or abs(n) > 53:
                raise _bad(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "'{token}' has no such numbered weekday."), token=token)
            if freq not in ("MONTHLY", "YEARLY"):
                raise _bad(QT_TRANSLATE_NOOP(
                    "spocdesk.core",
                    "A numbered weekday like 2TU needs FREQ=MONTHLY or FREQ=YEARLY."))
    for name in INT_PARTS:
        if name in parts:
            _ints(name, parts[name])
    return parts


def _until_local(value: str, tz: ZoneInfo) -> datetime:
    """UNTIL as naive local wall time: a date means the end of that local day."""
    match = _UNTIL.match(value)
    assert match is not None
    try:
        day = datetime.strptime(match.group(1), "%Y%m%d")
        if not match.group(2):
            return day.replace(hour=23, minute=59, second=59)
        moment = datetime.strptime(match.group(1) + match.group(3), "%Y%m%d%H%M%S")
    except ValueError:
        raise _bad(QT_TRANSLATE_NOOP(
            "spocdesk.core", "UNTIL={value} is not a real date."), value=value) from None
    if match.group(4):
        return to_local(moment.replace(tzinfo=UTC), tz)
    return moment


def _join(parts: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYWEEKNO", "BYYEARDAY",
             "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"]
    return ";".join(f"{name}={parts[name]}" for name in order if name in parts)


@dataclass(frozen=True)
class Recurrence:
    """A checked series: ``rule`` (UNTIL in UTC), ``dtstart_local`` (naive) and ``tz``."""

    rule: str
    dtstart_local: datetime
    tz: ZoneInfo

    @classmethod
    def build(cls, rule: str, dtstart_local: datetime | str, tzid: str) -> Recurrence:
        """Check everything and return a series; InvalidInput with a sentence otherwise."""
        tz = parse_zone(tzid) if isinstance(tzid, str) else tzid
        if isinstance(dtstart_local, str):
            try:
                start = datetime.fromisoformat(dtstart_local)
            except ValueError:
                raise _bad(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "'{value}' is not a date and time."),
                    value=dtstart_local) from None
        else:
            start = dtstart_local
        if start.tzinfo is not None:
            start = to_local(start, tz)
        start = start.replace(microsecond=0)
        parts = split_rule(rule)
        if "UNTIL" in parts:
            until_local = _until_local(parts["UNTIL"], tz)
            if until_local < start:
                raise _bad(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "The repeat rule ends (UNTIL) before it starts."))
            parts["UNTIL"] = to_utc(until_local, tz).strftime("%Y%m%dT%H%M%SZ")
        series = cls(_join(parts), start, tz)
        probe = series._rrule()
        horizon = start + timedelta(days=366 * FREQS[parts["FREQ"]][1])
        try:
            first = probe.replace(count=None, until=min(horizon, probe._until or horizon)) \
                .after(start, inc=True)
        except (ValueError, OverflowError, IndexError):  # dateutil: e.g. MONTHLY;BYDAY=20MO
            first = None
        if first is None:
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The repeat rule never produces a date; check its day and month parts."))
        return series

    @property
    def parts(self) -> dict[str, str]:
        return split_rule(self.rule)

    @property
    def tzid(self) -> str:
        return self.tz.key

    def _rrule(self) -> du.rrule:
        parts = self.parts
        if "UNTIL" in parts:
            parts["UNTIL"] = _until_local(parts["UNTIL"], self.tz).strftime("%Y%m%dT%H%M%S")
        try:
            made = du.rrulestr("RRULE:" + _join(parts), dtstart=self.dtstart_local)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            raise _bad(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The repeat rule cannot be read; give one like FREQ=WEEKLY;BYDAY=MO.")) from None
        assert isinstance(made, du.rrule)
        return made

    def next_after(self, moment: datetime, *, inclusive: bool = False) -> datetime | None:
        """The first occurrence (aware UTC) after ``moment``, or None once the series ends."""
        rule = self._rrule()
        try:
            found = rule.after(to_local(moment, self.tz), inc=inclusive)
            while found is not None:
                result = to_utc(found, self.tz)
                # an hour repeated in autumn: make sure we really moved past ``moment``
                if result > moment or (inclusive and result == moment):
                    return result
                found = rule.after(found)
        except (ValueError, OverflowError, IndexError):
            return None
        return None

    def first(self) -> datetime | None:
        return self.next_after(to_utc(self.dtstart_local, self.tz), inclusive=True)

    def between(self, start: datetime, end: datetime, limit: int = 1000) -> list[datetime]:
        """Occurrences (aware UTC) with ``start <= t < end``, at most ``limit``."""
        found: list[datetime] = []
        cursor = self.next_after(start, inclusive=True)
        while cursor is not None and cursor < end and len(found) < limit:
            found.append(cursor)
            cursor = self.next_after(cursor)
        return found

    def describe(self) -> str:
        """"every 2 weeks on Mon, Thu at 09:00 Europe/Berlin"."""
        return describe_rule(self.rule, self.dtstart_local, self.tz, with_time=True)


def _weekday(token: str) -> tuple[int | None, int]:
    match = _BYDAY.match(token)
    assert match is not None
    return (int(match.group(1)) if match.group(1) else None), WEEKDAYS.index(match.group(2))


def _nth(n: int) -> str:
    return render(ORDINALS[n]) if n in ORDINALS else render(
        QT_TRANSLATE_NOOP("spocdesk.core", "{n}."), n=n)


def describe_rule(rule: str, dtstart_local: datetime | None = None,
                  tz: ZoneInfo | None = None, *, with_time: bool = False) -> str:
    """A short description of a rule: ``"every month on the second Tuesday"``.

    English unless the GUI installed a translator (:func:`errors.set_translator`):
    each step is a whole marked phrase around the text so far (``"{rule} on {days}"``),
    the day, month and ordinal words come from marked lists."""
    parts = split_rule(rule)
    interval = int(parts.get("INTERVAL", "1"))
    one, many = EVERY[parts["FREQ"]]
    text = render(one) if interval == 1 else render(many, n=interval)
    days = [_weekday(t) for t in parts["BYDAY"].split(",")] if "BYDAY" in parts else []
    monthdays = _ints("BYMONTHDAY", parts["BYMONTHDAY"]) if "BYMONTHDAY" in parts else []
    months = _ints("BYMONTH", parts["BYMONTH"]) if "BYMONTH" in parts else []
    setpos = _ints("BYSETPOS", parts["BYSETPOS"]) if "BYSETPOS" in parts else []
    freq = parts["FREQ"]
    if freq == "YEARLY" and not months and dtstart_local is not None and \
            (monthdays or days or len(parts) == 1 + ("INTERVAL" in parts)):
        months = [dtstart_local.month]
    if days and all(n is None for n, _ in days) and len(setpos) == 1 and len(days) == 1:
        days = [(setpos[0], days[0][1])]
    on_days = QT_TRANSLATE_NOOP("spocdesk.core", "{rule} on {days}")
    on_monthdays = QT_TRANSLATE_NOOP("spocdesk.core", "{rule} on day {days}")
    on_date = QT_TRANSLATE_NOOP("spocdesk.core", "{rule} on {day} {months}")
    if days:
        if any(n is not None for n, _ in days):
            text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} on the {days}"),
                          rule=text, days=", ".join(
                              f"{_nth(n)} {render(LONG_DAY_NAMES[d])}" if n is not None
                              else render(LONG_DAY_NAMES[d]) for n, d in days))
        else:
            text = render(on_days, rule=text,
                          days=", ".join(render(DAY_NAMES[d]) for _n, d in days))
    elif monthdays == [-1]:
        text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} on the last day"), rule=text)
    elif monthdays:
        last_day = QT_TRANSLATE_NOOP("spocdesk.core", "the last day")
        text = render(on_monthdays, rule=text, days=", ".join(
            render(last_day) if d == -1 else str(d) for d in monthdays))
    elif dtstart_local is not None and not months:
        if freq == "WEEKLY":
            text = render(on_days, rule=text, days=render(DAY_NAMES[dtstart_local.weekday()]))
        elif freq == "MONTHLY":
            text = render(on_monthdays, rule=text, days=dtstart_local.day)
        elif freq == "YEARLY":
            text = render(on_date, rule=text, day=dtstart_local.day,
                          months=render(MONTH_NAMES[dtstart_local.month - 1]))
    if months:
        names = ", ".join(render(MONTH_NAMES[m - 1]) for m in months)
        if days and freq == "YEARLY":
            text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} of {months}"),
                          rule=text, months=names)
        elif freq == "YEARLY" and not monthdays and dtstart_local is not None and not days:
            text = render(on_date, rule=text, day=dtstart_local.day, months=names)
        else:
            text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} in {months}"),
                          rule=text, months=names)
    if with_time and dtstart_local is not None:
        if tz is not None:
            text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} at {time} {zone}"),
                          rule=text, time=f"{dtstart_local:%H:%M}", zone=tz.key)
        else:
            text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule} at {time}"),
                          rule=text, time=f"{dtstart_local:%H:%M}")
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule}, once"), rule=text) \
            if count == 1 else render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule}, {count} times"),
                                      rule=text, count=count)
    if "UNTIL" in parts:
        until = _until_local(parts["UNTIL"], tz or ZoneInfo("UTC"))
        text = render(QT_TRANSLATE_NOOP("spocdesk.core", "{rule}, until {year}-{month}-{day}"),
                      rule=text, year=f"{until:%Y}", month=f"{until:%m}", day=f"{until:%d}")
    return text
