"""Find duplicates over the whole directory and merge a group into the one to keep
(every contact point, note, tag and case link of the others is kept)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.people import duplicates
from spocdesk.core.people import query as sq
from spocdesk.core.people.duplicates import DuplicateSet
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

REASONS = {"email": QT_TRANSLATE_NOOP("DuplicatesDialog", "same e-mail"),
           "phone": QT_TRANSLATE_NOOP("DuplicatesDialog", "same phone"),
           "name": QT_TRANSLATE_NOOP("DuplicatesDialog", "close name")}


class ConfirmMerge:
    @classmethod
    def ask(cls, parent: QWidget, keep: str, others: list[str]) -> bool:
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("ConfirmMerge", "Merge stakeholders"),
            QCoreApplication.translate(
                "ConfirmMerge", "Merge {others} into {keep}? Every contact point, note, tag "
                "and case link is kept on {keep}; the others are removed.").format(
                          others=", ".join(others), keep=keep))
        return answer == QMessageBox.StandardButton.Yes


class DuplicatesDialog(QDialog):
    def __init__(self, store: Store, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Find duplicates"))
        self.resize(860, 480)
        self.store = store
        self.bus = bus
        self.groups: list[DuplicateSet] = []
        self.merged = ChangeSet()

        self.summary = QLabel(self)
        self.summary.setObjectName("duplicatesSummary")
        self.summary.setAccessibleName(self.tr("Duplicates found"))
        self.group_list = QListWidget(self)
        self.group_list.setObjectName("duplicateGroupList")
        self.group_list.setAccessibleName(self.tr("Groups that look like one person"))
        self.group_list.currentRowChanged.connect(self._show_group)
        self.members = QTableWidget(0, 5, self)
        self.members.setObjectName("duplicateMembers")
        self.members.setAccessibleName(self.tr("Stakeholders in this group"))
        self.members.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Organisation"), self.tr("E-mail"), self.tr("Phone"),
            self.tr("Open cases")])
        self.members.verticalHeader().hide()
        self.members.setTabKeyNavigation(False)
        self.members.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.merge_button = QPushButton(self.tr("Merge into the selected one"), self)
        self.merge_button.setObjectName("mergeGroup")
        self.merge_button.setAccessibleName(self.tr("Merge the group into the selected one"))
        self.merge_button.clicked.connect(self._merge_clicked)
        hint = QLabel(self.tr("Select the stakeholder to keep; the others are merged into it."),
                      self)
        hint.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(hint)
        right_layout.addWidget(self.members, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.merge_button)
        right_layout.addLayout(row)
        splitter = QSplitter(self)
        splitter.addWidget(self.group_list)
        splitter.addWidget(right)
        splitter.setSizes([260, 600])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.groups = duplicates.find_duplicates(self.store)
        self.group_list.clear()
        for group in self.groups:
            reasons = ", ".join(self.tr(REASONS.get(r, r)) for r in group.reasons)
            item = QListWidgetItem(f"{' / '.join(dict.fromkeys(group.names))}  ({reasons})")
            item.setToolTip("\n".join(group.names))
            self.group_list.addItem(item)
        self.summary.setText(
            self.tr("%n groups of stakeholders look like one person.", "", len(self.groups))
            if self.groups
            else self.tr("No duplicates found: every stakeholder looks unique."))
        self.merge_button.setEnabled(bool(self.groups))
        if self.groups:
            self.group_list.setCurrentRow(0)
        else:
            self.members.setRowCount(0)

    def _show_group(self, row: int) -> None:
        self.members.setRowCount(0)
        if not 0 <= row < len(self.groups):
            return
        group = self.groups[row]
        info = sq.stakeholder_rows(self.store, group.ids)
        self.members.setRowCount(len(group.ids))
        for r, sid in enumerate(group.ids):
            data = info.get(sid)
            cells = ((data.display_name, data.organisation, data.email, data.phone,
                      str(data.open_cases)) if data else (sid, "", "", "", ""))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, sid)
                self.members.setItem(r, c, item)
        self.members.selectRow(0)

    def _merge_clicked(self) -> None:
        row = self.group_list.currentRow()
        selected = self.members.selectionModel().selectedRows()
        if not 0 <= row < len(self.groups) or not selected:
            return
        item = self.members.item(selected[0].row(), 0)
        if item is not None:
            self.merge_group(row, item.data(Qt.ItemDataRole.UserRole))

    def merge_group(self, row: int, keep_id: str) -> bool:
        group = self.groups[row]
        names = dict(zip(group.ids, group.names, strict=False))
        others = [sid for sid in group.ids if sid != keep_id]
        if not ConfirmMerge.ask(self, names.get(keep_id, ""),
                                [names.get(o, "") for o in others]):
            return False
        try:
            for other in others:
                self.merged.merge(duplicates.merge_stakeholders(self.store, keep_id,
                                                                other).changes)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not merged"), str(exc))
            return False
        finally:
            self.bus.publish(self.merged)
        self.reload()
        return True

    @classmethod
    def run(cls, store: Store, bus: ChangeBus, parent: QWidget | None = None) -> None:
        cls(store, bus, parent).exec()
