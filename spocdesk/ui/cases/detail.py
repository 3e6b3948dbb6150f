"""One case in detail: editable fields, people, timeline, history, and the quick log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
    case_workflow,
    timeline,
)
from spocdesk.core.services.case_detail import CaseDetail
from spocdesk.core.services.cases import PRIORITIES, STATUSES
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.dialogs import EscalateDialog, OutcomeDialog, StakeholderPicker
from spocdesk.ui.cases.quick_log import QuickLogComposer
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

TIMELINE_PAGE = 200
KIND_LABELS = {
    "interaction": "", "created": QT_TRANSLATE_NOOP("CaseDetailPanel", "Opened"),
    "status": QT_TRANSLATE_NOOP("CaseDetailPanel", "Status"),
    "escalation": QT_TRANSLATE_NOOP("CaseDetailPanel", "Escalated"),
    "escalation_outcome": QT_TRANSLATE_NOOP("CaseDetailPanel", "Escalation outcome"),
    "followup": QT_TRANSLATE_NOOP("CaseDetailPanel", "Follow-up"),
}


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
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setAccessibleName(self.tr("Timeline"))
        self.timeline.setWordWrap(True)
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
        # the page may dock it outside its scroll area, so that it stays in sight
        self.quick_log = QuickLogComposer(bus, self._run, self)
        layout.addWidget(self.quick_log)
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

    # -- showing ----------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.quick_log.set_store(store)
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
        self.timeline.clear()
        self.history.clear()
        self.people.setRowCount(0)
        if case is None:
            self.heading.setText(self.tr("No case selected"))
            self.badges.setText(self.tr("Choose a case in the list, or press Ctrl+N for a "
                                        "new one."))
            for edit in (self.title, self.category, self.tags, self.next_step):
                edit.clear()
            self.description.clear()
            self.quick_log.set_case(None)
            return
        self.quick_log.set_case(case)
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
            parts.append(self.tr("— no next step"))
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
        entries = timeline.timeline(self.store, case.id, limit=TIMELINE_PAGE)
        if not entries:
            self.timeline.addItem(self.tr("Nothing logged yet. Use the log below (Ctrl+J)."))
        for entry in entries:
            kind = self.tr(KIND_LABELS.get(entry.kind, entry.kind))
            what = entry.channel and "/".join((fmt.channel(entry.channel),
                                               fmt.direction(entry.direction)))
            head = " · ".join(v for v in (fmt.when(entry.at), kind, what) if v)
            summary = entry.summary
            if entry.kind == "status" and entry.after:
                summary = f"{fmt.status(entry.before or '')} → {fmt.status(entry.after)}"
            text = f"{head}\n{summary}"
            if entry.detail:
                text += f"\n{entry.detail}"
            self.timeline.addItem(QListWidgetItem(text))

    def _fill_history(self, case: CaseDetail) -> None:
        assert self.store is not None
        for event in case_detail.case_history(self.store, case.id):
            if event.action == "update":
                text = self.tr("{when} · {who} changed {field}: “{before}” → “{after}”").format(
                    when=fmt.when(event.at), who=event.author, field=event.field,
                    before=event.before or "", after=event.after or "")
            else:
                text = self.tr("{when} · {who}: {action}").format(
                    when=fmt.when(event.at), who=event.author, action=event.action)
            self.history.addItem(text)

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
        self.quick_log.focus()

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

