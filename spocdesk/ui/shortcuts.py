"""Every keyboard shortcut the app offers, listed once for the Help sheet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+1 … Ctrl+6", QT_TRANSLATE_NOOP(
        "Shortcuts", "Cases, Stakeholders, Follow-ups, Handover, Dashboard, Inbox")),
    ("Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "Search everything")),
    ("Ctrl+N", QT_TRANSLATE_NOOP(
        "Shortcuts", "New case, stakeholder or follow-up (on its page)")),
    ("Ctrl+F", QT_TRANSLATE_NOOP(
        "Shortcuts", "Filter the list (then Down or Enter goes on into the list)")),
    ("F9", QT_TRANSLATE_NOOP("Shortcuts", "Show or hide the case views")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected stakeholder (or Ctrl+E)")),
    ("Ctrl+J", QT_TRANSLATE_NOOP("Shortcuts", "Log an interaction on the open case")),
    ("Alt+O", QT_TRANSLATE_NOOP(
        "Shortcuts", "Quick log: plan a follow-up, then type when (e.g. Fri 10:00)")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "Save the log entry")),
    ("Ctrl+Shift+L", QT_TRANSLATE_NOOP(
        "Shortcuts", "Log a call: start its timer, or end it (its minutes go into the entry)")),
    ("Ctrl+S", QT_TRANSLATE_NOOP(
        "Shortcuts", "Save the case now (its fields also save when you leave them)")),
    ("Ctrl+D", QT_TRANSLATE_NOOP("Shortcuts", "Mark the selected follow-up done (or Space)")),
    ("Ctrl+Shift+D", QT_TRANSLATE_NOOP(
        "Shortcuts", "Skip this occurrence of a repeating follow-up")),
    ("Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "Snooze the selected follow-up")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP(
        "Shortcuts", "Undo the last follow-up marked done, or the last saved change to a case")),
    ("Ctrl+I", QT_TRANSLATE_NOOP("Shortcuts", "Import contacts (vCard, CSV)")),
    ("Ctrl+Shift+I", QT_TRANSLATE_NOOP(
        "Shortcuts", "Import mail (.eml, .msg, mbox); or drop the files onto the window")),
    ("F5", QT_TRANSLATE_NOOP(
        "Shortcuts", "Sync mail now: read the new mail of your mail accounts")),
    ("N", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: new case from the e-mail")),
    ("T", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: new case from a template")),
    ("A", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: add the e-mail to a case (type its number)")),
    ("S", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: new stakeholder from the sender")),
    ("X", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: not a request (or Delete)")),
    ("I", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: always ignore this sender")),
    ("Shift+I", QT_TRANSLATE_NOOP("Shortcuts", "Inbox: always ignore the sender's domain")),
    ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("Shortcuts", "Export the report (PDF)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Lock spocdesk")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "Settings")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This list of shortcuts")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
]


def _native(keys: str) -> str:
    """Keys as this platform and language write them (Strg+K in German)."""
    if " … " in keys:
        return " … ".join(_native(part) for part in keys.split(" … "))
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or keys


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setObjectName("shortcutTable")
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)  # Tab leaves the table for the Close button
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, what) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(_native(keys)))
            table.setItem(row, 1, QTableWidgetItem(
                QCoreApplication.translate("Shortcuts", what)))
        table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 420)
