"""The case list keeps the selected case by id: through another page's change, a sort,
a filter, a page switch; a case that leaves the view stays in the detail, said so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from spocdesk import app as app_module
from spocdesk.core import demo
from spocdesk.core.cases import detail as case_detail
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as case_workflow
from spocdesk.core.cases.query import CaseFilter, case_count
from spocdesk.core.followups import service as followups
from spocdesk.core.model import Case, FollowUp
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.model import CaseTableModel
from spocdesk.ui.cases.page import VIEWS_SHOWN, CasesPage
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.stakeholders.page import StakeholdersPage
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.test_cases_page import _fill
from tests.ui.test_lock import visible_text


def case_id(store: Store, ref: str) -> str:
    with store.session() as session:
        return str(session.scalar(sa.select(Case.id).where(Case.ref == ref)))


def open_followup_of_another_case(store: Store, not_case: str) -> str:
    with store.session() as session:
        return str(session.scalar(sa.select(FollowUp.id).where(
            FollowUp.done_at.is_(None), FollowUp.case_id.is_not(None),
            FollowUp.case_id != not_case).limit(1)))


def make_window(qtbot, store: Store) -> MainWindow:
    demo.generate(store, "small")
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    win.set_store(store)
    return win


def cases_page(win: MainWindow) -> CasesPage:
    page = win.page_titled("Cases")
    assert isinstance(page, CasesPage)
    return page


def on_c0012(qtbot, store: Store) -> tuple[MainWindow, CasesPage, str]:  # type: ignore[no-untyped-def]
    """The demo store in the window, the All view, C-0012 selected."""
    win = make_window(qtbot, store)
    page = cases_page(win)
    page.views.select_view("all")
    chosen = case_id(store, "C-0012")
    page.select_case(chosen)
    assert page.selected_case_id() == chosen
    return win, page, chosen


def on_row(qtbot, store: Store, row: int) -> tuple[MainWindow, CasesPage, str]:  # type: ignore[no-untyped-def]
    """The demo store in the window, the case in ``row`` of the Open view selected."""
    win = make_window(qtbot, store)
    page = cases_page(win)
    chosen = page.model.case_id(row)
    assert chosen
    page.select_case(chosen)
    return win, page, chosen


def saved(store: Store, cid: str) -> case_detail.CaseDetail:
    return case_detail.get_case(store, cid)


def test_another_pages_change_keeps_the_selected_case(qtbot, store: Store) -> None:
    """The report of issue 16: C-0012, Follow-ups, mark one done, Ctrl+1: still C-0012."""
    win, page, chosen = on_c0012(qtbot, store)
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page().title == "Follow-ups"
    done = followups.complete(store, open_followup_of_another_case(store, chosen))
    win.bus.publish(done.changes)
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() is page
    qtbot.wait(10)
    assert page.selected_case_id() == chosen
    assert page.detail.case is not None and page.detail.case.id == chosen


def test_a_sort_and_a_filter_keep_the_selected_case(qtbot, store: Store) -> None:
    _win, page, chosen = on_c0012(qtbot, store)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by title: rows move
    assert page.selected_case_id() == chosen
    assert page.detail.case is not None and page.detail.case.id == chosen
    status = page.detail.case.status
    page.status.setCurrentIndex(page.status.findData(status))  # a filter that holds it
    assert page.model.rowCount() < case_count(store, CaseFilter(view="all"))
    assert page.selected_case_id() == chosen
    assert not page.detail.view_note.isVisibleTo(page)


def test_a_case_that_leaves_the_view_stays_in_the_detail(qtbot, store: Store) -> None:
    win = make_window(qtbot, store)
    page = cases_page(win)
    page.views.select_view("open")
    chosen = page.model.case_id(3)
    assert chosen is not None
    page.select_case(chosen)
    detail = page.detail
    assert detail.case is not None
    ref = detail.case.ref
    # resolved in the detail: the Open view no longer holds it
    detail.status.setCurrentIndex(detail.status.findData("resolved"))
    assert detail.flush()
    assert page.model.row_of(chosen) == -1
    assert detail.case is not None and detail.case.id == chosen  # not another case
    assert page.selected_case_id() is None
    assert detail.view_note.isVisibleTo(page)
    assert detail.view_note.text().startswith(f"{ref} is no longer in this view.")
    detail.view_note.linkActivated.emit("#all")  # the way back: All, the case selected
    assert page.views.current_view() == "all"
    assert page.selected_case_id() == chosen and not detail.view_note.isVisibleTo(page)
    page.views.select_view("open")
    assert detail.view_note.isVisibleTo(page)
    # choosing another case hides the line; that case is in the view
    other = page.model.case_id(0)
    assert other is not None
    page.table.selectRow(0)
    assert detail.case.id == other
    assert not detail.view_note.isVisibleTo(page)


def test_an_edit_survives_switching_cases(qtbot, store: Store) -> None:
    win = make_window(qtbot, store)
    page = cases_page(win)
    first, second = page.model.case_id(0), page.model.case_id(1)
    assert first and second
    page.select_case(first)
    page.detail.next_step.setText("Ring the GP surgery at 10")
    assert page.detail.dirty
    page.table.selectRow(page.model.row_of(second))  # the user clicks another case
    assert page.detail.case is not None and page.detail.case.id == second
    assert saved(store, first).next_step == "Ring the GP surgery at 10"
    page.select_case(first)
    assert page.detail.next_step.text() == "Ring the GP surgery at 10"


def test_a_failed_save_keeps_the_user_on_the_case(qtbot, store: Store) -> None:
    win = make_window(qtbot, store)
    page = cases_page(win)
    first, second = page.model.case_id(0), page.model.case_id(1)
    assert first and second
    page.select_case(first)
    page.detail.title.setText("   ")  # a case needs a title
    page.detail.next_step.setText("Chase the referral letter")
    page.table.selectRow(page.model.row_of(second))
    assert page.detail.case is not None and page.detail.case.id == first
    assert page.selected_case_id() == first
    assert page.detail.save_state.text() == "Not saved: A case needs a title."
    assert page.detail.next_step.text() == "Chase the referral letter"  # nothing discarded
    # the page switch is refused too, with the same sentence on screen
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() is page and win.nav.currentRow() == 0
    page.detail.title.setText("Referral for physiotherapy")
    page.table.selectRow(page.model.row_of(second))
    assert page.detail.case is not None and page.detail.case.id == second
    assert saved(store, first).next_step == "Chase the referral letter"


def test_an_edit_survives_switching_pages(qtbot, store: Store) -> None:
    win, page, chosen = on_row(qtbot, store, 2)
    page.detail.next_step.setText("Send the discharge summary")
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page().title == "Follow-ups"
    assert saved(store, chosen).next_step == "Send the discharge summary"
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert page.detail.case is not None and page.detail.case.id == chosen
    assert page.detail.next_step.text() == "Send the discharge summary"


def test_a_refresh_never_refills_a_field_being_typed(qtbot, store: Store) -> None:
    win, page, chosen = on_c0012(qtbot, store)
    page.detail.next_step.setText("Half-typed")
    done = followups.complete(store, open_followup_of_another_case(store, chosen))
    win.bus.publish(done.changes)  # another view's change while typing
    assert page.detail.next_step.text() == "Half-typed"
    assert page.detail.dirty
    # the same case changed elsewhere: the field typed in is kept, the others follow
    assert page.detail.case is not None
    changed = case_workflow.update_case(store, chosen, priority="urgent")
    win.bus.publish(changed.changes)
    assert page.detail.fields.priority.currentData() == "urgent"
    assert page.detail.next_step.text() == "Half-typed"
    assert page.detail.flush()  # saved on the case's new revision, priority untouched
    after = saved(store, chosen)
    assert (after.next_step, after.priority) == ("Half-typed", "urgent")


def test_ctrl_s_saves_with_a_cue_and_ctrl_z_undoes(qtbot, store: Store) -> None:
    _win, page, chosen = on_row(qtbot, store, 0)
    detail = page.detail
    before = saved(store, chosen).next_step
    detail.next_step.setFocus()
    detail.next_step.selectAll()
    qtbot.keyClicks(detail.next_step, "Book the interpreter")
    assert detail.save_state.text().startswith("Not saved yet")
    qtbot.keyClick(detail.next_step, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved(store, chosen).next_step == "Book the interpreter"
    assert detail.save_state.text() == "Saved. Ctrl+Z undoes it."
    qtbot.keyClick(detail.next_step, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved(store, chosen).next_step == before
    assert detail.next_step.text() == before
    assert detail.save_state.text() == "Undone."


def test_leaving_a_field_saves_it(qtbot, store: Store) -> None:
    _win, page, chosen = on_row(qtbot, store, 0)
    detail = page.detail
    detail.tabs.setCurrentIndex(0)
    detail.fields.category.setFocus()
    detail.fields.category.selectAll()
    qtbot.keyClicks(detail.fields.category, "housing")
    qtbot.keyClick(detail.fields.category, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: saved(store, chosen).category == "housing")
    assert detail.save_state.text() == "Saved. Ctrl+Z undoes it."


@pytest.fixture
def session(qtbot, location: Location, monkeypatch):  # type: ignore[no-untyped-def]
    """The app on a store with two cases; the unlock dialog answers at once and notes
    what the window showed while locked."""
    store = Store.create(location, PASSPHRASE)
    for title in ("Wheelchair repair", "Respite care"):
        cases.add_case(store, cases.NewCase(title=title, status="open"))
    store.close()
    seen: list[str] = []

    def fake_ask(cls, where, parent=None, message="", prepare=None):  # type: ignore[no-untyped-def]
        if "locked" in message:
            seen.append(visible_text(running.window))
        return Store.open(where, PASSPHRASE)

    monkeypatch.setattr(UnlockDialog, "ask", classmethod(fake_ask))
    running = app_module.Session(location)
    qtbot.addWidget(running.window)
    assert running.start()
    running.seen_while_locked = seen  # type: ignore[attr-defined]
    yield running
    running.shutdown()


def shown_page(qtbot, running: app_module.Session) -> CasesPage:  # type: ignore[no-untyped-def]
    """The cases page once its detail shows a case (it comes after the list's paint)."""
    page = cases_page(running.window)
    qtbot.waitUntil(lambda: page.detail.case is not None)
    return page


@pytest.mark.parametrize("how", ["ctrl_l", "idle"])
def test_locking_saves_what_was_typed(qtbot, session, how: str) -> None:  # type: ignore[no-untyped-def]
    page = shown_page(qtbot, session)
    page.table.selectRow(1)  # not the first case: the one shown again after the unlock
    chosen = page.detail.case.id
    assert chosen == page.model.case_id(1)
    page.detail.next_step.setText("Phone the wheelchair service")
    if how == "ctrl_l":
        session.window.lock_action.trigger()
    else:
        session.idle.idle.emit()
    assert "Phone the wheelchair service" not in session.seen_while_locked[0]
    assert session.store is not None
    assert saved(session.store, chosen).next_step == \
        "Phone the wheelchair service"
    page = shown_page(qtbot, session)  # after the unlock: the same case again
    assert page.detail.case is not None and page.detail.case.id == chosen
    assert page.detail.next_step.text() == "Phone the wheelchair service"


def test_text_that_cannot_be_saved_at_a_lock_comes_back(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    page = shown_page(qtbot, session)
    chosen = page.detail.case.id
    page.detail.title.setText("")  # cannot be saved: a case needs a title
    page.detail.next_step.setText("Ask the OT for a home visit")
    session.idle.idle.emit()  # the lock does not wait for the user
    assert "Ask the OT for a home visit" not in session.seen_while_locked[0]
    page = shown_page(qtbot, session)
    assert page.detail.case is not None and page.detail.case.id == chosen
    assert page.detail.next_step.text() == "Ask the OT for a home visit"
    assert page.detail.title.text() == ""
    assert page.detail.dirty
    assert "could not be saved before the lock" in page.detail.save_state.text()


def test_a_refresh_keeps_rows_and_passes_the_model_tester(qtbot, qtmodeltester,
                                                          store: Store) -> None:
    """An edit that moves no row refreshes the cached rows only: no reset."""
    demo.generate(store, "small")
    model = CaseTableModel()
    model.set_store(store)
    qtmodeltester.check(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    first = model.case_id(0)
    assert first is not None
    case_workflow.update_case(store, first, next_step="Write to the landlord")
    assert model.refresh()  # the same rows in the same order
    assert not resets
    assert model.row_data(0).next_step == "Write to the landlord"
    case_workflow.update_case(store, first, status="resolved")  # leaves the Open view
    assert not model.refresh()
    assert resets and model.row_of(first) == -1
    qtmodeltester.check(model)


def test_the_stakeholder_list_keeps_its_selection_too(qtbot, store: Store) -> None:
    """The same mechanism on the Stakeholders page: another page's change and a page
    switch keep the chosen person."""
    win = make_window(qtbot, store)
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = win.current_page()
    assert isinstance(page, StakeholdersPage)
    chosen = page.model.stakeholder_id(7)
    assert chosen
    page.select_stakeholder(chosen)
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    done = followups.complete(store, open_followup_of_another_case(store, ""))
    win.bus.publish(done.changes)
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert page.selected_ids() == [chosen]
    assert page.detail.current is not None and page.detail.current.id == chosen
    page.refresh_for(done.changes)  # a change while the page is shown
    assert page.selected_ids() == [chosen]


@pytest.fixture
def no_views_choice() -> Iterator[None]:
    """The views pane's remembered choice is forgotten before and after the test."""
    QSettings().remove(VIEWS_SHOWN)
    yield
    QSettings().remove(VIEWS_SHOWN)


@pytest.mark.parametrize(("width", "height"), [(800, 600), (1100, 700), (1280, 800)])
def test_the_columns_that_matter_fit_the_window(qtbot, store: Store, no_views_choice,
                                                width: int, height: int) -> None:
    win = make_window(qtbot, store)
    win.resize(width, height)
    page = cases_page(win)
    qtbot.waitUntil(lambda: win.width() == width)
    qtbot.wait(20)
    assert page.views.isVisible() == (width >= 1100)  # until the user chooses
    header = page.table.horizontalHeader()
    right = header.sectionViewportPosition(5) + header.sectionSize(5)  # Next follow-up
    assert right <= page.table.viewport().width()
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Ref", "Title", "Main stakeholder", "Status", "Priority", "Next follow-up"]
    for button in (page.detail.save_button, page.detail.escalate_button):
        corner = button.mapTo(win, button.rect().bottomRight())
        assert win.rect().contains(corner) and button.isVisible()


def test_the_views_pane_folds_away_and_remembers(qtbot, store: Store,
                                                 no_views_choice) -> None:
    win = make_window(qtbot, store)
    win.resize(1280, 800)
    page = cases_page(win)
    qtbot.waitUntil(lambda: page.views.isVisible())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    assert not page.views.isVisible()
    assert page.views_toggle.text() == page.views.current_title()  # names the view shown
    assert page.views_toggle.text().startswith("Open")
    assert QSettings().value(VIEWS_SHOWN) in (False, "false")
    again = CasesPage(ChangeBus())
    qtbot.addWidget(again)
    again.resize(1280, 800)
    again.show()
    assert not again.views.isVisible()  # the choice holds at the next start, any width
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    assert page.views.isVisible() and page.views_toggle.text() == "Views"


def test_a_refresh_past_the_first_screen_counts_again(qtbot, qtmodeltester,
                                                      store: Store) -> None:
    """3,000 cases, 200 ids in memory: a new case past them grows the count; the rows
    in memory stay, without a reset."""
    _fill(store, 3000)
    model = CaseTableModel()
    model.set_store(store)
    model.set_filter(CaseFilter(view="all"))
    assert model.loaded_ids < model.rowCount() == 3000
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    cases.add_case(store, cases.NewCase(title="Late arrival"))  # C-3001: sorted last
    assert model.refresh()
    assert model.rowCount() == 3001 and not resets
    assert model.row_of(case_id(store, "C-3001")) == 3000
    qtmodeltester.check(model)


def test_closing_the_window_saves_or_stays(qtbot, store: Store) -> None:
    win, page, chosen = on_row(qtbot, store, 1)
    page.detail.title.setText("")
    win.close()
    assert win.isVisible()  # a case needs a title: the window stays, saying so
    assert page.detail.save_state.text() == "Not saved: A case needs a title."
    page.detail.title.setText("Carer's allowance form")
    win.close()
    assert not win.isVisible()
    assert saved(store, chosen).title == "Carer's allowance form"
