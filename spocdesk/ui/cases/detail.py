"""One case in detail: editable fields, people, timeline, history, and the quick log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.services import (
    Outcome,
    case_detail,
    case_escalation,
    case_words,
    case_workflow,
    quick_log,
    templates,
)
from spocdesk.core.services.case_detail import CaseDetail
from spocdesk.core.services.cases import CHANNELS, DIRECTIONS, PRIORITIES, STATUSES, NewInteraction
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import words
from spocdesk.ui.cases.dialogs import EscalateDialog, OutcomeDialog, StakeholderPicker
from spocdesk.ui.cases.templates_dialog import NoteTemplatePicker
from spocdesk.ui.cases.timeline_view import TimelinePanel


def _combo(parent: QWidget, name: str, values: list[str], label: Any = str) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for value in values:
        box.addItem(label(value), value)
    return box


class CaseDetailPanel(QWidget):
    """Shows the case chosen in the list; every change goes through a service."""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.bus = bus
        self.store: Store | None = None
        self.case: CaseDetail | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.badges = QLabel(self)
        self.badges.setObjectName("caseBadges")
        self.badges.setWordWrap(True)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self._build_fields(), self.tr("&Details"))
        self.tabs.addTab(self._build_people(), self.tr("&People"))
        self.timeline = TimelinePanel(self)
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.history = QListWidget(self)
        self.history.setObjectName("caseHistory")
        self.history.setAccessibleName(self.tr("Change history"))
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, self.tr("&History"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.badges)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._build_quick_log())
        self.show_case(None)

    # -- building ---------------------------------------------------------

    def _build_fields(self) -> QWidget:
        page = QWidget(self)
        self.title = QLineEdit(page)
        self.title.setObjectName("caseTitle")
        self.status = _combo(page, "caseStatus", STATUSES, fmt.status)
        self.priority = _combo(page, "casePriority", PRIORITIES, fmt.priority)
        self.category = QLineEdit(page)
        self.category.setObjectName("caseCategory")
        self.tags = QLineEdit(page)
        self.tags.setObjectName("caseTags")
        self.tags.setPlaceholderText(self.tr("comma-separated"))
        self.has_due = QCheckBox(self.tr("Due"), page)
        self.has_due.setObjectName("caseHasDue")
        self.due = QDateEdit(page)
        self.due.setObjectName("caseDue")
        self.due.setCalendarPopup(True)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.next_step = QLineEdit(page)
        self.next_step.setObjectName("caseNextStep")
        self.next_step.setPlaceholderText(self.tr("One line: what happens next?"))
        self.description = QPlainTextEdit(page)
        self.description.setObjectName("caseDescription")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(110)
        for widget, name in ((self.title, self.tr("Title")), (self.status, self.tr("Status")),
                             (self.priority, self.tr("Priority")),
                             (self.category, self.tr("Category")), (self.tags, self.tr("Tags")),
                             (self.due, self.tr("Due date")),
                             (self.next_step, self.tr("Next step")),
                             (self.description, self.tr("Description"))):
            widget.setAccessibleName(name)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Priority:"), self.priority)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("Due:"), due_row)
        form.addRow(self.tr("Next step:"), self.next_step)
        form.addRow(self.tr("Description:"), self.description)
        self.save_button = QPushButton(self.tr("Save changes"), page)
        self.save_button.setObjectName("saveCase")
        self.save_button.setToolTip(self.tr("Save the case (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.escalate_button = QPushButton(self.tr("Escalate…"), page)
        self.escalate_button.setObjectName("escalateCase")
        self.escalate_button.clicked.connect(self.escalate)
        self.outcome_button = QPushButton(self.tr("Record outcome…"), page)
        self.outcome_button.setObjectName("recordOutcome")
        self.outcome_button.clicked.connect(self.record_outcome)
        buttons = QHBoxLayout()
        buttons.addWidget(self.escalate_button)
        buttons.addWidget(self.outcome_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        return page

    def _build_people(self) -> QWidget:
        page = QWidget(self)
        self.people = QTableWidget(0, 3, page)
        self.people.setObjectName("caseParticipants")
        self.people.setAccessibleName(self.tr("Stakeholders involved"))
        self.people.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"),
                                               self.tr("Main")])
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().hide()
        self.people.setTabKeyNavigation(False)
        self.people.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.people.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        add = QPushButton(self.tr("Add…"), page)
        add.setObjectName("addParticipant")
        add.clicked.connect(self.add_participant)
        remove = QPushButton(self.tr("Remove"), page)
        remove.setObjectName("removeParticipant")
        remove.clicked.connect(self.remove_participant)
        main = QPushButton(self.tr("Make main"), page)
        main.setObjectName("makeMain")
        main.clicked.connect(self.make_main)
        self.role_edit = QComboBox(page)
        self.role_edit.setObjectName("participantRole")
        self.role_edit.setAccessibleName(self.tr("Role of the selected stakeholder"))
        self.role_edit.setEditable(True)
        self.role_edit.addItems(case_workflow.ROLES)
        self.role_edit.activated.connect(lambda _i: self.change_role())
        row = QHBoxLayout()
        for widget in (add, remove, main):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Role:"), page))
        row.addWidget(self.role_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(self.people)
        layout.addLayout(row)
        return page

    def _build_quick_log(self) -> QGroupBox:
        box = QGroupBox(self.tr("Log an interaction (Ctrl+J)"), self)
        box.setObjectName("quickLog")
        self.log_channel = _combo(box, "logChannel", CHANNELS, fmt.channel)
        self.log_direction = _combo(box, "logDirection", DIRECTIONS, fmt.direction)
        self.log_direction.setCurrentIndex(DIRECTIONS.index("out"))
        self.log_summary = QLineEdit(box)
        self.log_summary.setObjectName("logSummary")
        self.log_summary.setPlaceholderText(self.tr("Summary — Ctrl+Enter saves"))
        self.log_body = QPlainTextEdit(box)
        self.log_body.setObjectName("logBody")
        self.log_body.setPlaceholderText(self.tr("Details (optional)"))
        self.log_body.setMaximumHeight(70)
        self.log_body.setTabChangesFocus(True)
        self.log_next_step = QLineEdit(box)
        self.log_next_step.setObjectName("logNextStep")
        self.log_next_step.setPlaceholderText(self.tr("New next step (optional)"))
        self.log_followup = QCheckBox(self.tr("Follow up on"), box)
        self.log_followup.setObjectName("logFollowup")
        self.log_followup_at = QDateTimeEdit(box)
        self.log_followup_at.setObjectName("logFollowupAt")
        self.log_followup_at.setCalendarPopup(True)
        self.log_followup_at.setEnabled(False)
        self.log_followup.toggled.connect(self._followup_toggled)
        for widget, name in ((self.log_channel, self.tr("Channel")),
                             (self.log_direction, self.tr("Direction")),
                             (self.log_summary, self.tr("Summary")),
                             (self.log_body, self.tr("Details")),
                             (self.log_next_step, self.tr("New next step")),
                             (self.log_followup_at, self.tr("Follow-up date"))):
            widget.setAccessibleName(name)
        self.log_template = NoteTemplatePicker(self.bus, box)
        self.log_template.picked.connect(self.apply_note_template)
        self.log_save = QPushButton(self.tr("Log"), box)
        self.log_save.setObjectName("logSave")
        self.log_save.clicked.connect(self.save_log)
        top = QHBoxLayout()
        top.addWidget(self.log_template)
        top.addWidget(self.log_channel)
        top.addWidget(self.log_direction)
        top.addWidget(self.log_summary, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.log_next_step, 1)
        bottom.addWidget(self.log_followup)
        bottom.addWidget(self.log_followup_at)
        bottom.addWidget(self.log_save)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.log_body)
        layout.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), box, self.save_log,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return box

    def _followup_toggled(self, on: bool) -> None:
        self.log_followup_at.setEnabled(on)
        if on:  # a sensible default: tomorrow, 09:00 local time
            tomorrow = QDateTime.currentDateTime().addDays(1)
            tomorrow.setTime(QTime(9, 0))
            self.log_followup_at.setDateTime(tomorrow)

    # -- showing ----------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.log_template.set_store(store)
        self.show_case(None)

    def show_case(self, case_id: str | None) -> None:
        self.case = None
        if case_id is not None and self.store is not None:
            try:
                self.case = case_detail.get_case(self.store, case_id)
            except SpocError:
                self.case = None
        self.setEnabled(self.case is not None)
        self._fill()

    def reload(self) -> None:
        self.show_case(self.case.id if self.case else None)

    def _fill(self) -> None:
        case = self.case
        self.history.clear()
        self.people.setRowCount(0)
        if case is None:
            self.timeline.clear()
            self.heading.setText(self.tr("No case selected"))
            self.badges.setText(self.tr("Choose a case in the list, or press Ctrl+N for a "
                                        "new one."))
            for edit in (self.title, self.category, self.tags, self.next_step,
                         self.log_summary, self.log_next_step):
                edit.clear()
            self.description.clear()
            self.log_body.clear()
            return
        self.heading.setText(f"{case.ref}  {case.title}")
        self.badges.setText(self._badges(case))
        self.title.setText(case.title)
        self.status.setCurrentIndex(max(0, STATUSES.index(case.status)))
        self.priority.setCurrentIndex(max(0, PRIORITIES.index(case.priority)))
        self.category.setText(case.category)
        self.tags.setText(", ".join(case.tags))
        self.has_due.setChecked(case.due_at is not None)
        self.due.setEnabled(case.due_at is not None)
        due = fmt.local(case.due_at)
        self.due.setDate(due.date() if due else QDate.currentDate())
        self.next_step.setText(case.next_step)
        self.description.setPlainText(case.description)
        self.outcome_button.setEnabled(case.escalated)
        self._fill_people(case)
        self._fill_timeline(case)
        self._fill_history(case)

    def _badges(self, case: CaseDetail) -> str:
        parts = [fmt.status(case.status), fmt.priority(case.priority)]
        if case.escalated:
            parts.append(self.tr("⚑ Escalated, waiting for an outcome"))
        sla = fmt.sla(case.sla_state, case.sla_time_left)
        if sla:
            parts.append(self.tr("SLA: {state}").format(state=sla))
        if case.next_followup_at is None and case.status not in ("resolved", "closed"):
            parts.append(self.tr("— no follow-up planned"))
        elif case.next_followup_at is not None:
            parts.append(self.tr("Next follow-up {when}").format(
                when=fmt.when(case.next_followup_at)))
        return "  ·  ".join(parts)

    def _fill_people(self, case: CaseDetail) -> None:
        self.people.setRowCount(len(case.participants))
        for row, person in enumerate(case.participants):
            name = QTableWidgetItem(person.name)
            name.setData(Qt.ItemDataRole.UserRole, person.stakeholder_id)
            self.people.setItem(row, 0, name)
            self.people.setItem(row, 1, QTableWidgetItem(person.role))
            self.people.setItem(row, 2, QTableWidgetItem("★" if person.is_main else ""))

    def _fill_timeline(self, case: CaseDetail) -> None:
        assert self.store is not None
        self.timeline.show_case(self.store, case.id, case_words.author_names(self.store))

    def _fill_history(self, case: CaseDetail) -> None:
        assert self.store is not None
        names = case_words.author_names(self.store)
        for event in case_detail.case_history(self.store, case.id):
            self.history.addItem(words.history_line(event, names))
        if not self.history.count():
            self.history.addItem(self.tr("No changes recorded yet."))

    # -- actions ----------------------------------------------------------

    def _run(self, action: Any) -> bool:
        """Run one service call; publish its change-set or show its one sentence."""
        try:
            outcome: Outcome[Any] = action()
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        self.bus.publish(outcome.changes)
        return True

    def save(self) -> None:
        if self.case is None or self.store is None:
            return
        case, store = self.case, self.store
        due: datetime | None = None
        if self.has_due.isChecked():
            day = self.due.date()
            due = datetime(day.year(), day.month(), day.day(), 17, 0).astimezone(UTC)
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        self._run(lambda: case_workflow.update_case(
            store, case.id, expected_revision=case.revision, title=self.title.text(),
            description=self.description.toPlainText(), status=self.status.currentData(),
            priority=self.priority.currentData(), category=self.category.text(), tags=tags,
            due_at=due, next_step=self.next_step.text()))

    def focus_quick_log(self) -> None:
        self.log_summary.setFocus()
        self.log_summary.selectAll()

    def apply_note_template(self, template_id: str) -> None:
        """Fill the quick log's summary and text from a note template for this case."""
        if self.case is None or self.store is None:
            return
        try:
            note = templates.render_note(self.store, template_id, self.case.id)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Template not used"), str(exc))
            return
        self.log_summary.setText(note.summary)
        self.log_body.setPlainText(note.body)
        self.log_summary.setFocus()

    def save_log(self) -> None:
        if self.case is None or self.store is None:
            return
        case, store = self.case, self.store
        if not self.log_summary.text().strip():
            self.log_summary.setFocus()
            return
        followup_due = None
        if self.log_followup.isChecked():
            moment = self.log_followup_at.dateTime().toSecsSinceEpoch()
            followup_due = datetime.fromtimestamp(moment, UTC)
        next_step = self.log_next_step.text().strip() or None
        data = quick_log.QuickLog(
            entry=NewInteraction(channel=str(self.log_channel.currentData()),
                                 direction=str(self.log_direction.currentData()),
                                 summary=self.log_summary.text(),
                                 body=self.log_body.toPlainText()),
            next_step=next_step, followup_due=followup_due)
        if self._run(lambda: quick_log.quick_log(store, case.id, data)):
            self.log_summary.clear()
            self.log_body.clear()
            self.log_next_step.clear()
            self.log_followup.setChecked(False)

    def escalate(self) -> None:
        if self.case is None or self.store is None:
            return
        answer = EscalateDialog.ask(self)
        if answer:
            case, store = self.case, self.store
            self._run(lambda: case_escalation.escalate(store, case.id, answer[0], answer[1]))

    def record_outcome(self) -> None:
        if self.case is None or self.store is None:
            return
        pending = [e for e in self.case.escalations if e.is_open]
        if not pending:
            return
        outcome = OutcomeDialog.ask(pending[-1].to_name, self)
        if outcome:
            store = self.store
            self._run(lambda: case_escalation.record_escalation_outcome(
                store, pending[-1].id, outcome))

    def _selected_person(self) -> str | None:
        row = self.people.currentRow()
        item = self.people.item(row, 0) if row >= 0 else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def add_participant(self) -> None:
        if self.case is None or self.store is None:
            return
        chosen = StakeholderPicker.ask(self.store, self)
        if chosen:
            case, store = self.case, self.store
            self._run(lambda: case_workflow.add_participant(store, case.id, chosen[0],
                                                            chosen[1]))

    def remove_participant(self) -> None:
        person = self._selected_person()
        if self.case is None or self.store is None or person is None:
            return
        case, store = self.case, self.store
        self._run(lambda: case_workflow.remove_participant(store, case.id, person))

    def make_main(self) -> None:
        person = self._selected_person()
        if self.case is None or self.store is None or person is None:
            return
        case, store = self.case, self.store
        self._run(lambda: case_workflow.set_main_participant(store, case.id, person))

    def change_role(self) -> None:
        person = self._selected_person()
        role = self.role_edit.currentText().strip()
        if self.case is None or self.store is None or person is None or not role:
            return
        case, store = self.case, self.store
        self._run(lambda: case_workflow.set_participant_role(store, case.id, person, role))

