"""The stakeholder edit dialog (F2 / Ctrl+E in the directory): names, organisation,
role, preferred channel, tags, stay-in-touch cadence, notes and the contact points
with their labels and one preferred per kind.

Saving checks every contact point first and shows what is wrong in one sentence
under the form (the dialog stays open, nothing is written); then one unit of work
(:func:`spocdesk.core.people.edit.save`) writes the edit, and the
cadence, when it changed, goes through its own action with the follow-up it keeps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import InvalidInput, SpocError
from spocdesk.core.followups import service as followups
from spocdesk.core.people import edit as stakeholder_edit
from spocdesk.core.people import query as sq
from spocdesk.core.people.edit import PointEdit, StakeholderEdit
from spocdesk.core.people.stakeholders import StakeholderDetail
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.stakeholders.detail import KIND_LABELS

KIND, LABEL, VALUE, PREFERRED = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole


def _kind_label(kind: str) -> str:
    return QCoreApplication.translate("StakeholderDetailPanel", str(KIND_LABELS.get(kind, kind)))


class StakeholderEditDialog(QDialog):
    """Edits one stakeholder; on a successful save ``changes`` holds the change-set."""

    def __init__(self, store: Store, detail: StakeholderDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.detail = store, detail
        self.changes: ChangeSet | None = None
        self.setObjectName("stakeholderEditDialog")
        self.setWindowTitle(self.tr("Edit {name}").format(name=detail.display_name))
        is_org = detail.kind == "organisation"

        def line(name: str, accessible: str, text: str) -> QLineEdit:
            edit = QLineEdit(text, self)
            edit.setCursorPosition(0)  # a long name shows its beginning
            edit.setObjectName(name)
            edit.setAccessibleName(accessible)
            return edit

        self.name = line("editName", self.tr("Name"), detail.display_name)
        self.given = line("editGivenName", self.tr("Given name"), detail.given_name)
        self.family = line("editFamilyName", self.tr("Family name"), detail.family_name)
        self.organisation = line("editOrganisation", self.tr("Organisation"),
                                 detail.organisation)
        completer = QCompleter([name for _id, name in sq.organisations(store)], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation.setCompleter(completer)
        self.title = line("editTitle", self.tr("Role / title"), detail.title)
        self.channel = QComboBox(self)
        self.channel.setObjectName("editChannel")
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        self.channel.addItem(self.tr("No preference"), "")
        for value in stakeholder_edit.CHANNELS[1:]:
            self.channel.addItem(fmt.channel(value), value)
        self.channel.setCurrentIndex(max(0, self.channel.findData(detail.preferred_channel)))
        self.tags = line("editTags", self.tr("Tags"), ", ".join(detail.tags))
        self.tags.setPlaceholderText(self.tr("Separated by commas, e.g. client, vip"))
        self.cadence = QSpinBox(self)
        self.cadence.setObjectName("editCadence")
        self.cadence.setAccessibleName(self.tr("Stay-in-touch cadence in days"))
        self.cadence.setRange(0, followups.MAX_CADENCE_DAYS)
        self.cadence.setSpecialValueText(self.tr("off"))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setValue(detail.cadence_days or 0)
        self.cadence.setMaximumWidth(self.cadence.sizeHint().width() + 40)
        self.notes = QPlainTextEdit(detail.notes, self)
        self.notes.setObjectName("editNotes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(80)

        self.points = QTableWidget(0, 4, self)
        self.points.setObjectName("editContactPoints")
        self.points.setAccessibleName(self.tr("Contact points"))
        self.points.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Label"), self.tr("Value"), self.tr("Preferred")])
        self.points.verticalHeader().hide()
        self.points.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.points.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.points.setTabKeyNavigation(False)
        self.points.setWordWrap(False)
        self.points.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.points.horizontalHeader()
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PREFERRED, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((KIND, 110), (LABEL, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.points.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.points.setMinimumHeight(150)
        shown: set[str] = set()
        for point in detail.contact_points:  # the first of a kind stands in for a missing mark
            first = point.kind not in shown and not any(
                p.preferred for p in detail.contact_points if p.kind == point.kind)
            shown.add(point.kind)
            self.add_point(point.kind, point.label, point.value, point.preferred or first,
                           point.id)
        self.points.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(self.tr("Add contact point"), self)
        self.add_button.setObjectName("addContactPoint")
        self.add_button.setAccessibleName(self.tr("Add contact point"))
        self.add_button.clicked.connect(lambda: self._new_row())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeContactPoint")
        self.remove_button.setAccessibleName(self.tr("Remove the selected contact point"))
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.points,
                  self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)

        self.error = QLabel(self)
        self.error.setObjectName("editError")
        self.error.setAccessibleName(self.tr("Why the stakeholder was not saved"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet(fmt.colour_css(fmt.OVERDUE_COLOUR,
                                                self.palette().window().color()))
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name"), self.name)
        names = QHBoxLayout()
        names.addWidget(self.given)
        names.addWidget(self.family)
        self.given.setPlaceholderText(self.tr("Given name"))
        self.family.setPlaceholderText(self.tr("Family name"))
        if not is_org:
            form.addRow(self.tr("Given / family"), names)
            form.addRow(self.tr("&Organisation"), self.organisation)
        else:
            for widget in (self.given, self.family, self.organisation):
                widget.hide()
        form.addRow(self.tr("&Role / title"), self.title)
        form.addRow(self.tr("Prefers"), self.channel)
        form.addRow(self.tr("&Tags"), self.tags)
        form.addRow(self.tr("Stay in touch every"), self.cadence)
        point_buttons = QHBoxLayout()
        point_buttons.addWidget(self.add_button)
        point_buttons.addWidget(self.remove_button)
        point_buttons.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("saveStakeholder")
        save.setAccessibleName(self.tr("Save"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelEdit")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        points_label = QLabel(self.tr("&Contact points"), self)
        points_label.setBuddy(self.points)
        layout.addWidget(points_label)
        layout.addWidget(self.points, 2)
        layout.addLayout(point_buttons)
        notes_label = QLabel(self.tr("N&otes"), self)
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 680)

    # -- contact point rows -------------------------------------------------

    def add_point(self, kind: str = "phone", label: str = "", value: str = "",
                  preferred: bool = False, point_id: str = "") -> int:
        """Append a row; the value is its number."""
        row = self.points.rowCount()
        self.points.blockSignals(True)
        self.points.insertRow(row)
        kinds = QComboBox(self.points)
        kinds.setObjectName("pointKind")
        kinds.setAccessibleName(self.tr("Kind of contact point"))
        for choice in stakeholder_edit.CONTACT_KINDS:
            kinds.addItem(_kind_label(choice), choice)
        kinds.setCurrentIndex(max(0, kinds.findData(kind)))
        kinds.currentIndexChanged.connect(lambda _i, box=kinds: self._kind_changed(box))
        self.points.setCellWidget(row, KIND, kinds)
        label_item = QTableWidgetItem(label)
        label_item.setData(ID_ROLE, point_id)
        self.points.setItem(row, LABEL, label_item)
        self.points.setItem(row, VALUE, QTableWidgetItem(value))
        star = QTableWidgetItem()
        star.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                      | Qt.ItemFlag.ItemIsSelectable)
        star.setCheckState(Qt.CheckState.Checked if preferred else Qt.CheckState.Unchecked)
        star.setToolTip(self.tr("The one to use first of its kind"))
        self.points.setItem(row, PREFERRED, star)
        self.points.blockSignals(False)
        return row

    def _new_row(self) -> None:
        row = self.add_point()
        self.points.setCurrentCell(row, VALUE)
        self.points.setFocus()
        item = self.points.item(row, VALUE)
        if item is not None:
            self.points.editItem(item)

    def kind_of(self, row: int) -> str:
        box = self.points.cellWidget(row, KIND)
        return str(box.currentData()) if isinstance(box, QComboBox) else ""

    def set_kind(self, row: int, kind: str) -> None:
        box = self.points.cellWidget(row, KIND)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(kind))

    def remove_selected(self) -> None:
        row = self.points.currentRow()
        if row >= 0:
            self.points.removeRow(row)

    def _kind_changed(self, box: QComboBox) -> None:
        for row in range(self.points.rowCount()):
            if self.points.cellWidget(row, KIND) is box:
                self._one_preferred(row)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == PREFERRED and item.checkState() == Qt.CheckState.Checked:
            self._one_preferred(item.row())

    def _one_preferred(self, row: int) -> None:
        """A checked row unchecks the other rows of its kind."""
        star = self.points.item(row, PREFERRED)
        if star is None or star.checkState() != Qt.CheckState.Checked:
            return
        self.points.blockSignals(True)
        for other in range(self.points.rowCount()):
            if other != row and self.kind_of(other) == self.kind_of(row):
                other_star = self.points.item(other, PREFERRED)
                if other_star is not None:
                    other_star.setCheckState(Qt.CheckState.Unchecked)
        self.points.blockSignals(False)

    # -- saving ---------------------------------------------------------------

    def value(self) -> StakeholderEdit:
        points: list[PointEdit] = []
        for row in range(self.points.rowCount()):
            label_item, value_item = self.points.item(row, LABEL), self.points.item(row, VALUE)
            star = self.points.item(row, PREFERRED)
            label = label_item.text().strip() if label_item else ""
            value = value_item.text().strip() if value_item else ""
            point_id = str(label_item.data(ID_ROLE) or "") if label_item else ""
            if not value and not label and not point_id:
                continue  # an added row left empty
            points.append(PointEdit(
                kind=self.kind_of(row), value=value, label=label,
                preferred=star is not None and star.checkState() == Qt.CheckState.Checked,
                id=point_id or None))
        return StakeholderEdit(
            display_name=self.name.text(), given_name=self.given.text(),
            family_name=self.family.text(), organisation=self.organisation.text(),
            title=self.title.text(), preferred_channel=str(self.channel.currentData() or ""),
            notes=self.notes.toPlainText(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            contact_points=points)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _bad_point(self) -> str:
        """The first contact point's sentence, with its cell selected; "" when all fit."""
        for row in range(self.points.rowCount()):
            value_item, label_item = self.points.item(row, VALUE), self.points.item(row, LABEL)
            value = value_item.text() if value_item else ""
            if not value.strip() and not (label_item and (label_item.text().strip()
                                                          or label_item.data(ID_ROLE))):
                continue
            try:
                stakeholder_edit.check_point(self.kind_of(row), value)
            except InvalidInput as exc:
                self.points.setCurrentCell(row, VALUE)
                self.points.setFocus()
                return str(exc)
        return ""

    def accept(self) -> None:
        problem = self._bad_point()
        if problem:
            self.show_error(problem)
            return
        try:
            outcome = stakeholder_edit.save(self.store, self.detail.id, self.value(),
                                            expected_revision=self.detail.revision)
            changes = outcome.changes
            cadence = self.cadence.value() or None
            if cadence != self.detail.cadence_days:
                changes.merge(followups.set_cadence(self.store, self.detail.id,
                                                    cadence).changes)
        except SpocError as exc:
            self.show_error(str(exc))
            return
        self.changes = changes
        super().accept()

    @classmethod
    def ask(cls, store: Store, detail: StakeholderDetail,
            parent: QWidget | None = None) -> ChangeSet | None:
        """Show the dialog; the change-set of the saved edit, or None when cancelled."""
        dialog = cls(store, detail, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changes
