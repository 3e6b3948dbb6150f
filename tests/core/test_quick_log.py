"""The quick log with whom: the people are linked, it counts as contact with them,
their stay-in-touch moves, and a follow-up from the log concerns the first of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import escalation as case_escalation
from spocdesk.core.cases import quick_log
from spocdesk.core.cases import service as cases
from spocdesk.core.cases.service import NewInteraction
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.model import FollowUp, InteractionParticipant, Stakeholder
from spocdesk.core.people import query as stakeholder_query
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def person(store: Store, name: str, email: str = "", cadence: int | None = None) -> str:
    points = [stakeholders.NewContactPoint("email", email)] if email else []
    return stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=name, cadence_days=cadence, contact_points=points)).value


def case_with(store: Store, *people: str) -> str:
    return cases.add_case(store, cases.NewCase(
        title="Boiler repair", status="open",
        stakeholders=[(p, "client") for p in people])).value


def log(store: Store, ref: str, *people: str, followup: datetime | None = None,
        summary: str = "Called about the boiler") -> str:
    return quick_log.quick_log(store, ref, quick_log.QuickLog(
        entry=NewInteraction(channel="phone", direction="out", summary=summary,
                             stakeholder_ids=list(people)),
        next_step="Send the quote", followup_due=followup)).value


def test_logging_with_people_links_them_and_counts_as_contact(
        store: Store, clock: FixedClock) -> None:
    greta, hans, other = person(store, "Greta Weber"), person(store, "Hans Beck"), \
        person(store, "Nobody Else")
    ref = case_with(store, greta)
    first = log(store, ref, greta, hans)
    clock.set(clock.now() + timedelta(hours=3))
    log(store, ref, greta, summary="Called again")
    with store.session() as session:
        links = session.execute(sa.select(InteractionParticipant.interaction_id,
                                          InteractionParticipant.stakeholder_id)).all()
    assert sorted(links) == sorted([(first, greta), (first, hans)] + [
        (iid, greta) for iid, sid in links if sid == greta and iid != first])
    assert stakeholder_query.interaction_count(store, greta) == 2
    assert stakeholder_query.interaction_count(store, hans) == 1
    assert stakeholder_query.interaction_count(store, other) == 0
    rows = stakeholder_query.stakeholder_rows(store, [greta, hans, other])
    assert rows[greta].last_contact == clock.now()
    assert rows[hans].last_contact == clock.now() - timedelta(hours=3)
    assert rows[other].last_contact is None
    assert stakeholders.details(store, greta).last_contact_at == clock.now()  # the card
    assert stakeholders.details(store, other).last_contact_at is None
    # the card's timeline across cases, newest first
    assert [i.summary for i in stakeholder_query.interactions_with(store, greta)] == [
        "Called again", "Called about the boiler"]
    assert stakeholder_query.interactions_with(store, greta)[0].case_ref == ref
    # the trigger-kept column the dashboard and the stay-in-touch view read agrees
    with store.connection() as conn:
        kept = conn.execute(sa.select(Stakeholder.__table__.c.last_contact_at)
                            .where(Stakeholder.id == hans)).scalar_one()
    assert kept.replace(tzinfo=UTC) == clock.now() - timedelta(hours=3)
    # "not contacted for 1 day" leaves out whom the log names
    flt = stakeholder_query.StakeholderFilter(not_contacted_days=1)
    assert set(stakeholder_query.stakeholder_ids(store, flt)) == {other}


def test_logging_resets_stay_in_touch_and_names_it_in_the_change_set(
        store: Store, clock: FixedClock) -> None:
    greta = person(store, "Greta Weber", cadence=14)
    ref = case_with(store, greta)
    log(store, ref, greta)
    assert followups.count_due_for_contact(store) == 0
    clock.set(clock.now() + timedelta(days=20))
    assert followups.count_due_for_contact(store) == 1  # 20 days without contact
    with store.session() as session:
        stay = session.scalars(sa.select(FollowUp).where(
            FollowUp.kind == "stay_in_touch")).one()
        before = stay.due_at
    outcome = quick_log.quick_log(store, ref, quick_log.QuickLog(entry=NewInteraction(
        channel="phone", direction="out", summary="Caught up", stakeholder_ids=[greta])))
    assert followups.count_due_for_contact(store) == 0
    with store.session() as session:
        after = session.get(FollowUp, stay.id)
        assert after is not None and after.due_at is not None and before is not None
        assert after.due_at > before + timedelta(days=19)
    assert stay.id in outcome.changes.ids["followup"]
    assert outcome.value in outcome.changes.ids["interaction"]


def test_a_followup_from_the_log_concerns_the_first_person(store: Store) -> None:
    greta, hans = person(store, "Greta Weber"), person(store, "Hans Beck")
    ref = case_with(store, greta)
    due = store.now() + timedelta(days=1)
    log(store, ref, hans, greta, followup=due)
    with store.session() as session:
        item = session.scalars(sa.select(FollowUp).where(FollowUp.kind == "task")).one()
        assert (item.stakeholder_id, item.due_at, item.title) == (hans, due, "Send the quote")
    rows = stakeholder_query.stakeholder_rows(store, [hans, greta])
    assert rows[hans].next_followup == due and rows[greta].next_followup is None
    # without anybody, the follow-up is the case's alone
    log(store, ref, followup=due)
    with store.session() as session:
        owners = session.scalars(sa.select(FollowUp.stakeholder_id).where(
            FollowUp.kind == "task")).all()
    assert sorted(owners, key=str) == sorted([hans, None], key=str)


def test_an_unknown_or_deleted_person_writes_nothing(store: Store) -> None:
    greta = person(store, "Greta Weber")
    ref = case_with(store, greta)
    with pytest.raises(NotFound, match="no stakeholder with id nobody"):
        log(store, ref, greta, "nobody")
    assert stakeholder_query.interaction_count(store, greta) == 0
    log(store, ref, greta, greta)  # named twice: linked once
    assert stakeholder_query.interaction_count(store, greta) == 1


def test_find_stakeholder_by_id_name_or_email(store: Store) -> None:
    greta = person(store, "Greta Weber", "greta@example.org")
    person(store, "Hans Beck", "hans@example.org")
    twin_a, twin_b = person(store, "Kim Lee", "kim@a.example"), person(store, "Kim Lee")
    find = stakeholders.find_stakeholder
    assert find(store, greta) == greta
    assert find(store, "greta weber") == greta
    assert find(store, "  Greta   Weber ") == greta
    assert find(store, "GRETA@example.org") == greta
    assert find(store, "kim@a.example") == twin_a
    with pytest.raises(InvalidInput, match="'Kim Lee' names more than one stakeholder"):
        find(store, "Kim Lee")
    assert twin_b
    with pytest.raises(NotFound, match="No stakeholder is called or reachable at 'Greta'"):
        find(store, "Greta")  # a part of a name is not enough
    with pytest.raises(NotFound):
        find(store, "nobody@example.org")


def test_recording_the_outcome_of_a_cases_open_escalation(store: Store) -> None:
    ref = case_with(store)
    with pytest.raises(InvalidInput, match=f"Case {ref} has no escalation waiting"):
        case_escalation.record_case_outcome(store, ref, "Fixed")
    case_escalation.escalate(store, ref, "Billing team", "Refund")
    assert case_escalation.record_case_outcome(store, ref, "Refund approved").value == "open"
    [row] = case_escalation.list_escalations(store, ref)
    assert row.outcome == "Refund approved" and not row.is_open
