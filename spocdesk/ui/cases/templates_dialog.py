"""Templates for new cases and for log notes: a dialog to make, edit, copy and delete
them with a live preview of their placeholders, and the quick log's note picker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import templates
from spocdesk.core.cases.service import PRIORITIES
from spocdesk.core.cases.templates import TemplateData, TemplateRow
from spocdesk.core.errors import SpocError
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.page import EmptyState
from spocdesk.ui.word_combo import WordSearchCombo

KINDS = ("case", "interaction")


class TemplatesDialog(QDialog):
    """One list per kind (tabs), the chosen template's fields beside it, and a preview."""

    def __init__(self, store: Store, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Templates"))
        self.store, self.bus = store, bus
        self.kind = "case"
        self.current: TemplateRow | None = None  # None while a new one is drafted
        self.values = templates.sample_values(store, self.tr("Alex Example"))

        self.kinds = QTabBar(self)
        self.kinds.setObjectName("templateKinds")
        self.kinds.setAccessibleName(self.tr("Kind of template"))
        self.kinds.addTab(self.tr("&Case templates"))
        self.kinds.addTab(self.tr("N&ote templates"))
        self.list = QListWidget(self)
        self.list.setObjectName("templateList")
        self.list.setAccessibleName(self.tr("Templates"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumWidth(150)
        self.new_button = self._button("templateNew", self.tr("&New"), self.new_template)
        self.copy_button = self._button("templateDuplicate", self.tr("D&uplicate"),
                                        self.duplicate)
        self.delete_button = self._button("templateDelete", self.tr("&Delete"), self.delete)
        self.new_button.setToolTip(self.tr("A new template (Ctrl+N)"))
        self.copy_button.setToolTip(self.tr("A copy of this template (Ctrl+D)"))
        self.delete_button.setToolTip(self.tr("Delete this template (Del)"))
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        column.addLayout(row)

        self.empty = EmptyState("", "", self)
        self.empty.setObjectName("templatesEmpty")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self._build_editor())
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([210, 570])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kinds)
        layout.addWidget(split, 1)
        layout.addWidget(close)

        for keys, slot in (("Ctrl+N", self.new_template), ("Ctrl+D", self.duplicate),
                           ("Ctrl+S", self.save)):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.kinds.currentChanged.connect(self._kind_changed)
        self.list.currentItemChanged.connect(self._chosen)
        self.reload()
        self.resize(820, 560)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_editor(self) -> QWidget:
        page = QWidget(self)
        self.name = QLineEdit(page)
        self.name.setObjectName("templateName")
        self.title_pattern = QLineEdit(page)
        self.title_pattern.setObjectName("templateTitle")
        self.category = QLineEdit(page)
        self.category.setObjectName("templateCategory")
        self.priority = WordSearchCombo(page)  # "h" finds "▲ High"
        self.priority.setObjectName("templatePriority")
        self.priority.addItem(self.tr("Usual (normal)"), "")
        for value in PRIORITIES:
            self.priority.addItem(fmt.priority(value), value)
        self.body = QPlainTextEdit(page)
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.hint = QLabel(self.tr(
            "Placeholders: {stakeholder} the main stakeholder · {today} today's date · "
            "{ref} the case's reference · {title} the case's title"), page)
        self.hint.setObjectName("templateHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(page)
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.preview_title = QLabel(page)
        self.preview_title.setObjectName("templatePreviewTitle")
        self.preview_title.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_title.setWordWrap(True)
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.preview_body = QLabel(page)
        self.preview_body.setObjectName("templatePreviewBody")
        self.preview_body.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_body.setWordWrap(True)
        self.preview_body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        preview = QGroupBox(self.tr("Preview"), page)
        preview.setObjectName("templatePreview")
        box = QVBoxLayout(preview)
        box.addWidget(self.preview_title)
        box.addWidget(self.preview_body, 1)
        self.save_button = QPushButton(self.tr("&Save"), page)
        self.save_button.setObjectName("templateSave")
        self.save_button.setToolTip(self.tr("Save this template (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Na&me:"), self.name)
        self.form.addRow(self.tr("&Title pattern:"), self.title_pattern)
        self.form.addRow(self.tr("C&ategory:"), self.category)
        self.form.addRow(self.tr("&Priority:"), self.priority)
        self.form.addRow(self.tr("Desc&ription:"), self.body)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(preview, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        for widget, name in ((self.name, self.tr("Template name")),
                             (self.title_pattern, self.tr("Title pattern")),
                             (self.category, self.tr("Category")),
                             (self.priority, self.tr("Priority")),
                             (self.body, self.tr("Description")),
                             (self.preview_title, self.tr("Preview of the title")),
                             (self.preview_body, self.tr("Preview of the text"))):
            widget.setAccessibleName(name)
        for edit in (self.name, self.title_pattern, self.category):
            edit.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.priority.currentIndexChanged.connect(self._edited)
        return page

    # -- state --------------------------------------------------------------

    def data(self) -> TemplateData:
        case = self.kind == "case"
        return TemplateData(
            kind=self.kind, name=self.name.text(), title_pattern=self.title_pattern.text(),
            category=self.category.text() if case else "",
            priority=str(self.priority.currentData() or "") if case else "",
            body=self.body.toPlainText())

    def is_dirty(self) -> bool:
        if self.pages.currentIndex() == 0:
            return False
        saved = self.current or TemplateData(kind=self.kind, name="")
        return self.data() != TemplateData(
            kind=saved.kind, name=saved.name, title_pattern=saved.title_pattern,
            category=saved.category, priority=saved.priority, body=saved.body)

    def _show(self, row: TemplateRow | None) -> None:
        """Put a template (``None``: a blank new one) in the editor."""
        self.current = row
        case = self.kind == "case"
        for widget in (self.category, self.priority):
            widget.setVisible(case)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(case)
        title_label = self.form.labelForField(self.title_pattern)
        body_label = self.form.labelForField(self.body)
        if isinstance(title_label, QLabel) and isinstance(body_label, QLabel):
            title_label.setText(self.tr("&Title pattern:") if case else self.tr("&Summary:"))
            body_label.setText(self.tr("Desc&ription:") if case else self.tr("&Text:"))
        self.title_pattern.setPlaceholderText(
            self.tr("e.g. Discharge of {stakeholder}") if case
            else self.tr("e.g. Called {stakeholder} back"))
        self.body.setPlaceholderText(
            self.tr("e.g. a checklist:\n- [ ] Letter to the GP\n- [ ] Transport home")
            if case else self.tr("What the note says; {today} is today's date."))
        self.name.setText(row.name if row else "")
        self.title_pattern.setText(row.title_pattern if row else "")
        self.category.setText(row.category if row else "")
        index = self.priority.findData(row.priority if row else "")
        self.priority.setCurrentIndex(max(0, index))
        self.body.setPlainText(row.body if row else "")
        self.pages.setCurrentIndex(1)
        self._edited()

    def _edited(self) -> None:
        data = self.data()
        shown = templates.preview(data, self.values)
        self.preview_title.setText(shown.summary)
        self.preview_body.setText(shown.body or self.tr("(no text)"))
        problem = ""
        try:
            templates.check_placeholders(data)
        except SpocError as exc:
            problem = "⚠ " + str(exc)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(bool(data.name.strip()) and not problem and self.is_dirty())
        has_one = self.current is not None
        self.copy_button.setEnabled(has_one)
        self.delete_button.setEnabled(has_one)

    def reload(self, select: str | None = None) -> None:
        rows = templates.list_templates(self.store, self.kind)
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row.name)
            item.setToolTip(row.name)
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [row.id for row in rows]
        if rows:
            index = ids.index(select) if select in ids else 0
            self.list.blockSignals(True)
            self.list.setCurrentRow(index)
            self.list.blockSignals(False)
            self._show(rows[index])
        else:
            self.current = None
            self._empty_state()
            self.pages.setCurrentIndex(0)
            self._edited()

    def _empty_state(self) -> None:
        if self.kind == "case":
            self.empty.set_text(self.tr("No case templates yet"), self.tr(
                "Press New (Ctrl+N) to make one: a title pattern such as “Discharge of "
                "{stakeholder}”, a category, a priority and a checklist for the description. "
                "New cases (Ctrl+N on the Cases page) then offer it."))
        else:
            self.empty.set_text(self.tr("No note templates yet"), self.tr(
                "Press New (Ctrl+N) to make one: a summary such as “Called {stakeholder} "
                "back” and the text of the note. The quick log then offers it."))

    # -- actions ------------------------------------------------------------

    def _kind_changed(self, index: int) -> None:
        kind = KINDS[index]
        if kind == self.kind:
            return
        if self.is_dirty() and not self.ask_discard():
            self.kinds.blockSignals(True)
            self.kinds.setCurrentIndex(KINDS.index(self.kind))
            self.kinds.blockSignals(False)
            return
        self.kind = kind
        self.reload()

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        if previous is not None and self.is_dirty() and not self.ask_discard():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self._show(row)

    def new_template(self) -> None:
        if self.is_dirty() and not self.ask_discard():
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._show(None)
        self.name.setFocus()

    def save(self) -> bool:
        data = self.data()
        if not self.save_button.isEnabled():
            return False
        try:
            if self.current is None:
                created = templates.create_template(self.store, data)
                saved, changes = created.value, created.changes
            else:
                saved = self.current.id
                changes = templates.update_template(self.store, saved, data).changes
        except SpocError as exc:
            self.problem.setText("⚠ " + str(exc))
            self.problem.setVisible(True)
            return False
        self._publish(changes)
        self.reload(select=saved)
        return True

    def duplicate(self) -> None:
        if self.current is None or (self.is_dirty() and not self.ask_discard()):
            return
        outcome = templates.duplicate_template(self.store, self.current.id)
        self._publish(outcome.changes)
        self.reload(select=outcome.value)
        self.name.setFocus()
        self.name.selectAll()

    def delete(self) -> None:
        if self.current is None or not self.ask_delete(self.current.name):
            return
        outcome = templates.delete_template(self.store, self.current.id)
        self._publish(outcome.changes)
        self.reload()

    def _publish(self, changes: ChangeSet) -> None:
        self.bus.publish(changes)

    def reject(self) -> None:
        if self.is_dirty() and not self.ask_discard():
            return
        super().reject()

    # -- questions (tests replace these) --------------------------------------

    def ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Discard your changes to this template?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def ask_delete(self, name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete template"),
            self.tr("Delete the template “{name}”? Cases and notes made with it stay as "
                    "they are.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def run(cls, store: Store, bus: ChangeBus, parent: QWidget | None = None) -> None:
        cls(store, bus, parent).exec()


class NoteTemplatePicker(QComboBox):
    """The quick log's "Template…" choice: picking one emits its id and resets."""

    picked = Signal(str)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logTemplate")
        self.setAccessibleName(self.tr("Note template"))
        self.store: Store | None = None
        self.activated.connect(self._activated)
        bus.changed.connect(self._changed)
        self.reload()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        self.clear()  # also on lock: template names are the user's data
        self.addItem(self.tr("Template…"), None)
        if self.store is not None:
            for row in templates.list_templates(self.store, "interaction"):
                self.addItem(row.name, row.id)
        some = self.count() > 1
        self.setEnabled(some)
        self.setToolTip(self.tr("Fill the summary and text from a note template") if some
                        else self.tr("No note templates yet: make them under "
                                     "File → Templates…"))

    def _changed(self, changes: ChangeSet) -> None:
        if "template" in changes.kinds():
            self.reload()

    def _activated(self, index: int) -> None:
        template_id = self.itemData(index)
        self.setCurrentIndex(0)
        if template_id:
            self.picked.emit(str(template_id))
