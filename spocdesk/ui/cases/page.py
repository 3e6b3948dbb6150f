"""The Cases page: views with counts, combinable filters, the list, the detail."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import templates
from spocdesk.core.cases.query import CaseFilter, case_count
from spocdesk.core.errors import SpocError
from spocdesk.core.metrics.overview import case_categories
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.cases.dialogs import NewCaseDialog
from spocdesk.ui.cases.model import ID_ROLE, CaseTableModel
from spocdesk.ui.cases.sidebar import ViewList
from spocdesk.ui.page import EmptyState, Page, record_table
from spocdesk.ui.word_combo import WordSearchCombo

WIDTHS = (70, 260, 130, 85, 85, 140, 130, 60, 120)  # the columns' starting widths
TITLE, MATTERS = 1, 6  # the title column; the first six always matter (issue 16)
TITLE_WIDTHS = (80, 360)  # the title's narrowest and widest fitted width
VIEWS_SHOWN = "cases/viewsShown"  # QSettings: whether the views pane shows
VIEWS_WIDTH = 850  # until the user chooses, the views pane shows on a page this wide
LIST_HEIGHT = 220  # px: the filters and about six rows of the case list
LIST_MIN = 150  # px: the filters and some three rows, in a small window
DETAIL_HEIGHT = 360  # px: the case's header, its tabs with four timeline entries, the log

RELEVANT = {"case", "interaction", "followup", "escalation", "case_participant", "stakeholder"}


class _Split(QSplitter):
    """A splitter that says when it has been resized (after sharing out its height)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class CasesPage(Page):
    title = "Cases"
    icon_name = "cases"

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self._detail_later = False  # True while load() paints the list before the detail
        self._restoring = False  # True while the page itself selects the shown case again
        self._wanted: str | None = None  # the case to show again after a lock
        self.views = ViewList(self)
        self.views.view_chosen.connect(lambda _v: self.apply_filter())

        self.text = QLineEdit(self)
        self.text.setObjectName("caseFilterText")
        self.text.setAccessibleName(self.tr("Filter cases by text"))
        self.text.setPlaceholderText(self.tr("Filter: title, reference, description (Ctrl+F)"))
        self.text.setToolTip(self.tr("Down or Enter goes on to the list"))
        self.text.setClearButtonEnabled(True)
        self.status = self._choice("caseFilterStatus", self.tr("Any status"),
                                   [(fmt.status(s), s) for s in cases.STATUSES])
        self.priority = self._choice("caseFilterPriority", self.tr("Any priority"),
                                     [(fmt.priority(p), p) for p in cases.PRIORITIES])
        self.category = self._choice("caseFilterCategory", self.tr("Any category"), [])
        self.tag = QLineEdit(self)
        self.tag.setObjectName("caseFilterTag")
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.tag.setPlaceholderText(self.tr("Tag"))
        self.tag.setMaximumWidth(120)
        new_case = QPushButton(self.tr("New case"), self)
        new_case.setObjectName("newCase")
        new_case.setToolTip(self.tr("Open a new case (Ctrl+N)"))
        new_case.clicked.connect(self.new_case)
        self.needs_store(new_case)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        self.text.installEventFilter(self)  # Down or Enter: on into the list
        self.tag.textChanged.connect(lambda _t: self._debounce.start())

        self.model = CaseTableModel(self)
        # a text filter's count comes after the first paint: the rows grow then
        self.model.counted.connect(self._show_count)
        self.table = record_table(
            self, self.model, name="caseTable", accessible_name=self.tr("Cases"),
            widths=WIDTHS,
            selection=QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.viewport().installEventFilter(self)  # the title column fits the width
        # every reset (filter, sort, a refresh whose rows moved) selects the shown case again
        self.model.modelReset.connect(self._after_reset)

        self.empty = EmptyState("", "", self)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.detail = CaseDetailPanel(bus, self)
        self.detail.find_in_list.connect(self.select_case)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")

        self.views_toggle = QPushButton(self)
        self.views_toggle.setObjectName("caseViewsToggle")
        self.views_toggle.setCheckable(True)
        self.views_toggle.setToolTip(self.tr("Show or hide the views (F9)"))
        self.views_toggle.toggled.connect(self._show_views)
        self.views_toggle.clicked.connect(self._views_chosen)
        self.views.view_chosen.connect(lambda _v: self._name_views_toggle())
        search_row = QHBoxLayout()
        search_row.addWidget(self.views_toggle)
        search_row.addWidget(self.text, 1)
        search_row.addWidget(new_case)
        filters = QHBoxLayout()
        for widget in (self.status, self.priority, self.category, self.tag):
            filters.addWidget(widget)
        filters.addStretch(1)
        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.list_stack, 1)
        list_layout.addWidget(self.count_label)
        right = _Split(Qt.Orientation.Vertical, self)
        right.addWidget(list_side)
        detail_scroll = QScrollArea(self)
        detail_scroll.setObjectName("caseDetailScroll")
        detail_scroll.setAccessibleName(self.tr("Case details"))
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_pane = QWidget(self)  # the quick log docked below: never under the fold
        pane_layout = QVBoxLayout(detail_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(detail_scroll, 1)
        pane_layout.addWidget(self.detail.quick_log)
        right.addWidget(detail_pane)
        right.setChildrenCollapsible(False)
        right.setSizes([430, 470])
        # until the user drags it, the split follows the window (see _share_height)
        self.list_detail = right
        self._height_chosen = False
        right.splitterMoved.connect(lambda *_: setattr(self, "_height_chosen", True))
        right.resized.connect(self._share_height)
        outer = QSplitter(self)
        outer.addWidget(self.views)
        outer.addWidget(right)
        outer.setStretchFactor(0, 0)
        outer.setStretchFactor(1, 1)
        outer.setChildrenCollapsible(False)
        outer.setSizes([180, 1000])
        saved = QSettings().value(VIEWS_SHOWN)
        self._views_by_width = saved is None  # until the user chooses: by the page's width
        self.views_toggle.setChecked(saved is None or str(saved).lower() == "true")
        self._show_views(self.views_toggle.isChecked())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(outer)

        for keys, slot in (("Ctrl+N", self.new_case), ("Ctrl+F", self.focus_filter),
                           ("Ctrl+J", self.detail.focus_quick_log),
                           ("Ctrl+Shift+L", self.detail.toggle_call),
                           ("F9", self.views_toggle.click),
                           (QKeySequence.StandardKey.Undo, self.detail.undo)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _show_views(self, shown: bool) -> None:
        """Show or hide the views pane (its button or F9: remembered for the next start;
        until then it shows when the page is wide enough). Hidden, the button names the
        view the list shows."""
        self.views.setVisible(shown)
        self._name_views_toggle()

    def _views_chosen(self, shown: bool) -> None:
        """The user showed or hid the views: so it stays, also at the next start."""
        self._views_by_width = False
        QSettings().setValue(VIEWS_SHOWN, shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._views_by_width:
            self.views_toggle.setChecked(self.width() >= VIEWS_WIDTH)

    def _share_height(self) -> None:
        """Until the user drags the split: the list gets 40 % of the height, at least
        LIST_HEIGHT (some six rows), but leaves the detail DETAIL_HEIGHT while it keeps
        LIST_MIN; the detail the rest: its header, tabs and the docked quick log need the
        room more than a tenth list row does (at 800x600 the timeline showed one line)."""
        total = sum(self.list_detail.sizes())
        if total > 0 and not self._height_chosen:
            rows = min(max(LIST_HEIGHT, int(total * 0.4)), total - DETAIL_HEIGHT)
            rows = min(max(LIST_MIN, rows), total)
            self.list_detail.setSizes([rows, total - rows])

    def _name_views_toggle(self) -> None:
        shown = self.views_toggle.isChecked()
        self.views_toggle.setText(self.tr("Views") if shown else self.views.current_title())
        self.views_toggle.setAccessibleName(self.tr("Show the views") if not shown
                                            else self.tr("Hide the views"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_list()
                return True
        return super().eventFilter(watched, event)

    def focus_list(self) -> None:
        """From the filter (Down or Enter): into the list, on the case shown, or on the
        first match when the filter left the shown case out (it is shown then)."""
        if self._debounce.isActive():  # typed faster than the filter's pause
            self._debounce.stop()
            self.apply_filter()
        if not self.model.rowCount():
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)  # chosen as by a click: the detail shows it

    def _fit_title(self) -> None:
        """Give the title what the other columns that matter (reference, stakeholder,
        status, priority, next follow-up) leave of the width, within bounds: those six
        stay in sight in a small window; the rest are a scroll away."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(MATTERS) if c != TITLE)
        room = self.table.viewport().width() - others - 2  # the grid line
        header.resizeSection(TITLE, max(TITLE_WIDTHS[0], min(TITLE_WIDTHS[1], room)))

    def _choice(self, name: str, anything: str, items: list[tuple[str, str]]) -> QComboBox:
        box = WordSearchCombo(self)  # "h" finds "▲ High"
        box.setObjectName(name)
        box.setAccessibleName(anything)
        box.addItem(anything, None)
        for label, value in items:
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return box

    # -- Page -------------------------------------------------------------

    def load(self) -> None:
        """The first screen of rows first; the first case's detail, the view counts and
        the category choices (a query over every case each) on the next turns of the
        event loop, once the list has painted. A page shown again after changes made
        elsewhere keeps its case (:meth:`refresh_for`)."""
        assert self.store is not None
        if self.detail.store is self.store:
            self.refresh_for(None)
            return
        self.detail.set_store(self.store)
        store = self.store
        QTimer.singleShot(0, self, lambda: self._load_rest(store))
        self._detail_later = True
        try:
            self.model.set_store(self.store)
            if not self.table.selectionModel().hasSelection() and self.model.rowCount():
                self.table.selectRow(0)  # nothing to show again: the first case
        finally:
            self._detail_later = False

    def _load_rest(self, store: Store) -> None:
        if self.store is not store:  # locked or swapped before the turn came
            return
        self._fill_categories()
        self.views.update_counts(store)
        self._name_views_toggle()

    def clear(self) -> None:
        self._wanted = self.detail.case_id or self._wanted  # shown again after the unlock
        self.detail.set_store(None)
        self.model.set_store(None)
        self.views.update_counts(None)
        self._name_views_toggle()
        self.category.clear()
        self.category.addItem(self.tr("Any category"), None)
        self.count_label.clear()

    def flush(self) -> bool:
        return self.detail.flush()

    def refresh_for(self, changes: ChangeSet | None) -> None:
        """After a change (``None``: any change, while the page was hidden): the rows are
        read again and the shown case stays selected, found by id; the detail is read
        again too, keeping what is being typed."""
        if changes is not None and not changes.kinds() & RELEVANT:
            return
        if self.model.refresh():  # the same rows in the same order: nothing moved
            self._show_count()
        self.views.update_counts(self.store)
        self._name_views_toggle()
        self.detail.refresh()
        if changes is None or "case" in changes.kinds():
            self._fill_categories()

    # -- filtering and selection ------------------------------------------

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            view=self.views.current_view(), status=self.status.currentData(),
            priority=self.priority.currentData(), category=self.category.currentData(),
            tag=self.tag.text().strip() or None, text=self.text.text().strip(),
        )

    def apply_filter(self) -> None:
        if self.store is None:
            return
        try:
            self.model.set_filter(self.current_filter())
        except SpocError as exc:
            self.count_label.setText(str(exc))

    def _after_reset(self) -> None:
        """After every new query: the count, the empty state, and the shown case selected
        again by id. A case the query no longer holds stays in the detail, which says so:
        the list never puts another case in its place."""
        rows = self.model.rowCount()
        self._show_count()
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.list_stack.setCurrentWidget(self.empty)
            if self.store is None or not case_count(self.store, CaseFilter(view="all")):
                self.empty.set_text(self.tr("No cases yet"),
                                    self.tr("Press Ctrl+N to open your first case."))
            else:
                self.empty.set_text(self.tr("No cases match"),
                                    self.tr("Try another view or clear the filters."))
        if self.store is not None:
            self._select_shown()

    def _select_shown(self) -> None:
        """Select the row of the case the detail shows, quietly; with none shown, the
        case shown before a lock is selected as if chosen."""
        shown = self.detail.case_id
        case_id = shown or self._wanted
        self._wanted = None
        row = self.model.row_of(case_id) if case_id else -1
        self._restoring = shown is not None
        try:
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
            elif shown is not None:
                self.table.clearSelection()
        finally:
            self._restoring = False
        self.detail.set_in_view(row >= 0)

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(fmt.grouped(
            self.tr("%n+ cases, counting…", "", n) if self.model.counting
            else self.tr("%n cases", "", n), n))

    def _fill_categories(self) -> None:
        assert self.store is not None
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("Any category"), None)
        for name in case_categories(self.store):
            self.category.addItem(name, name)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)

    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ID_ROLE) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring:
            return
        case_id = self.selected_case_id()
        if not self._detail_later:
            self._selection_changed_to(case_id)
            return
        store = self.store
        QTimer.singleShot(0, self, lambda: self._show_detail_of_selection(store))

    def _selection_changed_to(self, case_id: str | None) -> None:
        """The user chose another case: save the fields of the one shown first; when that
        fails, stay on it (the detail says why)."""
        if case_id is None or case_id == self.detail.case_id:
            return
        if not self.detail.flush():
            self._select_shown()
            return
        self.detail.show_case(case_id)
        self._select_shown()  # the save's refresh may have moved the rows

    def _show_detail_of_selection(self, store: Store | None) -> None:
        if self.store is store:  # not locked or swapped before the turn came
            self._selection_changed_to(self.selected_case_id())

    def select_case(self, case_id: str) -> None:
        """Show one case (e.g. from search): switch to All if the view hides it."""
        if not self.detail.flush():
            return
        if self.model.row_of(case_id) < 0:
            self.views.select_view("all")
            self.text.clear()
            self.apply_filter()
        if case_id != self.detail.case_id:
            self.detail.show_case(case_id)
        self._select_shown()

    def show_view(self, view: str) -> None:
        """Open one of the sidebar's views with no other filter (dashboard tiles)."""
        for box in (self.status, self.priority, self.category):
            box.setCurrentIndex(0)
        self.tag.clear()
        self.text.clear()
        self.views.select_view(view)
        self.apply_filter()

    def focus_filter(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    # -- actions ----------------------------------------------------------

    def new_case(self) -> None:
        if self.store is None:
            return
        answer = NewCaseDialog.ask(self.store, self)
        if answer is None:
            return
        store = self.store
        try:
            if answer.template_id:
                outcome = templates.add_case_from_template(store, templates.FromTemplate(
                    template_id=answer.template_id, title=answer.title,
                    description=answer.description, priority=answer.priority,
                    category=answer.category,
                    stakeholders=[(answer.stakeholder_id, "client")]
                    if answer.stakeholder_id else []))
            else:
                outcome = cases.add_case(store, cases.NewCase(
                    title=answer.title, priority=answer.priority, category=answer.category,
                    description=answer.description, status="open",
                    stakeholders=[(answer.stakeholder_id, "client")]
                    if answer.stakeholder_id else []))
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Case not created"), str(exc))
            return
        self.bus.publish(outcome.changes)
        created = next(iter(outcome.changes.ids.get("case", set())), None)
        if created:
            self.select_case(created)
            self.detail.focus_quick_log()
