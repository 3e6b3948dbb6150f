"""A stakeholder's birthday or anniversary as a yearly follow-up, added once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.followups import service as followups
from spocdesk.core.followups import yearly
from spocdesk.core.model import FollowUp
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def berlin_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def person(store: Store, birthday: str = "", anniversary: str = "") -> str:
    data = stakeholders.NewStakeholder(display_name="Anna Nowak", birthday=birthday,
                                       anniversary=anniversary)
    return stakeholders.add_stakeholder(store, data).value


def row(store: Store, followup_id: str) -> FollowUp:
    with store.unit_of_work() as uow:
        item = uow.session.get(FollowUp, followup_id)
        assert item is not None
        uow.session.expunge(item)
        return item


def berlin(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def test_birthday_reminder_is_added_once_on_the_next_birthday(store: Store) -> None:
    # the clock stands at 2 March 2026, 10:00 in Berlin: this year's 14 April is next
    sid = person(store, birthday="1980-04-14")
    assert not yearly.has_reminder(store, sid, "birthday")
    outcome = yearly.remind_yearly(store, sid, "birthday")
    assert "followup" in outcome.changes and "stakeholder" in outcome.changes
    item = row(store, outcome.value)
    assert item.title == "Birthday: Anna Nowak"
    assert item.stakeholder_id == sid
    assert item.due_at == berlin(2026, 4, 14, 9, 0)
    assert item.rrule.startswith("FREQ=YEARLY")
    assert yearly.has_reminder(store, sid, "birthday")
    assert not yearly.has_reminder(store, sid, "anniversary")

    again = yearly.remind_yearly(store, sid, "birthday")
    assert again.value == outcome.value and not again.changes
    with store.connection() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(FollowUp).where(
            FollowUp.stakeholder_id == sid)).scalar_one()
    assert count == 1

    # completing it moves the same reminder to next year's birthday
    followups.complete(store, outcome.value)
    assert row(store, outcome.value).due_at == berlin(2027, 4, 14, 9, 0)
    assert yearly.remind_yearly(store, sid, "birthday").value == outcome.value


def test_a_date_already_passed_this_year_is_reminded_next_year(store: Store) -> None:
    sid = person(store, anniversary="--01-05")
    item = row(store, yearly.remind_yearly(store, sid, "anniversary").value)
    assert item.title == "Anniversary: Anna Nowak"
    assert item.due_at == berlin(2027, 1, 5, 9, 0)


def test_today_counts_until_the_start_hour_has_passed(store: Store, clock: FixedClock
                                                      ) -> None:
    sid = person(store, birthday="--03-03")
    clock.advance(timedelta(hours=20))  # 3 March, 06:00 in Berlin: before 09:00
    assert row(store, yearly.remind_yearly(store, sid, "birthday").value).due_at == \
        berlin(2026, 3, 3, 9, 0)


def test_a_weekend_date_is_reminded_on_the_day_itself(store: Store) -> None:
    sid = person(store, birthday="--03-07")  # Saturday, 7 March 2026
    assert row(store, yearly.remind_yearly(store, sid, "birthday").value).due_at == \
        berlin(2026, 3, 7, 9, 0)


def test_29_february_is_reminded_on_28_february_in_other_years(store: Store) -> None:
    sid = person(store, birthday="2000-02-29")
    reminder = yearly.remind_yearly(store, sid, "birthday").value
    item = row(store, reminder)
    assert "BYMONTHDAY=-1" in item.rrule
    assert item.due_at == berlin(2027, 2, 28, 9, 0)  # 2026's February is over
    followups.complete(store, reminder)
    assert row(store, reminder).due_at == berlin(2028, 2, 29, 9, 0)  # a leap year
    followups.complete(store, reminder)
    assert row(store, reminder).due_at == berlin(2029, 2, 28, 9, 0)


def test_without_the_date_one_plain_sentence(store: Store) -> None:
    sid = person(store)
    with pytest.raises(InvalidInput) as caught:
        yearly.remind_yearly(store, sid, "birthday")
    assert str(caught.value) == "Anna Nowak has no birthday on record."
    with pytest.raises(InvalidInput):
        yearly.remind_yearly(store, sid, "wedding")
