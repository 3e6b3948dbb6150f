"""Dates as people say them (spocdesk.core.spoken_dates), in English and German."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocdesk.core.errors import InvalidInput
from spocdesk.core.spoken_dates import WEEKDAYS, UnknownDate, parse_when
from spocdesk.core.working_time import WorkingWeek

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = WorkingWeek(tz=BERLIN)
FRIDAY = datetime(2026, 12, 4, 14, 20, tzinfo=BERLIN)  # a Friday afternoon


def said(text: str, now: datetime = FRIDAY, week: WorkingWeek = WEEK, **kw: bool) -> str:
    return f"{parse_when(text, now, week, **kw):%a %Y-%m-%d %H:%M}"


@pytest.mark.parametrize(("english", "german", "expected"), [
    ("tomorrow 9:00", "morgen 9:00", "Sat 2026-12-05 09:00"),
    ("Fri 10:00", "Fr 10:00", "Fri 2026-12-11 10:00"),  # today's 10:00 is past
    ("Friday 16:00", "Freitag 16:00", "Fri 2026-12-04 16:00"),  # still ahead today
    ("+3 working days", "+3 Arbeitstage", "Wed 2026-12-09 09:00"),
    ("in 3 working days 14:00", "in 3 Arbeitstagen 14:00", "Wed 2026-12-09 14:00"),
    ("+3 days", "+3 Tage", "Mon 2026-12-07 09:00"),
    ("next week", "nächste Woche", "Mon 2026-12-07 09:00"),
    ("in 2 hours", "in 2 Stunden", "Fri 2026-12-04 16:20"),
    ("in an hour", "in einer Stunde", "Fri 2026-12-04 15:20"),
    ("today 15:30", "heute 15:30", "Fri 2026-12-04 15:30"),
    ("today 6pm", "heute 18 Uhr", "Fri 2026-12-04 18:00"),
    ("day after tomorrow", "übermorgen", "Sun 2026-12-06 09:00"),
    ("next Fri", "nächsten Freitag", "Fri 2026-12-11 09:00"),
    ("on Mon at 8:30", "am Mo um 8.30", "Mon 2026-12-07 08:30"),
])
def test_examples_in_both_languages(english: str, german: str, expected: str) -> None:
    assert said(english) == expected
    assert said(german) == expected
    assert said(english.upper()) == expected  # any case


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-11", "Fri 2026-12-11 09:00"),  # a day without a time: the week's opening
    ("2026-12-11 10:00", "Fri 2026-12-11 10:00"),
    ("2026-12-11T10:00", "Fri 2026-12-11 10:00"),
    ("11.12.2026", "Fri 2026-12-11 09:00"),
    ("11.12.2026 10:00", "Fri 2026-12-11 10:00"),
    ("11/12/2026 10:00", "Fri 2026-12-11 10:00"),
    ("15:30", "Fri 2026-12-04 15:30"),  # a time alone: the next such moment
    ("9:00", "Sat 2026-12-05 09:00"),
    ("today", "Fri 2026-12-04 14:30"),  # now, rounded up to a quarter hour
])
def test_numeric_dates_and_times(text: str, expected: str) -> None:
    assert said(text) == expected


def test_slashes_follow_the_locale_and_offsets_are_kept() -> None:
    assert said("12/11/2026", month_first=True) == "Fri 2026-12-11 09:00"
    moment = parse_when("2026-12-11T10:00Z", FRIDAY, WEEK)
    assert moment.utcoffset() == timedelta(0) and moment.hour == 10


def test_working_days_follow_the_working_week() -> None:
    tuesday_to_saturday = WorkingWeek(frozenset({1, 2, 3, 4, 5}), time(8, 0), time(16, 0),
                                      BERLIN)
    assert said("+1 working day", week=tuesday_to_saturday) == "Sat 2026-12-05 08:00"
    assert said("+2 Arbeitstage", week=tuesday_to_saturday) == "Tue 2026-12-08 08:00"
    assert said("next week", week=tuesday_to_saturday) == "Tue 2026-12-08 08:00"
    saturday = datetime(2026, 12, 5, 11, 0, tzinfo=BERLIN)
    assert said("+1 working day", now=saturday) == "Mon 2026-12-07 09:00"
    assert said("+0 working days", now=saturday) == "Mon 2026-12-07 09:00"


@pytest.mark.parametrize("text", ["Fry 10:00", "", "   ", "31.02.2026", "11.12.26",
                                  "25:00", "+99999 days", "in 2 hours 9:00", "fri 13pm",
                                  "next month", "+3", "yesterday-ish"])
def test_what_it_cannot_read_is_one_sentence(text: str) -> None:
    with pytest.raises(UnknownDate) as caught:
        parse_when(text, FRIDAY, WEEK)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, InvalidInput)
    message = str(caught.value)
    assert message.count("\n") == 0 and message.endswith("’.")
    assert "try ‘Fri 10:00’ or ‘2026-12-07 10:00’" in message


def test_the_sentence_quotes_what_was_typed() -> None:
    with pytest.raises(UnknownDate, match="‘Fry 10:00’ is not a date spocdesk understands"):
        parse_when(" Fry 10:00 ", FRIDAY, WEEK)


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31))
clock = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)), at=clock)
def test_written_dates_read_back(day: date, at: time) -> None:
    wall = datetime.combine(day, at)
    for text in (f"{wall:%Y-%m-%d %H:%M}", f"{day.day}.{day.month}.{day.year:04d} "
                 f"{at.hour}:{at.minute:02d}", f"{day:%d/%m/%Y} {at:%H:%M}"):
        assert parse_when(text, FRIDAY, WEEK).replace(tzinfo=None) == wall


@given(now=moments, number=st.integers(0, 6), at=clock)
def test_a_weekday_is_the_next_one_within_a_week(now: datetime, number: int, at: time) -> None:
    aware = now.replace(tzinfo=BERLIN)
    name = [n for n, d in WEEKDAYS.items() if d == number][-1]  # the German full name
    moment = parse_when(f"{name} {at:%H:%M}", aware, WEEK).replace(tzinfo=None)
    assert moment.weekday() == number and moment.time() == at
    assert now < moment <= now + timedelta(days=7)


@given(now=moments, amount=st.integers(0, 400))
def test_working_days_never_land_on_a_day_off(now: datetime, amount: int) -> None:
    moment = parse_when(f"+{amount} working days", now.replace(tzinfo=BERLIN), WEEK)
    assert WEEK.is_working_day(moment.date()) and moment.time() == WEEK.start


@given(text=st.text(max_size=40))
def test_any_text_is_a_moment_or_a_value_error(text: str) -> None:
    try:
        moment = parse_when(text, FRIDAY, WEEK)
    except ValueError:
        return
    assert moment.tzinfo is not None


@given(text=st.from_regex(
    r"\A(\+|in )?\d{0,3} ?(tomorrow|morgen|fr|fri|mo|next week|working days|tage|"
    r"arbeitstage|hours|uhr|am|pm|\d{1,2}[:.]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r"( \d{1,2}[:.]?\d{0,2})?\Z"))
def test_near_misses_are_a_moment_or_a_value_error(text: str) -> None:
    try:
        moment = parse_when(text, FRIDAY, WEEK)
    except ValueError:
        return
    assert moment.tzinfo is not None
