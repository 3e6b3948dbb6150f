"""The SQL functions' deadlines by integer arithmetic (``WeekArithmetic``) equal
``due()`` to the microsecond, in zones with daylight saving too; near a change of
offset the arithmetic declines and ``due()`` decides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core import sla_clock
from spocdesk.core.working_time import WorkingWeek, parse_clock, parse_days

WEEKS = [
    WorkingWeek(),  # this computer's zone
    WorkingWeek(tz=ZoneInfo("UTC")),
    WorkingWeek(tz=ZoneInfo("Europe/Berlin")),
    WorkingWeek(parse_days("136"), parse_clock("00:30"), parse_clock("23:45"),
                ZoneInfo("America/New_York")),
    WorkingWeek(parse_days("1234567"), parse_clock("00:00"), parse_clock("23:59"),
                ZoneInfo("Australia/Lord_Howe")),  # a half-hour change
    WorkingWeek(parse_days("5"), parse_clock("12:00"), parse_clock("12:01"),
                ZoneInfo("Asia/Kolkata")),
]
# on the hour, on the half hour and anywhere
moments = st.one_of(
    st.datetimes(datetime(2023, 1, 1), datetime(2028, 1, 1)).map(
        lambda m: m.replace(minute=m.minute // 30 * 30, second=0, microsecond=0)),
    st.datetimes(datetime(2023, 1, 1), datetime(2028, 1, 1)),
)
amounts = st.one_of(st.sampled_from([timedelta(hours=h) for h in (1, 4, 8, 24, 72, 80)]),
                    st.timedeltas(timedelta(microseconds=1), timedelta(days=60)))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(WEEKS), moments, amounts)
def test_the_arithmetic_deadline_is_due_s(week: WorkingWeek, opened: datetime,
                                          amount: timedelta) -> None:
    stored = opened.isoformat(" ", "microseconds")  # naive UTC, as the columns hold it
    expected = sla_clock.due(opened.replace(tzinfo=UTC), amount, week)
    assert sla_clock._due_of_stored(stored, amount, week) == expected.replace(tzinfo=None)


def test_the_arithmetic_decides_all_but_the_days_around_a_change() -> None:
    week = WorkingWeek(tz=ZoneInfo("Europe/Berlin"))
    arithmetic = sla_clock.WeekArithmetic(week, 2026)
    start = datetime(2026, 1, 1, 7, 13)
    opened = [start + timedelta(hours=7 * k) for k in range(1200)]  # a year
    decided = [arithmetic.due(m, 4 * 3_600_000_000) for m in opened]
    assert sum(d is None for d in decided) < len(opened) / 50
    assert arithmetic.due(datetime(2026, 3, 29, 1, 0), 1) is None  # the night of a change
    assert all(d == sla_clock.due(m.replace(tzinfo=UTC), timedelta(hours=4), week)
               .replace(tzinfo=None) for m, d in zip(opened, decided, strict=True) if d)
