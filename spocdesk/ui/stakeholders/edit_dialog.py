"""The stakeholder edit dialog (F2 / Ctrl+E in the directory): names, organisation,
role, preferred channel, tags, stay-in-touch cadence, notes and the contact points
with their labels and one preferred per kind.

Saving checks every contact point first and shows what is wrong in one sentence
under the form (the dialog stays open, nothing is written); then one unit of work
(:func:`spocdesk.core.people.edit.save`) writes the edit, and the
cadence, when it changed, goes through its own action with the follow-up it keeps.
"""

from __future__ import annotations

from dataclasses import replace

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

from spocdesk.core.errors import Conflict, InvalidInput, SpocError
from spocdesk.core.followups import service as followups
from spocdesk.core.people import edit as stakeholder_edit
from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.edit import PointEdit, StakeholderEdit
from spocdesk.core.people.stakeholders import StakeholderDetail
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.conflict_bar import ConflictBar
from spocdesk.ui.stakeholders.detail import KIND_LABELS

KIND, LABEL, VALUE, PREFERRED = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole


def edit_of(detail: StakeholderDetail) -> StakeholderEdit:
    """What the dialog saves when nothing is changed in ``detail``."""
    return StakeholderEdit(
        display_name=detail.display_name, given_name=detail.given_name,
        family_name=detail.family_name, organisation=detail.organisation, title=detail.title,
        preferred_channel=detail.preferred_channel, notes=detail.notes, tags=list(detail.tags),
        contact_points=[PointEdit(kind=p.kind, value=p.value, label=p.label,
                                  preferred=p.preferred, id=p.id)
                        for p in detail.contact_points])


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

        def line(name: str, accessible: str) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setAccessibleName(accessible)
            return edit

        self.name = line("editName", self.tr("Name"))
        self.given = line("editGivenName", self.tr("Given name"))
        self.family = line("editFamilyName", self.tr("Family name"))
        self.organisation = line("editOrganisation", self.tr("Organisation"))
        completer = QCompleter([name for _id, name in sq.organisations(store)], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation.setCompleter(completer)
        self.title = line("editTitle", self.tr("Role / title"))
        self.channel = QComboBox(self)
        self.channel.setObjectName("editChannel")
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        self.channel.addItem(self.tr("No preference"), "")
        for value in stakeholder_edit.CHANNELS[1:]:
            self.channel.addItem(fmt.channel(value), value)
        self.tags = line("editTags", self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Separated by commas, e.g. client, vip"))
        self.cadence = QSpinBox(self)
        self.cadence.setObjectName("editCadence")
        self.cadence.setAccessibleName(self.tr("Stay-in-touch cadence in days"))
        self.cadence.setRange(0, followups.MAX_CADENCE_DAYS)
        self.cadence.setSpecialValueText(self.tr("off"))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setMaximumWidth(self.cadence.sizeHint().width() + 40)
        self.notes = QPlainTextEdit(self)
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
        self.conflict_bar = ConflictBar(self, self.tr(
            "Show the saved stakeholder and drop what you typed"))
        self.conflict_bar.keep_mine.connect(self.keep_mine)
        self.conflict_bar.take_theirs.connect(self.take_theirs)

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
        form.addRow(self.tr("T&ags"), self.tags)  # (Alt+T: the conflict bar's Take theirs)
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
        layout.addWidget(self.conflict_bar)
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
        self.fill(detail)
        self.resize(640, 680)

    def fill(self, detail: StakeholderDetail) -> None:
        """Show ``detail`` (what typed text there was is gone); saves build on it."""
        self.detail = detail
        for edit, text in ((self.name, detail.display_name), (self.given, detail.given_name),
                           (self.family, detail.family_name),
                           (self.organisation, detail.organisation), (self.title, detail.title),
                           (self.tags, ", ".join(detail.tags))):
            edit.setText(text)
            edit.setCursorPosition(0)  # a long name shows its beginning
        self.channel.setCurrentIndex(max(0, self.channel.findData(detail.preferred_channel)))
        self.cadence.setValue(detail.cadence_days or 0)
        self.notes.setPlainText(detail.notes)
        self.points.setRowCount(0)
        shown: set[str] = set()
        for point in detail.contact_points:  # the first of a kind stands in for a missing mark
            first = point.kind not in shown and not any(
                p.preferred for p in detail.contact_points if p.kind == point.kind)
            shown.add(point.kind)
            self.add_point(point.kind, point.label, point.value, point.preferred or first,
                           point.id)
        self.shown = self.value()  # what the user's changes are changes of

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
        self._save(self.value(), self.cadence.value() or None)

    def _save(self, edit: StakeholderEdit, cadence: int | None) -> None:
        """Save ``edit`` on :attr:`detail`'s revision and close; a colleague's save since
        then shows the conflict bar (the typed text stays), any other refusal its
        sentence."""
        try:
            outcome = stakeholder_edit.save(self.store, self.detail.id, edit,
                                            expected_revision=self.detail.revision,
                                            seen=self.detail)
            changes = outcome.changes
            if cadence != self.detail.cadence_days:
                changes.merge(followups.set_cadence(self.store, self.detail.id,
                                                    cadence).changes)
        except Conflict as exc:  # saved by someone else meanwhile: the user chooses
            self.show_error("")
            self.conflict_bar.show_conflict(exc)
            return
        except SpocError as exc:
            self.show_error(str(exc))
            return
        self.conflict_bar.clear()
        self.changes = changes
        super().accept()

    def _saved_now(self) -> StakeholderDetail | None:
        try:
            return stakeholders.details(self.store, self.detail.id)
        except SpocError as exc:
            self.show_error(str(exc))
            return None

    def keep_mine(self) -> None:
        """After a conflict: save the fields the user changed on top of what is saved
        now; the fields they did not touch keep the other change."""
        self.conflict_bar.clear()
        fresh = self._saved_now()
        if fresh is None:
            return
        seen, mine = self.shown, self.value()
        values = {name: getattr(mine if getattr(mine, name) != getattr(seen, name) else
                                edit_of(fresh), name)
                  for name in StakeholderEdit.__dataclass_fields__}
        if mine.contact_points != seen.contact_points:  # the user's list, as far as it goes
            alive = {p.id for p in fresh.contact_points}
            values["contact_points"] = [p if p.id in alive else replace(p, id=None)
                                        for p in mine.contact_points]
        cadence = self.cadence.value() or None
        if cadence == (self.detail.cadence_days or None):
            cadence = fresh.cadence_days
        self.detail = fresh
        self._save(StakeholderEdit(**values), cadence)

    def take_theirs(self) -> None:
        """After a conflict: show what is saved and drop what was typed."""
        self.conflict_bar.clear()
        fresh = self._saved_now()
        if fresh is not None:
            self.fill(fresh)
            self.show_error("")
            self.setWindowTitle(self.tr("Edit {name}").format(name=fresh.display_name))

    @classmethod
    def ask(cls, store: Store, detail: StakeholderDetail,
            parent: QWidget | None = None) -> ChangeSet | None:
        """Show the dialog; the change-set of the saved edit, or None when cancelled."""
        dialog = cls(store, detail, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changes
