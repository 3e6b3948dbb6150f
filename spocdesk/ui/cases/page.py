"""The Cases page: views with counts, combinable filters, the list, the detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
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

from spocdesk.core.errors import SpocError
from spocdesk.core.services import cases, templates
from spocdesk.core.services.case_query import CaseFilter, case_count
from spocdesk.core.services.overview import case_categories
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.cases.dialogs import NewCaseDialog
from spocdesk.ui.cases.model import ID_ROLE, CaseTableModel
from spocdesk.ui.cases.sidebar import ViewList
from spocdesk.ui.page import EmptyState, Page, record_table

RELEVANT = {"case", "interaction", "followup", "escalation", "case_participant", "stakeholder"}


class CasesPage(Page):
    title = "Cases"
    icon_name = "cases"

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self._detail_later = False  # True while load() paints the list before the detail
        self.views = ViewList(self)
        self.views.view_chosen.connect(lambda _v: self.apply_filter())

        self.text = QLineEdit(self)
        self.text.setObjectName("caseFilterText")
        self.text.setAccessibleName(self.tr("Filter cases by text"))
        self.text.setPlaceholderText(self.tr("Filter: title, reference, description (Ctrl+F)"))
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
        self.tag.textChanged.connect(lambda _t: self._debounce.start())

        self.model = CaseTableModel(self)
        # a text filter's count comes after the first paint: the rows grow then
        self.model.counted.connect(self._show_count)
        self.table = record_table(
            self, self.model, name="caseTable", accessible_name=self.tr("Cases"),
            widths=(70, 260, 150, 90, 90, 150, 130, 60, 120),
            selection=QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = EmptyState("", "", self)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.detail = CaseDetailPanel(bus, self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")

        search_row = QHBoxLayout()
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
        right = QSplitter(Qt.Orientation.Vertical, self)
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
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        right.setSizes([430, 470])
        outer = QSplitter(self)
        outer.addWidget(self.views)
        outer.addWidget(right)
        outer.setStretchFactor(0, 0)
        outer.setStretchFactor(1, 1)
        outer.setChildrenCollapsible(False)
        outer.setSizes([180, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(outer)

        for keys, slot in (("Ctrl+N", self.new_case), ("Ctrl+F", self.focus_filter),
                           ("Ctrl+J", self.detail.focus_quick_log)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _choice(self, name: str, anything: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(self)
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
        event loop, once the list has painted."""
        assert self.store is not None
        self.detail.set_store(self.store)
        self.model.set_store(self.store)
        store = self.store
        QTimer.singleShot(0, self, lambda: self._load_rest(store))
        self._detail_later = True
        try:
            self._after_reload()
        finally:
            self._detail_later = False

    def _load_rest(self, store: Store) -> None:
        if self.store is not store:  # locked or swapped before the turn came
            return
        self._fill_categories()
        self.views.update_counts(store)

    def clear(self) -> None:
        self.model.set_store(None)
        self.detail.set_store(None)
        self.views.update_counts(None)
        self.category.clear()
        self.category.addItem(self.tr("Any category"), None)
        self.count_label.clear()

    def refresh_for(self, changes: ChangeSet) -> None:
        if not changes.kinds() & RELEVANT:
            return
        selected = self.selected_case_id()
        self.model.reload()
        self.views.update_counts(self.store)
        self._after_reload(select=selected)
        if "case" in changes.kinds():
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
        selected = self.selected_case_id()
        try:
            self.model.set_filter(self.current_filter())
        except SpocError as exc:
            self.count_label.setText(str(exc))
            return
        self._after_reload(select=selected, keep_far=False)

    def _after_reload(self, select: str | None = None, *, keep_far: bool = True) -> None:
        """Show the count and select ``select`` again, or the first row. ``keep_far``
        also finds ``select`` past the first screen (after an edit); a new filter only
        looks in the first screen rather than load every id to find it."""
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
        row = self.model.row_of(select, loaded_only=not keep_far) if select else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.detail.show_case(None)

    def _show_count(self) -> None:
        n = fmt.number(self.model.rowCount())
        self.count_label.setText(self.tr("{n}+ cases, counting…").format(n=n)
                                 if self.model.counting else self.tr("{n} cases").format(n=n))

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
        if not self._detail_later:
            self.detail.show_case(self.selected_case_id())
            return
        store = self.store
        QTimer.singleShot(0, self, lambda: self._show_detail_of_selection(store))

    def _show_detail_of_selection(self, store: Store | None) -> None:
        if self.store is store:  # not locked or swapped before the turn came
            self.detail.show_case(self.selected_case_id())

    def select_case(self, case_id: str) -> None:
        """Show one case (e.g. from search): switch to All if the view hides it."""
        if self.model.row_of(case_id) < 0:
            self.views.select_view("all")
            self.text.clear()
            self.apply_filter()
        row = self.model.row_of(case_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

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
