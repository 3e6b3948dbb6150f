"""One case's I-PASS handover note: severity, summary, actions, situation awareness
and contingencies, and the receiver's acknowledgement with their synthesis."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.handover.absence import SEVERITIES, Action, NoteDraft, NoteView
from spocdesk.ui import format as fmt
from spocdesk.ui.handover.model import SEVERITY_COLOURS, severity_hint, severity_label
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

ACTION_COLUMNS = (QT_TRANSLATE_NOOP("NoteEditor", "Action"),
                  QT_TRANSLATE_NOOP("NoteEditor", "Owner"), QT_TRANSLATE_NOOP("NoteEditor", "Due"))


def _text_edit(parent: QWidget, name: str, accessible: str, placeholder: str,
               height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(int(height * 1.8))
    return edit


class NoteEditor(QWidget):
    """Edits one note; emits ``save_requested`` / ``acknowledge_requested`` for the page
    to run the services. ``dirty`` says whether the fields differ from what was shown."""

    save_requested = Signal()
    acknowledge_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.dirty = False
        self._filling = False
        self.case_id: str | None = None
        self.note_id: str | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("noteHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.state = QLabel(self)
        self.state.setObjectName("noteState")
        self.state.setWordWrap(True)

        # I — illness severity
        self.severity = QComboBox(self)
        self.severity.setObjectName("noteSeverity")
        self.severity.setAccessibleName(self.tr("Severity"))
        for value in SEVERITIES:
            self.severity.addItem(severity_label(value), value)
            index = self.severity.count() - 1
            self.severity.setItemData(index, fmt.readable(SEVERITY_COLOURS[value]),
                                      Qt.ItemDataRole.ForegroundRole)
            self.severity.setItemData(index, severity_hint(value), Qt.ItemDataRole.ToolTipRole)
        self.severity_hint = QLabel(self)
        self.severity_hint.setObjectName("noteSeverityHint")
        self.severity_hint.setWordWrap(True)
        severity_row = QHBoxLayout()
        severity_row.addWidget(self.severity)
        severity_row.addWidget(self.severity_hint, 1)
        # P — summary
        self.summary = _text_edit(self, "noteSummary", self.tr("Summary"),
                                  self.tr("Status, history in two lines, key stakeholders"),
                                  110)
        # A — actions
        self.action_table = QTableWidget(0, len(ACTION_COLUMNS), self)
        self.action_table.setObjectName("noteActions")
        self.action_table.setAccessibleName(self.tr("Action list"))
        self.action_table.setHorizontalHeaderLabels([self.tr(c) for c in ACTION_COLUMNS])
        header = self.action_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # owner and due get what their usual content needs; the action text the rest
        metrics = self.action_table.fontMetrics()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.action_table.setColumnWidth(1, metrics.horizontalAdvance("Dana Deputy") + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.action_table.setColumnWidth(2, metrics.horizontalAdvance("2026-03-16T09:00") + 20)
        due_header = self.action_table.horizontalHeaderItem(2)
        if due_header is not None:
            due_header.setToolTip(self.tr("A date like 2026-03-16, or a date and time like "
                                          "2026-03-16T09:00"))
        self.action_table.verticalHeader().hide()
        # Tab leaves the list (it went round its cells for ever); the arrows move in it,
        # and Tab while typing in a cell still goes on to the next cell
        self.action_table.setTabKeyNavigation(False)
        self.action_table.setMinimumHeight(90)
        self.action_table.setMaximumHeight(170)
        self.action_table.setWordWrap(True)
        self.add_action_button = QPushButton(self.tr("Add action"), self)
        self.add_action_button.setObjectName("addAction")
        self.add_action_button.clicked.connect(lambda: self.add_action(Action(text="")))
        self.remove_action_button = QPushButton(self.tr("Remove action"), self)
        self.remove_action_button.setObjectName("removeAction")
        self.remove_action_button.clicked.connect(self.remove_action)
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.remove_action_button)
        action_buttons.addStretch(1)
        actions_box = QVBoxLayout()
        actions_box.addWidget(self.action_table)
        actions_box.addLayout(action_buttons)
        # S — situation awareness and contingencies
        self.situation = _text_edit(self, "noteSituation", self.tr("Situation awareness"),
                                    self.tr("What is going on, what to watch for"), 70)
        self.contingencies = _text_edit(
            self, "noteContingencies", self.tr("Contingencies"),
            self.tr("If the client calls about the invoice, then …"), 70)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("I — &Severity:"), severity_row)
        form.addRow(self.tr("P — S&ummary:"), self.summary)
        form.addRow(self.tr("A — Actions:"), actions_box)
        form.addRow(self.tr("S — Situa&tion:"), self.situation)
        # Alt+T is Situation's, Alt+H the Help menu's: Alt+I here
        form.addRow(self.tr("&If / then:"), self.contingencies)
        for field, buddy in ((severity_row, self.severity), (self.summary, self.summary),
                             (self.situation, self.situation),
                             (self.contingencies, self.contingencies)):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

        self.reset_button = QPushButton(self.tr("Refill from the case"), self)
        self.reset_button.setObjectName("resetNote")
        self.reset_button.setToolTip(self.tr("Replace the fields with a fresh draft from the "
                                             "case"))
        self.reset_button.clicked.connect(self.reset_requested.emit)
        self.save_button = QPushButton(self.tr("Save note"), self)
        self.save_button.setObjectName("saveNote")
        self.save_button.setToolTip(self.tr("Save the handover note (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_requested.emit)
        save_row = QHBoxLayout()
        save_row.addWidget(self.reset_button)
        save_row.addWidget(self.save_button)

        # S — synthesis by the receiver
        ack_box = QGroupBox(self.tr("S — Synthesis by the receiver"), self)
        ack_box.setObjectName("acknowledgement")
        self.ack_state = QLabel(ack_box)
        self.ack_state.setObjectName("ackState")
        self.ack_state.setWordWrap(True)
        self.receiver = QLineEdit(ack_box)
        self.receiver.setObjectName("ackReceiver")
        self.receiver.setAccessibleName(self.tr("Receiver's name"))
        self.receiver.setPlaceholderText(self.tr("The deputy's name"))
        self.synthesis = _text_edit(ack_box, "ackSynthesis", self.tr("Synthesis"),
                                    self.tr("The receiver sums up the case in their own words"),
                                    60)
        self.ack_button = QPushButton(self.tr("Acknowledge"), ack_box)
        self.ack_button.setObjectName("acknowledgeNote")
        self.ack_button.setToolTip(self.tr("The receiver confirms they read and understood "
                                           "the note"))
        self.ack_button.clicked.connect(self.acknowledge_requested.emit)
        ack_form = QFormLayout()
        ack_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        ack_form.addRow(self.tr("&Receiver:"), self.receiver)
        ack_form.addRow(self.tr("S&ynthesis:"), self.synthesis)
        ack_layout = QVBoxLayout(ack_box)
        ack_layout.addWidget(self.ack_state)
        ack_layout.addLayout(ack_form)
        ack_layout.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addLayout(save_row)
        layout.addLayout(state_row)
        layout.addLayout(form)
        layout.addWidget(ack_box)
        layout.addStretch(1)

        self.severity.currentIndexChanged.connect(self._severity_changed)
        for edit in (self.summary, self.situation, self.contingencies):
            edit.textChanged.connect(self._changed)
        self.action_table.itemChanged.connect(lambda _i: self._changed())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_nothing()

    # -- filling ----------------------------------------------------------

    def show_nothing(self) -> None:
        self.case_id = None
        self.note_id = None
        self._filling = True
        self.heading.setText(self.tr("No case selected"))
        self.state.setText(self.tr("Choose a handed-over case to write its note."))
        for edit in (self.summary, self.situation, self.contingencies, self.synthesis):
            edit.clear()
        self.receiver.clear()
        self.action_table.setRowCount(0)
        self.ack_state.clear()
        self._filling = False
        self.dirty = False
        self.setEnabled(False)

    WIDE = 640  # below this width the labels go above their fields: the fields get it all

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = (QFormLayout.RowWrapPolicy.WrapAllRows if event.size().width() < self.WIDE
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        if self.form.rowWrapPolicy() != wanted:
            self.form.setRowWrapPolicy(wanted)

    def show_note(self, case_id: str, heading: str, draft: NoteDraft,
                  note: NoteView | None, deputy_name: str) -> None:
        """Show a saved note, or (``note`` is None) a draft prefilled from the case."""
        self._filling = True
        self.setEnabled(True)
        self.case_id = case_id
        self.note_id = note.id if note else None
        self.heading.setText(heading)
        if note is None:
            self.state.setText(self.tr("✎ Draft prefilled from the case — not saved yet. Edit "
                                       "it, then save."))
        elif not note.reviewed:
            self.state.setText(self.tr("✎ Draft — not reviewed: prefilled from the case and "
                                       "never saved by the owner. Check it, then save."))
        else:
            self.state.setText(self.tr("✓ Saved note (revision {n}).").format(n=note.revision))
        self.severity.setCurrentIndex(max(0, self.severity.findData(draft.severity)))
        self._show_severity_hint()
        self.summary.setPlainText(draft.summary)
        self.action_table.setRowCount(0)
        for action in draft.actions:
            self.add_action(action, focus=False)
        self.situation.setPlainText(draft.situation)
        self.contingencies.setPlainText(draft.contingencies)
        if note is not None and note.acknowledged_at is not None:
            self.ack_state.setText(self.tr("✓ Acknowledged by {who} on {when}.").format(
                who=note.acknowledged_by, when=fmt.when(note.acknowledged_at)))
            self.receiver.setText(note.acknowledged_by)
            self.synthesis.setPlainText(note.synthesis)
            self.ack_button.setText(self.tr("Acknowledge again"))
        else:
            self.ack_state.setText(self.tr("Not acknowledged yet. The deputy reads the note, "
                                           "sums it up in their own words and acknowledges "
                                           "it."))
            self.receiver.setText(deputy_name)
            self.synthesis.clear()
            self.ack_button.setText(self.tr("Acknowledge"))
        self._filling = False
        self.dirty = False

    # -- actions ----------------------------------------------------------

    def add_action(self, action: Action, focus: bool = True) -> None:
        row = self.action_table.rowCount()
        self.action_table.insertRow(row)
        text = QTableWidgetItem(action.text)
        text.setData(Qt.ItemDataRole.UserRole, action.followup_id)
        if action.followup_id:
            text.setToolTip(self.tr("Proposed from an open follow-up"))
        self.action_table.setItem(row, 0, text)
        self.action_table.setItem(row, 1, QTableWidgetItem(action.owner))
        self.action_table.setItem(row, 2, QTableWidgetItem(action.due))
        if focus:
            self.action_table.setCurrentCell(row, 0)
            self.action_table.editItem(text)

    def remove_action(self) -> None:
        row = self.action_table.currentRow()
        if row >= 0:
            self.action_table.removeRow(row)
            self._changed()

    def draft(self) -> NoteDraft:
        """What the fields say now."""
        actions = []
        for row in range(self.action_table.rowCount()):
            cells = [self.action_table.item(row, c) for c in range(3)]
            text, owner, due = (c.text().strip() if c else "" for c in cells)
            followup = cells[0].data(Qt.ItemDataRole.UserRole) if cells[0] else ""
            if text:
                actions.append(Action(text=text, owner=owner, due=due,
                                      followup_id=str(followup or "")))
        return NoteDraft(severity=str(self.severity.currentData()),
                         summary=self.summary.toPlainText(), actions=actions,
                         situation=self.situation.toPlainText(),
                         contingencies=self.contingencies.toPlainText())

    def acknowledgement(self) -> tuple[str, str]:
        return self.receiver.text().strip(), self.synthesis.toPlainText().strip()

    # -- state ------------------------------------------------------------

    def _changed(self) -> None:
        if not self._filling:
            self.dirty = True

    def _severity_changed(self) -> None:
        self._show_severity_hint()
        self._changed()

    def _show_severity_hint(self) -> None:
        value = str(self.severity.currentData())
        colour = SEVERITY_COLOURS.get(value)
        self.severity_hint.setText(severity_hint(value))
        style = f"{fmt.colour_css(colour)} font-weight: bold;" if colour else ""
        self.severity.setStyleSheet(f"QComboBox {{ {style} }}")
