"""The records behind a figure of the dashboard: a click on a figure opens this list
(the cases, or the stakeholders for the Net Promoter figures), and Enter or a
double-click on a row opens the record in its page.

The ids come from :func:`spocdesk.core.metrics.figures.drill_ids` (the figure's own
SQL); like every big list (:mod:`spocdesk.ui.lazy_model`) a list reads the ids of its
first screen and its count, the other ids when scrolled on, and rows a page at a time:
no cap, however many records a figure has."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import query as case_query
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.metrics.figures import Drill
from spocdesk.core.people import query as people_query
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import ID_ROLE, Index, LazyIdModel

FIRST_SCREEN = 100  # ids read up front; the rest when the list is scrolled on


class DrillModel(LazyIdModel):
    """The ids behind one figure, in the order the figure met them."""

    CASE_COLUMNS = [("ref", QT_TRANSLATE_NOOP("DrillModel", "Ref")),
                    ("title", QT_TRANSLATE_NOOP("DrillModel", "Title")),
                    ("stakeholder", QT_TRANSLATE_NOOP("DrillModel", "Main stakeholder")),
                    ("status", QT_TRANSLATE_NOOP("DrillModel", "Status")),
                    ("category", QT_TRANSLATE_NOOP("DrillModel", "Category"))]
    PEOPLE_COLUMNS = [("name", QT_TRANSLATE_NOOP("DrillModel", "Name")),
                      ("organisation", QT_TRANSLATE_NOOP("DrillModel", "Organisation")),
                      ("email", QT_TRANSLATE_NOOP("DrillModel", "Email"))]

    first_screen = FIRST_SCREEN

    def __init__(self, drill: Drill, parent: Any = None) -> None:
        super().__init__(parent)
        self.drill = drill
        self.cases = drill.target == "cases"
        self.columns = self.CASE_COLUMNS if self.cases else self.PEOPLE_COLUMNS

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        return figures.drill_ids(store, self.drill, limit=limit)

    def query_count(self, store: Store) -> int:
        return figures.drill_count(store, self.drill)

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        if self.cases:
            return dict(case_query.case_rows(store, ids))
        return dict(people_query.stakeholder_rows(store, ids))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role == ID_ROLE:
            return self.record_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = self.columns[index.column()][0]
        if self.cases:
            return {"ref": row.ref, "title": row.title, "stakeholder": row.main_stakeholder,
                    "status": fmt.status(row.status), "category": row.category}[key]
        return {"name": row.display_name, "organisation": row.organisation,
                "email": row.email}[key]


class PendingModel(LazyIdModel):
    """Feedback pending: resolved cases of the last 30 days with no satisfaction on
    record, the most recently resolved first."""

    columns = [("ref", QT_TRANSLATE_NOOP("PendingModel", "Ref")),
               ("title", QT_TRANSLATE_NOOP("PendingModel", "Title")),
               ("stakeholder", QT_TRANSLATE_NOOP("PendingModel", "Main stakeholder")),
               ("resolved", QT_TRANSLATE_NOOP("PendingModel", "Resolved"))]
    first_screen = FIRST_SCREEN

    def start_query(self, store: Store) -> None:
        self.since = store.now() - timedelta(days=feedback.PENDING_DAYS)

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        pending = feedback.pending(store, since=self.since, limit=limit)
        self._rows.update({c.id: c for c in pending.cases})
        return [c.id for c in pending.cases]

    def query_count(self, store: Store) -> int:
        return feedback.pending(store, since=self.since, limit=0).total

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        return {c.id: c for c in feedback.pending_rows(store, ids)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role == ID_ROLE:
            return self.record_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = self.columns[index.column()][0]
        return {"ref": row.ref, "title": row.title, "stakeholder": row.main_stakeholder,
                "resolved": fmt.when(row.resolved_at)}[key]


class NpsDueModel(LazyIdModel):
    """Stakeholders to ask for a Net Promoter answer now (see
    :func:`spocdesk.core.metrics.feedback.nps_due`)."""

    columns = [("name", QT_TRANSLATE_NOOP("NpsDueModel", "Name")),
               ("resolved", QT_TRANSLATE_NOOP("NpsDueModel", "Last case resolved"))]
    first_screen = FIRST_SCREEN

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        due = feedback.nps_due(store, limit=limit)
        self._rows.update({d.stakeholder_id: d for d in due})
        return [d.stakeholder_id for d in due]

    def query_count(self, store: Store) -> int:
        return feedback.nps_due_count(store)

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        return {d.stakeholder_id: d for d in feedback.nps_due(store, limit=None, ids=ids)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role == ID_ROLE:
            return self.record_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        return row.name if index.column() == 0 else fmt.when(row.last_resolved_at)


class RecordTable(QTableView):
    """Enter on a row activates it (the platform default varies)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class RecordsDialog(QDialog):
    """A list of records with a sentence above it; choosing a row emits :attr:`chosen`
    (the record's id) and closes the list."""

    chosen = Signal(str)

    def __init__(self, store: Store, model: LazyIdModel, title: str, sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle(title)
        self.model = model
        model.setParent(self)
        model.set_store(store)
        self.sentence = QLabel(sentence, self)
        self.sentence.setObjectName("drillSentence")
        self.sentence.setWordWrap(True)
        self.table = RecordTable(self)
        self.table.setObjectName("drillTable")
        self.table.setAccessibleName(title)
        self.table.setModel(model)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._chosen)
        self.table.doubleClicked.connect(self._chosen)
        self.empty = QLabel(self.tr("No records behind this figure."), self)
        self.empty.setObjectName("drillEmpty")
        self.empty.setVisible(model.rowCount() == 0)
        self.table.setVisible(model.rowCount() > 0)
        self.count = QLabel(fmt.grouped(self.tr("%n records", "", model.rowCount()),
                                        model.rowCount()), self)
        self.count.setObjectName("drillCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        if model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()
        self.resize(720, 420)

    def _chosen(self, index: QModelIndex) -> None:
        record = self.model.record_id(index.row())
        if record is not None:
            self.chosen.emit(record)
            self.accept()
