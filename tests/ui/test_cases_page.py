"""The case list and detail, driven through their widgets against a real store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import service as cases
from spocdesk.core.cases.query import CaseFilter
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import dialogs
from spocdesk.ui.cases.model import COLUMNS, ID_ROLE, PAGE, CaseTableModel
from spocdesk.ui.cases.page import CasesPage


def _fill(store: Store, n: int) -> None:
    """``n`` cases with varied status and priority, in one unit of work."""
    statuses = cases.STATUSES
    priorities = cases.PRIORITIES
    with store.unit_of_work() as uow:
        for i in range(n):
            cases.add_in_session(uow.session, cases.NewCase(
                title=f"Case number {i}", status=statuses[i % len(statuses)],
                priority=priorities[i % len(priorities)], category=f"cat{i % 3}",
                opened_at=store.now() - timedelta(hours=i)),
                now=store.now(), author="owner")
        uow.commit()


@pytest.fixture
def big_store(store: Store) -> Store:
    _fill(store, 3000)
    return store


def test_model_passes_qt_model_tester(qtmodeltester, big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all"))
    qtmodeltester.check(model)


def test_model_is_lazy(big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all"))
    assert model.rowCount() == 3000
    assert model.cached_rows == 0
    model.data(model.index(0, 1))
    assert 0 < model.cached_rows <= PAGE
    model.data(model.index(2999, 1))  # jump to the end: one more page, not everything
    assert model.cached_rows <= 2 * PAGE
    assert model.pages_fetched == 2


def test_a_new_query_loads_only_the_first_screen_of_ids(big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all"))
    assert model.rowCount() == 3000  # counted, not loaded
    assert model.loaded_ids == model.first_screen
    ids = case_query.case_ids(big_store, CaseFilter(view="all"))
    far = ids[2500]
    assert model.row_of(far, loaded_only=True) == -1
    assert model.loaded_ids == model.first_screen
    # a row past the first screen fetches the rest, once, in the same order
    assert model.data(model.index(2500, 0), ID_ROLE) == far
    assert model.loaded_ids == 3000
    assert [model.case_id(r) for r in range(3000)] == ids
    assert model.row_of(far, loaded_only=True) == 2500


def test_looking_up_a_far_record_loads_the_rest(big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all"))
    last = case_query.case_ids(big_store, CaseFilter(view="all"))[-1]
    assert model.row_of(last) == 2999


def test_a_small_result_needs_no_count(store: Store, monkeypatch) -> None:
    _fill(store, 150)
    model = CaseTableModel()
    monkeypatch.setattr(model, "query_count", lambda _store: pytest.fail("counted"))
    model.set_store(store)
    model.set_filter(CaseFilter(view="all"))
    assert model.rowCount() == model.loaded_ids == 150


def test_rows_changed_behind_the_count_reset_the_model(qtbot, big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all"))
    _fill(big_store, 1)  # written without telling the model
    with qtbot.waitSignal(model.modelReset, timeout=2000):
        model.data(model.index(2999, 0))
    assert model.rowCount() == model.loaded_ids == 3001


def test_model_filters_and_sorts_in_sql(big_store: Store) -> None:
    model = CaseTableModel()
    model.set_store(big_store)
    model.set_filter(CaseFilter(view="all", status="waiting", priority="high"))
    expected = [i for i in range(3000) if i % 6 == 2 and i % 4 == 2]
    assert model.rowCount() == len(expected) == 250
    titles = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
    assert titles == {f"Case number {i}" for i in expected}

    model.set_filter(CaseFilter(view="all"))
    model.sort([k for k, _ in COLUMNS].index("priority"), Qt.SortOrder.DescendingOrder)
    first = model.data(model.index(0, 4))
    last = model.data(model.index(model.rowCount() - 1, 4))
    assert "Urgent" in first and last == "Low"


def test_views_show_live_counts(qtbot, big_store: Store) -> None:
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    counts = case_query.view_counts(big_store)

    def texts() -> list[str]:
        return [page.views.item(i).text() for i in range(page.views.count())]

    assert "All" in texts()  # the first screen of rows comes first; the counts just after
    qtbot.waitUntil(lambda: f"All  ({counts['all']:,})" in texts(), timeout=5000)
    assert f"Open  ({counts['open']:,})" in texts()
    page.views.select_view("waiting")
    assert page.model.rowCount() == counts["waiting"]


def test_text_filter_and_empty_state(qtbot, big_store: Store) -> None:
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    page.views.select_view("all")
    page.text.setText("number 2999")  # words as prefixes; a reference counts too
    page.apply_filter()
    titles = {page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())}
    assert titles == {"Case number 2999", "Case number 2998"}  # the latter is C-2999
    page.text.setText("no such words anywhere")
    page.apply_filter()
    assert page.model.rowCount() == 0
    assert page.list_stack.currentWidget() is page.empty
    assert page.empty.headline.text() == "No cases match"


def test_create_edit_log_and_escalate_through_widgets(qtbot, store: Store,
                                                      monkeypatch) -> None:
    bus = ChangeBus()
    page = CasesPage(bus)
    qtbot.addWidget(page)
    page.set_store(store)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    assert page.empty.headline.text() == "No cases yet"
    sid = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Greta Weber")).value

    monkeypatch.setattr(dialogs.NewCaseDialog, "ask", classmethod(
        lambda cls, s, parent=None: dialogs.NewCaseInput(
            title="Invoice dispute", priority="high", category="billing", description="",
            template_id=None, stakeholder_id=sid)))
    page.new_case()
    assert page.model.rowCount() == 1
    detail = page.detail
    assert detail.case is not None and detail.case.title == "Invoice dispute"
    assert [p.name for p in detail.case.participants] == ["Greta Weber"]

    # edit through the fields, Ctrl+S saves
    detail.next_step.setText("Call Greta back")
    detail.status.setCurrentIndex(cases.STATUSES.index("waiting"))
    detail.save()
    assert detail.case.next_step == "Call Greta back"
    assert detail.case.status == "waiting"
    assert detail.history.count() >= 2

    # quick log: focus, type, Ctrl+Enter
    detail.focus_quick_log()
    qtbot.keyClicks(detail.quick_log.summary, "Called, left a voicemail")
    qtbot.keyClick(detail.quick_log.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert detail.quick_log.summary.text() == ""
    assert detail.case.first_response_at is not None  # first outbound entry
    entries = detail.timeline.texts()
    assert any("Called, left a voicemail" in text for text in entries)
    assert any("Open → Waiting" in text for text in entries)

    # escalate, then record the outcome
    monkeypatch.setattr(dialogs.EscalateDialog, "ask",
                        classmethod(lambda cls, parent=None: ("Billing team", "Refund")))
    detail.escalate()
    assert detail.case.escalated and detail.outcome_button.isEnabled()
    monkeypatch.setattr(dialogs.OutcomeDialog, "ask",
                        classmethod(lambda cls, to, parent=None: "Refund approved"))
    detail.record_outcome()
    assert not detail.case.escalated
    row = page.model.row_of(detail.case.id)
    assert page.model.data(page.model.index(row, 0), ID_ROLE) == detail.case.id


def test_first_case_detail_comes_after_the_list(qtbot, big_store: Store) -> None:
    """Opening the store paints the rows first and fills the first case's detail on the
    next turn; a lock before that turn leaves the detail empty."""
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    assert page.model.rowCount() > 0 and page.selected_case_id() is not None
    assert page.detail.case is None
    qtbot.waitUntil(lambda: page.detail.case is not None)
    assert page.detail.case.id == page.selected_case_id()

    page.set_store(None)
    page.set_store(big_store)
    page.set_store(None)  # locked before the deferred detail ran
    qtbot.wait(20)
    assert page.detail.case is None and page.detail.title.text() == ""


def test_lock_clears_every_row(qtbot, big_store: Store) -> None:
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(big_store)
    qtbot.waitUntil(lambda: page.detail.case is not None)  # filled once the list painted
    page.set_store(None)
    assert page.model.rowCount() == 0 and page.model.cached_rows == 0
    assert page.detail.case is None and page.detail.title.text() == ""
    assert page.detail.timeline.count() == 0
