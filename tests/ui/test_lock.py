"""Locking: by hand and after idle minutes; afterwards no widget holds case text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.idle import IdleLock
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

CANARY = "CANARY-lock-4411"


def _texts_of_model(model: QAbstractItemModel) -> list[str]:
    out = []
    parent = QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:  # list models hide columnCount: they have one column
        columns = 1
    for row in range(min(model.rowCount(parent), 500)):
        for column in range(columns):
            value = model.data(model.index(row, column, parent))
            if value is not None:
                out.append(str(value))
    return out


def visible_text(root: QWidget) -> str:
    """Every string a widget or item model below ``root`` holds."""
    parts: list[str] = []
    for obj in [root, *root.findChildren(QObject)]:
        if isinstance(obj, QLabel | QLineEdit):
            parts.append(obj.text())
        elif isinstance(obj, QPlainTextEdit | QTextEdit):
            parts.append(obj.toPlainText())
        elif isinstance(obj, QComboBox):
            parts.extend(obj.itemText(i) for i in range(obj.count()))
        elif isinstance(obj, QAbstractItemModel):
            parts.extend(_texts_of_model(obj))
    return "\n".join(parts)


def store_with(location: Location, canary: str) -> None:
    """A closed store with one person and one open case named after ``canary``."""
    store = Store.create(location, PASSPHRASE)
    sid = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name=f"{canary} person")).value
    cases.add_case(store, cases.NewCase(title=canary, next_step=canary, status="open",
                                        stakeholders=[(sid, "client")]))
    store.close()


@pytest.fixture
def unlocked(qtbot, location: Location, monkeypatch):
    store_with(location, CANARY)
    seen_while_locked: list[str] = []

    def fake_ask(cls, where, parent=None, message="", prepare=None):
        if "locked" in message:  # asked because of a lock: record what was on screen
            seen_while_locked.append(visible_text(session.window))
        return Store.open(where, PASSPHRASE)

    monkeypatch.setattr(UnlockDialog, "ask", classmethod(fake_ask))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    assert session.start()
    yield session, seen_while_locked
    session.shutdown()


def test_cases_are_on_screen_before_lock(unlocked) -> None:
    session, _ = unlocked
    session.window.nav.setCurrentRow(1)
    assert CANARY in visible_text(session.window)


def test_lock_leaves_no_case_text_in_any_widget(unlocked) -> None:
    session, seen = unlocked
    session.window.nav.setCurrentRow(1)
    session.window.lock_action.trigger()
    assert len(seen) == 1
    assert CANARY not in seen[0]
    assert session.store is not None  # unlocked again afterwards
    assert CANARY in visible_text(session.window)


def test_idle_timer_locks_after_the_limit(qtbot) -> None:
    from datetime import UTC, datetime

    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    watcher = IdleLock(10, clock=clock)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    assert watcher.timer.isActive()
    assert watcher.timer.interval() == 10 * 60 * 1000

    clock.advance(timedelta(minutes=6))
    watcher.note_activity()  # the user typed something at minute 6
    clock.advance(timedelta(minutes=4))
    watcher.check()  # the timer fires at minute 10: only 4 idle minutes, re-armed
    assert not fired
    assert watcher.timer.interval() == 6 * 60 * 1000

    clock.advance(timedelta(minutes=6))
    watcher.check()
    assert fired == [True]


def test_zero_minutes_never_locks(qtbot) -> None:
    from datetime import UTC, datetime

    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    watcher = IdleLock(0, clock=clock)
    clock.advance(timedelta(days=3))
    watcher.check()
    assert not watcher.timer.isActive()
