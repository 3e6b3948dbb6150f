"""Recurrence rules: parsing, local wall time across DST, descriptions, errors."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core.errors import InvalidInput
from spocdesk.core.followups.recurrence import Recurrence, describe_rule, parse_zone, split_rule

BERLIN = ZoneInfo("Europe/Berlin")


def local_times(moments: list[datetime], tz: ZoneInfo = BERLIN) -> list[str]:
    return [m.astimezone(tz).strftime("%a %Y-%m-%d %H:%M") for m in moments]


def test_weekly_at_nine_stays_nine_across_march_and_october_dst() -> None:
    # the last Sunday of March 2026 is the 29th, of October the 25th
    series = Recurrence.build("FREQ=WEEKLY;BYDAY=MO", "2026-03-16T09:00", "Europe/Berlin")
    spring = series.between(datetime(2026, 3, 16, tzinfo=UTC), datetime(2026, 4, 7, tzinfo=UTC))
    assert local_times(spring) == ["Mon 2026-03-16 09:00", "Mon 2026-03-23 09:00",
                                   "Mon 2026-03-30 09:00", "Mon 2026-04-06 09:00"]
    assert [m.hour for m in spring] == [8, 8, 7, 7]  # UTC moves, local time does not
    autumn = series.between(datetime(2026, 10, 19, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC))
    assert local_times(autumn) == ["Mon 2026-10-19 09:00", "Mon 2026-10-26 09:00",
                                   "Mon 2026-11-02 09:00"]
    assert [m.hour for m in autumn] == [7, 8, 8]


def test_next_after_is_utc_and_strictly_later() -> None:
    series = Recurrence.build("FREQ=DAILY", "2026-03-28T09:00", "Europe/Berlin")
    first = series.first()
    assert first == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    nxt = series.next_after(first)
    assert nxt == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # Sunday: summer time began
    assert series.next_after(first, inclusive=True) == first


def test_monthly_second_tuesday_and_bysetpos_agree() -> None:
    a = Recurrence.build("FREQ=MONTHLY;BYDAY=2TU", "2026-01-01T10:30", "Europe/Berlin")
    b = Recurrence.build("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "2026-01-01T10:30", "Europe/Berlin")
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)
    assert a.between(start, end) == b.between(start, end)
    assert local_times(a.between(start, end)) == [
        "Tue 2026-01-13 10:30", "Tue 2026-02-10 10:30", "Tue 2026-03-10 10:30",
        "Tue 2026-04-14 10:30"]


def test_count_and_until_end_a_series() -> None:
    counted = Recurrence.build("FREQ=DAILY;COUNT=3", "2026-03-01T09:00", "UTC")
    moments = counted.between(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert len(moments) == 3
    assert counted.next_after(moments[-1]) is None
    until = Recurrence.build("RRULE:freq=weekly;until=20260320", "2026-03-02T09:00",
                             "Europe/Berlin")
    assert until.rule == "FREQ=WEEKLY;UNTIL=20260320T225959Z"  # end of that local day, in UTC
    assert len(until.between(datetime(2026, 3, 1, tzinfo=UTC),
                             datetime(2027, 1, 1, tzinfo=UTC))) == 3


def test_yearly_and_interval() -> None:
    series = Recurrence.build("FREQ=YEARLY;INTERVAL=2", "2024-02-29T09:00", "Europe/Berlin")
    assert local_times(series.between(datetime(2024, 1, 1, tzinfo=UTC),
                                      datetime(2033, 1, 1, tzinfo=UTC))) == [
        "Thu 2024-02-29 09:00", "Tue 2028-02-29 09:00", "Sun 2032-02-29 09:00"]


@pytest.mark.parametrize(("rule", "text"), [
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "every 2 weeks on Mon, Thu"),
    ("FREQ=DAILY", "every day"),
    ("FREQ=DAILY;INTERVAL=3;COUNT=4", "every 3 days, 4 times"),
    ("FREQ=MONTHLY;BYDAY=2TU", "every month on the second Tuesday"),
    ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "every month on the second Tuesday"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "every month on day 15"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "every year on the last Sunday of March"),
    ("FREQ=WEEKLY;UNTIL=20261231T225959Z", "every week, until 2026-12-31"),
])
def test_describe(rule: str, text: str) -> None:
    assert describe_rule(rule, tz=BERLIN) == text


def test_describe_with_start_names_day_time_and_zone() -> None:
    series = Recurrence.build("FREQ=WEEKLY", "2026-03-16T09:00", "Europe/Berlin")
    assert series.describe() == "every week on Mon at 09:00 Europe/Berlin"
    yearly = Recurrence.build("FREQ=YEARLY", "2026-03-16T09:00", "UTC")
    assert yearly.describe() == "every year on 16 March at 09:00 UTC"


@pytest.mark.parametrize(("rule", "words"), [
    ("", "empty"),
    ("WEEKLY", "NAME=VALUE"),
    ("FREQ=HOURLY", "not supported"),
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
    ("FREQ=DAILY;INTERVAL=x", "INTERVAL"),
    ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "not both"),
    ("FREQ=WEEKLY;BYDAY=XX", "weekday"),
    ("FREQ=WEEKLY;BYDAY=2TU", "MONTHLY"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never"),
    ("FREQ=DAILY;UNTIL=20261340", "real date"),
    ("FREQ=DAILY;UNTIL=20200101", "before it starts"),
    ("BYDAY=MO", "needs FREQ"),
    ("FREQ=DAILY;FREQ=WEEKLY", "twice"),
    ("FREQ=DAILY;DTSTART=20260101", "not supported"),
])
def test_malformed_rules_get_a_sentence(rule: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Recurrence.build(rule, "2026-03-02T09:00", "Europe/Berlin")
    message = str(caught.value)
    assert words in message
    assert message.endswith(".") and "\n" not in message


def test_unknown_zone() -> None:
    with pytest.raises(InvalidInput, match="not a known time zone"):
        parse_zone("Mars/Olympus")
    with pytest.raises(InvalidInput):
        Recurrence.build("FREQ=DAILY", "2026-03-02T09:00", "Europe")


TOKENS = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS",
          "BYYEARDAY", "BYWEEKNO", "WKST", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY",
          "MO", "TU", "2TU", "-1FR", "0", "1", "-1", "31", "366", "99999", "20261231",
          "20261231T090000Z", "=", ";", ",", "RRULE:", " ", "x"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(TOKENS), max_size=14).map("".join),
    st.lists(st.tuples(st.sampled_from(TOKENS[:11]), st.lists(st.sampled_from(TOKENS[11:]),
                                                              min_size=1, max_size=3)),
             max_size=5).map(lambda parts: "FREQ=MONTHLY;" + ";".join(
                 f"{k}={','.join(v)}" for k, v in parts)),
))
def test_random_rules_never_raise_anything_but_invalid_input(rule: str) -> None:
    try:
        series = Recurrence.build(rule, "2026-03-02T09:00", "Europe/Berlin")
    except InvalidInput as exc:
        assert str(exc).strip()
        return
    assert series.first() is not None
    series.describe()
    split_rule(series.rule)
