"""A lock that comes while a modal dialog is open closes the dialog and empties it
before the unlock dialog shows: a locked window shows no case data anywhere."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QWidget,
)

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui.cases.dialogs import NewCaseDialog
from spocdesk.ui.search.palette import SearchPalette
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.test_lock import store_with, visible_text

CANARY = "CANARY-modal-7c21"
TYPED = "CANARY-typed-5e08"


def text_everywhere() -> str:
    """Every string any top-level window or anything below it holds (shown or not)."""
    return "\n".join(window.windowTitle() + "\n" + visible_text(window)
                     for window in QApplication.topLevelWidgets())


@pytest.fixture
def session(qtbot, location: Location, monkeypatch):
    store_with(location, CANARY)
    seen: list[str] = []

    def fake_ask(cls, where, parent=None, message="", prepare=None):
        if "locked" in message:  # what a screenshot of the locked app would show
            visible = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w is not parent]
            seen.append(text_everywhere())
            seen.append("visible: " + ",".join(w.objectName() for w in visible))
            parent.grab().save("/tmp/locked-window.png")
        return Store.open(where, PASSPHRASE)

    monkeypatch.setattr(UnlockDialog, "ask", classmethod(fake_ask))
    s = app_module.Session(location)
    qtbot.addWidget(s.window)
    assert s.start()
    s.window.show_page("Cases")
    yield s, seen
    s.shutdown()


def _watchdog(seconds: float = 20) -> None:
    """Close whatever is still modal after a while: a broken lock fails, never hangs."""
    def close_all() -> None:
        while (modal := QApplication.activeModalWidget()) is not None:
            modal.hide()
    QTimer.singleShot(int(seconds * 1000), close_all)


def _while_modal(action: Callable[[QWidget], None], *, besides: QWidget | None = None
                 ) -> list[str]:
    """Run ``action`` on the modal dialog (other than ``besides``) once one shows."""
    done: list[str] = []
    deadline = time.monotonic() + 20

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal is besides or not modal.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            return
        _watchdog()
        done.append(modal.objectName())
        action(modal)

    QTimer.singleShot(0, poll)
    return done


def _idle_lock(session) -> None:
    """The real idle path: an injected clock passes the limit, the timer's check fires."""
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    session.idle.clock = clock
    session.idle.set_minutes(10)
    clock.advance(timedelta(minutes=11))
    session.idle.check()


def test_idle_lock_closes_the_new_case_dialog_and_forgets_what_was_typed(qtbot,
                                                                           session) -> None:
    s, seen = session
    page = s.window.show_page("Cases")
    dialogs: list[QDialog] = []

    def type_then_idle(modal: QWidget) -> None:
        assert isinstance(modal, NewCaseDialog)
        dialogs.append(modal)
        modal.title.setText(TYPED)
        modal.description.setPlainText(TYPED)
        modal.category.setText(CANARY)
        assert TYPED in text_everywhere()
        _idle_lock(s)

    opened = _while_modal(type_then_idle)
    page.new_case()  # runs the dialog's exec() until the lock rejects it
    assert opened == ["newCaseDialog"]
    assert len(seen) == 2
    assert TYPED not in seen[0] and CANARY not in seen[0]
    assert seen[1] == "visible: "  # only the main window was on screen
    # the dialog was rejected: no case was made from what was typed
    assert [c.title for c in cases.list_cases(s.store)] == [CANARY]
    assert s.store is not None  # unlocked again afterwards
    qtbot.waitUntil(lambda: TYPED not in text_everywhere())


def test_a_question_box_answers_no_when_locked(qtbot, session) -> None:
    """A locked Yes/No box must not come back as "Yes" (or as "not No")."""
    s, seen = session
    answers: list[object] = []
    _while_modal(lambda modal: s.window.lock_action.trigger())

    answers.append(QMessageBox.question(s.window, "Erase?", f"Erase {CANARY}?"))
    assert answers == [QMessageBox.StandardButton.No]
    assert CANARY not in seen[0]

    _while_modal(lambda modal: s.lock())
    answers.append(QMessageBox.question(
        s.window, "Export", f"Only {CANARY}?", QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel))
    assert answers[1] == QMessageBox.StandardButton.Cancel


def test_nested_dialogs_and_settings_are_closed_innermost_first(qtbot, session) -> None:
    s, seen = session
    order: list[str] = []

    def open_inner(outer: QWidget) -> None:
        assert isinstance(outer, NewCaseDialog)
        outer.title.setText(TYPED)

        def inner_open(inner: QWidget) -> None:
            assert isinstance(inner, QMessageBox)
            inner.finished.connect(lambda _r: order.append("inner"))
            _idle_lock(s)

        _while_modal(inner_open, besides=outer)
        box = QMessageBox(QMessageBox.Icon.Information, "Note", TYPED,
                          QMessageBox.StandardButton.Ok, outer)
        box.setObjectName("innerBox")
        box.exec()
        order.append("inner returned")

    _while_modal(open_inner)
    assert NewCaseDialog.ask(s.store, s.window) is None
    assert order == ["inner", "inner returned"]
    assert TYPED not in seen[0]
    assert "innerBox" not in seen[1] and "newCaseDialog" not in seen[1]


def test_ctrl_l_locks_from_inside_a_modal_dialog(qtbot, session) -> None:
    s, seen = session
    s.window.show()
    s.window.activateWindow()

    def press(modal: QWidget) -> None:
        if not isinstance(modal, NewCaseDialog):
            return  # something else is modal: the assertions below fail
        modal.title.setText(TYPED)
        modal.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is modal)
        qtbot.keyClick(modal.title, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert QKeySequence("Ctrl+L") in s.window.lock_action.shortcuts()
    _while_modal(press)
    assert NewCaseDialog.ask(s.store, s.window) is None
    assert len(seen) == 2 and TYPED not in seen[0]


def test_search_results_are_dropped_from_the_palette(qtbot, session) -> None:
    """The Ctrl+K palette holds results in a model of its own: emptied on lock."""
    s, seen = session

    def search_then_idle(palette: QWidget) -> None:
        assert isinstance(palette, SearchPalette)
        palette.query.setText("CANARY")
        palette.run_search()
        assert CANARY in text_everywhere()
        _idle_lock(s)

    opened = _while_modal(search_then_idle)
    s.window.open_search()
    assert opened == ["searchPalette"]
    assert CANARY not in seen[0]
    assert seen[1] == "visible: "
