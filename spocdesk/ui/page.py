"""What every page of the main window is: it gets the store on unlock, drops it
(and every row of data it holds) on lock, and refreshes on change-sets."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

# Page titles double as keys (``MainWindow.show_page("Cases")``); the main window
# shows them through QCoreApplication.translate("Pages", title).
PAGE_TITLES = (QT_TRANSLATE_NOOP("Pages", "Cases"), QT_TRANSLATE_NOOP("Pages", "Stakeholders"),
               QT_TRANSLATE_NOOP("Pages", "Follow-ups"), QT_TRANSLATE_NOOP("Pages", "Handover"),
               QT_TRANSLATE_NOOP("Pages", "Dashboard"), QT_TRANSLATE_NOOP("Pages", "Inbox"))


def enter_presses_buttons(widget: QWidget) -> None:
    """Enter on a focused button presses it, as Space does (Qt does this only in
    dialogs, whose buttons are *auto default*; on a page Enter did nothing). Fusion
    and the platform styles draw such a button no differently."""
    for button in widget.findChildren(QPushButton):
        if not button.autoDefault():
            button.setAutoDefault(True)


class Page(QWidget):
    """Base class: subclasses override :meth:`load` and :meth:`clear`."""

    title = ""
    icon_name = ""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.store: Store | None = None
        self._stale = False
        self._store_actions: list[QWidget] = []
        bus.changed.connect(self._on_changed)

    def needs_store(self, *widgets: QWidget) -> None:
        """Buttons that act on the store: greyed out while there is none (locked)."""
        self._store_actions.extend(widgets)
        for widget in widgets:
            widget.setEnabled(self.store is not None)

    def set_store(self, store: Store | None, *, defer: bool = False) -> None:
        """Load at once, or (``defer``) when the page is next shown; ``None`` clears now.

        The main window defers every page but the visible one, so unlocking a large
        store costs one page's queries, not five."""
        self.store = store
        self._stale = False
        for widget in self._store_actions:
            widget.setEnabled(store is not None)
        if store is None:
            self.clear()
        elif defer and not self.isVisible():
            self._stale = True
        else:
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        enter_presses_buttons(self)
        if self._stale and self.store is not None:
            self._stale = False
            self.load()

    def focus_in(self) -> None:
        """Ctrl+1 … Ctrl+6 came here: focus into the page (from the sidebar it stayed
        there), on the control last used in it, else its first Tab stop."""
        last = self.focusWidget()
        if last is not None and last.isVisible() and last.isEnabled():
            last.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible()
                    and widget.isEnabled() and self.isAncestorOf(widget)):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def load(self) -> None:
        """Fill the page from ``self.store``."""

    def clear(self) -> None:
        """Forget every row of user data the page shows (called on lock)."""

    def flush(self) -> bool:
        """Save what is being edited before the user leaves the page (or locks);
        ``False`` when that failed (the page says why, and the user stays)."""
        return True

    def refresh_for(self, changes: ChangeSet) -> None:
        """Refresh after a change; the default reloads everything."""
        self.load()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.store is None or self._stale:
            return
        if self.window().isVisible() and not self.isVisible():
            self._stale = True  # a page hidden behind another one reloads when shown
        else:
            self.refresh_for(changes)


class EmptyState(QWidget):
    """A centred headline and a sentence saying what to do next."""

    def __init__(self, headline: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.headline = QLabel(headline)
        self.headline.setObjectName("emptyHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        self.hint = QLabel(hint)
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        for label in (self.headline, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addStretch(2)

    def set_text(self, headline: str, hint: str) -> None:
        self.headline.setText(headline)
        self.hint.setText(hint)


def record_table(parent: QWidget, model: QAbstractItemModel, *, name: str,
                 accessible_name: str, widths: tuple[int, ...],
                 selection: QAbstractItemView.SelectionMode) -> QTableView:
    """A page's main list: whole rows, sortable by its header, read-only, one text line
    per row, Tab leaving the table (arrows move between rows); ``widths`` are the
    columns' starting widths, never narrower than their headers."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setTabKeyNavigation(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
    return table
