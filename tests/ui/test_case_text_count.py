"""A text filter's count comes after the first paint: the case list shows its first
screen sized from the first ids, then counts on the next turn of the event loop and
inserts the rows past them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import service as cases
from spocdesk.core.cases.query import CaseFilter
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.model import ID_ROLE, CaseTableModel
from spocdesk.ui.cases.page import CasesPage

CASES = 1000
TEXT = CaseFilter(view="all", text="number")  # every case


@pytest.fixture
def big_store(store: Store) -> Store:
    with store.unit_of_work() as uow:
        for i in range(CASES):
            cases.add_in_session(uow.session, cases.NewCase(
                title=f"Case number {i}", status="open",
                opened_at=store.now() - timedelta(hours=i)), now=store.now(), author="owner")
        uow.commit()
    return store


@pytest.fixture
def model(big_store: Store) -> CaseTableModel:
    m = CaseTableModel()
    m.set_store(big_store)
    return m


def test_the_first_screen_comes_before_the_count(qtbot, model: CaseTableModel) -> None:
    first = model.first_screen
    assert first is not None
    model.set_filter(TEXT)
    assert model.counting
    assert model.rowCount() == model.loaded_ids == first
    assert model.data(model.index(0, 1)) is not None
    with qtbot.waitSignal(model.rowsInserted, timeout=2000) as inserted:
        pass
    assert inserted.args[1:] == [first, CASES - 1]
    assert not model.counting
    assert model.rowCount() == CASES and model.loaded_ids == first
    assert model.data(model.index(CASES - 1, 0), ID_ROLE) is not None  # the rest, on demand
    assert model.loaded_ids == CASES


def test_a_view_without_text_counts_at_once(model: CaseTableModel) -> None:
    model.set_filter(CaseFilter(view="all"))
    assert not model.counting and model.rowCount() == CASES


def test_a_small_text_result_needs_no_count(model: CaseTableModel,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "query_count", lambda _store: pytest.fail("counted"))
    model.set_filter(CaseFilter(view="all", text="number 999"))
    assert not model.counting and 0 < model.rowCount() == model.loaded_ids < 200


def test_a_new_query_before_the_count_counts_only_the_new_one(
        qtbot, model: CaseTableModel) -> None:
    counts: list[CaseFilter] = []
    count = model.query_count

    def spy(store: Store) -> int:
        counts.append(model.filter)
        return count(store)

    model.query_count = spy  # type: ignore[method-assign]
    model.set_filter(TEXT)
    model.set_filter(CaseFilter(view="all", text="case"))
    qtbot.waitUntil(lambda: not model.counting, timeout=2000)
    qtbot.wait(20)  # the first query's timer has fired too
    assert counts == [CaseFilter(view="all", text="case")]
    assert model.rowCount() == CASES


def test_looking_a_record_up_before_the_count_loads_every_id(
        qtbot, model: CaseTableModel, big_store: Store) -> None:
    model.set_filter(TEXT)
    last = case_query.case_ids(big_store, TEXT)[-1]
    with qtbot.waitSignal(model.rowsInserted, timeout=1000):
        assert model.row_of(last) == CASES - 1  # at once: no wait for the count
    assert not model.counting and model.rowCount() == model.loaded_ids == CASES
    qtbot.wait(20)  # the timer finds nothing left to count
    assert model.rowCount() == CASES


def test_qt_model_tester_with_a_deferred_count(qtbot, qtmodeltester,
                                               model: CaseTableModel) -> None:
    model.set_filter(TEXT)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.counting, timeout=2000)
    qtmodeltester.check(model)


def test_the_page_shows_the_count_when_it_comes(qtbot, big_store: Store) -> None:
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    page.views.select_view("all")
    page.text.setText("number")
    page.apply_filter()
    assert page.count_label.text() == "200+ cases, counting…"  # the first screen's ids
    qtbot.waitUntil(lambda: page.count_label.text() == "1,000 cases", timeout=2000)
    assert page.model.rowCount() == CASES


def test_the_label_settles_when_the_count_adds_no_rows(qtbot, big_store: Store,
                                                       monkeypatch) -> None:
    """Exactly a first screen of matches: no rows are inserted, the label still loses
    its "counting…"."""
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    page.views.select_view("all")
    first = page.model.first_screen
    assert first is not None
    monkeypatch.setattr(CaseTableModel, "query_count", lambda self, store: first)
    page.text.setText("number")
    with qtbot.waitSignal(page.model.counted, timeout=2000):
        page.apply_filter()
    assert page.count_label.text() == f"{first} cases"
