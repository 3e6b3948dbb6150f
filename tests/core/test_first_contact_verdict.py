"""First-contact resolution kept on the case when it is resolved (revision 0022):
the verdict at the edges (reopen, escalation, two inbound messages, entries logged
after the resolution, CSAT recorded later, weeks across a change of clocks and a
month end), and the dashboard counting it from one index range."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import first_contact
from spocdesk.core.cases.escalation import escalate, record_case_outcome
from spocdesk.core.cases.service import NewCase, NewInteraction, add_case, log_interaction
from spocdesk.core.clock import FixedClock
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.store import Store
from tests.core.test_quality_figures import Desk, at

pytestmark = pytest.mark.both_backends

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def desk(store: Store, clock: FixedClock) -> Desk:
    return Desk(store, clock)


def stored(store: Store, case_id: str) -> tuple[object, object]:
    with store.connection() as conn:
        row = conn.execute(sa.text(
            "SELECT first_contact, first_channel FROM case_record WHERE id = :id"),
            {"id": case_id}).one()
    return row[0], row[1]


def answered(desk: Desk, title: str, day: str, channel: str = "phone") -> str:
    """One inbound and one outbound entry on ``day``, resolved that afternoon."""
    ref = desk.open(f"{day} 09:00", title, "billing")
    desk.log(ref, f"{day} 09:00", "in", channel=channel)
    desk.log(ref, f"{day} 10:00", "out", channel=channel)
    desk.status(ref, f"{day} 11:00", "resolved")
    return ref


def test_the_verdict_is_kept_when_resolved_and_cleared_while_open(desk: Desk,
                                                                   store: Store) -> None:
    ref = desk.open("2026-02-16 09:00", "A")
    assert stored(store, desk.id(ref)) == (None, None)
    desk.log(ref, "2026-02-16 09:00", "in", channel="email")
    desk.log(ref, "2026-02-16 09:30", "out", channel="phone")
    desk.status(ref, "2026-02-16 10:00", "resolved")
    assert stored(store, desk.id(ref)) == (1, "email")
    desk.status(ref, "2026-02-17 10:00", "closed")  # closing keeps the resolution
    assert stored(store, desk.id(ref)) == (1, "email")
    desk.status(ref, "2026-02-18 10:00", "open")  # reopened: not resolved, no verdict
    assert stored(store, desk.id(ref)) == (None, None)
    assert figures.is_first_contact(store, desk.id(ref)) is None
    desk.status(ref, "2026-02-18 11:00", "resolved")  # a reopened case never counts
    assert stored(store, desk.id(ref)) == (0, "email")


def test_escalating_a_resolved_case_reopens_it_for_good(desk: Desk, store: Store) -> None:
    ref = answered(desk, "E", "2026-02-16")
    assert figures.is_first_contact(store, desk.id(ref)) is True
    desk.clock.set(at("2026-02-17 09:00"))
    escalate(store, ref, "Second line", "it came back")
    assert figures.is_first_contact(store, desk.id(ref)) is None
    desk.clock.set(at("2026-02-17 10:00"))
    record_case_outcome(store, ref, "fixed", "resolved")
    assert figures.is_first_contact(store, desk.id(ref)) is False


def test_two_inbound_messages_and_a_case_entered_resolved(desk: Desk, store: Store) -> None:
    two = desk.open("2026-02-16 09:00", "Two")
    desk.log(two, "2026-02-16 09:00", "in", channel="email")
    desk.log(two, "2026-02-16 09:05", "in", channel="email")
    desk.status(two, "2026-02-16 10:00", "resolved")
    assert figures.is_first_contact(store, desk.id(two)) is False
    desk.clock.set(at("2026-02-16 12:00"))
    ref = add_case(store, NewCase(title="Done on the phone", status="closed")).value
    assert stored(store, desk.id(ref)) == (1, "")  # nothing logged: no channel


def test_entries_logged_after_the_resolution(desk: Desk, store: Store) -> None:
    thanks = answered(desk, "Thanks", "2026-02-16")
    desk.log(thanks, "2026-02-16 15:00", "in", channel="email")  # a thank-you: after it
    assert figures.is_first_contact(store, desk.id(thanks)) is True
    late = answered(desk, "Late", "2026-02-16")
    # a call of that morning, logged in the evening: before the resolution, so it counts
    desk.clock.set(at("2026-02-16 18:00"))
    log_interaction(store, late, NewInteraction(
        channel="phone", direction="in", summary="a second call",
        occurred_at=at("2026-02-16 09:30")))
    assert figures.is_first_contact(store, desk.id(late)) is False
    # an internal note logged late changes nothing
    note = answered(desk, "Note", "2026-02-16")
    log_interaction(store, note, NewInteraction(
        channel="note", direction="internal", summary="filed",
        occurred_at=at("2026-02-16 10:30")))
    assert figures.is_first_contact(store, desk.id(note)) is True


def test_csat_recorded_later_counts_in_its_own_week(desk: Desk, store: Store) -> None:
    ref = answered(desk, "Friday", "2026-02-20")  # a Friday, week 8
    desk.clock.set(at("2026-02-24 09:00"))  # the client answers on Tuesday, week 9
    feedback.record_csat(store, ref, 5, via="phone")
    assert figures.is_first_contact(store, desk.id(ref)) is True  # unchanged
    desk.clock.set(at("2026-03-02 09:00"))
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    weeks = {w.label: w for w in m.weeks}
    assert weeks["2026-W08"].fcr.as_json() == {"rate": 1.0, "resolved": 1,
                                               "at_first_contact": 1}
    assert weeks["2026-W08"].satisfaction.csat_count == 0
    assert weeks["2026-W09"].fcr.resolved == 0
    assert weeks["2026-W09"].satisfaction.csat_count == 1


def test_weeks_across_a_change_of_clocks_and_a_month_end(desk: Desk, store: Store) -> None:
    # Sunday 29 March 2026, 23:30 in Berlin (summer time since 02:00): still week 13
    sunday = desk.open("2026-03-29 08:00", "Sunday")
    desk.log(sunday, "2026-03-29 08:00", "in")
    desk.status(sunday, "2026-03-29 21:30", "resolved")
    # 00:30 on Monday 30 March in Berlin, 22:30 UTC on Sunday: week 14
    monday = desk.open("2026-03-29 08:00", "Monday")
    desk.log(monday, "2026-03-29 08:00", "in")
    desk.log(monday, "2026-03-29 08:10", "in")
    desk.status(monday, "2026-03-29 22:30", "resolved")
    # the last evening of February, 23:59 in Berlin: week 9, a Saturday
    february = desk.open("2026-02-28 08:00", "February")
    desk.status(february, "2026-02-28 22:59", "resolved")
    desk.clock.set(at("2026-04-01 09:00"))
    m = figures.measures(store, "quarter", tz=BERLIN)
    weeks = {w.label: (w.fcr.resolved, w.fcr.at_first_contact) for w in m.weeks}
    assert weeks["2026-W13"] == (1, 1)
    assert weeks["2026-W14"] == (1, 0)
    assert weeks["2026-W09"] == (1, 1)
    assert (m.current.fcr.resolved, m.current.fcr.at_first_contact) == (3, 2)
    w13 = next(w for w in m.weeks if w.label == "2026-W13")
    assert (w13.end - w13.start).total_seconds() == 167 * 3600  # the clocks went forward


@pytest.mark.file_only("SQLite's query plans")
def test_the_period_reads_one_range_of_the_verdict_index(store: Store) -> None:
    sql = figures._FCR.format(b="b(i, lo, hi) AS (VALUES (0, :w_lo0, :w_hi0))", last=0)
    with store.connection() as conn:
        plan = " ".join(str(r[3]) for r in conn.execute(
            sa.text("EXPLAIN QUERY PLAN " + sql), {"w_lo0": "2026", "w_hi0": "2027"}))
    assert "COVERING INDEX ix_case_first_contact" in plan
    assert "interaction" not in plan and "audit_event" not in plan


def test_settling_again_changes_nothing(desk: Desk, store: Store) -> None:
    refs = [answered(desk, f"R{k}", "2026-02-16") for k in range(3)]
    desk.log(refs[1], "2026-02-16 12:00", "in")  # after: does not count
    before = [stored(store, desk.id(r)) for r in refs]
    with store.unit_of_work() as uow:
        first_contact.settle_all(uow.session.connection())
        uow.commit()
    assert [stored(store, desk.id(r)) for r in refs] == before == [(1, "phone")] * 3


def test_each_figure_runs_on_its_own_for_the_benchmark(desk: Desk, store: Store) -> None:
    answered(desk, "A", "2026-02-16")
    desk.clock.set(at("2026-03-02 09:00"))
    parts = figures.figure_queries(store, "quarter", tz=UTC_ZONE)
    assert set(parts) == {
        "satisfaction (CSAT)", "Net Promoter Score", "first-contact resolution",
        "times to response and resolution", "effort per week",
        "effort per category, stakeholder, case", "demand (period and the one before)"}
    (fcr,) = parts["first-contact resolution"]()
    assert [(row[3], row[4]) for row in fcr] == [(1, 1.0)]  # one case, at first contact
    current, previous = parts["demand (period and the one before)"]()
    assert (current.requests, previous.requests) == (1, 0)
    for run in parts.values():
        run()
