"""SLA clocks count the working week (Mon–Fri 09:00–17:00 by default), as Zammad and
Freshdesk count business hours: the deadlines in Python, the stored deadline the list
sorts by, the list's views, and their recomputation when the week or targets change.

Moments are wall-clock times of the computer's zone, as the working week reads them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core import preferences
from spocdesk.core.cases import query as q
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import sla
from spocdesk.core.clock import FixedClock
from spocdesk.core.model import Case
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

C = Case.__table__.c


def local(text: str) -> datetime:
    """A wall-clock moment of this computer's zone, aware."""
    return datetime.fromisoformat(text).astimezone()


FRIDAY_4PM = local("2026-12-04 16:00")  # a Friday


def _eval(now: datetime, priority: str = "high", settings: Settings | None = None,
          opened: datetime = FRIDAY_4PM) -> sla.SlaInfo:
    return sla.evaluate(priority=priority, status="open", opened_at=opened,
                        first_response_at=None, resolved_at=None, now=now,
                        settings=settings or Settings())


def test_four_hours_from_friday_afternoon_fall_due_on_monday_noon() -> None:
    info = _eval(local("2026-12-05 10:00"))  # high: respond within 4 h
    assert info.response.deadline == local("2026-12-07 12:00")
    # resolution: 3 working days of 8 hours
    assert info.resolution.deadline == local("2026-12-09 16:00")
    assert info.state == "on_track"  # Saturday: no working time has passed since 17:00
    assert info.time_left == local("2026-12-07 12:00") - local("2026-12-05 10:00")


def test_the_at_risk_mark_and_the_deadline_in_working_time() -> None:
    # 75 % of 4 h = 3 h: one on Friday, two on Monday morning
    assert _eval(local("2026-12-07 10:59")).state == "on_track"
    assert _eval(local("2026-12-07 11:00")).state == "at_risk"
    assert _eval(local("2026-12-07 12:00")).state == "at_risk"  # exactly due: in time
    assert _eval(local("2026-12-07 12:00") + timedelta(microseconds=1)).state == "breached"


def test_around_the_clock_when_the_setting_is_off() -> None:
    info = _eval(local("2026-12-05 10:00"), settings=Settings(sla_business_hours=False))
    assert info.response.deadline == local("2026-12-04 20:00")
    assert info.state == "breached"


def test_a_case_opened_at_night_starts_at_the_next_opening() -> None:
    info = _eval(local("2026-12-08 08:00"), priority="urgent",
                 opened=local("2026-12-07 22:30"))  # Monday night; urgent: 1 h
    assert info.response.deadline == local("2026-12-08 10:00")
    assert info.state == "on_track"


def _store_at(store: Store, moment: datetime) -> None:
    assert isinstance(store.clock, FixedClock)
    store.clock.set(moment)


def _deadline(store: Store, ref: str) -> datetime:
    with store.connection() as conn:
        days = conn.execute(sa.select(C.sla_deadline).where(C.ref == ref)).scalar_one()
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=days - 2440587.5)


def _close_to(moment: datetime, wanted: datetime) -> bool:
    return abs(moment - wanted) < timedelta(milliseconds=1)  # julianday precision


def test_the_stored_deadline_and_the_views_count_working_time(store: Store) -> None:
    _store_at(store, local("2026-12-05 10:00"))  # Saturday morning
    friday = cases.add_case(store, cases.NewCase(
        title="Printer down", priority="high", opened_at=FRIDAY_4PM)).value
    thursday = cases.add_case(store, cases.NewCase(
        title="Old request", priority="high", opened_at=local("2026-12-03 09:00"))).value
    assert _close_to(_deadline(store, friday), local("2026-12-07 12:00"))
    assert _close_to(_deadline(store, thursday), local("2026-12-03 13:00"))
    counts = q.view_counts(store)
    assert (counts["sla_at_risk"], counts["sla_breached"]) == (0, 1)
    _store_at(store, local("2026-12-07 11:30"))  # Monday: 2.5 of the 4 hours used
    counts = q.view_counts(store)
    assert (counts["sla_at_risk"], counts["sla_breached"]) == (1, 1)
    ids = q.case_ids(store, q.CaseFilter(view="all"), q.CaseSort("sla"))
    with store.connection() as conn:
        refs = dict(conn.execute(sa.select(C.id, C.ref)).all())
    assert [refs[i] for i in ids] == [thursday, friday]


def test_deadlines_follow_the_working_week_and_the_targets(store: Store) -> None:
    _store_at(store, local("2026-12-05 10:00"))
    ref = cases.add_case(store, cases.NewCase(
        title="Printer down", priority="high", opened_at=FRIDAY_4PM)).value
    settings = preferences.get_settings(store)
    # Saturday is a working day now: 1 h on Friday, 3 h on Saturday from 09:00
    preferences.save_settings(store, replace(settings, working_days="123456"))
    assert _close_to(_deadline(store, ref), local("2026-12-05 12:00"))
    assert q.view_counts(store)["sla_at_risk"] == 0  # 10:00 Saturday: 2 h of 4 used
    _store_at(store, local("2026-12-05 11:00"))
    assert q.view_counts(store)["sla_at_risk"] == 1  # 3 h of 4: at risk
    # longer days: 09:00-18:00 on Friday leaves 2 h there
    preferences.save_settings(store, replace(settings, working_hours_end="18:00"))
    assert _close_to(_deadline(store, ref), local("2026-12-07 11:00"))
    # new targets move the stored deadline too
    targets = {**settings.sla, "high": SlaTarget(first_response_hours=8, resolution_days=3)}
    preferences.save_settings(store, replace(settings, sla=targets))
    assert _close_to(_deadline(store, ref), local("2026-12-07 16:00"))
    preferences.save_settings(store, replace(settings, sla_business_hours=False))
    assert _close_to(_deadline(store, ref), local("2026-12-04 20:00"))
    assert q.view_counts(store)["sla_breached"] == 1
