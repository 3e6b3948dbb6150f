"""Follow-up services: recurrence, done/undo, snooze, stay in touch, agenda, missed items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import NewFollowUp
from spocdesk.core.model import Case, FollowUp
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def berlin_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


def new_case(store: Store, title: str = "Printer", status: str = "open") -> tuple[str, str]:
    ref = cases.add_case(store, cases.NewCase(title=title, status=status,
                                              description="SECRET-CASE-NOTES")).value
    with store.unit_of_work() as uow:
        return ref, followups.case_id_for_ref(uow.session, ref)


def get(store: Store, followup_id: str) -> FollowUp:
    with store.unit_of_work() as uow:
        item = uow.session.get(FollowUp, followup_id)
        assert item is not None
        uow.session.expunge(item)
        return item


def case_next(store: Store, case_id: str) -> datetime | None:
    with store.unit_of_work() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        return case.next_followup_at


def weekly(store: Store, start: datetime, case_id: str | None = None) -> str:
    return followups.add_followup(store, NewFollowUp(
        title="Weekly call", due_at=start, case_id=case_id, rrule="FREQ=WEEKLY;BYDAY=MO",
        tzid="Europe/Berlin")).value


def test_add_one_off_keeps_case_next_and_validates(store: Store) -> None:
    _ref, case_id = new_case(store)
    assert case_next(store, case_id) is None
    outcome = followups.add_followup(store, NewFollowUp("Call back", utc(2026, 3, 3, 10),
                                                        case_id=case_id))
    assert "followup" in outcome.changes and "case" in outcome.changes
    assert case_next(store, case_id) == utc(2026, 3, 3, 10)
    with pytest.raises(InvalidInput, match="title"):
        followups.add_followup(store, NewFollowUp("  ", None))
    with pytest.raises(NotFound):
        followups.add_followup(store, NewFollowUp("x", None, case_id="nope"))
    with pytest.raises(InvalidInput, match="FREQ=SOMETIMES is not supported"):
        followups.add_followup(store, NewFollowUp("x", utc(2026, 3, 3), rrule="FREQ=SOMETIMES"))


def test_complete_and_undo_one_off(store: Store) -> None:
    _ref, case_id = new_case(store)
    fid = followups.add_followup(store, NewFollowUp("Call", utc(2026, 3, 3, 10),
                                                    case_id=case_id)).value
    done = followups.complete(store, fid).value
    assert done.done_id == fid and done.next_id is None
    assert get(store, fid).done_at == store.now()
    assert case_next(store, case_id) is None
    with pytest.raises(InvalidInput, match="already done"):
        followups.complete(store, fid)
    assert followups.last_done(store) == fid
    assert followups.undo_complete(store, fid).value == fid
    assert get(store, fid).done_at is None
    assert case_next(store, case_id) == utc(2026, 3, 3, 10)
    with pytest.raises(InvalidInput, match="nothing to undo"):
        followups.undo_complete(store, fid)


def test_recurring_done_keeps_history_and_moves_to_next_local_nine(
        store: Store, clock: FixedClock) -> None:
    _ref, case_id = new_case(store)
    sid = weekly(store, berlin(2026, 3, 23, 9), case_id)
    item = get(store, sid)
    assert item.due_at == utc(2026, 3, 23, 8)  # 09:00 CET
    assert (item.rrule, item.tzid, item.dtstart_local) == (
        "FREQ=WEEKLY;BYDAY=MO", "Europe/Berlin", "2026-03-23T09:00:00")
    clock.set(utc(2026, 3, 23, 8, 5))
    result = followups.complete(store, sid).value
    assert result.next_id == sid and result.done_id != sid
    assert result.next_due == utc(2026, 3, 30, 7)  # 09:00 CEST, after the change on 29 March
    history = get(store, result.done_id)
    assert history.done_at == clock.now() and history.due_at == utc(2026, 3, 23, 8)
    assert history.rrule == "" and history.case_id == case_id
    assert case_next(store, case_id) == utc(2026, 3, 30, 7)
    # Ctrl+Z, by the series id: the occurrence comes back, the history row goes
    assert followups.undo_complete(store, sid).value == sid
    assert get(store, sid).due_at == utc(2026, 3, 23, 8)
    assert get(store, result.done_id).deleted_at is not None
    assert case_next(store, case_id) == utc(2026, 3, 23, 8)
    # and by the done row's id
    again = followups.complete(store, sid).value
    assert followups.undo_complete(store, again.done_id).value == sid
    assert get(store, sid).due_at == utc(2026, 3, 23, 8)


def test_recurring_done_after_missed_weeks_moves_past_now(store: Store, clock: FixedClock) -> None:
    sid = weekly(store, berlin(2026, 3, 2, 9))
    clock.set(berlin(2026, 3, 25, 12))
    assert followups.complete(store, sid).value.next_due == berlin(2026, 3, 30, 9)


def test_recurring_series_ends_with_count(store: Store) -> None:
    fid = followups.add_followup(store, NewFollowUp(
        "Twice", utc(2026, 3, 2, 9), rrule="FREQ=DAILY;COUNT=2", tzid="UTC")).value
    assert followups.complete(store, fid).value.next_due == utc(2026, 3, 3, 9)
    last = followups.complete(store, fid).value
    assert last.done_id == fid and last.next_due is None
    assert get(store, fid).done_at is not None


def test_skip_occurrence(store: Store, clock: FixedClock) -> None:
    sid = weekly(store, berlin(2026, 3, 9, 9))
    assert followups.skip_occurrence(store, sid).value == berlin(2026, 3, 16, 9)
    with store.unit_of_work() as uow:
        done = uow.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)
                                  .where(FollowUp.done_at.is_not(None)))
    assert done == 0  # a skip leaves no history row
    one_off = followups.add_followup(store, NewFollowUp("Once", utc(2026, 3, 5))).value
    with pytest.raises(InvalidInput, match="repeating"):
        followups.skip_occurrence(store, one_off)


def test_snooze_recurring_then_done(store: Store, clock: FixedClock) -> None:
    _ref, case_id = new_case(store)
    sid = weekly(store, berlin(2026, 3, 2, 9), case_id)
    clock.set(berlin(2026, 3, 2, 9, 1))
    with pytest.raises(InvalidInput, match="future"):
        followups.snooze(store, sid, clock.now() - timedelta(minutes=1))
    followups.mark_notified(store, [sid])
    until = berlin(2026, 3, 3, 9)
    followups.snooze(store, sid, until)
    item = get(store, sid)
    assert item.snoozed_until == until and item.notified_at is None
    assert case_next(store, case_id) == until
    assert followups.agenda(store, BERLIN).bucket("overdue").count == 0
    assert followups.agenda(store, BERLIN).bucket("tomorrow").count == 1
    result = followups.complete(store, sid).value
    assert result.next_due == berlin(2026, 3, 9, 9)  # the rule's next Monday, not snooze + 1 week
    assert get(store, sid).snoozed_until is None
    assert case_next(store, case_id) == berlin(2026, 3, 9, 9)


def test_snooze_presets_are_local() -> None:
    now = utc(2026, 3, 27, 22, 30)  # Friday 23:30 in Berlin
    presets = {p.key: p.until for p in followups.snooze_presets(now, BERLIN)}
    assert presets["15m"] == now + timedelta(minutes=15)
    assert presets["1h"] == now + timedelta(hours=1)
    assert presets["tomorrow"] == berlin(2026, 3, 28, 9)
    assert presets["monday"] == berlin(2026, 3, 30, 9) == utc(2026, 3, 30, 7)  # after DST
    monday = followups.snooze_presets(berlin(2026, 3, 30, 8), BERLIN)
    assert monday[3].until == berlin(2026, 4, 6, 9)  # on a Monday: the next one


def test_stay_in_touch_resets_when_an_interaction_is_logged(
        store: Store, clock: FixedClock) -> None:
    person = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Ada Lovelace")).value
    fid = followups.set_cadence(store, person, 14).value
    assert fid is not None
    item = get(store, fid)
    assert item.kind == "stay_in_touch" and not item.due_has_time
    assert item.due_at == berlin(2026, 3, 16, 0)  # 2 March + 14 days, local midnight
    ref, _case_id = new_case(store)
    clock.set(berlin(2026, 3, 10, 15))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Called", stakeholder_ids=[person]))
    assert get(store, fid).due_at == berlin(2026, 3, 24, 0)  # moved forward from that day
    # an old interaction logged late does not pull it back
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="email", direction="in", summary="Old mail", stakeholder_ids=[person],
        occurred_at=berlin(2026, 3, 1, 9)))
    assert get(store, fid).due_at == berlin(2026, 3, 24, 0)
    # done: the next one is scheduled from today, and the contact is in the history
    clock.set(berlin(2026, 3, 25, 10))
    done = followups.complete(store, fid).value
    assert done.next_id == fid and done.next_due == berlin(2026, 4, 8, 0)
    # cadence off: the open reminder goes away
    assert followups.set_cadence(store, person, None).value is None
    assert get(store, fid).deleted_at is not None
    with pytest.raises(InvalidInput, match="cadence"):
        followups.set_cadence(store, person, -3)


def test_stakeholders_due_for_contact(store: Store, clock: FixedClock) -> None:
    ada = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Ada")).value
    bob = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Bob")).value
    stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(display_name="No cadence"))
    ref, _ = new_case(store)
    for who, day in ((ada, 1), (bob, 20)):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="phone", direction="out", summary="Hi", stakeholder_ids=[who],
            occurred_at=utc(2026, 2, day, 9)))
    followups.set_cadence(store, ada, 14)
    followups.set_cadence(store, bob, 14)
    count, people = followups.stakeholders_due_for_contact(store)
    assert count == 1 and [p.id for p in people] == [ada]
    assert people[0].last_contact_at == utc(2026, 2, 1, 9) and people[0].cadence_days == 14


def test_missed_while_closed_reports_a_recurring_item_once(
        store: Store, clock: FixedClock) -> None:
    closed_at = clock.now()
    sid = weekly(store, berlin(2026, 3, 2, 11))
    once = followups.add_followup(store, NewFollowUp("Once", berlin(2026, 3, 10, 9))).value
    later = followups.add_followup(store, NewFollowUp("Later", berlin(2026, 4, 30, 9))).value
    clock.set(berlin(2026, 3, 24, 8))  # three Mondays went by while the app was closed
    missed = followups.due_between(store, closed_at, clock.now())
    assert [row.id for row in missed] == [sid, once]
    followups.mark_notified(store, [row.id for row in missed])
    assert followups.due_between(store, closed_at, clock.now()) == []
    assert followups.next_due_moment(store) == berlin(2026, 4, 30, 9)
    # done: the series moves on and will notify again at its next occurrence
    nxt = followups.complete(store, sid).value.next_due
    assert nxt == berlin(2026, 3, 30, 11)
    assert followups.next_due_moment(store) == nxt
    assert later != sid


def test_agenda_buckets_at_day_boundaries_in_berlin(store: Store, clock: FixedClock) -> None:
    clock.set(utc(2026, 3, 4, 22, 30))  # Wednesday 23:30 in Berlin, still Wednesday in UTC

    def add(title: str, due: datetime | None, has_time: bool = True) -> str:
        return followups.add_followup(store, NewFollowUp(title, due, due_has_time=has_time)).value

    add("passed an hour ago", utc(2026, 3, 4, 22, 0))
    add("yesterday, date only", berlin(2026, 3, 3, 0), has_time=False)
    add("later tonight", utc(2026, 3, 4, 22, 45))
    add("today, date only", berlin(2026, 3, 4, 0), has_time=False)
    add("00:30 local tomorrow", utc(2026, 3, 4, 23, 30))
    add("friday", berlin(2026, 3, 6, 9))
    add("last minute of sunday", berlin(2026, 3, 8, 23, 59))
    add("monday midnight", berlin(2026, 3, 9, 0))
    add("someday", None)
    gone = add("done already", utc(2026, 3, 4, 21))
    followups.complete(store, gone)
    snoozed = add("snoozed to friday", utc(2026, 3, 1))
    followups.snooze(store, snoozed, berlin(2026, 3, 6, 8))

    result = followups.agenda(store, BERLIN)
    titles = {b.key: [i.title for i in b.items] for b in result.buckets}
    assert titles == {
        "overdue": ["yesterday, date only", "passed an hour ago"],
        "today": ["today, date only", "later tonight"],
        "tomorrow": ["00:30 local tomorrow"],
        "this_week": ["snoozed to friday", "friday", "last minute of sunday"],
        "later": ["monday midnight"],
        "no_date": ["someday"],
    }
    assert [b.count for b in result.buckets] == [2, 2, 1, 3, 1, 1]
    assert result.bucket("today").label == "Today"
    # the same items in UTC fall differently: "00:30 local tomorrow" is today there
    in_utc = followups.agenda(store, ZoneInfo("UTC")).bucket("today")
    assert [i.title for i in in_utc.items] == ["later tonight", "00:30 local tomorrow"]
    # limits cut the lists, not the counts
    small = followups.agenda(store, BERLIN, limit=1)
    assert small.bucket("this_week").count == 3 and len(small.bucket("this_week").items) == 1
    assert [r.title for r in followups.list_followups(store, "overdue", BERLIN)] == [
        "yesterday, date only", "passed an hour ago"]
    assert len(followups.list_followups(store, "today", BERLIN)) == 4
    assert len(followups.list_followups(store, "week", BERLIN)) == 8
    assert len(followups.list_followups(store, "all", BERLIN)) == 10
    with pytest.raises(InvalidInput, match="due filter"):
        followups.list_followups(store, "soon", BERLIN)


def test_agenda_on_a_sunday_has_no_this_week(store: Store, clock: FixedClock) -> None:
    clock.set(berlin(2026, 3, 8, 12))
    followups.add_followup(store, NewFollowUp("monday", berlin(2026, 3, 9, 9)))
    followups.add_followup(store, NewFollowUp("tuesday", berlin(2026, 3, 10, 9)))
    result = followups.agenda(store, BERLIN)
    assert [b.count for b in result.buckets] == [0, 0, 1, 0, 1, 0]


def test_cases_without_a_follow_up_planned(store: Store) -> None:
    _a, bare = new_case(store, "bare")
    _b, planned = new_case(store, "planned")
    _c, undated = new_case(store, "undated")
    new_case(store, "closed", status="closed")
    _d, finished = new_case(store, "finished")
    followups.add_followup(store, NewFollowUp("x", utc(2026, 3, 5), case_id=planned))
    followups.add_followup(store, NewFollowUp("y", None, case_id=undated))
    done = followups.add_followup(store, NewFollowUp("z", utc(2026, 3, 5),
                                                     case_id=finished)).value
    followups.complete(store, done)
    count, rows = followups.cases_without_followup(store)
    assert count == 2 and {r.id for r in rows} == {bare, finished}
    assert followups.agenda(store, BERLIN).without_followup == 2


def test_mark_notified_ignores_done_and_unknown_ids(store: Store) -> None:
    fid = followups.add_followup(store, NewFollowUp("x", utc(2026, 3, 1))).value
    assert followups.mark_notified(store, [fid, "unknown"]).value == 1
    assert get(store, fid).revision == 2


def test_snoozed_items_notify_again_and_arm_the_timer(store: Store, clock: FixedClock) -> None:
    fid = followups.add_followup(store, NewFollowUp("Call", utc(2026, 3, 2, 10))).value
    other = followups.add_followup(store, NewFollowUp("Other", utc(2026, 3, 2, 12))).value
    assert followups.next_due_moment(store) == utc(2026, 3, 2, 10)
    clock.set(utc(2026, 3, 2, 10, 1))
    assert [r.id for r in followups.due_between(store, utc(2026, 3, 2, 9), clock.now())] == [fid]
    followups.mark_notified(store, [fid])
    followups.snooze(store, fid, utc(2026, 3, 2, 11))
    assert followups.next_due_moment(store) == utc(2026, 3, 2, 11)  # the snooze, not "Other"
    clock.set(utc(2026, 3, 2, 11, 30))
    assert [r.id for r in followups.due_between(store, utc(2026, 3, 2, 10, 1), clock.now())] == [
        fid]
    rows = followups.list_followups(store, "all", BERLIN, limit=1)
    assert [r.id for r in rows] == [fid]  # snoozed to 11:00, before "Other" at 12:00
    assert [r.id for r in followups.list_followups(store, "all", BERLIN)] == [fid, other]


def test_only_the_last_done_occurrence_can_be_undone(store: Store, clock: FixedClock) -> None:
    sid = weekly(store, berlin(2026, 3, 2, 9))
    first = followups.complete(store, sid).value
    clock.set(berlin(2026, 3, 9, 9, 30))
    second = followups.complete(store, sid).value
    with pytest.raises(InvalidInput, match="Only the last done occurrence"):
        followups.undo_complete(store, first.done_id)
    followups.undo_complete(store, second.done_id)
    assert get(store, sid).due_at == berlin(2026, 3, 9, 9)
    followups.undo_complete(store, first.done_id)
    assert get(store, sid).due_at == berlin(2026, 3, 2, 9)
