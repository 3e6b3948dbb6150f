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

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+1 … Ctrl+5", "Cases, Stakeholders, Follow-ups, Handover, Dashboard"),
    ("Ctrl+K", "Search everything"),
    ("Ctrl+N", "New case (in Cases)"),
    ("Ctrl+F", "Filter the list"),
    ("Ctrl+J", "Log an interaction on the open case"),
    ("Ctrl+Enter", "Save the log entry"),
    ("Ctrl+S", "Save the case"),
    ("Ctrl+Z", "Undo the last follow-up marked done"),
    ("Ctrl+I", "Import contacts (vCard, CSV)"),
    ("Ctrl+L", "Lock spocdesk"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
]


def _native(keys: str) -> str:
    if "…" in keys:
        return keys
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
