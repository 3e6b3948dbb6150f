"""The working week: defaults on working days, business time both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocdesk.core import settings as settings_mod
from spocdesk.core.working_time import WorkingWeek

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = WorkingWeek(tz=BERLIN)


def at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BERLIN)


def test_default_due_skips_the_weekend() -> None:
    friday_evening = at("2026-12-04", "18:00")  # a Friday
    assert WEEK.default_due(friday_evening) == at("2026-12-07", "09:00")
    saturday = at("2026-12-05", "16:44")
    assert WEEK.default_due(saturday) == at("2026-12-07", "09:00")
    tuesday = at("2026-12-01", "10:00")
    assert WEEK.default_due(tuesday) == at("2026-12-02", "09:00")


def test_working_days_count_and_add() -> None:
    assert WEEK.add_working_days(date(2026, 12, 4), 3) == date(2026, 12, 9)  # Fri + 3
    assert WEEK.add_working_days(date(2026, 12, 5), 0) == date(2026, 12, 7)  # Sat → Mon
    assert WEEK.working_days_between(date(2026, 11, 30), date(2026, 12, 13)) == 10


def test_business_time_skips_nights_and_weekends() -> None:
    # Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
    assert WEEK.working_time_between(at("2026-12-04", "16:00"),
                                     at("2026-12-07", "10:00")) == timedelta(hours=2)
    # 4 business hours from Friday 15:00 end on Monday 11:00.
    assert WEEK.add_working_time(at("2026-12-04", "15:00"),
                                 timedelta(hours=4)) == at("2026-12-07", "11:00")
    # A full day from an opening ends at that day's close.
    assert WEEK.add_working_time(at("2026-12-07", "09:00"),
                                 timedelta(hours=8)) == at("2026-12-07", "17:00")


def test_daylight_saving_night_keeps_the_working_day() -> None:
    # Berlin moves to summer time on 2027-03-28 (a Sunday) at 02:00.
    friday, monday = at("2027-03-26", "17:00"), at("2027-03-29", "09:00")
    assert WEEK.working_time_between(friday, monday) == timedelta(0)
    assert WEEK.add_working_time(friday, timedelta(hours=1)) == at("2027-03-29", "10:00")


def test_utc_input_is_read_in_the_week_zone() -> None:
    # 08:30 UTC is 09:30 in Berlin in winter: working time.
    assert WEEK.is_working_time(datetime(2026, 12, 7, 8, 30, tzinfo=UTC))
    assert not WEEK.is_working_time(datetime(2026, 12, 7, 7, 30, tzinfo=UTC))


def test_a_week_without_days_or_with_reversed_hours_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkingWeek(days=frozenset())
    with pytest.raises(ValueError):
        WorkingWeek(start=time(17), end=time(9))


def test_settings_give_the_week_and_refuse_nonsense() -> None:
    loaded = settings_mod.load_rows([("working_days", '"123456"'),
                                     ("working_hours_start", '"08:00"'),
                                     ("working_hours_end", '"25:00"')])
    assert loaded.working_days == "123456"
    assert loaded.working_hours_start == "08:00"
    assert loaded.working_hours_end == "17:00"  # 25:00 is no time: default kept
    week = loaded.working_week(BERLIN)
    assert week.days == frozenset(range(6))
    assert week.start == time(8) and week.end == time(17)
    assert settings_mod.load_rows([("working_days", '"189"')]).working_days == "12345"


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC))
weeks = st.builds(
    WorkingWeek,
    days=st.frozensets(st.integers(0, 6), min_size=1),
    start=st.sampled_from([time(7), time(8, 30), time(9)]),
    end=st.sampled_from([time(12), time(17), time(18, 15)]),
    tz=st.just(BERLIN),
)


@given(weeks, moments, st.integers(0, 60 * 24 * 40))
def test_adding_then_measuring_gives_the_amount_back(week: WorkingWeek, start: datetime,
                                                     minutes: int) -> None:
    amount = timedelta(minutes=minutes)
    end = week.add_working_time(start, amount)
    assert end >= start
    assert week.working_time_between(start, end) == amount


@given(weeks, moments)
def test_default_due_is_always_a_working_opening(week: WorkingWeek, now: datetime) -> None:
    due = week.default_due(now)
    assert due > now
    assert week.is_working_time(due)
    assert due.astimezone(BERLIN).time() == week.start
