"""The case list model (Anki's browser table shape): the ids of the current query,
in order, plus a row cache filled a page at a time. Filtering and sorting run
in SQL (:mod:`spocdesk.core.cases.query`); Qt never sees all rows."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from spocdesk.core.cases import query as case_query
from spocdesk.core.cases.query import CaseFilter, CaseListRow, CaseSort
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import ID_ROLE, PAGE, Index, LazyIdModel

COLUMNS: list[tuple[str, str]] = [  # (sort key, header)
    ("ref", QT_TRANSLATE_NOOP("CaseTableModel", "Ref")),
    ("title", QT_TRANSLATE_NOOP("CaseTableModel", "Title")),
    ("stakeholder", QT_TRANSLATE_NOOP("CaseTableModel", "Main stakeholder")),
    ("status", QT_TRANSLATE_NOOP("CaseTableModel", "Status")),
    ("priority", QT_TRANSLATE_NOOP("CaseTableModel", "Priority")),
    ("next_followup", QT_TRANSLATE_NOOP("CaseTableModel", "Next follow-up")),
    ("last_interaction", QT_TRANSLATE_NOOP("CaseTableModel", "Last interaction")),
    ("age", QT_TRANSLATE_NOOP("CaseTableModel", "Age")),
    ("sla", QT_TRANSLATE_NOOP("CaseTableModel", "SLA")),
]

__all__ = ["COLUMNS", "ID_ROLE", "PAGE", "CaseTableModel"]


class CaseTableModel(LazyIdModel):
    columns = COLUMNS
    first_screen = 2 * PAGE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filter = CaseFilter()
        self.sort_order = CaseSort()
        self._ctx: case_query.ListContext | None = None

    def start_query(self, store: Store) -> None:
        self._ctx = case_query.context(store)  # the moment and the SLA targets

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        return case_query.case_ids(store, self.filter, self.sort_order, ctx=self._ctx,
                                   limit=limit)

    def query_count(self, store: Store) -> int:
        return case_query.case_count(store, self.filter, ctx=self._ctx)

    def query_holds(self, store: Store, record_id: str) -> bool:
        return case_query.case_matches(store, self.filter, record_id, ctx=self._ctx)

    def count_after_paint(self) -> bool:
        # every text match is counted (23,000 for "renewal" at 100,000 cases): after the
        # first screen is painted, not before it
        return bool(self.filter.text.strip())

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        return dict(case_query.case_rows(store, ids, ctx=self._ctx))

    def set_filter(self, flt: CaseFilter) -> None:
        self.filter = flt
        self.reload()

    def case_id(self, row: int) -> str | None:
        return self.record_id(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ID_ROLE:
            return self.case_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, key)
        text = self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key) or text or None
        return text

    def _text(self, row: CaseListRow, key: str) -> str:
        if key == "ref":
            return row.ref
        if key == "title":
            return row.title
        if key == "stakeholder":
            return row.main_stakeholder
        if key == "status":
            label = fmt.status(row.status)
            return label if not row.escalated or row.status == "escalated" else \
                self.tr("{s} · escalated").format(s=label)
        if key == "priority":
            return fmt.priority(row.priority)
        if key == "next_followup":
            if row.next_followup_at is None:
                open_ = row.status not in ("resolved", "closed")
                return self.tr("— no follow-up planned") if open_ else ""
            text = fmt.when(row.next_followup_at)
            return f"⚠ {text}" if row.followup_overdue else text
        if key == "last_interaction":
            return fmt.when(row.last_interaction_at)
        if key == "age":
            return fmt.span(row.age)
        if key == "sla":
            return fmt.sla(row.sla_state, row.sla_time_left)
        return ""

    def _tooltip(self, row: CaseListRow, key: str) -> str:
        if key == "title" and row.next_step:
            return self.tr("{title}\nNext step: {step}").format(title=row.title,
                                                              step=row.next_step)
        if key == "age":
            return self.tr("Opened {when}").format(when=fmt.when(row.opened_at))
        if key == "next_followup" and row.followup_overdue:
            return self.tr("Overdue since {when}").format(when=fmt.when(row.next_followup_at))
        return ""

    def _colour(self, row: CaseListRow, key: str) -> Any:
        if key == "priority":
            return fmt.readable(fmt.PRIORITY_COLOURS.get(row.priority))
        if key == "sla":
            return fmt.readable(fmt.SLA_COLOURS.get(row.sla_state))
        if key == "next_followup" and row.followup_overdue:
            return fmt.readable(fmt.OVERDUE_COLOUR)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_order = replace(self.sort_order, column=COLUMNS[column][0],
                                  descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()
