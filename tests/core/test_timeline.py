"""The case timeline: every kind of entry, newest first, paged in SQL."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from spocdesk.core.cases.escalation import escalate, record_escalation_outcome
from spocdesk.core.cases.service import NewCase, NewInteraction, add_case, log_interaction
from spocdesk.core.cases.timeline import timeline, timeline_length
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def test_timeline_merges_everything_newest_first(store: Store, clock: FixedClock) -> None:
    ref = add_case(store, NewCase(title="Boiler")).value
    case_id = update_case(store, ref, category="x").changes.ids["case"].pop()
    step = timedelta(minutes=10)
    clock.advance(step)
    log_interaction(store, ref, NewInteraction("phone", "in", "Called in", body="Cold"))
    clock.advance(step)
    update_case(store, ref, status="open")
    clock.advance(step)
    esc_id = escalate(store, ref, "Plumbers", "Needs a part").value
    clock.advance(step)
    record_escalation_outcome(store, esc_id, "Part ordered")
    clock.advance(step)
    followups.add_followup(store, followups.NewFollowUp(
        title="Check the part arrived", due_at=clock.now() + timedelta(days=2),
        case_id=case_id))
    entries = timeline(store, ref)
    kinds = [e.kind for e in entries]
    assert kinds == ["followup", "status", "escalation_outcome", "status", "escalation",
                     "status", "interaction", "created"]
    assert entries[0].summary == "Check the part arrived" and entries[0].state == "open"
    assert (entries[1].before, entries[1].after) == ("escalated", "open")
    assert entries[2].detail == "Part ordered"
    assert (entries[4].summary, entries[4].detail, entries[4].state) == (
        "Plumbers", "Needs a part", "done")
    assert (entries[5].before, entries[5].after) == ("new", "open")
    inter = entries[6]
    assert (inter.channel, inter.direction, inter.summary, inter.detail, inter.author) == (
        "phone", "in", "Called in", "Cold", "owner")
    assert all(a.at >= b.at for a, b in itertools.pairwise(entries))
    assert timeline_length(store, ref) == len(entries)


def test_timeline_pages(store: Store, clock: FixedClock) -> None:
    ref = add_case(store, NewCase(title="Chatty")).value
    for n in range(25):
        clock.advance(timedelta(minutes=1))
        log_interaction(store, ref, NewInteraction("chat", "in", f"Message {n}"))
    everything = timeline(store, ref, limit=100)
    assert len(everything) == 26
    pages = [timeline(store, ref, limit=10, offset=o) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 6]
    assert [e for p in pages for e in p] == everything
    assert everything[0].summary == "Message 24"
    assert timeline(store, ref, limit=10, offset=30) == []


def test_timeline_of_other_cases_is_separate(store: Store) -> None:
    a = add_case(store, NewCase(title="A")).value
    b = add_case(store, NewCase(title="B")).value
    log_interaction(store, a, NewInteraction("note", "internal", "Only on A"))
    assert [e.kind for e in timeline(store, b)] == ["created"]


def test_unknown_case(store: Store) -> None:
    with pytest.raises(NotFound):
        timeline(store, "C-0999")


def test_interactions_name_their_counterparts_and_filter_by_channel(
        store: Store, clock: FixedClock) -> None:
    from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder

    greta = add_stakeholder(store, NewStakeholder(display_name="Greta Weber")).value
    bo = add_stakeholder(store, NewStakeholder(display_name="Bo Li", family_name="Li")).value
    ref = add_case(store, NewCase(title="Boiler")).value
    clock.advance(timedelta(minutes=1))
    log_interaction(store, ref, NewInteraction("phone", "out", "Called both",
                                               stakeholder_ids=[greta, bo]))
    clock.advance(timedelta(minutes=1))
    log_interaction(store, ref, NewInteraction("email", "in", "Mail from nobody known"))
    clock.advance(timedelta(minutes=1))
    update_case(store, ref, status="open")
    entries = timeline(store, ref)
    by_summary = {e.summary: e for e in entries}
    assert by_summary["Called both"].counterparts == ("Greta Weber", "Bo Li")  # by sort name
    assert by_summary["Mail from nobody known"].counterparts == ()
    phone = timeline(store, ref, channel="phone")
    assert [e.summary for e in phone] == ["Called both"]
    assert phone[0].counterparts == ("Greta Weber", "Bo Li")  # by sort name
    assert timeline_length(store, ref, channel="email") == 1
    assert timeline_length(store, ref, channel="letter") == 0
    assert timeline(store, ref, channel="letter") == []
