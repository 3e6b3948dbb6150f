"""The main window shell and the app session: navigation, lock, backup, second instance."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from spocdesk import __version__
from spocdesk import app as app_module
from spocdesk.core import demo
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, vault
from spocdesk.ui import main_window
from spocdesk.ui.dashboard.page import DashboardPage
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:
    demo.generate(store, "small")
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.show()
    win.set_store(store)
    return win


def test_navigation_by_list_and_keyboard(qtbot, window: MainWindow, qtmodeltester) -> None:
    qtmodeltester.check(window.nav.model())
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Cases", "Stakeholders", "Follow-ups", "Handover", "Dashboard",
                      "Inbox"]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.nav.setCurrentRow(2)
    assert window.current_page().title == "Follow-ups"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "Handover"


def test_status_bar_and_about_name_the_store(window: MainWindow, store: Store) -> None:
    assert window.store_label.text() == str(store.location.store)
    text = window.about_text()
    assert __version__ in text and str(store.location.store) in text


def test_dashboard_shows_real_counts_and_forgets_them_on_lock(window: MainWindow,
                                                              store: Store) -> None:
    dashboard = window.show_page("Dashboard")
    assert isinstance(dashboard, DashboardPage)
    today = metrics.today(store)
    assert today.stakeholders_due_for_contact > 0
    for key, tile in dashboard.tiles.items():
        assert tile.number.text() == str(getattr(today, key))
    assert dashboard.oldest_model.rowCount() > 0
    window.set_store(None)
    assert {t.number.text() for t in dashboard.tiles.values()} == {"–"}
    assert dashboard.oldest_model.rowCount() == 0
    assert window.store_label.text() == "Locked"


def test_backup_now_writes_an_encrypted_copy(window: MainWindow, store: Store, tmp_path: Path,
                                             monkeypatch) -> None:
    target = tmp_path / "b.spocdesk-backup"
    monkeypatch.setattr(main_window, "ask_save_path", lambda *a: target)
    window.backup_action.trigger()
    assert target.is_file()
    assert b"SQLite format 3" not in target.read_bytes()[:16]


def _session(location: Location) -> app_module.Session:
    return app_module.Session(location)


def test_session_unlocks_with_remembered_passphrase(qtbot, location: Location,
                                                    memory_keyring, monkeypatch) -> None:
    Store.create(location, PASSPHRASE).close()
    vault.remember(location.store, PASSPHRASE)
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(lambda *a, **k: pytest.fail("asked")))
    session = _session(location)
    qtbot.addWidget(session.window)
    assert session.start()
    assert session.store is not None and session.window.isVisible()
    session.shutdown()


def test_session_asks_when_nothing_is_remembered(qtbot, location: Location,
                                                 monkeypatch) -> None:
    Store.create(location, PASSPHRASE).close()
    asked: list[str] = []

    def fake_ask(cls, where, parent=None, message="", prepare=None):
        asked.append(message)
        return Store.open(where, PASSPHRASE)

    monkeypatch.setattr(UnlockDialog, "ask", classmethod(fake_ask))
    session = _session(location)
    qtbot.addWidget(session.window)
    assert session.start()
    assert asked == [""]

    session.lock()  # Ctrl+L: store closed, pages cleared, asked again
    assert len(asked) == 2 and "locked" in asked[1]
    assert session.store is not None
    session.shutdown()


def test_second_instance_is_refused(qtbot, location: Location, monkeypatch) -> None:
    """A second window on the same store is refused; the command line beside the app is
    not (issue 18.10, tests/ui/test_outside_changes.py)."""
    Store.create(location, PASSPHRASE).close()
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    first = _session(location)
    qtbot.addWidget(first.window)
    assert first.start()
    try:
        second = _session(location)
        qtbot.addWidget(second.window)
        assert not second.start()
        assert len(shown) == 1 and "already open in another spocdesk window" in shown[0]
    finally:
        first.shutdown()


def test_demo_session_needs_no_passphrase(qtbot, location: Location) -> None:
    session = app_module.Session(location, demo=True)
    qtbot.addWidget(session.window)
    assert session.start()
    assert session.store is not None
    folder = session.location.data_dir
    assert folder.is_dir()
    session.shutdown()
    assert not folder.exists()


def test_settings_dialog_saves_through_the_service(qtbot, window: MainWindow, store: Store,
                                                   monkeypatch) -> None:
    from spocdesk.core import preferences
    from spocdesk.ui.settings_dialog import SettingsDialog

    def fake_ask(cls, value, parent=None, **_kw):
        dialog = cls(value, parent)
        qtbot.addWidget(dialog)
        dialog.auto_lock.setValue(3)
        dialog.sla_fields["urgent"][0].setValue(2)
        return dialog.value()

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(fake_ask))
    window.settings_action.trigger()
    saved = preferences.get_settings(store)
    assert saved.auto_lock_minutes == 3
    assert saved.sla["urgent"].first_response_hours == 2
    assert saved.sla["normal"].resolution_days == 10  # untouched values survive


def test_shortcut_sheet_lists_the_lock_key(qtbot) -> None:
    from spocdesk.ui.shortcuts import ShortcutSheet

    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    from PySide6.QtWidgets import QTableWidget

    table = sheet.findChild(QTableWidget, "shortcutTable")
    rows = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "Lock spocdesk" in rows


def test_only_the_visible_page_loads_on_unlock(qtbot, store: Store) -> None:
    loads: list[str] = []
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    for page in win.pages:
        original = page.load
        page.load = lambda p=page, o=original: (loads.append(p.title), o())[1]  # type: ignore[method-assign]
    win.show()
    win.set_store(store)
    assert loads == ["Cases"]
    win.show_page("Follow-ups")
    assert loads == ["Cases", "Follow-ups"]


def test_window_fits_a_small_screen(qtbot, window: MainWindow) -> None:
    """Every page lays out in 800 px: no page forces a wider window (the stakeholder
    filters and the absence planner wrap onto more rows instead)."""
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(1)
    assert window.minimumSizeHint().width() <= 800
    window.resize(800, 600)
    qtbot.wait(1)
    assert window.width() == 800


def test_german_window_fits_a_small_screen(qtbot, store: Store, qapp: QApplication) -> None:
    """German labels are longer: the pages still lay out in 800 px (the handover's
    buttons and the stakeholders' toolbar say it shorter), and so does Settings."""
    from spocdesk.core.settings import Settings
    from spocdesk.ui import i18n
    from spocdesk.ui.settings_dialog import SettingsDialog

    assert i18n.install(qapp, "de") == "de"
    try:
        demo.generate(store, "small")
        win = MainWindow(store.location)
        qtbot.addWidget(win)
        win.show()
        win.set_store(store)
        for row in range(win.nav.count()):
            win.nav.setCurrentRow(row)
            qtbot.wait(1)
        assert win.minimumSizeHint().width() <= 800
        dialog = SettingsDialog(Settings(), win)
        qtbot.addWidget(dialog)
        assert dialog.minimumSizeHint().width() <= 800
    finally:
        i18n.uninstall(qapp)


def test_store_actions_are_greyed_out_while_locked(window: MainWindow, store: Store) -> None:
    names = ("newCase", "newStakeholder", "importContacts", "moreStakeholderActions")
    buttons = [window.findChild(QWidget, name) for name in names]
    assert all(b is not None and b.isEnabled() for b in buttons)
    window.set_store(None)
    assert not any(b.isEnabled() for b in buttons)
    window.set_store(store)
    assert all(b.isEnabled() for b in buttons)
