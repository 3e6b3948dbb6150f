"""The views sidebar: Open, Waiting on others, … each with its live count."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from spocdesk.core.cases import query as case_query
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

VIEW_TITLES = {
    "open": QT_TRANSLATE_NOOP("ViewList", "Open"),
    "waiting": QT_TRANSLATE_NOOP("ViewList", "Waiting on others"),
    "escalated": QT_TRANSLATE_NOOP("ViewList", "Escalated"),
    "followup_overdue": QT_TRANSLATE_NOOP("ViewList", "Follow-up overdue"),
    "no_followup": QT_TRANSLATE_NOOP("ViewList", "No follow-up planned"),
    "no_next_step": QT_TRANSLATE_NOOP("ViewList", "No next step"),
    "sla_at_risk": QT_TRANSLATE_NOOP("ViewList", "SLA at risk"),
    "sla_breached": QT_TRANSLATE_NOOP("ViewList", "SLA breached"),
    "resolved_this_week": QT_TRANSLATE_NOOP("ViewList", "Resolved this week"),
    "all": QT_TRANSLATE_NOOP("ViewList", "All"),
}


class ViewList(QListWidget):
    view_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseViews")
        self.setAccessibleName(self.tr("Case views"))
        for view in case_query.VIEWS:
            item = QListWidgetItem(self.tr(VIEW_TITLES[view]))
            item.setData(Qt.ItemDataRole.UserRole, view)
            self.addItem(item)
        self.counts: dict[str, int] = {}
        self.setCurrentRow(0)
        self.currentItemChanged.connect(self._current_changed)
        self.setMinimumWidth(150)
        # a narrow pane wraps a long title ("Wiedervorlage überfällig (11)") rather than
        # cutting it off behind a scroll bar
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def _current_changed(self, item: QListWidgetItem | None,
                         _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.view_chosen.emit(self.view_of(item))

    @staticmethod
    def view_of(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def current_view(self) -> str:
        item = self.currentItem()
        return self.view_of(item) if item else "open"

    def current_title(self) -> str:
        """The current view's name as the list shows it (with its count, once known)."""
        item = self.currentItem()
        return item.text() if item else self.tr(VIEW_TITLES["open"])

    def select_view(self, view: str) -> None:
        for row in range(self.count()):
            if self.view_of(self.item(row)) == view:
                self.setCurrentRow(row)
                return

    def sizeHint(self) -> QSize:
        """Wide enough for the longest title with its count (German titles are long)."""
        hint = super().sizeHint()
        width = self.sizeHintForColumn(0) + 2 * self.frameWidth() + 12
        return QSize(max(self.minimumWidth(), width), hint.height())

    def update_counts(self, store: Store | None) -> None:
        counts = case_query.view_counts(store) if store is not None else {}
        self.counts = counts
        for row in range(self.count()):
            item = self.item(row)
            view = self.view_of(item)
            title = self.tr(VIEW_TITLES[view])
            if view in counts:
                item.setText(f"{title}  ({fmt.number(counts[view])})")
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             fmt.grouped(self.tr("{title}: %n cases", "", counts[view]),
                                         counts[view]).format(title=title))
            else:
                item.setText(title)
        self.updateGeometry()  # the counts change the width the titles need
