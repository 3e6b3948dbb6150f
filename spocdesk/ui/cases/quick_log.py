"""The quick log under a case's detail: one interaction, and optionally a new next
step and a follow-up, saved as one user action (Ctrl+Enter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.services import Outcome, quick_log, templates
from spocdesk.core.services.case_detail import CaseDetail
from spocdesk.core.services.cases import CHANNELS, DIRECTIONS, NewInteraction
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.templates_dialog import NoteTemplatePicker

# runs one service call, publishes its change-set or shows its sentence; True when done
Runner = Callable[[Callable[[], Outcome[Any]]], bool]


def _combo(parent: QWidget, name: str, values: list[str], label: Any) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for value in values:
        box.addItem(label(value), value)
    return box


class QuickLogComposer(QGroupBox):
    """Channel, direction, summary, details, next step and follow-up of one log entry."""

    def __init__(self, bus: ChangeBus, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Log an interaction (Ctrl+J)"))
        self.setObjectName("quickLog")
        self.bus = bus
        self.run = run
        self.store: Store | None = None
        self.case: CaseDetail | None = None
        self.channel = _combo(self, "logChannel", CHANNELS, fmt.channel)
        self.direction = _combo(self, "logDirection", DIRECTIONS, fmt.direction)
        self.direction.setCurrentIndex(DIRECTIONS.index("out"))
        self.summary = QLineEdit(self)
        self.summary.setObjectName("logSummary")
        self.summary.setPlaceholderText(self.tr("Summary — Ctrl+Enter saves"))
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("logBody")
        self.body.setPlaceholderText(self.tr("Details (optional)"))
        self.body.setMaximumHeight(70)
        self.body.setTabChangesFocus(True)
        self.next_step = QLineEdit(self)
        self.next_step.setObjectName("logNextStep")
        self.next_step.setPlaceholderText(self.tr("New next step (optional)"))
        self.followup = QCheckBox(self.tr("Follow up on"), self)
        self.followup.setObjectName("logFollowup")
        self.followup_at = QDateTimeEdit(self)
        self.followup_at.setObjectName("logFollowupAt")
        self.followup_at.setCalendarPopup(True)
        self.followup_at.setEnabled(False)
        self.followup.toggled.connect(self._followup_toggled)
        for widget, name in ((self.channel, self.tr("Channel")),
                             (self.direction, self.tr("Direction")),
                             (self.summary, self.tr("Summary")),
                             (self.body, self.tr("Details")),
                             (self.next_step, self.tr("New next step")),
                             (self.followup_at, self.tr("Follow-up date"))):
            widget.setAccessibleName(name)
        self.template = NoteTemplatePicker(self.bus, self)
        self.template.picked.connect(self.apply_note_template)
        self.save_button = QPushButton(self.tr("Log"), self)
        self.save_button.setObjectName("logSave")
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(self.template)
        top.addWidget(self.channel)
        top.addWidget(self.direction)
        top.addWidget(self.summary, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.next_step, 1)
        bottom.addWidget(self.followup)
        bottom.addWidget(self.followup_at)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _followup_toggled(self, on: bool) -> None:
        self.followup_at.setEnabled(on)
        if on:  # a sensible default: tomorrow, 09:00 local time
            tomorrow = QDateTime.currentDateTime().addDays(1)
            tomorrow.setTime(QTime(9, 0))
            self.followup_at.setDateTime(tomorrow)

    # -- showing ----------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.template.set_store(store)
        self.set_case(None)

    def set_case(self, case: CaseDetail | None) -> None:
        self.case = case
        if case is None:
            self.clear()

    def clear(self) -> None:
        self.summary.clear()
        self.body.clear()
        self.next_step.clear()

    def focus(self) -> None:
        self.summary.setFocus()
        self.summary.selectAll()

    # -- actions ----------------------------------------------------------

    def apply_note_template(self, template_id: str) -> None:
        """Fill the summary and text from a note template for this case."""
        if self.case is None or self.store is None:
            return
        try:
            note = templates.render_note(self.store, template_id, self.case.id)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Template not used"), str(exc))
            return
        self.summary.setText(note.summary)
        self.body.setPlainText(note.body)
        self.summary.setFocus()

    def save(self) -> None:
        if self.case is None or self.store is None:
            return
        case, store = self.case, self.store
        if not self.summary.text().strip():
            self.summary.setFocus()
            return
        followup_due = None
        if self.followup.isChecked():
            moment = self.followup_at.dateTime().toSecsSinceEpoch()
            followup_due = datetime.fromtimestamp(moment, UTC)
        next_step = self.next_step.text().strip() or None
        data = quick_log.QuickLog(
            entry=NewInteraction(channel=str(self.channel.currentData()),
                                 direction=str(self.direction.currentData()),
                                 summary=self.summary.text(),
                                 body=self.body.toPlainText()),
            next_step=next_step, followup_due=followup_due)
        if self.run(lambda: quick_log.quick_log(store, case.id, data)):
            self.clear()
            self.followup.setChecked(False)
