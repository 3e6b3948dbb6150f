"""The directory list model: the ids of the current query, in order, plus a row
cache filled a page at a time (:mod:`spocdesk.core.people.query`).
A new query loads the first screen of ids and the SQL count; the rest of the ids
come the first time a row past them is wanted (:class:`LazyIdModel`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from spocdesk.core.people import query as sq
from spocdesk.core.people.query import StakeholderFilter, StakeholderListRow, StakeholderSort
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import ID_ROLE, PAGE, Index, LazyIdModel

COLUMNS: list[tuple[str, str]] = [  # (sort key, header)
    ("name", QT_TRANSLATE_NOOP("StakeholderTableModel", "Name")),
    ("organisation", QT_TRANSLATE_NOOP("StakeholderTableModel", "Organisation")),
    ("title", QT_TRANSLATE_NOOP("StakeholderTableModel", "Role / title")),
    ("channel", QT_TRANSLATE_NOOP("StakeholderTableModel", "Prefers")),
    ("email", QT_TRANSLATE_NOOP("StakeholderTableModel", "E-mail")),
    ("phone", QT_TRANSLATE_NOOP("StakeholderTableModel", "Phone")),
    ("open_cases", QT_TRANSLATE_NOOP("StakeholderTableModel", "Open cases")),
    ("last_contact", QT_TRANSLATE_NOOP("StakeholderTableModel", "Last contact")),
    ("next_followup", QT_TRANSLATE_NOOP("StakeholderTableModel", "Next follow-up")),
    ("verified", QT_TRANSLATE_NOOP("StakeholderTableModel", "Verified")),
]

__all__ = ["COLUMNS", "ID_ROLE", "PAGE", "StakeholderTableModel"]


class StakeholderTableModel(LazyIdModel):
    columns = COLUMNS
    first_screen = 2 * PAGE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filter = StakeholderFilter()
        self.sort_order = StakeholderSort()
        self._now: datetime | None = None

    def start_query(self, store: Store) -> None:
        self._now = store.now()

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        return sq.stakeholder_ids(store, self.filter, self.sort_order, limit=limit)

    def query_count(self, store: Store) -> int:
        return sq.stakeholder_count(store, self.filter)

    def query_holds(self, store: Store, record_id: str) -> bool:
        return sq.stakeholder_matches(store, self.filter, record_id)

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        return dict(sq.stakeholder_rows(store, ids))

    def set_filter(self, flt: StakeholderFilter) -> None:
        self.filter = flt
        self.reload()

    def stakeholder_id(self, row: int) -> str | None:
        return self.record_id(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ID_ROLE:
            return self.stakeholder_id(index.row())
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.FontRole:
            row = self.row_data(index.row())
            if key == "name" and row is not None and row.kind == "organisation":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key == "open_cases":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        text = self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "verified" and row.verified_at is not None:
                return self.tr("Details verified {when}").format(
                    when=fmt.when(row.verified_at, with_time=False))
            if key == "name" and row.kind == "organisation":
                return self.tr("{name} (organisation)").format(name=row.display_name)
            return text or None
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "name" \
                and row.kind == "organisation":
            return self.tr("{name}, organisation").format(name=row.display_name)
        return text

    def _text(self, row: StakeholderListRow, key: str) -> str:
        if key == "name":
            return row.display_name
        if key == "organisation":
            return row.organisation
        if key == "title":
            return row.title
        if key == "channel":
            return fmt.channel(row.preferred_channel) if row.preferred_channel else ""
        if key == "email":
            return row.email
        if key == "phone":
            return row.phone
        if key == "open_cases":
            return str(row.open_cases) if row.open_cases else ""
        if key == "last_contact":
            return fmt.when(row.last_contact, with_time=False)
        if key == "next_followup":
            return fmt.when(row.next_followup, with_time=False)
        if key == "verified":
            if row.verified_at is None:
                return self.tr("never")
            now = self._now or row.verified_at
            return fmt.span(row.verified_at - now) if now > row.verified_at else \
                self.tr("today")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_order = replace(self.sort_order, column=COLUMNS[column][0],
                                  descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()
