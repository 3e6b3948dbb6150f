"""Dates as people say them: "tomorrow 9:00", "Fri 10:00", "+3 working days",
"next week", "in 2 hours", "today 15:30", "2026-12-11 10:00", "11.12.2026" — and the
same in German ("morgen 9:00", "Fr 10:00", "+3 Arbeitstage", "nächste Woche",
"übermorgen").

The rules, so that a person can predict the result:

- A day without a time of day means the working week's opening time on that day
  (09:00 by default); "today" without a time means now when that is later.
- A weekday ("Fri", "Freitag") is the next such day; today when its time is still
  ahead, else next week's. "next Fri" skips today.
- "+3 working days" counts the working week's days only; "+3 days" counts every day.
- "next week" is the first working day of the next calendar week (Monday to Sunday).
- A time alone ("15:30") is the next such moment: today, else tomorrow.
- Numeric dates need a four-digit year. With dots they are day.month.year; with
  slashes the order follows the locale (``month_first`` for the United States).

:func:`parse_when` raises :class:`UnknownDate` (a ``ValueError`` and a
:class:`~spocdesk.core.errors.InvalidInput` sentence) for anything else, and never
anything else. Core code: no Qt here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.working_time import WorkingWeek

MAX_AMOUNT = 10_000  # "+N days": more than this is a typing slip, not a plan
ROUND_MINUTES = 15  # "today" without a time: now, rounded up to the next quarter hour

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate((
        "mon monday mo montag", "tue tues tuesday di dienstag",
        "wed weds wednesday mi mittwoch", "thu thur thurs thursday do donnerstag",
        "fri friday fr freitag", "sat saturday sa samstag sonnabend",
        "sun sunday so sonntag")):
    for _name in _names.split():
        WEEKDAYS[_name] = _number

DAY_WORDS = {"today": 0, "heute": 0, "tomorrow": 1, "tmrw": 1, "morgen": 1,
             "day after tomorrow": 2, "übermorgen": 2, "uebermorgen": 2}
NOW_WORDS = {"now", "jetzt"}
NEXT_WEEK = {"next week", "nächste woche", "naechste woche", "kommende woche"}
NEXT_WORDS = ("next ", "nächsten ", "nächster ", "nächste ", "naechsten ", "kommenden ")
FILLER = ("on ", "am ")  # "on Fri", "am Freitag"
UNITS = {
    "minute": ("m", "min", "mins", "minute", "minutes", "minuten"),
    "hour": ("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"),
    "day": ("d", "day", "days", "tag", "tage", "tagen"),
    "working_day": ("wd", "working day", "working days", "workday", "workdays",
                    "work day", "work days", "business day", "business days",
                    "arbeitstag", "arbeitstage", "arbeitstagen", "werktag", "werktage",
                    "werktagen"),
    "week": ("w", "wk", "week", "weeks", "woche", "wochen"),
}
UNIT_OF = {word: unit for unit, words in UNITS.items() for word in words}
ONE = {"a", "an", "one", "ein", "eine", "einer", "einem", "einen"}

_TIME = re.compile(
    r"^(?P<rest>.*?)(?:^|\s+)(?:(?:at|um)\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"\s*(?P<suffix>am|pm|a\.m\.|p\.m\.|uhr|h)?$")
_RELATIVE = re.compile(
    r"^(?:in\s+|\+\s*)(?P<amount>\d{1,6}|[a-zäöü]+)\s*(?P<unit>[a-zäöü][a-zäöü ]*?)$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d\d-\d\d[t ]\d\d:\d\d\S*$")
_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHES = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class UnknownDate(InvalidInput, ValueError):
    """Text that :func:`parse_when` cannot read as a moment."""

    def __init__(self, *, text: str, example: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "‘{text}’ is not a date spocdesk understands; try ‘Fri 10:00’ or ‘{example}’."),
            text=text.strip(), example=example)


def _wall(moment: datetime, week: WorkingWeek) -> datetime:
    """``moment`` as naive wall-clock time in the week's zone (a naive one as it is)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(week.tz).replace(tzinfo=None)


def _aware(wall: datetime, week: WorkingWeek) -> datetime:
    if week.tz is not None:
        return wall.replace(tzinfo=week.tz)
    return wall.astimezone()  # naive: read as the system's local time


def _clean(text: str) -> str:
    cleaned = text.casefold().replace(",", " ").replace("→", " ")
    cleaned = " ".join(cleaned.split())
    return cleaned.rstrip(".") if not cleaned.endswith(("a.m.", "p.m.")) else cleaned


def _time_of_day(hour: str, minute: str | None, suffix: str | None) -> time | None:
    h, m = int(hour), int(minute or 0)
    if suffix in ("am", "a.m.", "pm", "p.m."):
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if suffix in ("pm", "p.m.") else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return time(h, m)


def _split_time(text: str) -> tuple[str, time | None]:
    """The text before a trailing time of day, and that time (None: no time)."""
    found = _TIME.match(text)
    if found is None:
        return text, None
    rest = found["rest"].strip()
    if not rest and found["minute"] is None and found["suffix"] is None:
        return text, None  # a bare number alone is not a time
    clock = _time_of_day(found["hour"], found["minute"], found["suffix"])
    if clock is None:
        raise ValueError(text)
    return rest, clock


def _numeric_date(text: str, month_first: bool) -> date | None:
    if found := _ISO.match(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _DOTS.match(text):
        day, month, year = (int(g) for g in found.groups())
    elif found := _SLASHES.match(text):
        first, second, year = (int(g) for g in found.groups())
        month, day = (first, second) if month_first else (second, first)
    else:
        return None
    return date(year, month, day)  # ValueError for 31.02.2026


def _weekday(text: str) -> tuple[int, bool] | None:
    """(weekday, skip today) for "Fri", "next Friday", "am Freitag", …"""
    skip_today = False
    for word in NEXT_WORDS:
        if text.startswith(word):
            text, skip_today = text[len(word):], True
            break
    for word in FILLER:
        if text.startswith(word):
            text = text[len(word):]
            break
    number = WEEKDAYS.get(text)
    return None if number is None else (number, skip_today)


def _relative(text: str, now: datetime, week: WorkingWeek) -> datetime | None:
    """"+3 working days 14:00", "in 2 hours", "in einer Woche"; None when not such."""
    rest, clock = _split_time(text)
    found = _RELATIVE.match(rest)
    if found is None:
        return None
    amount_text, unit = found["amount"], UNIT_OF.get(found["unit"].strip())
    if unit is None:
        return None
    if amount_text.isdigit():
        amount = int(amount_text)
    elif amount_text in ONE:
        amount = 1
    else:
        return None
    if amount > MAX_AMOUNT:
        raise ValueError(text)
    wall = _wall(now, week)
    if unit in ("minute", "hour"):
        if clock is not None:
            raise ValueError(text)  # "in 2 hours 9:00" says two things
        step = timedelta(minutes=amount) if unit == "minute" else timedelta(hours=amount)
        return now + step
    if unit == "working_day":
        day = week.add_working_days(wall.date() + timedelta(days=1), amount - 1) \
            if amount else week.next_working_day(wall.date(), include=True)
    else:
        day = wall.date() + timedelta(days=amount * (7 if unit == "week" else 1))
    return _aware(datetime.combine(day, clock or week.start), week)


def _day(text: str, wall: datetime, week: WorkingWeek, clock: time | None,
         month_first: bool) -> date | None:
    """The day ``text`` names (without its time), or None."""
    today = wall.date()
    if text in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[text])
    if text in NEXT_WEEK:
        monday = today + timedelta(days=7 - today.weekday())
        return week.next_working_day(monday, include=True)
    if named := _weekday(text):
        number, skip_today = named
        ahead = (number - today.weekday()) % 7
        passed = wall.time() >= (clock or week.start)
        if ahead == 0 and (skip_today or passed):
            ahead = 7
        return today + timedelta(days=ahead)
    return _numeric_date(text, month_first)


def _read(text: str, now: datetime, week: WorkingWeek, month_first: bool) -> datetime:
    if text in NOW_WORDS:
        return now
    if (moment := _relative(text, now, week)) is not None:
        return moment
    if _ISO_MOMENT.match(text):  # "2026-12-11T10:00", with seconds or an offset too
        stamp = datetime.fromisoformat(text.upper())
        return stamp if stamp.tzinfo else _aware(stamp, week)
    rest, clock = _split_time(text)
    wall = _wall(now, week)
    if not rest:
        if clock is None:
            raise ValueError(text)
        moment = datetime.combine(wall.date(), clock)
        return _aware(moment if moment > wall else moment + timedelta(days=1), week)
    day = _day(rest, wall, week, clock, month_first)
    if day is None:
        raise ValueError(text)
    if clock is None and day == wall.date() and wall.time() > week.start:
        soon = wall.replace(second=0, microsecond=0) + timedelta(minutes=ROUND_MINUTES - 1)
        soon -= timedelta(minutes=soon.minute % ROUND_MINUTES)
        return _aware(soon, week)
    return _aware(datetime.combine(day, clock or week.start), week)


def parse_when(text: str, now: datetime, week: WorkingWeek | None = None, *,
               month_first: bool = False) -> datetime:
    """The moment ``text`` names, seen from ``now`` (aware), in the week's zone.

    Raises :class:`UnknownDate` for text it cannot read, and nothing else."""
    week = week or WorkingWeek()
    try:
        cleaned = _clean(text)
        if not cleaned or len(cleaned) > 100:
            raise ValueError(text)
        return _read(cleaned, now, week, month_first)
    except (ValueError, OverflowError):
        example = _aware(datetime.combine(week.next_working_day(_wall(now, week).date()),
                                          time(10, 0)), week)
        raise UnknownDate(text=text, example=f"{example:%Y-%m-%d %H:%M}") from None


def default_due(now: datetime, week: WorkingWeek | None = None) -> datetime:
    """Where a new follow-up lands unless told otherwise: the next working day's
    opening (never a non-working day)."""
    return (week or WorkingWeek()).default_due(now)
