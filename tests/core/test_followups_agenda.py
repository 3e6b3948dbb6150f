"""The agenda's buckets against a brute-force Python model: counts (range counts, summed
and subtracted) and the first items (one index walk per bucket), across local day
boundaries, DST changes, snoozes (past and future), date-only, undated, done and
deleted follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import DayBounds
from spocdesk.core.model import FollowUp
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

ZONES = ["Europe/Berlin", "America/Los_Angeles", "UTC", "Australia/Lord_Howe",
         "America/Santiago", "Pacific/Kiritimati"]
# "now" around DST changes (EU, US, Lord Howe, Santiago), a Sunday and a plain weekday
NOWS = [datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        datetime(2026, 10, 24, 23, 15, tzinfo=UTC), datetime(2026, 3, 8, 9, 59, tzinfo=UTC),
        datetime(2026, 4, 4, 15, 0, tzinfo=UTC), datetime(2026, 9, 5, 3, 30, tzinfo=UTC),
        datetime(2026, 3, 8, 12, 0, tzinfo=UTC), datetime(2026, 3, 4, 22, 30, tzinfo=UTC)]


@dataclass(frozen=True)
class Spec:
    due: datetime | None
    has_time: bool
    snoozed: datetime | None
    done: bool
    deleted: bool


def moment(bounds_of: DayBounds, anchor: int, offset_min: int) -> datetime:
    """A moment near one of the bucket edges (so that boundaries get hit exactly)."""
    edges = [bounds_of.now, bounds_of.start_today, bounds_of.start_tomorrow,
             bounds_of.start_day_after, bounds_of.week_end]
    return edges[anchor] + timedelta(minutes=offset_min)


def specs(bounds_of: DayBounds) -> st.SearchStrategy[list[Spec]]:
    near = st.builds(moment, st.just(bounds_of), st.integers(0, 4),
                     st.sampled_from([-1500, -61, -1, 0, 0, 0, 1, 59, 1441, 9000]))
    return st.lists(st.builds(
        Spec, due=st.none() | near, has_time=st.booleans(),
        snoozed=st.none() | st.none() | near,  # a passed snooze counts as well
        done=st.sampled_from([False, False, False, True]),
        deleted=st.sampled_from([False, False, False, True]),
    ), max_size=30)


def expected_bucket(spec: Spec, b: DayBounds) -> str:
    due = spec.snoozed or spec.due
    timed = spec.has_time or spec.snoozed is not None
    if due is None:
        return "no_date"
    found = [key for key, hit in (
        ("overdue", due < b.now and (due < b.start_today or timed)),
        ("today", b.start_today <= due < b.start_tomorrow and (due >= b.now or not timed)),
        ("tomorrow", b.start_tomorrow <= due < b.start_day_after),
        ("this_week", b.start_day_after <= due < b.week_end),
        ("later", due >= max(b.week_end, b.start_day_after)),
    ) if hit]
    assert len(found) == 1, (spec, b, found)
    return found[0]


def fill(store: Store, items: list[Spec], now: datetime) -> list[str]:
    with store.unit_of_work() as uow:
        uow.session.execute(sa.delete(FollowUp))
        rows = []
        for n, spec in enumerate(items):
            row = FollowUp(title=f"item {n}", due_at=spec.due, due_has_time=spec.has_time,
                           snoozed_until=spec.snoozed,
                           done_at=now if spec.done else None,
                           deleted_at=now if spec.deleted else None)
            uow.session.add(row)
            uow.session.flush()  # rowid follows the list order
            rows.append(row.id)
        uow.commit()
    return rows


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), zone=st.sampled_from(ZONES), now=st.sampled_from(NOWS),
       limit=st.sampled_from([1, 3, 100]))
def test_agenda_equals_a_brute_force_bucketing(
        store: Store, clock: FixedClock, data: st.DataObject, zone: str, now: datetime,
        limit: int) -> None:
    tz = ZoneInfo(zone)
    clock.set(now)
    bounds = followups.bucket_bounds(now, tz)
    items = data.draw(specs(bounds))
    ids = fill(store, items, now)

    result = followups.agenda(store, tz, limit=limit)

    expected: dict[str, list[int]] = {key: [] for key, _ in followups.BUCKETS}
    for n, spec in enumerate(items):
        if not spec.done and not spec.deleted:
            expected[expected_bucket(spec, bounds)].append(n)
    for members in expected.values():
        # soonest first; at the same moment not snoozed first, then in creation order
        members.sort(key=lambda n: (items[n].snoozed or items[n].due or now,
                                    items[n].snoozed is not None, n))
    assert result.bounds == bounds
    assert {b.key: b.count for b in result.buckets} == {k: len(v) for k, v in expected.items()}
    assert {b.key: [row.id for row in b.items] for b in result.buckets} == {
        k: [ids[n] for n in v[:limit]] for k, v in expected.items()}
    # the agenda's overdue and today agree with the status bar's figures
    assert followups.due_now_counts(store, tz) == (result.bucket("overdue").count,
                                                   result.bucket("today").count)


def test_snoozed_and_plain_items_at_the_same_moment(store: Store, clock: FixedClock) -> None:
    """Ties: the not snoozed item first, then creation order; a snooze that has passed
    makes even a date-only item overdue."""
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    clock.set(now)
    at = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    ids = fill(store, [
        Spec(at - timedelta(days=9), True, at, False, False),   # snoozed to ``at``
        Spec(at, True, None, False, False),                      # plain, due at ``at``
        Spec(at, False, None, False, False),                     # plain, date-only
        Spec(datetime(2026, 3, 4, tzinfo=berlin), False, now - timedelta(minutes=5),
             False, False),                                      # snooze passed: overdue
        Spec(datetime(2026, 3, 4, tzinfo=berlin), False, None, False, False),  # today
    ], now)
    result = followups.agenda(store, berlin)
    assert [row.id for row in result.bucket("tomorrow").items] == [ids[1], ids[2], ids[0]]
    assert [row.id for row in result.bucket("overdue").items] == [ids[3]]
    assert [row.id for row in result.bucket("today").items] == [ids[4]]
    assert [b.count for b in result.buckets] == [1, 1, 3, 0, 0, 0]
