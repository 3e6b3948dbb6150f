"""The shape of every big list (Anki's browser table): the ids of the current SQL
query, in order, plus a row cache filled a page at a time. Subclasses say how to
fetch the ids and a page of rows; Qt never sees all rows at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spocdesk.core.store import Store

PAGE = 100
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class LazyIdModel(QAbstractTableModel):
    """Subclasses set ``columns`` ((key, header) pairs) and implement
    :meth:`query_ids` and :meth:`query_rows`."""

    columns: list[tuple[str, str]] = []

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self._ids: list[str] = []
        self._rows: dict[str, Any] = {}
        self.pages_fetched = 0  # for tests: how many page queries ran

    # -- what subclasses provide ------------------------------------------

    def query_ids(self, store: Store) -> list[str]:
        raise NotImplementedError

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        raise NotImplementedError

    # -- loading ----------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        """Re-run the id query (after a filter, sort or data change)."""
        self.beginResetModel()
        self._rows.clear()
        self._ids = [] if self.store is None else self.query_ids(self.store)
        self.endResetModel()

    def record_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> Any:
        rid = self.record_id(row)
        if rid is None or self.store is None:
            return None
        cached = self._rows.get(rid)
        if cached is None:
            self._fetch_page(row)
            cached = self._rows.get(rid)
        return cached

    def _fetch_page(self, row: int) -> None:
        assert self.store is not None
        start = max(0, row - PAGE // 4)
        wanted = [rid for rid in self._ids[start:start + PAGE] if rid not in self._rows]
        self._rows.update(self.query_rows(self.store, wanted))
        self.pages_fetched += 1

    @property
    def cached_rows(self) -> int:
        return len(self._rows)

    # -- Qt model API -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.tr(self.columns[section][1])
        return None
