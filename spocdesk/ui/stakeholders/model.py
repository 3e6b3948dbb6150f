"""The directory list model: the ids of the current query, in order, plus a row
cache filled a page at a time (:mod:`spocdesk.core.services.stakeholder_query`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from spocdesk.core.services import stakeholder_query as sq
from spocdesk.core.services.stakeholder_query import (
    StakeholderFilter,
    StakeholderListRow,
    StakeholderSort,
)
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt

PAGE = 100
ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS: list[tuple[str, str]] = [  # (sort key, header)
    ("name", "Name"),
    ("organisation", "Organisation"),
    ("title", "Role / title"),
    ("channel", "Prefers"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("open_cases", "Open cases"),
    ("last_contact", "Last contact"),
    ("next_followup", "Next follow-up"),
    ("verified", "Verified"),
]

CHANNELS = {"phone": "Phone", "email": "E-mail", "meeting": "Meeting", "chat": "Chat",
            "letter": "Letter", "note": "Note"}

Index = QModelIndex | QPersistentModelIndex


class StakeholderTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.filter = StakeholderFilter()
        self.sort_order = StakeholderSort()
        self._ids: list[str] = []
        self._rows: dict[str, StakeholderListRow] = {}
        self._now: datetime | None = None
        self.pages_fetched = 0

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def set_filter(self, flt: StakeholderFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        if self.store is None:
            self._ids = []
        else:
            self._now = self.store.now()
            self._ids = sq.stakeholder_ids(self.store, self.filter, self.sort_order)
        self.endResetModel()

    def stakeholder_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, stakeholder_id: str) -> int:
        try:
            return self._ids.index(stakeholder_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> StakeholderListRow | None:
        sid = self.stakeholder_id(row)
        if sid is None or self.store is None:
            return None
        cached = self._rows.get(sid)
        if cached is None:
            self._fetch_page(row)
            cached = self._rows.get(sid)
        return cached

    def _fetch_page(self, row: int) -> None:
        assert self.store is not None
        start = max(0, row - PAGE // 4)
        wanted = [sid for sid in self._ids[start:start + PAGE] if sid not in self._rows]
        self._rows.update(sq.stakeholder_rows(self.store, wanted))
        self.pages_fetched += 1

    @property
    def cached_rows(self) -> int:
        return len(self._rows)

    # -- Qt model API -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.tr(COLUMNS[section][1])
        return None

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
            return self.tr(CHANNELS.get(row.preferred_channel, row.preferred_channel))
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
