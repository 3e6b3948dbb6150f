"""The per-priority cut-offs of the SLA queries in working time: the latest opening
whose deadline (or at-risk mark) "now" has passed, found by walking back through the
working week, equal a plain search over ``due()`` at every kind of moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core import sla_clock
from spocdesk.core.working_time import WorkingWeek, parse_clock, parse_days

US = timedelta(microseconds=1)
WEEKS = [WorkingWeek(), WorkingWeek(parse_days("367"), parse_clock("07:30"), parse_clock("19:00")),
         WorkingWeek(parse_days("1234567"), parse_clock("00:00"), parse_clock("23:59")),
         WorkingWeek(parse_days("5"), parse_clock("12:00"), parse_clock("12:01"))]


def searched(week: WorkingWeek, now: datetime, amount: timedelta, strict: bool) -> datetime:
    def passed(opened: datetime) -> bool:
        moment = sla_clock.due(opened, amount, week)
        return moment < now if strict else moment <= now

    low = now - timedelta(weeks=int(amount / week.day_length) + 3)
    good, bad = 0, (now - low) // US + 1
    assert passed(low) and not passed(low + bad * US)
    while bad - good > 1:
        middle = (good + bad) // 2
        if passed(low + middle * US):
            good = middle
        else:
            bad = middle
    return low + good * US


# on the hour, on the half hour and anywhere, so that openings and closes are hit
moments = st.one_of(
    st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)).map(
        lambda m: m.replace(minute=m.minute // 30 * 30, second=0, microsecond=0)),
    st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)),
).map(lambda m: m.astimezone(UTC))  # wall-clock times of this computer's zone
amounts = st.one_of(st.sampled_from([timedelta(hours=h) for h in (1, 4, 8, 24, 72, 80)]),
                    st.timedeltas(timedelta(minutes=1), timedelta(days=40)))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WEEKS), moments, amounts, st.booleans())
def test_walking_back_equals_searching(week: WorkingWeek, now: datetime, amount: timedelta,
                                       strict: bool) -> None:
    assert sla_clock.last_opening(week, now, amount, strict) == searched(
        week, now, amount, strict)
