"""The directory's first screen: ids with a limit, the count in SQL, and the plan
chosen for a text with many matches (walking the name index) or few (looking the
matches up) giving the same ids in the same order."""

from __future__ import annotations

from typing import Any

import pytest

from spocdesk.core.model import Stakeholder
from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.query import StakeholderFilter, StakeholderSort
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

MANY = "+49 30"  # every phone below
FEW = "0000012"  # 111 phones (with the country code read as three digits, too)


@pytest.fixture
def directory(store: Store) -> Store:
    with store.unit_of_work() as uow:
        for i in range(1500):
            stakeholders.add_in_session(uow.session, NewStakeholder(
                display_name=f"Person {(i * 7919) % 1500:05d}", title="GP" if i % 2 else "",
                tags=["vip"] if i % 10 == 0 else [],
                contact_points=[NewContactPoint("phone", f"+49 30 {i:07d}", "work", True)]))
        uow.commit()
    return store


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each call of the plan choice answered."""
    seen: list[bool] = []
    choose = sq._walk_names

    def spy(*args: Any) -> bool:
        seen.append(choose(*args))
        return seen[-1]

    monkeypatch.setattr(sq, "_walk_names", spy)
    return seen


@pytest.mark.parametrize("text", ["", "Pe", MANY, FEW, "person 0001", "no such"])
def test_a_limit_is_the_start_of_every_id(directory: Store, text: str) -> None:
    flt = StakeholderFilter(text=text)
    every = sq.stakeholder_ids(directory, flt)
    assert sq.stakeholder_ids(directory, flt, limit=200) == every[:200]
    assert sq.stakeholder_count(directory, flt) == len(every)


@pytest.mark.parametrize("sort", [StakeholderSort(), StakeholderSort("name", True),
                                  StakeholderSort("phone"), StakeholderSort("title", True)])
def test_every_sort_keeps_its_order_under_a_limit(directory: Store,
                                                  sort: StakeholderSort) -> None:
    flt = StakeholderFilter(text=MANY)
    assert sq.stakeholder_ids(directory, flt, sort, limit=50) == \
        sq.stakeholder_ids(directory, flt, sort)[:50]


@pytest.mark.file_only("the plan chosen over the FTS5 trigram lookup")
def test_many_matches_walk_the_name_index_few_are_looked_up(
        directory: Store, walks: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    many = sq.stakeholder_ids(directory, StakeholderFilter(text=MANY), limit=200)
    few = sq.stakeholder_ids(directory, StakeholderFilter(text=FEW), limit=200)
    assert walks == [True, False]
    assert len(many) == 200
    assert len(few) == sq.stakeholder_count(directory, StakeholderFilter(text=FEW)) == 111
    sq.stakeholder_ids(directory, StakeholderFilter(text=MANY))  # every id: looked up
    assert walks[-1] is False
    # either plan gives the same ids in the same order
    for steps in (0, 10**9):  # never walk, always walk
        monkeypatch.setattr(sq, "LOOKUP_STEPS", steps)
        assert sq.stakeholder_ids(directory, StakeholderFilter(text=MANY), limit=200) == many
        assert sq.stakeholder_ids(directory, StakeholderFilter(text=FEW), limit=200) == few
        assert sq.stakeholder_ids(directory, StakeholderFilter(text=MANY, tag="vip"),
                                  limit=20) == \
            sq.stakeholder_ids(directory, StakeholderFilter(text=MANY, tag="vip"))[:20]


def test_the_count_leaves_out_the_deleted_and_honours_every_filter(directory: Store) -> None:
    first = sq.stakeholder_ids(directory, StakeholderFilter(text=MANY), limit=1)[0]
    with directory.unit_of_work() as uow:
        person = uow.session.get(Stakeholder, first)
        assert person is not None
        person.deleted_at = directory.now()
        uow.commit()
    for flt in (StakeholderFilter(text=MANY), StakeholderFilter(text=MANY, tag="vip"),
                StakeholderFilter(title="gp"), StakeholderFilter(text=FEW, kind="person"),
                StakeholderFilter()):
        ids = sq.stakeholder_ids(directory, flt)
        assert first not in ids
        assert sq.stakeholder_count(directory, flt) == len(ids)
    assert sq.stakeholder_count(directory, StakeholderFilter(text=MANY)) == 1499
    assert sq.stakeholder_ids(directory, StakeholderFilter(text=MANY), limit=200) == \
        sq.stakeholder_ids(directory, StakeholderFilter(text=MANY))[:200]


def test_matches_answers_for_one_stakeholder(directory: Store) -> None:
    few = sq.stakeholder_ids(directory, StakeholderFilter(text=FEW))
    other = next(i for i in sq.stakeholder_ids(directory) if i not in few)
    assert sq.stakeholder_matches(directory, StakeholderFilter(text=FEW), few[3])
    assert not sq.stakeholder_matches(directory, StakeholderFilter(text=FEW), other)
    assert sq.stakeholder_matches(directory, None, other)
    assert not sq.stakeholder_matches(directory, None, "missing")
