"""First-contact resolution, times, effort and demand (issue 21), from hand-built
cases whose answers are known; weeks across a change of clocks and a month end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core.cases.detail import get_case
from spocdesk.core.cases.escalation import escalate, record_case_outcome
from spocdesk.core.cases.service import NewCase, NewInteraction, add_case, log_interaction
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.metrics import figures
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class Desk:
    """Acts on the store at given moments (the clock moves to each)."""

    def __init__(self, store: Store, clock: FixedClock) -> None:
        self.store, self.clock = store, clock

    def open(self, when: str, title: str, category: str = "", who: str | None = None,
             opened: str | None = None) -> str:
        self.clock.set(at(when))
        return add_case(self.store, NewCase(
            title=title, status="open", category=category,
            opened_at=at(opened) if opened else None,
            stakeholders=[(who, "client")] if who else [])).value

    def log(self, ref: str, when: str, direction: str, channel: str = "phone",
            minutes: int | None = None, who: str | None = None) -> None:
        self.clock.set(at(when))
        log_interaction(self.store, ref, NewInteraction(
            channel=channel, direction=direction, summary=f"{direction} {when}",
            minutes=minutes, stakeholder_ids=[who] if who else []))

    def status(self, ref: str, when: str, status: str) -> None:
        self.clock.set(at(when))
        update_case(self.store, ref, status=status)

    def id(self, ref: str) -> str:
        return get_case(self.store, ref).id


@pytest.fixture
def desk(store: Store, clock: FixedClock) -> Desk:
    return Desk(store, clock)


def test_first_contact_resolution_by_the_rule(desk: Desk, store: Store) -> None:
    # A: one call in, one call back, resolved: at first contact
    a = desk.open("2026-02-16 09:00", "A", "billing")
    desk.log(a, "2026-02-16 09:00", "in")
    desk.log(a, "2026-02-16 10:00", "out")
    desk.status(a, "2026-02-16 11:00", "resolved")
    # B: the same, then reopened and resolved again: not
    b = desk.open("2026-02-16 09:00", "B", "billing")
    desk.log(b, "2026-02-16 09:00", "in")
    desk.log(b, "2026-02-16 10:00", "out")
    desk.status(b, "2026-02-16 11:00", "resolved")
    desk.status(b, "2026-02-17 09:00", "open")
    desk.status(b, "2026-02-17 10:00", "resolved")
    # C: escalated, answered, resolved: not
    c = desk.open("2026-02-16 09:00", "C", "access")
    desk.log(c, "2026-02-16 09:00", "in", channel="email")
    desk.clock.set(at("2026-02-16 09:30"))
    escalate(store, c, "Second line", "needs an admin")
    desk.clock.set(at("2026-02-16 10:30"))
    record_case_outcome(store, c, "fixed", "open")
    desk.status(c, "2026-02-16 11:00", "resolved")
    # D: two inbound messages before the resolution: not
    d = desk.open("2026-02-18 09:00", "D", "access")
    desk.log(d, "2026-02-18 09:00", "in", channel="email")
    desk.log(d, "2026-02-18 09:30", "in", channel="email")
    desk.log(d, "2026-02-18 10:00", "out", channel="email")
    desk.status(d, "2026-02-18 11:00", "resolved")
    # E: internal notes do not count; F: a thank-you after the resolution does not either
    e = desk.open("2026-02-18 09:00", "E", "access")
    desk.log(e, "2026-02-18 09:00", "in", channel="email")
    desk.log(e, "2026-02-18 09:10", "internal", channel="note")
    desk.log(e, "2026-02-18 09:20", "internal", channel="note")
    desk.log(e, "2026-02-18 10:00", "out", channel="email")
    desk.status(e, "2026-02-18 11:00", "closed")
    f = desk.open("2026-02-18 09:00", "F", "")
    desk.log(f, "2026-02-18 09:00", "in", channel="chat")
    desk.status(f, "2026-02-18 11:00", "resolved")
    desk.log(f, "2026-02-18 12:00", "in", channel="chat")
    desk.log(f, "2026-02-18 12:05", "in", channel="chat")
    # G: open, never counts
    desk.open("2026-02-18 09:00", "G", "billing")
    desk.clock.set(at("2026-03-02 09:00"))

    m = figures.measures(store, "4w", tz=UTC_ZONE)
    assert m.current.fcr.as_json() == {"rate": 0.5, "resolved": 6, "at_first_contact": 3}
    assert set(figures.drill_ids(store, m.current.drill("fcr"))) == {
        desk.id(a), desk.id(e), desk.id(f)}
    assert set(figures.drill_ids(store, m.current.drill("not_fcr"))) == {
        desk.id(b), desk.id(c), desk.id(d)}
    assert [figures.is_first_contact(store, desk.id(r)) for r in (a, b, c, d, e, f)] == [
        True, False, False, False, True, True]
    assert figures.is_first_contact(store, desk.id(desk.open("2026-03-02 09:00", "H"))) is None
    weeks = {w.label: w.fcr for w in m.weeks}
    assert (weeks["2026-W08"].resolved, weeks["2026-W08"].at_first_contact) == (6, 3)
    cats = {r.key: r.fcr for r in m.fcr_by_category}
    assert (cats["billing"].resolved, cats["billing"].at_first_contact) == (2, 1)
    assert (cats["access"].resolved, cats["access"].at_first_contact) == (3, 1)
    assert (cats[""].resolved, cats[""].at_first_contact) == (1, 1)
    channels = {r.key: r.fcr for r in m.fcr_by_channel}
    assert (channels["phone"].resolved, channels["phone"].at_first_contact) == (2, 1)
    assert (channels["email"].resolved, channels["email"].at_first_contact) == (3, 1)
    assert channels["chat"].rate == 1.0
    keyed = figures.Drill("fcr_channel", m.current.start, m.current.end, "email")
    assert set(figures.drill_ids(store, keyed)) == {desk.id(c), desk.id(d), desk.id(e)}


def test_median_and_90th_percentile_of_response_and_resolution(desk: Desk,
                                                                store: Store) -> None:
    hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
    for k, h in enumerate(hours):
        ref = desk.open("2026-02-16 08:00", f"T{k}")
        desk.log(ref, (at("2026-02-16 08:00") + timedelta(hours=h)).isoformat()[:16], "out")
        desk.clock.set(at("2026-02-16 08:00") + timedelta(days=min(h, 13)))
        update_case(store, ref, status="resolved")
    desk.clock.set(at("2026-03-02 09:00"))
    t = figures.measures(store, "quarter", tz=UTC_ZONE).current.times
    assert t.responses == 10 and t.response_median_hours == 5.5
    assert t.response_p90_hours == 9.0  # nearest rank: the 9th of 10
    assert t.resolutions == 10 and t.resolution_median_days == 5.5
    assert t.resolution_p90_days == 9.0


def test_effort_summed_per_week_category_stakeholder_and_case(desk: Desk,
                                                              store: Store) -> None:
    ada = add_stakeholder(store, NewStakeholder(display_name="Ada Berg")).value
    a = desk.open("2026-02-16 09:00", "A", "billing", who=ada)
    b = desk.open("2026-02-16 09:00", "B", "access")
    desk.log(a, "2026-02-16 09:00", "in", minutes=12, who=ada)
    desk.log(a, "2026-02-24 09:00", "out", minutes=8, who=ada)
    desk.log(b, "2026-02-24 10:00", "out", minutes=30)
    desk.log(b, "2026-02-24 11:00", "in")  # not counted: no minutes
    with pytest.raises(InvalidInput, match="whole number from 0 to 1440"):
        desk.log(b, "2026-02-24 12:00", "out", minutes=-5)
    desk.clock.set(at("2026-03-02 09:00"))
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    assert m.current.effort.as_json() == {"minutes": 50, "entries": 3}
    weeks = {w.label: w.effort.minutes for w in m.weeks}
    assert weeks == {"2026-W07": 0, "2026-W08": 12, "2026-W09": 38, "2026-W10": 0}
    assert [(c.label, c.minutes) for c in m.effort_by_category] == [("access", 30),
                                                                   ("billing", 20)]
    assert [(c.label, c.minutes) for c in m.effort_by_stakeholder] == [("Ada Berg", 20)]
    assert [(c.label, c.minutes) for c in m.effort_by_case] == [(b, 30), (a, 20)]
    assert figures.minutes_of_case(store, desk.id(a)) == 20
    assert figures.minutes_of_stakeholder(store, ada) == 20
    assert figures.drill_ids(store, m.current.drill("effort")) == [desk.id(b), desk.id(a)]


def test_demand_requests_repeat_contacts_and_found_later(desk: Desk, store: Store) -> None:
    acme = add_stakeholder(store, NewStakeholder(display_name="Acme", kind="organisation")
                           ).value
    ada = add_stakeholder(store, NewStakeholder(display_name="Ada Berg",
                                                organisation="Acme")).value
    bo = add_stakeholder(store, NewStakeholder(display_name="Bo Lind")).value
    a = desk.open("2026-02-16 09:00", "A", who=ada)
    desk.open("2026-02-17 09:00", "B", who=ada)
    desk.open("2026-02-17 09:00", "C", who=acme)
    # entered on the 20th, opened on the 16th: found later
    later = desk.open("2026-02-20 09:00", "D", who=bo, opened="2026-02-16 08:00")
    for when in ("2026-02-16 09:00", "2026-02-17 09:00", "2026-02-18 09:00"):
        desk.log(a, when, "in")
    desk.log(later, "2026-02-20 09:00", "in")
    desk.log(later, "2026-02-20 09:30", "out")
    desk.clock.set(at("2026-03-02 09:00"))
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    d = m.demand
    assert (d.requests, d.logged, d.found_later, d.found_later_share) == (4, 3, 1, 0.25)
    assert (d.inbound_contacts, d.repeat_contacts) == (4, 2)
    assert [(c.label, c.count) for c in d.by_stakeholder] == [("Ada Berg", 2), ("Acme", 1),
                                                             ("Bo Lind", 1)]
    assert [(c.label, c.count) for c in d.by_organisation] == [("Acme", 3)]
    assert figures.drill_ids(store, m.current.drill("found_later")) == [desk.id(later)]
    assert figures.drill_ids(store, m.current.drill("repeat_contacts")) == [desk.id(a)]
    assert m.previous_demand.requests == 0


def test_weeks_across_a_change_of_clocks_and_a_month_end(desk: Desk, store: Store) -> None:
    """Berlin moves its clocks on Sunday 29 March 2026; the week from Monday 30 March
    runs into April. Each moment falls in the local week it belongs to, and the weeks
    add up to the period."""
    ref = desk.open("2026-03-20 09:00", "A")
    # Sunday 29 March 23:59 CEST (21:59 UTC): still the week of 23 March
    desk.log(ref, "2026-03-29 21:59", "in", minutes=5)
    # Monday 30 March 00:30 CEST (29 March 22:30 UTC): the week of 30 March
    desk.log(ref, "2026-03-29 22:30", "out", minutes=7)
    # Wednesday 1 April: the same week, another month
    desk.log(ref, "2026-04-01 10:00", "in", minutes=11)
    desk.clock.set(at("2026-04-02 09:00"))
    m = figures.measures(store, "4w", tz=BERLIN)
    weeks = {w.label: w for w in m.weeks}
    assert weeks["2026-W13"].effort.minutes == 5
    assert weeks["2026-W14"].effort.minutes == 18
    assert weeks["2026-W13"].end - weeks["2026-W13"].start == timedelta(hours=167)
    assert weeks["2026-W14"].start == at("2026-03-29 22:00")
    assert sum(w.effort.minutes for w in m.weeks) == m.current.effort.minutes == 23
    assert m.previous.end == m.current.start
    assert m.previous.start == at("2026-02-08 23:00")  # Monday 9 February, CET
