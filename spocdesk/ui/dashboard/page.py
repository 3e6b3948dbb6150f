"""The dashboard: *Today* tiles that open the matching filtered list, the
*Workload* (open cases by status and priority, the oldest open cases) and the
*Trends* charts for a selectable period, with an export of every figure as CSV.

Every figure comes from :mod:`spocdesk.core.metrics.dashboard` — one call per
section, each a handful of SQL queries; the page itself never walks rows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.metrics.figures import Drill
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.dashboard.charts import ChartPanel
from spocdesk.ui.dashboard.drill import DrillModel, NpsDueModel, PendingModel, RecordsDialog
from spocdesk.ui.dashboard.quality import QualityPanel
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import LazyIdModel
from spocdesk.ui.page import Page

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY = "–"

# metrics' list names → the page titles of the main window
PAGE_TITLES = {"cases": "Cases", "followups": "Follow-ups", "stakeholders": "Stakeholders"}
WARNING_TILES = ("followups_overdue", "sla_breached")


def ask_csv_path(parent: QWidget, title: str, default: Path) -> Path | None:
    """Where to write the CSV (tests monkeypatch this)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(default),
        QCoreApplication.translate("DashboardPage", "CSV files (*.csv)"))
    return Path(name) if name else None


def open_records(dialog: RecordsDialog) -> RecordsDialog:
    """Show the records behind a figure, not modal (tests replace this function)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _heading(text: str, parent: QWidget, name: str, scale: float = 1.25) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class Tile(QFrame):
    """A big number with a caption; clicking it, or Enter/Space while it has the
    focus, emits :attr:`activated`."""

    activated = Signal()

    def __init__(self, key: str, caption: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption_text = caption
        self.value: int | None = None
        self.warn = False
        self.setObjectName(f"tile_{key}")
        self.setProperty("dashboardTile", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(hint)
        self.setAccessibleDescription(hint)
        self.setStyleSheet(
            "QFrame[dashboardTile=\"true\"] { border: 1px solid palette(mid);"
            " border-radius: 6px; background: palette(base); }"
            "QFrame[dashboardTile=\"true\"]:hover { border-color: palette(highlight); }"
            "QFrame[dashboardTile=\"true\"]:focus { border: 2px solid palette(highlight); }"
            "QFrame[dashboardTile=\"true\"] QLabel { border: none; background: transparent; }")
        self.number = QLabel(EMPTY, self)
        self.number.setObjectName(f"tile_{key}_number")
        self.detail = QLabel(self)  # a figure's detail and change (show_text); hidden else
        self.detail.setObjectName(f"tile_{key}_detail")
        self.detail.setWordWrap(True)
        self.detail.hide()
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self._big = font
        self.number.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName(f"tile_{key}_caption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setMinimumWidth(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.set_value(None)

    def set_value(self, value: int | None, *, warn: bool = False) -> None:
        self.value, self.warn = value, warn
        self.number.setFont(self._big)
        self.detail.clear()
        self.detail.hide()
        self.number.setText(EMPTY if value is None else QLocale().toString(value))
        self._colour_number()
        if value is None:
            self.setAccessibleName(self.caption_text)
        else:
            self.setAccessibleName(f"{self.caption_text}: {value}")

    def show_text(self, value: str, detail: str = "", *, quiet: bool = False) -> None:
        """A figure that is not a count ("4.2 of 5"), with a line or two under the
        caption (how many answers, the change on the period before); ``quiet``: words
        where a figure would be ("no feedback yet"), in the caption's size."""
        self.value, self.warn = None, False
        self.number.setFont(self.caption.font() if quiet else self._big)
        self.number.setWordWrap(quiet)
        self.number.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self._colour_number()
        self.setAccessibleName(f"{self.caption_text}: {value}")
        self.setAccessibleDescription(f"{detail}\n{self.toolTip()}".strip())

    def _colour_number(self) -> None:
        """A warning figure in red, lightened on a dark palette to stay readable."""
        if not (self.warn and self.value):
            self.number.setStyleSheet("")
            return
        self.number.setStyleSheet(fmt.colour_css(fmt.OVERDUE_COLOUR,
                                                 self.palette().color(QPalette.ColorRole.Base)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_number()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activated.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FlowGrid(QWidget):
    """Lays its widgets out in as many columns as fit (at least ``min_width`` each),
    balancing the rows (six tiles go 6, 3×2 or 2×3, never 5 + 1); a *wide* widget
    takes a row of its own."""

    def __init__(self, min_width: int, max_columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_width = min_width
        self.max_columns = max_columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.items: list[tuple[QWidget, bool]] = []
        self.columns = 0

    def add(self, widget: QWidget, *, wide: bool = False) -> None:
        widget.setParent(self)
        self.items.append((widget, wide))
        self.columns = 0
        self._relayout(self.width() or self.min_width * self.max_columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(event.size().width())

    def _relayout(self, width: int) -> None:
        spacing = self.grid.horizontalSpacing()
        fit = max(1, min(self.max_columns, (width + spacing) // (self.min_width + spacing)))
        narrow = sum(1 for _, wide in self.items if not wide) or 1
        rows = -(-narrow // fit)
        columns = -(-narrow // rows)
        if columns == self.columns:
            return
        self.columns = columns
        for widget, _ in self.items:
            self.grid.removeWidget(widget)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        row = column = 0
        for widget, wide in self.items:
            if wide:
                if column:
                    row, column = row + 1, 0
                self.grid.addWidget(widget, row, 0, 1, columns)
                row += 1
                continue
            self.grid.addWidget(widget, row, column)
            column += 1
            if column == columns:
                row, column = row + 1, 0
        for column in range(columns):
            self.grid.setColumnStretch(column, 1)


class CountsModel(QAbstractTableModel):
    """(label, count) rows: open cases by status or by priority."""

    def __init__(self, heading: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.heading = heading
        self._rows: list[tuple[str, int]] = []
        self._total = 0

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._total = sum(count for _, count in rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        label, count = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return label
            if column == 1:
                return QLocale().toString(count)
            if column == 2:
                return f"{round(100 * count / self._total)} %" if self._total else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole and column == 1:
            return count
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 3):
            return (self.heading, self.tr("Open"), self.tr("Share"))[section]
        return None


OLDEST_COLUMNS = (QT_TRANSLATE_NOOP("OldestModel", "Ref"),
                  QT_TRANSLATE_NOOP("OldestModel", "Title"),
                  QT_TRANSLATE_NOOP("OldestModel", "Status"),
                  QT_TRANSLATE_NOOP("OldestModel", "Priority"),
                  QT_TRANSLATE_NOOP("OldestModel", "Age"))


class OldestModel(QAbstractTableModel):
    """The oldest open cases (at most a handful, from :func:`metrics.workload`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[metrics.OldCase] = []

    def set_rows(self, rows: list[metrics.OldCase]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def case_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OLDEST_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return row.ref
            if column == 1:
                return row.title
            if column == 2:
                return fmt.status(row.status)
            if column == 3:
                return fmt.priority(row.priority)
            if column == 4:
                return fmt.span(timedelta(days=row.age_days))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.title
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return fmt.readable(fmt.PRIORITY_COLOURS.get(row.priority))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(OLDEST_COLUMNS)):
            return self.tr(OLDEST_COLUMNS[section])
        return None


class OldestTable(QTableView):
    """Enter on a row activates it (the platform default varies)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


def _compact_table(view: QTableView, name: str, accessible: str) -> None:
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _fit_height(view: QTableView, rows: int) -> None:
    height = view.horizontalHeader().sizeHint().height() + rows * \
        view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth() + 2
    view.setFixedHeight(height)


class DashboardPage(Page):
    """Today at a glance, the workload, and how things went lately."""

    title = "Dashboard"
    icon_name = "dashboard"

    open_view = Signal(str, str)  # page title, view/filter name
    open_case = Signal(str)  # case id
    open_stakeholder = Signal(str)  # stakeholder id

    OLDEST = 10

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.period = "4w"
        self.trends_data: metrics.Trends | None = None

        content = QWidget(self)
        content.setObjectName("dashboardContent")
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setAccessibleName(self.tr("Dashboard"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll_area = scroll

        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.setSpacing(10)

        # -- Today ---------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(_heading(self.tr("Today"), content, "todayHeading", 1.5))
        top.addStretch(1)
        self.as_of = QLabel(content)
        self.as_of.setObjectName("dashboardAsOf")
        top.addWidget(self.as_of)
        layout.addLayout(top)
        specs = [
            ("followups_overdue", self.tr("Follow-ups overdue"),
             self.tr("Open the overdue follow-ups"), "followups", "overdue"),
            ("followups_due_today", self.tr("Follow-ups due today"),
             self.tr("Open today's follow-ups"), "followups", "today"),
            ("cases_without_followup", self.tr("Open cases with no follow-up planned"),
             self.tr("Open the cases with no follow-up planned"), "cases", "no_followup"),
            ("cases_without_next_step", self.tr("Open cases with no next step"),
             self.tr("Open the cases whose next step is empty"), "cases", "no_next_step"),
            ("sla_at_risk", self.tr("Cases with SLA at risk"),
             self.tr("Open the cases whose SLA is at risk"), "cases", "sla_at_risk"),
            ("sla_breached", self.tr("Cases with SLA breached"),
             self.tr("Open the cases whose SLA is breached"), "cases", "sla_breached"),
            ("stakeholders_due_for_contact", self.tr("Stakeholders to get back in touch with"),
             self.tr("Open the stakeholders past their stay-in-touch cadence"),
             "stakeholders", "due_for_contact"),
        ]
        self.tiles: dict[str, Tile] = {}
        self.tile_targets: dict[str, tuple[str, str]] = {}
        tiles_grid = FlowGrid(170, 6, content)
        tiles_grid.setObjectName("todayTiles")
        for key, caption, hint, target, view in specs:
            tile = Tile(key, caption, hint, tiles_grid)
            self.tiles[key] = tile
            self.tile_targets[key] = (PAGE_TITLES[target], view)
            tile.activated.connect(lambda k=key: self.open_view.emit(*self.tile_targets[k]))
            tiles_grid.add(tile)
        layout.addWidget(tiles_grid)

        # -- Workload ------------------------------------------------------
        layout.addSpacing(8)
        workload_row = QHBoxLayout()
        workload_row.addWidget(_heading(self.tr("Workload"), content, "workloadHeading"))
        workload_row.addStretch(1)
        self.open_total = QLabel(content)
        self.open_total.setObjectName("openCasesTotal")
        workload_row.addWidget(self.open_total)
        layout.addLayout(workload_row)

        self.status_model = CountsModel(self.tr("Status"), self)
        self.priority_model = CountsModel(self.tr("Priority"), self)
        self.status_table = QTableView(content)
        self.priority_table = QTableView(content)
        for table, model, name, accessible in (
                (self.status_table, self.status_model, "openByStatus",
                 self.tr("Open cases by status")),
                (self.priority_table, self.priority_model, "openByPriority",
                 self.tr("Open cases by priority"))):
            table.setModel(model)
            _compact_table(table, name, accessible)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
            table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        _fit_height(self.status_table, len(metrics.ACTIVE))
        _fit_height(self.priority_table, len(metrics.PRIORITIES))
        self.status_table.setMinimumWidth(200)
        self.priority_table.setMinimumWidth(200)

        self.oldest_model = OldestModel(self)
        self.oldest_table = OldestTable(content)
        self.oldest_table.setModel(self.oldest_model)
        _compact_table(self.oldest_table, "oldestCases", self.tr("Oldest open cases"))
        self.oldest_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.oldest_table.setToolTip(self.tr("Double-click or press Enter to open the case"))
        header = self.oldest_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.oldest_table.activated.connect(self._oldest_activated)
        self.oldest_table.doubleClicked.connect(self._oldest_activated)
        _fit_height(self.oldest_table, self.OLDEST)
        self.oldest_empty = QLabel(self.tr("No open cases."), content)
        self.oldest_empty.setObjectName("oldestEmpty")
        self.oldest_empty.hide()

        counts = QVBoxLayout()
        counts.setSpacing(8)
        counts.addWidget(self.status_table)
        counts.addWidget(self.priority_table)
        counts.addStretch(1)
        oldest_box = QVBoxLayout()
        oldest_label = QLabel(self.tr("Oldest open cases"), content)
        oldest_label.setObjectName("oldestHeading")
        oldest_label.setBuddy(self.oldest_table)
        bold = oldest_label.font()
        bold.setBold(True)
        oldest_label.setFont(bold)
        oldest_box.addWidget(oldest_label)
        oldest_box.addWidget(self.oldest_table)
        oldest_box.addWidget(self.oldest_empty)
        oldest_box.addStretch(1)
        workload = QHBoxLayout()
        workload.setSpacing(16)
        workload.addLayout(counts, 2)
        workload.addLayout(oldest_box, 5)
        layout.addLayout(workload)

        # -- Trends --------------------------------------------------------
        layout.addSpacing(8)
        trends_row = QHBoxLayout()
        trends_row.addWidget(_heading(self.tr("Trends"), content, "trendsHeading"))
        trends_row.addStretch(1)
        period_label = QLabel(self.tr("&Period:"), content)
        self.period_box = QComboBox(content)
        self.period_box.setObjectName("trendsPeriod")
        self.period_box.setAccessibleName(self.tr("Trends period"))
        for label, key in ((self.tr("Last 4 weeks"), "4w"), (self.tr("Last quarter (13 weeks)"),
                           "quarter"), (self.tr("Last year (52 weeks)"), "year")):
            self.period_box.addItem(label, key)
        period_label.setBuddy(self.period_box)
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.export_button = QPushButton(self.tr("Export figures as CSV…"), content)
        self.export_button.setObjectName("exportDashboardCsv")
        self.export_button.setAccessibleName(self.tr("Export figures as CSV"))
        self.export_button.clicked.connect(self.export_csv)
        # the period on a line of its own under the heading and the export: in one
        # row (German: 624 px) they pushed an 800x600 window into sideways scrolling
        trends_row.addWidget(self.export_button)
        layout.addLayout(trends_row)
        period_row = QHBoxLayout()
        period_row.addWidget(period_label)
        period_row.addWidget(self.period_box)
        period_row.addStretch(1)
        layout.addLayout(period_row)

        self._build_quality(content, layout)

        self.charts = {
            "opened_resolved": ChartPanel(self.tr("Cases opened and resolved per week"),
                                          "chartOpenedResolved", content),
            "breach_rate": ChartPanel(self.tr("SLA breach rate per week"),
                                      "chartBreachRate", content),
            "channels": ChartPanel(self.tr("Interactions per channel"),
                                   "chartChannels", content),
            "first_response": ChartPanel(self.tr("Median time to first response (hours)"),
                                         "chartFirstResponse", content),
            "resolution": ChartPanel(self.tr("Median time to resolution (days)"),
                                     "chartResolution", content),
        }
        charts_grid = FlowGrid(380, 2, content)
        charts_grid.setObjectName("trendCharts")
        for key, chart in self.charts.items():
            charts_grid.add(chart, wide=key == "opened_resolved")
        layout.addWidget(charts_grid)
        layout.addStretch(1)
        self.clear()

    def _build_quality(self, content: QWidget, layout: QVBoxLayout) -> None:
        """Quality in the period chosen for the trends: tiles, the rule, the weeks."""
        row = QHBoxLayout()
        row.addWidget(_heading(self.tr("Quality"), content, "qualityHeading", 1.1))
        row.addStretch(1)
        layout.addLayout(row)
        tiles = FlowGrid(170, 4, content)
        tiles.setObjectName("qualityTiles")
        self.quality = QualityPanel(lambda key, caption, hint, parent: Tile(
            key, caption, hint, parent), tiles, content)
        for tile in self.quality.all_tiles():
            tiles.add(tile)
        self.quality.drill_requested.connect(self.show_drill)
        self.quality.pending_requested.connect(self.show_feedback_pending)
        self.quality.nps_due_requested.connect(self.show_nps_due)
        layout.addWidget(tiles)
        layout.addWidget(self.quality)
        layout.addSpacing(8)

    # -- loading ----------------------------------------------------------

    def load(self) -> None:
        assert self.store is not None
        self.load_today(self.store)
        self.load_workload(self.store)
        self.load_trends(self.store)
        self.quality.load(self.store, self.period)

    def load_today(self, store: Store) -> None:
        today = metrics.today(store)
        for key, tile in self.tiles.items():
            tile.set_value(int(getattr(today, key)), warn=key in WARNING_TILES)
        self.as_of.setText(self.tr("As of {when}").format(when=fmt.when(store.now())))

    def load_workload(self, store: Store) -> None:
        work = metrics.workload(store, oldest=self.OLDEST)
        self.status_model.set_rows([(fmt.status(k), v) for k, v in work.by_status.items()])
        self.priority_model.set_rows(
            [(fmt.priority(k), v) for k, v in reversed(work.by_priority.items())])
        self.oldest_model.set_rows(work.oldest)
        self.oldest_table.setVisible(bool(work.oldest))
        self.oldest_empty.setVisible(not work.oldest)
        self.open_total.setText(fmt.grouped(
            self.tr("%n open cases", "", work.open_cases), work.open_cases))

    def load_trends(self, store: Store) -> None:
        trends = metrics.trends(store, self.period)
        self.trends_data = trends
        locale = QLocale()
        zone = recurrence.local_zone()
        weeks = [locale.toString(QDate(w.start.astimezone(zone).date()), "d MMM")
                 for w in trends.weeks]
        self.charts["opened_resolved"].show_lines(weeks, [
            (self.tr("Opened"), [w.opened for w in trends.weeks]),
            (self.tr("Resolved"), [w.resolved for w in trends.weeks]),
        ])
        rates = [None if w.breach_rate is None else round(100 * w.breach_rate, 1)
                 for w in trends.weeks]
        breach = self.charts["breach_rate"]
        breach.show_lines(weeks, [(self.tr("Breach rate"), rates)], suffix=" %", top=100,
                          points=True)
        if trends.breach_rate is None:
            breach.set_title(self.tr("SLA breach rate per week — no resolved cases with a target"))
        else:
            breach.set_title(self.tr("SLA breach rate per week — {rate} % overall "
                                     "({n} of {total})").format(
                rate=locale.toString(round(100 * trends.breach_rate, 1)),
                n=trends.breached, total=trends.resolved_with_target))
        months = []  # short, unique labels: "Nov 25", "Dec", "Jan 26", "Feb" …
        for i, m in enumerate(trends.months):
            day = QDate(m.start.astimezone(zone).date().replace(day=15))
            recurs = (i == 0 and len(trends.months) > 1
                      and trends.months[-1].month[5:] == m.month[5:])
            long = recurs or day.month() == 1
            months.append(locale.toString(day, "MMM yyyy" if len(trends.months) <= 4
                                          else "MMM yy" if long else "MMM"))
        self.charts["first_response"].show_bars(months, [(
            self.tr("Median hours"),
            [m.median_first_response_hours or 0.0 for m in trends.months])], integer=False)
        self.charts["resolution"].show_bars(months, [(
            self.tr("Median days"), [m.median_resolution_days or 0.0 for m in trends.months])],
            integer=False)
        names = {"phone": self.tr("Phone"), "email": self.tr("Email"),
                 "meeting": self.tr("Meeting"), "chat": self.tr("Chat"),
                 "letter": self.tr("Letter"), "note": self.tr("Note")}
        channels = list(trends.interactions_by_channel.items())
        self.charts["channels"].show_bars(
            [names.get(c, c) for c, _ in reversed(channels)],
            [(self.tr("Interactions"), [n for _, n in reversed(channels)])], horizontal=True)
        self.charts["channels"].set_title(self.tr("Interactions per channel — {n} in all").format(
            n=locale.toString(sum(n for _, n in channels))))
        # what a screen reader says about each chart: its figures in words
        self.charts["opened_resolved"].setAccessibleDescription(
            self.tr("{opened} cases opened and {resolved} resolved in the period").format(
                opened=sum(w.opened for w in trends.weeks),
                resolved=sum(w.resolved for w in trends.weeks)))
        breach.setAccessibleDescription(breach.chart().title())
        self.charts["channels"].setAccessibleDescription(", ".join(
            f"{names.get(c, c)}: {n}" for c, n in channels))
        for key, unit, values in (
                ("first_response", self.tr("hours"),
                 [(m, p.median_first_response_hours) for m, p in zip(months, trends.months,
                                                                      strict=True)]),
                ("resolution", self.tr("days"),
                 [(m, p.median_resolution_days) for m, p in zip(months, trends.months,
                                                                strict=True)])):
            self.charts[key].setAccessibleDescription(", ".join(
                f"{m}: {locale.toString(v)} {unit}" if v is not None else
                self.tr("{month}: none").format(month=m) for m, v in values))

    def clear(self) -> None:
        for tile in self.tiles.values():
            tile.set_value(None)
        self.as_of.clear()
        self.open_total.clear()
        self.status_model.set_rows([])
        self.priority_model.set_rows([])
        self.oldest_model.set_rows([])
        self.oldest_table.setVisible(True)
        self.oldest_empty.hide()
        self.trends_data = None
        for chart in self.charts.values():
            chart.reset()
        self.quality.clear()

    # -- actions ----------------------------------------------------------

    def _period_chosen(self, _index: int) -> None:
        self.period = str(self.period_box.currentData())
        if self.store is not None:
            self.load_trends(self.store)
            self.quality.load(self.store, self.period)

    # -- the records behind a figure ------------------------------------------

    def _records(self, model: LazyIdModel, title: str, sentence: str,
                 chosen: Callable[[str], None]) -> RecordsDialog | None:
        if self.store is None:
            return None
        dialog = RecordsDialog(self.store, model, title, sentence, self)
        dialog.chosen.connect(chosen)
        return open_records(dialog)

    def show_drill(self, drill: Drill, caption: str) -> RecordsDialog | None:
        """The cases (or, for the Net Promoter figures, the stakeholders) behind one
        figure; choosing one opens it in its page."""
        zone = recurrence.local_zone()
        sentence = self.tr("Behind “{figure}” from {start} to {end}:").format(
            figure=caption, start=fmt.when(drill.lo.astimezone(zone), with_time=False),
            end=fmt.when((drill.hi - timedelta(seconds=1)).astimezone(zone), with_time=False))
        return self._records(DrillModel(drill), caption, sentence,
                             self.open_case.emit if drill.target == "cases"
                             else self.open_stakeholder.emit)

    def show_feedback_pending(self) -> RecordsDialog | None:
        return self._records(
            PendingModel(), self.tr("Feedback pending"),
            self.tr("Resolved in the last 30 days, no satisfaction on record yet. Open a case "
                    "to record it, or to ask for it by e-mail."), self.open_case.emit)

    def show_nps_due(self) -> RecordsDialog | None:
        return self._records(
            NpsDueModel(), self.tr("Net Promoter answers due"),
            self.tr("A case of theirs was resolved this quarter and they gave no Net Promoter "
                    "answer this quarter. Open a stakeholder to record one."),
            self.open_stakeholder.emit)

    def set_period(self, period: str) -> None:
        index = self.period_box.findData(period)
        if index < 0:
            raise ValueError(period)
        self.period_box.setCurrentIndex(index)

    def _oldest_activated(self, index: QModelIndex) -> None:
        case_id = self.oldest_model.case_id(index.row())
        if case_id is not None:
            self.open_case.emit(case_id)

    def export_csv(self) -> None:
        if self.store is None:
            return
        default = Path.home() / f"spocdesk-dashboard-{self.period}.csv"
        target = ask_csv_path(self, self.tr("Export figures as CSV"), default)
        if target is None:
            return
        try:
            metrics.export_csv(self.store, metrics.dashboard(self.store, self.period), target)
        except (OSError, SpocError) as exc:
            log.warning("dashboard CSV export failed: %s", type(exc).__name__)
            QMessageBox.warning(self, self.tr("Export failed"),
                                self.tr("The figures could not be written: {error}").format(
                                    error=exc.strerror if isinstance(exc, OSError) else exc))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for chart in self.charts.values():
                chart.setPalette(self.palette())


__all__ = ["DashboardPage", "Tile", "ask_csv_path"]
