"""The directory's id query (filters, sort) and page query, in SQL."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.query import StakeholderFilter, StakeholderSort
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def add(store: Store, name: str, *points: tuple[str, str], **extra: object) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name=name,
        contact_points=[NewContactPoint(k, v, "work", True) for k, v in points],
        **extra)).value  # type: ignore[arg-type]


@pytest.fixture
def people(store: Store, clock: FixedClock) -> dict[str, str]:
    ids = {
        "anna": add(store, "Anna Müller", ("email", "anna@acme.example"),
                    ("phone", "+49 (30) 123-4567"), organisation="Acme", title="CFO",
                    tags=["vip"], preferred_channel="email"),
        "bob": add(store, "Bob Brown", ("phone", "030 999 888"), title="Nurse",
                   family_name="Brown"),
        "cara": add(store, "Cara Chen", ("email", "cara@beta.example"), organisation="Beta",
                    tags=["client", "vip"]),
    }
    ref = cases.add_case(store, cases.NewCase(title="Open thing", status="open",
                                              stakeholders=[(ids["anna"], "client")])).value
    cases.add_case(store, cases.NewCase(title="Done thing", status="closed",
                                        stakeholders=[(ids["anna"], "client")]))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Called Anna",
        occurred_at=clock.now() - timedelta(days=3), stakeholder_ids=[ids["anna"]]))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="email", direction="in", summary="Bob wrote",
        occurred_at=clock.now() - timedelta(days=100), stakeholder_ids=[ids["bob"]]))
    followups.add_followup(store, followups.NewFollowUp(
        title="Ring Cara", due_at=clock.now() + timedelta(days=2), stakeholder_id=ids["cara"]))
    return ids


def names(store: Store, flt: StakeholderFilter | None = None,
          sort: StakeholderSort | None = None) -> list[str]:
    ids = sq.stakeholder_ids(store, flt, sort)
    rows = sq.stakeholder_rows(store, ids)
    return [rows[i].display_name for i in ids]


def test_default_lists_everyone_by_name(store: Store, people: dict[str, str]) -> None:
    assert names(store) == ["Acme", "Anna Müller", "Beta", "Bob Brown", "Cara Chen"]


def test_text_search_names_org_email_and_phone_digits(store: Store,
                                                      people: dict[str, str]) -> None:
    assert names(store, StakeholderFilter(text="müller")) == ["Anna Müller"]
    assert names(store, StakeholderFilter(text="acme")) == ["Acme", "Anna Müller"]
    assert names(store, StakeholderFilter(text="cara@beta")) == ["Cara Chen"]
    assert names(store, StakeholderFilter(text="1234567")) == ["Anna Müller"]
    assert names(store, StakeholderFilter(text="30 123 45")) == ["Anna Müller"]
    assert names(store, StakeholderFilter(text="%")) == []


def test_filters(store: Store, people: dict[str, str]) -> None:
    assert names(store, StakeholderFilter(tag="vip")) == ["Anna Müller", "Cara Chen"]
    assert names(store, StakeholderFilter(title="nur")) == ["Bob Brown"]
    assert names(store, StakeholderFilter(kind="organisation")) == ["Acme", "Beta"]
    org = sq.organisations(store)
    acme = next(i for i, n in org if n == "Acme")
    assert names(store, StakeholderFilter(organisation_id=acme)) == ["Acme", "Anna Müller"]
    assert names(store, StakeholderFilter(kind="person", not_contacted_days=30)) == [
        "Bob Brown", "Cara Chen"]
    assert names(store, StakeholderFilter(kind="person", not_verified_months=6)) == [
        "Anna Müller", "Bob Brown", "Cara Chen"]
    sq.mark_verified(store, people["bob"])
    assert names(store, StakeholderFilter(kind="person", not_verified_months=6)) == [
        "Anna Müller", "Cara Chen"]
    assert sq.tags(store) == ["client", "vip"]
    with pytest.raises(InvalidInput):
        sq.stakeholder_ids(store, StakeholderFilter(not_contacted_days=-1))


def test_rows_carry_every_column(store: Store, people: dict[str, str], clock: FixedClock
                                 ) -> None:
    rows = sq.stakeholder_rows(store, list(people.values()))
    anna = rows[people["anna"]]
    assert (anna.organisation, anna.title, anna.preferred_channel) == ("Acme", "CFO", "email")
    assert anna.email == "anna@acme.example" and anna.phone == "+49 (30) 123-4567"
    assert anna.open_cases == 1
    assert anna.last_contact == clock.now() - timedelta(days=3)
    assert rows[people["cara"]].next_followup == clock.now() + timedelta(days=2)
    assert rows[people["bob"]].open_cases == 0 and rows[people["bob"]].verified_at is None
    assert sq.stakeholder_rows(store, []) == {}


@pytest.mark.parametrize("column", sq.SORT_KEYS)
def test_every_sort_runs_both_ways(store: Store, people: dict[str, str], column: str) -> None:
    up = sq.stakeholder_ids(store, sort=StakeholderSort(column))
    down = sq.stakeholder_ids(store, sort=StakeholderSort(column, descending=True))
    assert sorted(up) == sorted(down) and len(up) == 5


def test_sort_by_last_contact_puts_empty_last(store: Store, people: dict[str, str]) -> None:
    assert names(store, StakeholderFilter(kind="person"),
                 StakeholderSort("last_contact", descending=True)) == [
        "Anna Müller", "Bob Brown", "Cara Chen"]
    assert names(store, StakeholderFilter(kind="person"), StakeholderSort("last_contact")) == [
        "Bob Brown", "Anna Müller", "Cara Chen"]
    with pytest.raises(InvalidInput):
        sq.stakeholder_ids(store, sort=StakeholderSort("nope"))


def test_interactions_with_pages_across_cases(store: Store, people: dict[str, str]) -> None:
    assert sq.interaction_count(store, people["anna"]) == 1
    page = sq.interactions_with(store, people["anna"])
    assert [e.summary for e in page] == ["Called Anna"]
    assert page[0].case_ref.startswith("C-")
    assert sq.interactions_with(store, people["anna"], offset=1) == []


def test_mark_verified(store: Store, people: dict[str, str], clock: FixedClock) -> None:
    outcome = sq.mark_verified(store, people["bob"])
    assert outcome.value == clock.now() and "stakeholder" in outcome.changes
    assert stakeholders.details(store, people["bob"]).verified_at == clock.now()
    with pytest.raises(NotFound):
        sq.mark_verified(store, "missing")


def test_search_is_sql_fast_on_thousands(store: Store) -> None:
    with store.unit_of_work() as uow:
        for i in range(5000):
            stakeholders.add_in_session(uow.session, NewStakeholder(
                display_name=f"Person {i:05d}", contact_points=[
                    NewContactPoint("phone", f"+49 30 {i:07d}"),
                    NewContactPoint("email", f"p{i}@x.example")]))
        uow.commit()
    start = time.perf_counter()
    ids = sq.stakeholder_ids(store, StakeholderFilter(text="0004321"))
    rows = sq.stakeholder_rows(store, sq.stakeholder_ids(store)[:100])
    elapsed = time.perf_counter() - start
    assert len(ids) == 1 and len(rows) == 100
    assert elapsed < 2.0  # generous: a benchmark, not a timed test
