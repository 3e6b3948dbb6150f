"""The shape of every big list (Anki's browser table): the ids of the current SQL
query, in order, plus a row cache filled a page at a time. Subclasses say how to
fetch the ids and a page of rows; Qt never sees all rows at once.

A model that sets ``first_screen`` loads only that many ids when its query
changes, plus the number of matches (a count the indexes answer without reading
the rows): the first screen shows at once, and the rest of the ids are fetched
in one query the first time a row past them is wanted (scrolling on, End, or
looking a record up).

When the count costs more than the first screen (every text match of a search),
:meth:`LazyIdModel.count_after_paint` lets the first screen go out sized from its
ids alone; the count runs on the next turn of the event loop, after the paint, and
the rows past the first screen are inserted then."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from spocdesk.core.store import Store

PAGE = 100
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class LazyIdModel(QAbstractTableModel):
    """Subclasses set ``columns`` ((key, header) pairs) and implement
    :meth:`query_ids` and :meth:`query_rows` (and :meth:`query_count` when they set
    ``first_screen``)."""

    columns: list[tuple[str, str]] = []
    first_screen: int | None = None  # ids loaded up front; None: all of them
    counted = Signal()  # a count put off until after the paint is known (rows may grow)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self._ids: list[str] = []  # a prefix of the query's ids until all are wanted
        self._total = 0  # how many rows the query has: what the view is told
        self._counting = False  # the count is due after the paint (count_after_paint)
        self._rows: dict[str, Any] = {}
        self.pages_fetched = 0  # for tests: how many page queries ran

    # -- what subclasses provide ------------------------------------------

    def start_query(self, store: Store) -> None:
        """Called before each new query's ids: fix what the query and its rows depend on
        besides the filter (e.g. the moment), so that the ids fetched later agree."""

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        """The ids of the current query in order, at most ``limit`` of them."""
        raise NotImplementedError

    def query_count(self, store: Store) -> int:
        """How many ids :meth:`query_ids` returns without a limit."""
        raise NotImplementedError

    def count_after_paint(self) -> bool:
        """Whether the current query's count waits for the next turn of the event loop
        (the first screen is painted first): for a count dearer than the first screen."""
        return False

    def query_holds(self, store: Store, record_id: str) -> bool:
        """Whether the current query holds ``record_id``: asked before every id is loaded
        to find one past the first screen. Subclasses answer it in SQL when they can."""
        return True

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
        self._counting = False
        if self.store is None:
            self._ids = []
        else:
            self.start_query(self.store)
            self._ids = self.query_ids(self.store, self.first_screen)
        self._total = len(self._ids)
        if self.store is not None and self.first_screen is not None \
                and self._total >= self.first_screen:
            if self.count_after_paint():
                self._counting = True
                QTimer.singleShot(0, self, self._count_now)
            else:
                self._total = self.query_count(self.store)
        self.endResetModel()

    def refresh(self) -> bool:
        """After a data change (Anki's ``mark_cache_stale``): ask the query again for the
        ids in memory. When it holds the same rows in the same order, only the cached
        rows are dropped (:meth:`refresh_rows`) and the count is taken again: no reset,
        so the view keeps its selection, current row and scroll. Otherwise (rows came,
        went or moved) :meth:`reload`. Returns whether the rows stayed."""
        store = self.store
        if store is None or self._counting:
            self.reload()
            return False
        self.start_query(store)
        partial = len(self._ids) < self._total
        ids = self.query_ids(store, len(self._ids) if partial else None)
        if ids != self._ids:
            self.reload()
            return False
        self.refresh_rows()
        if partial:  # rows past those in memory may have come or gone
            if self.count_after_paint():
                QTimer.singleShot(0, self, self._recount)
            else:
                self._resize(max(len(ids), self.query_count(store)))
        return True

    def _recount(self) -> None:
        if self.store is not None and not self._counting and len(self._ids) < self._total:
            self._resize(max(len(self._ids), self.query_count(self.store)))

    def refresh_rows(self) -> None:
        """Drop the cached rows; the view refetches them as it paints them."""
        self._rows.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._total - 1, len(self.columns) - 1))

    @property
    def counting(self) -> bool:
        """Whether the row count is still that of the first screen, the count to come."""
        return self._counting

    def _count_now(self) -> None:
        """The deferred count (once per query; a later reload makes this a no-op)."""
        if self._counting and self.store is not None:
            self._counting = False
            self._resize(self.query_count(self.store))
            self.counted.emit()

    def _resize(self, total: int) -> None:
        """Tell the view the query's size once it is known: rows past those shown are
        inserted (or removed, when the data changed in between and fewer match)."""
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()

    @property
    def loaded_ids(self) -> int:
        """How many ids are in memory (for tests and benchmarks)."""
        return len(self._ids)

    def _load_all_ids(self) -> None:
        """Fetch the ids past the first screen (once per query)."""
        if self.store is None:
            return
        if self._counting:  # before the deferred count: every id tells it
            self._counting = False
            self._ids = self.query_ids(self.store)
            self._resize(len(self._ids))
            self.counted.emit()
            return
        if len(self._ids) >= self._total:
            return
        self._ids = self.query_ids(self.store)
        if len(self._ids) != self._total:  # the data changed since the count was taken
            QTimer.singleShot(0, self, self._resync)  # not inside a paint: on the next turn

    def _resync(self) -> None:
        if len(self._ids) != self._total:
            self.beginResetModel()
            self._rows.clear()
            self._total = len(self._ids)
            self.endResetModel()

    def record_id(self, row: int) -> str | None:
        if row >= len(self._ids) and 0 <= row < self._total:
            self._load_all_ids()
        return self._ids[row] if 0 <= row < min(len(self._ids), self._total) else None

    def row_of(self, record_id: str, *, loaded_only: bool = False) -> int:
        """The record's row, -1 when the query does not hold it. ``loaded_only`` looks
        only among the ids already in memory (no query)."""
        if record_id not in self._ids and not loaded_only and self.store is not None \
                and (self._counting or len(self._ids) < self._total) \
                and self.query_holds(self.store, record_id):
            self._load_all_ids()
        try:
            row = self._ids.index(record_id)
        except ValueError:
            return -1
        return row if row < self._total else -1

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
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.tr(self.columns[section][1])
        return None
