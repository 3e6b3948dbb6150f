"""Every control a keyboard or screen-reader user reaches has a name, and every
page and dialog can be walked with Tab.

A focusable widget passes when it has an accessible name, a visible text of its
own (a button's label, a group box's title, tab titles) or a label whose buddy it
is. Qt's internal parts of composite widgets (a spin box's line edit, a scroll
area's viewport) are named by their owner and skipped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

from spocdesk.core import demo
from spocdesk.core.people import contacts_import
from spocdesk.core.people.formats import contacts_csv
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.main_window import MainWindow

WORD = re.compile(r"\w")


def _internal(widget: QWidget) -> bool:
    """A part Qt builds inside a composite widget, named through its owner."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox) or widget.focusProxy() is not None


def focusable(root: QWidget) -> Iterator[QWidget]:
    """Widgets Tab can reach in ``root``'s window (not a combo box's popup list)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not _internal(widget) \
                and widget.window() is root.window():
            yield widget


def has_name(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and WORD.search(widget.text().replace("&", "")):
        return True
    if isinstance(widget, QGroupBox) and widget.title().strip():
        return True
    if isinstance(widget, QTabBar):
        return all(widget.tabText(i).strip() for i in range(widget.count()))
    return id(widget) in buddies


def unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    return [f"{type(w).__name__} {w.objectName() or '(no objectName)'} in "
            f"{type(w.parentWidget()).__name__ if w.parentWidget() else '-'}"
            for w in focusable(root) if not has_name(w, buddies)]


def tab_walk(qtbot, root: QWidget, steps: int = 120) -> list[QWidget]:
    """Press Tab until focus comes back to where it started; the widgets it visited,
    in order (a date edit keeps the focus while Tab walks its day, month and year)."""
    root.show()
    root.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is root.window(), timeout=3000)
    seen: list[QWidget] = []
    for _ in range(steps):
        current = QApplication.focusWidget()
        if current is None or (len(seen) > 1 and current is seen[0] and seen[-1] is not current):
            break
        if not seen or seen[-1] is not current:
            seen.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    return seen


@pytest.fixture
def filled(store: Store) -> Store:
    demo.generate(store, "small")
    return store


def visit_every_page(qtbot, store: Store) -> MainWindow:
    """A main window on ``store`` that has shown (and painted) each of its pages."""
    window = MainWindow(store.location)
    qtbot.addWidget(window)
    window.show()
    window.set_store(store)
    for page in window.pages:
        window.show_page(page.title)
        window.grab()  # paints every header and visible cell
    return window


def test_main_window_and_every_page_name_their_controls(qtbot, filled: Store) -> None:
    assert unnamed(visit_every_page(qtbot, filled)) == []


def test_tab_walks_every_page_and_comes_back(qtbot, filled: Store) -> None:
    """From the navigation list, Tab visits every visible control of the page and
    returns to the list: no control is skipped and none traps the focus."""
    window = MainWindow(filled.location)
    qtbot.addWidget(window)
    window.set_store(filled)
    for page in window.pages:
        window.show_page(page.title)
        window.nav.setFocus()
        visited = tab_walk(qtbot, window)
        assert visited[0] is window.nav
        assert QApplication.focusWidget() is window.nav, page.title
        skipped = [f"{type(w).__name__} {w.objectName()}" for w in focusable(page)
                   if w.isVisible() and w.isEnabled() and w not in visited
                   and not isinstance(w, QTabBar)]
        assert skipped == [], page.title


def test_mnemonics_in_the_main_window_have_buddies(qtbot, filled: Store) -> None:
    window = MainWindow(filled.location)
    qtbot.addWidget(window)
    window.set_store(filled)
    broken = [label.text() for label in window.findChildren(QLabel)
              if re.search(r"&[^&\s]", label.text()) and label.buddy() is None]
    assert broken == []


def _dialogs(store: Store, tmp_path: Path) -> dict[str, Callable[[], QWidget]]:
    from spocdesk.ui.cases.dialogs import (
        EscalateDialog,
        NewCaseDialog,
        OutcomeDialog,
        StakeholderPicker,
    )
    from spocdesk.ui.followups.dialogs import NewFollowUpDialog, SnoozeDialog
    from spocdesk.ui.handover.dialogs import AbsenceDialog, AddCasesDialog, PackPassphraseDialog
    from spocdesk.ui.handover.open_pack import OpenPackDialog
    from spocdesk.ui.safety import ChangePassphraseDialog, RestoreDialog
    from spocdesk.ui.search.palette import SearchPalette
    from spocdesk.ui.settings_dialog import SettingsDialog
    from spocdesk.ui.shortcuts import ShortcutSheet
    from spocdesk.ui.stakeholders.detail import NewStakeholderDialog
    from spocdesk.ui.stakeholders.duplicates_dialog import DuplicatesDialog
    from spocdesk.ui.stakeholders.import_dialog import ColumnMappingDialog, ImportPreviewDialog
    from spocdesk.ui.unlock import CreateStoreDialog, UnlockDialog

    optional: dict[str, Callable[[], QWidget]] = {}
    try:  # dialogs other parts of the app are still adding
        from spocdesk.core.people import stakeholders
        from spocdesk.ui.cases.templates_dialog import TemplatesDialog
        from spocdesk.ui.stakeholders.edit_dialog import StakeholderEditDialog

        someone = stakeholders.list_stakeholders(store, limit=1)[0].id
        optional["templates"] = lambda: TemplatesDialog(store, ChangeBus())
        optional["edit stakeholder"] = lambda: StakeholderEditDialog(
            store, stakeholders.details(store, someone))
    except (ImportError, IndexError):
        pass

    vcf = tmp_path / "people.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Example\r\nEMAIL:ada@example.org\r\n"
                   "END:VCARD\r\n", encoding="utf-8")
    csv_info = contacts_csv.inspect_csv(b"Who,Where\r\nAda,Berlin\r\n")
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return {
        "settings": lambda: SettingsDialog(Settings()),
        "new case": lambda: NewCaseDialog(store),
        "stakeholder picker": lambda: StakeholderPicker(store),
        "escalate": lambda: EscalateDialog(),
        "outcome": lambda: OutcomeDialog("Billing team"),
        "new stakeholder": lambda: NewStakeholderDialog(),
        "duplicates": lambda: DuplicatesDialog(store, ChangeBus()),
        "column mapping": lambda: ColumnMappingDialog(csv_info),
        "import preview": lambda: ImportPreviewDialog(
            store, contacts_import.preview(store, contacts_import.read_file(vcf)), vcf.name),
        "search": lambda: SearchPalette(store),
        "shortcuts": lambda: ShortcutSheet(),
        "new follow-up": lambda: NewFollowUpDialog(store),
        "snooze": lambda: SnoozeDialog(now),
        "absence": lambda: AbsenceDialog(),
        "add cases": lambda: AddCasesDialog(store, []),
        "pack passphrase": lambda: PackPassphraseDialog(True),
        "open pack": lambda: OpenPackDialog(),
        "unlock": lambda: UnlockDialog(store.location),
        "create store": lambda: CreateStoreDialog(store.location),
        "change passphrase": lambda: ChangePassphraseDialog(),
        "restore": lambda: RestoreDialog(tmp_path),
        **optional,
    }


def test_every_dialog_names_its_controls_and_tabs_through_them(qtbot, filled: Store,
                                                               tmp_path: Path) -> None:
    problems: dict[str, list[str]] = {}
    for name, make in _dialogs(filled, tmp_path).items():
        dialog = make()
        qtbot.addWidget(dialog)
        missing = unnamed(dialog)
        if missing:
            problems[name] = missing
        visited = tab_walk(qtbot, dialog)
        reachable = [w for w in focusable(dialog) if w.isVisibleTo(dialog) and w.isEnabled()
                     and not isinstance(w, QTabBar)]
        stuck = [f"{type(w).__name__} {w.objectName()}" for w in reachable
                 if w not in visited and not any(w.isAncestorOf(v) for v in visited)]
        if stuck:
            problems[f"{name}: not reached by Tab"] = stuck
        dialog.close()
    assert problems == {}


def test_form_labels_name_their_fields(qtbot, filled: Store, tmp_path: Path) -> None:
    """Labels with a mnemonic (&Title:) must point at a field, or Alt+T does nothing."""
    broken: list[str] = []
    for name, make in _dialogs(filled, tmp_path).items():
        dialog = make()
        qtbot.addWidget(dialog)
        for label in dialog.findChildren(QLabel):
            text = label.text()
            if re.search(r"&[^&\s]", text) and label.buddy() is None:
                broken.append(f"{name}: {text!r}")
        dialog.close()
    assert broken == []


def test_ctrl_k_searches_from_every_page(qtbot, filled: Store, monkeypatch) -> None:
    """No page may claim a main-window key for itself (an ambiguous shortcut fires
    nothing at all)."""
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "open_search", lambda self: opened.append("search"))
    window = MainWindow(filled.location)
    qtbot.addWidget(window)
    window.set_store(filled)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    for page in window.pages:
        window.show_page(page.title)
        page.focusNextChild()
        target = QApplication.focusWidget() or page
        qtbot.keyClick(target, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert opened, page.title
        opened.clear()
