"""Small dialogs around a case: new case, escalate, outcome, stakeholder picker.

Each has an ``ask()`` class method, the one place tests replace."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import templates
from spocdesk.core.cases.service import PRIORITIES
from spocdesk.core.cases.workflow import ROLES
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders.detail import NewStakeholderDialog
from spocdesk.ui.word_combo import WordSearchCombo


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("okButton")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


@dataclass
class NewCaseInput:
    title: str
    priority: str
    category: str
    description: str
    template_id: str | None
    stakeholder_id: str | None


class NewCaseDialog(QDialog):
    """Title first; then who it is for (search, or a new stakeholder made here),
    priority, category and description; a template last, for those who use one.
    Enter in the stakeholder search picks a person and never creates the case."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 bus: ChangeBus | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseDialog")
        self.setWindowTitle(self.tr("New case"))
        self.store = store
        self.bus = bus if bus is not None else getattr(parent, "bus", None)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("What is this case about?"))
        self.stakeholder = StakeholderSearch(store, self)
        self.new_stakeholder_button = QPushButton(self.tr("New &stakeholder…"), self)
        self.new_stakeholder_button.setObjectName("newStakeholder")
        self.new_stakeholder_button.setToolTip(
            self.tr("Add a person or organisation that is not in the directory yet"))
        self.new_stakeholder_button.setAutoDefault(False)
        self.new_stakeholder_button.clicked.connect(self.new_stakeholder)
        self.priority = WordSearchCombo(self)  # "h" finds "▲ High"
        self.priority.setObjectName("priority")
        self.priority.setAccessibleName(self.tr("Priority"))
        for value in PRIORITIES:
            self.priority.addItem(fmt.priority(value), value)
        self.priority.setCurrentIndex(PRIORITIES.index("normal"))
        self.category = QLineEdit(self)
        self.category.setObjectName("category")
        self.category.setAccessibleName(self.tr("Category"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.template = QComboBox(self)
        self.template.setObjectName("template")
        self.template.setAccessibleName(self.tr("Template"))
        self.template.addItem(self.tr("(no template)"), None)
        for row in templates.list_templates(store, "case"):
            self.template.addItem(row.name, row.id)
        who = QVBoxLayout()
        who.addWidget(self.stakeholder)
        who.addWidget(self.new_stakeholder_button, 0, Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Main stakeholder:"), who)
        form.addRow(self.tr("&Priority:"), self.priority)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("T&emplate:"), self.template)
        label = form.labelForField(who)
        if isinstance(label, QLabel):
            label.setBuddy(self.stakeholder.query)
        self.buttons = _buttons(self, self.tr("Create case"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        chain = [self.title, self.stakeholder.query, self.priority, self.category,
                 self.description, self.template, self.new_stakeholder_button, ok,
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.template.currentIndexChanged.connect(self._apply_template)
        self.title.textChanged.connect(self._update)
        self.stakeholder.picked.connect(lambda _id: self.priority.setFocus())
        self._update()
        self.resize(520, 520)
        self.title.setFocus()

    def _apply_template(self) -> None:
        template_id = self.template.currentData()
        if not template_id:
            return
        row = templates.get_template(self.store, template_id)
        if row.priority:
            self.priority.setCurrentIndex(max(0, PRIORITIES.index(row.priority)))
        self.category.setText(row.category)
        self.description.setPlainText(row.body)
        if row.title_pattern and not self.title.text():
            self.title.setText(row.title_pattern)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    def new_stakeholder(self) -> None:
        """Create a stakeholder here (named as typed in the search) and choose them."""
        made = NewStakeholderDialog.add_new(self.store, self,
                                           self.stakeholder.query.text().strip())
        if made is None:
            return
        outcome, name = made
        if self.bus is not None:
            self.bus.publish(outcome.changes)
        self.stakeholder.choose(outcome.value, name)
        self.priority.setFocus()

    def value(self) -> NewCaseInput:
        return NewCaseInput(
            title=self.title.text().strip(), priority=str(self.priority.currentData()),
            category=self.category.text().strip(), description=self.description.toPlainText(),
            template_id=self.template.currentData(), stakeholder_id=self.stakeholder.chosen_id(),
        )

    @classmethod
    def ask(cls, store: Store, parent: QWidget | None = None) -> NewCaseInput | None:
        dialog = cls(store, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class StakeholderSearch(QWidget):
    """Search-as-you-type over the directory: a line edit and up to 50 matches, people
    whose own name matches first. Up and Down move through the matches from the line
    edit; Enter there picks the highlighted one (the first when none is) and is never
    passed on to the dialog; the line under the list says who is chosen."""

    LIMIT = 50
    picked = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.query = QLineEdit(self)
        self.query.setObjectName("stakeholderQuery")
        self.query.setAccessibleName(self.tr("Search stakeholders"))
        self.query.setPlaceholderText(self.tr("Type a name, e-mail or phone number…"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setObjectName("stakeholderResults")
        self.results.setAccessibleName(self.tr("Matching stakeholders"))
        self.results.setMaximumHeight(140)
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached from the search box
        self.chosen = QLabel(self)
        self.chosen.setObjectName("stakeholderChosen")
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentItemChanged.connect(lambda *_: self._show_chosen())
        self._show_chosen()

    def run_search(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.query.text().strip()
        if text:
            for row in stakeholders.list_stakeholders(self.store, limit=self.LIMIT,
                                                      search=text):
                detail = " · ".join(v for v in (row.organisation, row.email, row.phone) if v)
                item = QListWidgetItem(f"{row.display_name}"
                                       + (f"  —  {detail}" if detail else ""))
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, row.display_name)
                self.results.addItem(item)
            if self.results.count():
                self.results.setCurrentRow(0)
        self._show_chosen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pick()
                return True  # never the dialog's default button
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(0, self.results.currentRow() + step), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def pick(self) -> None:
        """Take the highlighted match (searching first if a search is still pending)."""
        if self._timer.isActive() or (self.query.text().strip() and not self.results.count()):
            self.run_search()
        if self.results.currentItem() is None and self.results.count():
            self.results.setCurrentRow(0)
        chosen = self.chosen_id()
        if chosen is not None:
            self.picked.emit(chosen)

    def choose(self, stakeholder_id: str, name: str) -> None:
        """Show ``name`` in the search and make that stakeholder the chosen one."""
        self.query.blockSignals(True)
        self.query.setText(name)
        self.query.blockSignals(False)
        self.run_search()
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.ItemDataRole.UserRole) == stakeholder_id:
                self.results.setCurrentRow(row)
                break
        else:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, stakeholder_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, name)
            self.results.insertItem(0, item)
            self.results.setCurrentRow(0)

    def _show_chosen(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.chosen.setText(self.tr("No stakeholder chosen."))
        else:
            self.chosen.setText(self.tr("Chosen: {name}").format(
                name=item.data(Qt.ItemDataRole.UserRole + 1)))

    def chosen_id(self) -> str | None:
        item = self.results.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None


class StakeholderPicker(QDialog):
    """Pick a stakeholder and the role they play in this case."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stakeholderPicker")
        self.setWindowTitle(self.tr("Add a stakeholder to the case"))
        self.search = StakeholderSearch(store, self)
        self.search.results.setMaximumHeight(16777215)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        self.role.setAccessibleName(self.tr("Role in this case"))
        self.role.setEditable(True)
        self.role.addItems(ROLES)
        form = QFormLayout()
        form.addRow(self.tr("&Role:"), self.role)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Add")))
        self.search.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.search.picked.connect(lambda _id: self.role.setFocus())  # then Enter adds
        self.resize(480, 420)

    @classmethod
    def ask(cls, store: Store, parent: QWidget | None = None) -> tuple[str, str] | None:
        dialog = cls(store, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.search.chosen_id()
        return (chosen, dialog.role.currentText().strip() or "client") if chosen else None


class EscalateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalateDialog")
        self.setWindowTitle(self.tr("Escalate the case"))
        self.to_name = QLineEdit(self)
        self.to_name.setObjectName("escalateTo")
        self.to_name.setAccessibleName(self.tr("Escalate to"))
        self.to_name.setPlaceholderText(self.tr("Team or person, e.g. Billing team"))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("escalateReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("&To:"), self.to_name)
        form.addRow(self.tr("&Why:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Escalate")))

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, str] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.to_name.text().strip():
            return None
        return dialog.to_name.text().strip(), dialog.reason.toPlainText().strip()


class OutcomeDialog(QDialog):
    def __init__(self, to_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Record the escalation's outcome"))
        self.outcome = QPlainTextEdit(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What came back from {to}?").format(to=to_name), self))
        layout.addWidget(self.outcome)
        layout.addWidget(_buttons(self, self.tr("Record outcome")))

    @classmethod
    def ask(cls, to_name: str, parent: QWidget | None = None) -> str | None:
        dialog = cls(to_name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.outcome.toPlainText().strip() or None
