"""Satisfaction on the record (issue 21): CSAT at or after resolution, feedback
pending, Net Promoter answers once a quarter, and a store with no feedback at all.

The store's clock stands at Monday 2026-03-02 09:00 UTC; the tests move it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def resolved_case(store: Store, clock: FixedClock, when: str, title: str = "A request",
                  who: str | None = None) -> str:
    clock.set(at(when) - timedelta(hours=2))
    ref = add_case(store, NewCase(title=title, status="open",
                                  stakeholders=[(who, "client")] if who else [])).value
    clock.set(at(when))
    update_case(store, ref, status="resolved")
    return ref


def test_csat_is_recorded_at_or_after_the_resolution_never_before(
        store: Store, clock: FixedClock) -> None:
    clock.set(at("2026-02-02 09:00"))
    open_ref = add_case(store, NewCase(title="Still open", status="open")).value
    with pytest.raises(InvalidInput, match="not resolved yet"):
        feedback.record_csat(store, open_ref, 5)
    ref = resolved_case(store, clock, "2026-02-03 10:00")
    with pytest.raises(InvalidInput, match="resolved after that moment"):
        feedback.record_csat(store, ref, 4, recorded_at=at("2026-02-03 09:59"))
    for bad in (0, 6, True):
        with pytest.raises(InvalidInput, match="from 1 to 5"):
            feedback.record_csat(store, ref, bad)
    with pytest.raises(InvalidInput, match="way of asking"):
        feedback.record_csat(store, ref, 4, via="pigeon")
    # three weeks later, on the phone
    clock.set(at("2026-02-24 16:00"))
    outcome = feedback.record_csat(store, ref, 4, comment="Quick and kind", via="Phone")
    assert "case_feedback" in outcome.changes and "case" in outcome.changes
    got = feedback.feedback_of(store, ref)
    assert got is not None
    assert (got.csat, got.comment, got.via, got.recorded_at) == (
        4, "Quick and kind", "phone", at("2026-02-24 16:00"))


def test_a_later_answer_replaces_the_earlier_one(store: Store, clock: FixedClock) -> None:
    ref = resolved_case(store, clock, "2026-02-03 10:00")
    feedback.record_csat(store, ref, 2, via="email")
    feedback.record_csat(store, ref, 5, via="in person")
    got = feedback.feedback_of(store, ref)
    assert got is not None and (got.csat, got.via) == (5, "in-person")
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    assert m.current.satisfaction.csat_count == 1


def test_csat_counts_in_the_week_it_was_recorded_not_the_week_of_resolution(
        store: Store, clock: FixedClock) -> None:
    ref = resolved_case(store, clock, "2026-02-10 10:00")  # week 2026-W07
    clock.set(at("2026-02-18 12:00"))  # week 2026-W08
    feedback.record_csat(store, ref, 5)
    other = resolved_case(store, clock, "2026-02-19 10:00")
    feedback.record_csat(store, other, 3)
    clock.set(at("2026-03-02 09:00"))
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    by_week = {w.label: w.satisfaction for w in m.weeks}
    assert by_week["2026-W07"].csat_count == 0
    assert by_week["2026-W07"].csat_average is None
    assert by_week["2026-W08"].csat_count == 2
    assert by_week["2026-W08"].csat_average == 4.0
    assert by_week["2026-W08"].csat_share_4_5 == 0.5
    assert m.current.satisfaction.csat_count == 2
    assert figures.drill_ids(store, m.current.drill("csat_4_5")) == [
        _case_id(store, ref)]


def _case_id(store: Store, ref: str) -> str:
    from spocdesk.core.cases.detail import get_case

    return get_case(store, ref).id


def test_feedback_pending_lists_recently_resolved_cases_without_an_answer(
        store: Store, clock: FixedClock) -> None:
    person = add_stakeholder(store, NewStakeholder(display_name="Ada Berg")).value
    old = resolved_case(store, clock, "2026-01-05 10:00")  # resolved 56 days ago
    answered = resolved_case(store, clock, "2026-02-20 10:00")
    feedback.record_csat(store, answered, 4)
    first = resolved_case(store, clock, "2026-02-25 10:00", who=person)
    second = resolved_case(store, clock, "2026-02-27 10:00")
    clock.set(at("2026-03-02 09:00"))
    add_case(store, NewCase(title="Open one", status="open"))
    pending = feedback.pending(store)
    assert pending.total == 2
    assert [p.ref for p in pending.cases] == [second, first]
    assert pending.cases[1].main_stakeholder == "Ada Berg"
    assert old not in [p.ref for p in feedback.pending(store).cases]
    assert {p.ref for p in feedback.pending(store, days=90).cases} == {old, first, second}
    assert feedback.pending(store, limit=1).total == 2


def test_nps_at_most_once_a_quarter_in_the_local_zone(store: Store, clock: FixedClock) -> None:
    person = add_stakeholder(store, NewStakeholder(display_name="Ada Berg")).value
    clock.set(at("2026-01-10 09:00"))
    status = feedback.nps_status(store, person, tz=BERLIN)
    assert status.due and status.last_score is None
    feedback.record_nps(store, person, 9, comment="Always reachable", tz=BERLIN)
    status = feedback.nps_status(store, person, tz=BERLIN)
    assert not status.due and status.last_quarter == "2026-Q1"
    assert status.due_from.isoformat() == "2026-04-01"
    # 31 March 21:30 UTC is 23:30 in Berlin, still Q1; 23:30 UTC is 1 April there, Q2
    with pytest.raises(InvalidInput, match=r"already gave .* in 2026-Q1; the next one is due "
                                            r"from 2026-04-01"):
        feedback.record_nps(store, person, 3, answered_at=at("2026-03-31 21:30"), tz=BERLIN)
    feedback.record_nps(store, person, 3, answered_at=at("2026-03-31 23:30"), tz=BERLIN)
    clock.set(at("2026-04-02 09:00"))
    assert feedback.nps_status(store, person, tz=BERLIN).last_score == 3
    assert not feedback.nps_status(store, person, tz=BERLIN).due
    with pytest.raises(InvalidInput, match="0 to 10"):
        feedback.record_nps(store, person, 11, tz=BERLIN)


def test_nps_due_names_main_stakeholders_of_cases_resolved_this_quarter(
        store: Store, clock: FixedClock) -> None:
    ada = add_stakeholder(store, NewStakeholder(display_name="Ada Berg")).value
    bo = add_stakeholder(store, NewStakeholder(display_name="Bo Lind")).value
    cy = add_stakeholder(store, NewStakeholder(display_name="Cy Moor")).value
    resolved_case(store, clock, "2025-12-20 10:00", who=cy)  # last quarter
    resolved_case(store, clock, "2026-02-10 10:00", who=ada)
    resolved_case(store, clock, "2026-02-12 10:00", who=bo)
    feedback.record_nps(store, bo, 10, tz=UTC_ZONE)
    clock.set(at("2026-03-02 09:00"))
    due = feedback.nps_due(store, tz=UTC_ZONE)
    assert [d.name for d in due] == ["Ada Berg"]


def test_nps_score_promoters_passives_detractors(store: Store, clock: FixedClock) -> None:
    clock.set(at("2026-02-16 10:00"))
    people = [add_stakeholder(store, NewStakeholder(display_name=f"P{k}")).value
              for k in range(4)]
    for person, score in zip(people, (10, 9, 7, 2), strict=True):
        feedback.record_nps(store, person, score, tz=UTC_ZONE)
    clock.set(at("2026-03-02 09:00"))
    s = figures.measures(store, "4w", tz=UTC_ZONE).current.satisfaction
    assert (s.promoters, s.passives, s.detractors, s.nps_count) == (2, 1, 1, 4)
    assert s.nps == 25.0
    assert s.csat_average is None  # NPS answers, but no CSAT yet
    m = figures.measures(store, "4w", tz=UTC_ZONE)
    assert set(figures.drill_ids(store, m.current.drill("nps_promoters"))) == set(people[:2])
    assert m.current.drill("nps").target == "stakeholders"


def test_a_store_without_feedback_has_no_satisfaction_figures_not_zeros(
        store: Store, clock: FixedClock) -> None:
    resolved_case(store, clock, "2026-02-25 10:00")
    clock.set(at("2026-03-02 09:00"))
    m = figures.measures(store, "quarter", tz=UTC_ZONE)
    for stretch in (m.current, m.previous, *m.weeks):
        s = stretch.satisfaction
        assert s.no_feedback
        assert s.as_json() == {"csat_average": None, "csat_count": 0, "csat_share_4_5": None,
                               "nps": None, "nps_count": 0, "promoters": 0, "passives": 0,
                               "detractors": 0}
    assert figures.change(m.current.satisfaction.csat_average,
                          m.previous.satisfaction.csat_average) is None
