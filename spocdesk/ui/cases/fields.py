"""The editable fields of one case (the detail's Details tab), and what the user changed.

The fields know the case they show (``base``: their values as filled) and say which
of them the user changed (:meth:`CaseFields.changed`), in the words of
:func:`~spocdesk.core.cases.workflow.update_case`. Filling again keeps the
fields named in ``keep``: a refresh never overwrites what is being typed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from spocdesk.core.cases.detail import CaseDetail
from spocdesk.core.cases.service import PRIORITIES, STATUSES
from spocdesk.ui import format as fmt
from spocdesk.ui.date_field import DateField
from spocdesk.ui.word_combo import WordSearchCombo

FIELDS = ("title", "status", "priority", "category", "tags", "due_at", "next_step",
          "description")


def due_value(day: QDate | None) -> datetime | None:
    """A due date as the case stores it: the end of the working day, 17:00 local."""
    if day is None:
        return None
    return datetime(day.year(), day.month(), day.day(), 17, 0).astimezone(UTC)


def case_values(case: CaseDetail) -> dict[str, Any]:
    """The case's values in the fields' own terms (what :meth:`CaseFields.values` reads)."""
    due = fmt.local(case.due_at)
    return {"title": case.title, "status": case.status, "priority": case.priority,
            "category": case.category, "tags": list(case.tags),
            "due_at": due_value(due.date()) if due else None, "next_step": case.next_step,
            "description": case.description}


class CaseFields(QWidget):
    """Title, status, priority, category, tags, due date, next step, description."""

    edited = Signal()  # typed or chosen: the fields may now differ from the case
    left = Signal()  # focus left a field, or a choice was made: the moment to save
    undo_requested = Signal()  # Ctrl+Z in a field with nothing typed since the last save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base: dict[str, Any] = {}  # the values of the case as filled
        self._filling = False
        self.title = QLineEdit(self)
        self.title.setObjectName("caseTitle")
        self.status = QComboBox(self)
        self.status.setObjectName("caseStatus")
        self.priority = WordSearchCombo(self)  # "h" finds "▲ High"
        self.priority.setObjectName("casePriority")
        for box, values, label in ((self.status, STATUSES, fmt.status),
                                   (self.priority, PRIORITIES, fmt.priority)):
            for value in values:
                box.addItem(label(value), value)
        self.category = QLineEdit(self)
        self.category.setObjectName("caseCategory")
        self.tags = QLineEdit(self)
        self.tags.setObjectName("caseTags")
        self.tags.setPlaceholderText(self.tr("comma-separated"))
        self.has_due = QCheckBox(self.tr("Due"), self)
        self.has_due.setObjectName("caseHasDue")
        self.due = DateField(self)
        self.due.setObjectName("caseDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(fmt.date_format())
        self.has_due.toggled.connect(self.due.setEnabled)
        self.next_step = QLineEdit(self)
        self.next_step.setObjectName("caseNextStep")
        self.next_step.setPlaceholderText(self.tr("One line: what happens next?"))
        self.description = QPlainTextEdit(self)
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
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Priority:"), self.priority)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("Due:"), due_row)
        form.addRow(self.tr("Next step:"), self.next_step)
        form.addRow(self.tr("Description:"), self.description)
        self._watch()

    def _watch(self) -> None:
        """Every edit says ``edited``; leaving a field or making a choice says ``left``
        (on the next turn of the event loop: a click on another case selects it first)."""
        for edit in (self.title, self.category, self.tags, self.next_step):
            edit.textChanged.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.due.dateChanged.connect(self._edited)
        for box in (self.status, self.priority):
            box.currentIndexChanged.connect(self._edited)
            box.activated.connect(self._left_soon)
        self.has_due.toggled.connect(self._edited)
        self.has_due.clicked.connect(self._left_soon)
        for widget in (self.title, self.category, self.tags, self.next_step,
                       self.description, self.due, self.status, self.priority):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) \
                and event.reason() != Qt.FocusReason.PopupFocusReason:
            self._left_soon()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Undo) and not self.changed():
            self.undo_requested.emit()  # nothing typed to undo: undo the last save
            return True
        return super().eventFilter(watched, event)

    def _edited(self, *_args: Any) -> None:
        if not self._filling:
            self.edited.emit()

    def _left_soon(self, *_args: Any) -> None:
        QTimer.singleShot(0, self, self.left.emit)

    # -- values -------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the fields hold, in the words of ``update_case``."""
        return {
            "title": self.title.text(), "status": self.status.currentData(),
            "priority": self.priority.currentData(), "category": self.category.text(),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
            "due_at": due_value(self.due.date()) if self.has_due.isChecked() else None,
            "next_step": self.next_step.text(), "description": self.description.toPlainText(),
        }

    def changed(self) -> dict[str, Any]:
        """The fields the user changed since the case was filled in, with their values."""
        if not self.base:
            return {}
        return {k: v for k, v in self.values().items() if v != self.base[k]}

    def fill(self, case: CaseDetail | None, keep: Collection[str] = ()) -> None:
        """Show ``case``; the fields in ``keep`` hold on to what the user typed."""
        self._filling = True
        try:
            if case is None:
                self.base = {}
                self.put({"title": "", "category": "", "tags": [], "next_step": "",
                          "description": "", "due_at": None})
                return
            fresh = case_values(case)
            self.put({k: v for k, v in fresh.items() if k not in keep})
            self.base = {**self.values(), **{k: fresh[k] for k in keep}}
        finally:
            self._filling = False

    def put(self, values: dict[str, Any]) -> None:
        """Set some fields (by ``update_case`` name), leaving an unchanged text alone (its
        cursor and undo stay)."""
        for key, edit in (("title", self.title), ("category", self.category),
                          ("next_step", self.next_step)):
            if key in values and edit.text() != values[key]:
                edit.setText(values[key])
        if "tags" in values:
            text = ", ".join(values["tags"])
            if self.values()["tags"] != values["tags"]:
                self.tags.setText(text)
        if "description" in values and self.description.toPlainText() != values["description"]:
            self.description.setPlainText(values["description"])
        for key, box in (("status", self.status), ("priority", self.priority)):
            if key in values:
                box.setCurrentIndex(max(0, box.findData(values[key])))
        if "due_at" in values:
            due = fmt.local(values["due_at"])
            self.has_due.setChecked(due is not None)
            self.due.setEnabled(due is not None)
            self.due.setDate(due.date() if due is not None else QDate.currentDate())
