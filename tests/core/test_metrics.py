"""Dashboard figures from a hand-built store whose answers are known.

The store's clock stands at Monday 2026-03-02 09:00 UTC; weeks and months are
cut in UTC. Default SLA targets: urgent 1 h / 1 day, high 4 h / 3 days,
normal 24 h / 10 days, low 72 h / 30 days; at risk from 75 % of the time.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core import preferences
from spocdesk.core.cases import query as case_query
from spocdesk.core.errors import InvalidInput
from spocdesk.core.followups import service as followups
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.model import (
    Case,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Stakeholder,
)
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

UTC_ZONE = ZoneInfo("UTC")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def known(store: Store) -> Store:
    """Cases A–G, six follow-ups, five stakeholders and four interactions (see below).
    SLA clocks run around the clock here, as the comments count them."""
    now = store.now()
    assert now == at("2026-03-02 09:00")
    preferences.save_settings(store, Settings(sla_business_hours=False))
    with store.unit_of_work() as uow:
        s = uow.session

        def case(n: int, priority: str, status: str, opened: str, responded: str | None = None,
                 resolved: str | None = None, deleted: bool = False) -> Case:
            row = Case(ref=f"C-{n:04d}", ref_number=n, title=f"Case {n}", priority=priority,
                       status=status, opened_at=at(opened),
                       first_response_at=at(responded) if responded else None,
                       resolved_at=at(resolved) if resolved else None,
                       deleted_at=now if deleted else None)
            s.add(row)
            return row

        # A: normal, open, answered after 10 h, 20 days old: resolution SLA breached
        a = case(1, "normal", "open", "2026-02-10 10:00", "2026-02-10 20:00")
        # B: high, resolved: answered after 2 h, resolved after 2 days (both met)
        case(2, "high", "resolved", "2026-02-17 08:00", "2026-02-17 10:00", "2026-02-19 08:00")
        # C: urgent, closed: answered after 3 h (breached), resolved after 12 h
        case(3, "urgent", "closed", "2026-02-24 09:00", "2026-02-24 12:00", "2026-02-24 21:00")
        # D: low, waiting, opened an hour ago: on track, no follow-up planned
        case(4, "low", "waiting", "2026-03-02 08:00")
        # E: deleted; never counts
        case(5, "urgent", "open", "2026-02-25 09:00", deleted=True)
        # F: normal, new, opened 21 h ago without an answer: at risk (18 h mark passed)
        case(6, "normal", "new", "2026-03-01 12:00")
        # G: high, escalated, old: breached, outside the 4 weeks and the quarter
        case(7, "high", "escalated", "2025-12-01 00:00", "2025-12-01 02:00")
        s.flush()

        def followup(title: str, due: str, *, timed: bool = True, case_id: str | None = None,
                     ) -> FollowUp:
            return followups.add_in_session(s, followups.NewFollowUp(
                title=title, due_at=at(due), due_has_time=timed, case_id=case_id),
                now=now, author="owner")

        followup("overdue since yesterday", "2026-03-01 09:00", case_id=a.id)
        followup("overdue since an hour", "2026-03-02 08:00")
        followup("due this afternoon", "2026-03-02 15:00")
        followup("date-only today", "2026-03-02 00:00", timed=False)
        followup("done", "2026-03-01 10:00").done_at = at("2026-03-01 11:00")
        followup("snoozed", "2026-03-01 10:00").snoozed_until = at("2026-03-03 09:00")

        def person(name: str, cadence: int | None, created: str,
                   deleted: bool = False) -> Stakeholder:
            row = Stakeholder(display_name=name, cadence_days=cadence, created_at=at(created),
                              deleted_at=now if deleted else None)
            s.add(row)
            return row

        p1 = person("P1 every 14 days, 20 days quiet", 14, "2025-01-01 00:00")
        p2 = person("P2 every 30 days, 20 days quiet", 30, "2025-01-01 00:00")
        person("P3 every 7 days, never contacted, added 10 days ago", 7, "2026-02-20 09:00")
        person("P4 no cadence", None, "2025-01-01 00:00")
        person("P5 deleted", 7, "2025-01-01 00:00", deleted=True)
        s.flush()

        def log(channel: str, when: str, *people: Stakeholder, deleted: bool = False) -> None:
            entry = Interaction(case_id=a.id, channel=channel, direction="in", summary=channel,
                                occurred_at=at(when), deleted_at=now if deleted else None)
            s.add(entry)
            s.flush()
            for p in people:
                s.add(InteractionParticipant(interaction_id=entry.id, stakeholder_id=p.id))

        log("phone", "2026-02-10 09:00", p1, p2)
        log("email", "2026-02-20 09:00")
        log("note", "2026-01-15 09:00")  # before the 4 weeks
        log("meeting", "2026-02-21 09:00", deleted=True)
        uow.commit()
    return store


def test_today(known: Store) -> None:
    today = metrics.today(known, tz=UTC_ZONE)
    assert today == metrics.Today(
        followups_overdue=2, followups_due_today=2, cases_without_followup=3,
        cases_without_next_step=4, sla_at_risk=1, sla_breached=2,
        stakeholders_due_for_contact=2)
    tiles = {t.key: (t.target, t.filter) for t in today.tiles()}
    assert tiles["cases_without_followup"] == ("cases", "no_followup")
    assert tiles["cases_without_next_step"] == ("cases", "no_next_step")
    assert tiles["sla_at_risk"] == ("cases", "sla_at_risk")
    assert tiles["sla_breached"] == ("cases", "sla_breached")


def test_today_tiles_agree_with_the_lists_they_open(known: Store) -> None:
    today = metrics.today(known, tz=UTC_ZONE)
    counts = case_query.view_counts(known)
    assert counts["no_followup"] == today.cases_without_followup
    assert counts["no_next_step"] == today.cases_without_next_step
    assert counts["sla_at_risk"] == today.sla_at_risk
    assert counts["sla_breached"] == today.sla_breached
    assert len(followups.list_followups(known, "overdue", UTC_ZONE)) == today.followups_overdue
    assert followups.stakeholders_due_for_contact(known)[0] == (
        today.stakeholders_due_for_contact)


def test_workload(known: Store) -> None:
    load = metrics.workload(known, oldest=3)
    assert load.open_cases == 4
    assert load.by_status == {"new": 1, "open": 1, "waiting": 1, "escalated": 1}
    assert load.by_priority == {"low": 1, "normal": 2, "high": 1, "urgent": 0}
    assert [c.ref for c in load.oldest] == ["C-0007", "C-0001", "C-0006"]
    assert load.oldest[1].age_days == pytest.approx(19.96, abs=0.01)


def test_trends_four_weeks(known: Store) -> None:
    t = metrics.trends(known, "4w", tz=UTC_ZONE)
    assert t.start == at("2026-02-09 00:00")
    assert [(w.label, w.opened, w.resolved, w.breached) for w in t.weeks] == [
        ("2026-W07", 1, 0, 0), ("2026-W08", 1, 1, 0), ("2026-W09", 2, 1, 1),
        ("2026-W10", 1, 0, 0)]
    assert (t.resolved_with_target, t.breached, t.breach_rate) == (2, 1, 0.5)
    assert [(m.month, m.first_responses, m.median_first_response_hours, m.resolutions,
             m.median_resolution_days) for m in t.months] == [
        ("2026-02", 3, 3.0, 2, 1.25), ("2026-03", 0, None, 0, None)]
    assert t.interactions_by_channel == {"phone": 1, "email": 1, "meeting": 0, "chat": 0,
                                         "letter": 0, "note": 0}


def test_longer_periods(known: Store) -> None:
    quarter = metrics.trends(known, "quarter", tz=UTC_ZONE)
    assert len(quarter.weeks) == 13 and quarter.start == at("2025-12-08 00:00")
    assert sum(w.opened for w in quarter.weeks) == 5
    assert quarter.interactions_by_channel["note"] == 1
    assert quarter.months[0].month == "2025-12"
    year = metrics.trends(known, "year", tz=UTC_ZONE)
    assert len(year.weeks) == 52
    assert sum(w.opened for w in year.weeks) == 6
    assert len(year.months) == 13
    # G's answer came in December
    december = next(m for m in year.months if m.month == "2025-12")
    assert (december.first_responses, december.median_first_response_hours) == (1, 2.0)
    with pytest.raises(InvalidInput):
        metrics.trends(known, "decade")


def test_weeks_follow_local_midnight(known: Store) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    t = metrics.trends(known, "4w", tz=berlin)
    assert t.start == at("2026-02-08 23:00")  # Monday 00:00 in Berlin (UTC+1)
    assert t.weeks[-1].label == "2026-W10"


def test_empty_store(store: Store) -> None:
    board = metrics.dashboard(store, "quarter", tz=UTC_ZONE)
    assert board.today == metrics.Today(0, 0, 0, 0, 0, 0, 0)
    assert board.workload.open_cases == 0 and board.workload.oldest == []
    assert all(w.opened == 0 and w.breach_rate is None for w in board.trends.weeks)
    assert board.trends.breach_rate is None


def test_json_and_csv(known: Store) -> None:
    board = metrics.dashboard(known, "4w", tz=UTC_ZONE)
    data = metrics.as_json(board)
    assert data["today"]["sla_breached"] == 2
    assert data["trends"]["weeks"][2] == {
        "week": "2026-W09", "start": "2026-02-23T00:00:00+00:00", "opened": 2, "resolved": 1,
        "resolved_with_target": 1, "breached": 1, "breach_rate": 1.0}
    assert data["trends"]["breach_rate"] == 0.5
    rows = list(csv.reader(io.StringIO(metrics.to_csv(board))))
    assert rows[0] == ["section", "figure", "key", "value"]
    assert ["today", "followups_overdue", "", "2"] in rows
    assert ["trends", "median_resolution_days", "2026-02", "1.25"] in rows
    assert ["trends", "median_resolution_days", "2026-03", ""] in rows
    assert ["workload", "open_by_priority", "normal", "2"] in rows


def test_dashboard_takes_a_handful_of_queries(known: Store) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(known.engine, "before_cursor_execute", count)
    try:
        metrics.dashboard(known, "year", tz=UTC_ZONE)
    finally:
        event.remove(known.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    # a fixed number, whatever the data: the SLA tiles are two index-range counts per
    # priority and clock (at risk, breached), the rest a dozen statements
    assert len(selects) <= 12 + 2 * 2 * len(Settings().sla)


def test_recent_changes_move_the_figures(known: Store) -> None:
    before = metrics.today(known, tz=UTC_ZONE)
    known.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    after = metrics.today(known, tz=UTC_ZONE)
    # yesterday's "today" items are overdue now; D's hour became a day
    assert after.followups_overdue == before.followups_overdue + before.followups_due_today
