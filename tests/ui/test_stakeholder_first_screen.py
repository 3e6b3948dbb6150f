"""The directory model loads a first screen of ids and the SQL count for a new query;
the rest of the ids come once, when a row past them is wanted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.query import StakeholderFilter
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders.model import ID_ROLE, StakeholderTableModel
from spocdesk.ui.stakeholders.page import StakeholdersPage

PEOPLE = 3000
MANY = "+49 30"  # every phone: like "+49 3" at 50,000 people, thousands match
FEW = "0000012"  # 111 phones (the country code read as three digits, too)


@pytest.fixture
def big_store(store: Store) -> Store:
    with store.unit_of_work() as uow:
        for i in range(PEOPLE):
            stakeholders.add_in_session(uow.session, NewStakeholder(
                display_name=f"Person {i:05d}", tags=["vip"] if i % 10 == 0 else [],
                contact_points=[NewContactPoint("phone", f"+49 30 {i:07d}", "work", True)]))
        uow.commit()
    return store


@pytest.fixture
def model(big_store: Store) -> StakeholderTableModel:
    m = StakeholderTableModel()
    m.set_store(big_store)
    return m


def test_a_new_query_loads_the_first_screen_and_counts_the_rest(
        model: StakeholderTableModel, big_store: Store) -> None:
    assert model.first_screen is not None
    assert model.rowCount() == PEOPLE  # from the SQL count
    assert model.loaded_ids == model.first_screen
    every = sq.stakeholder_ids(big_store)
    assert model.row_of(every[2500], loaded_only=True) == -1
    assert model.loaded_ids == model.first_screen
    # a far row loads the rest of the ids once, in the same order
    assert model.data(model.index(2500, 0)) == "Person 02500"
    assert model.loaded_ids == PEOPLE
    assert [model.stakeholder_id(r) for r in range(PEOPLE)] == every


def test_many_matches_are_counted_few_need_no_count(
        model: StakeholderTableModel, monkeypatch: pytest.MonkeyPatch) -> None:
    model.set_filter(StakeholderFilter(text=MANY))
    assert model.rowCount() == PEOPLE
    assert model.loaded_ids == model.first_screen
    assert model.data(model.index(0, 0)) == "Person 00000"
    monkeypatch.setattr(model, "query_count", lambda _store: pytest.fail("counted"))
    model.set_filter(StakeholderFilter(text=FEW))
    assert 0 < model.rowCount() == model.loaded_ids < 200
    assert model.data(model.index(0, 0), ID_ROLE) == model.stakeholder_id(0)
    model.set_filter(StakeholderFilter(text="no such person"))
    assert model.rowCount() == model.loaded_ids == 0


def test_looking_up_a_far_match_loads_the_rest_a_non_match_does_not(
        model: StakeholderTableModel, big_store: Store) -> None:
    model.set_filter(StakeholderFilter(tag="vip"))
    assert model.rowCount() == PEOPLE // 10 and model.loaded_ids == model.first_screen
    outside = sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 02501"))[0]
    assert model.row_of(outside) == -1
    assert model.loaded_ids == model.first_screen  # asked in SQL, not by loading every id
    far = sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 02500"))[0]
    assert model.row_of(far) == 250
    assert model.loaded_ids == PEOPLE // 10


def test_sorting_a_first_screen(model: StakeholderTableModel) -> None:
    model.set_filter(StakeholderFilter(text=MANY))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == PEOPLE and model.loaded_ids == model.first_screen
    assert model.data(model.index(0, 0)) == "Person 02999"
    assert model.data(model.index(PEOPLE - 1, 0)) == "Person 00000"


def test_qt_model_tester_over_first_screens(qtmodeltester,
                                            model: StakeholderTableModel) -> None:
    qtmodeltester.check(model)
    model.set_filter(StakeholderFilter(text=MANY))
    qtmodeltester.check(model)
    model.set_filter(StakeholderFilter(text=FEW))
    qtmodeltester.check(model)


def test_the_page_keeps_a_far_selection_that_still_matches(qtbot, big_store: Store) -> None:
    page = StakeholdersPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_store(big_store)
    assert page.count_label.text() == "3,000 stakeholders"
    far = sq.stakeholder_ids(big_store)[2500]
    page.select_stakeholder(far)
    assert page.selected_ids() == [far]
    page.text.setText(MANY)  # still holds them: still selected, wherever they are
    page.apply_filter()
    assert page.selected_ids() == [far]
    assert page.table.selectionModel().selectedRows()[0].row() == 2500
    page.text.setText(FEW)  # no longer: the first row
    page.apply_filter()
    assert page.selected_ids() == [page.model.stakeholder_id(0)]
    page.text.setText(MANY)
    page.apply_filter()
    assert page.model.loaded_ids == page.model.first_screen  # the selection was near
