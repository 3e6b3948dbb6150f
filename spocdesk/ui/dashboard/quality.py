"""The dashboard's *Quality* part (issue 21 item 5): satisfaction (average CSAT, the
share of 4 and 5, NPS with promoters, passives and detractors), first-contact
resolution, and the median and 90th percentile of the time to first response and
to resolution — for the period with its change on the period before, and per week.
Every figure opens the records behind it; *Feedback pending* and *NPS due* open the
lists of what is still to ask. A store with no answers says "no feedback yet",
never 0.

The figures come from :func:`spocdesk.core.metrics.figures.measures` (a dozen SQL
queries); the rules are stated in that module and in the README."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.followups.recurrence import local_zone
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.metrics.figures import Drill, Figures, Measures, change
from spocdesk.core.store import Store
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import Index

EMPTY = "–"


def _num(value: float, digits: int = 1) -> str:
    return QLocale().toString(float(value), "f", digits)


def _pct(value: float | None) -> str:
    return EMPTY if value is None else f"{_num(100 * value, 0)} %"


def _signed(value: float, digits: int = 1) -> str:
    text = _num(value, digits)
    return text if value < 0 else f"+{text}"


# -- the figures, each: its value's text, a line under it, its change, its drill -------

class Figure:
    """One figure of a stretch of time, as the tiles and the weekly table show it."""

    def __init__(self, key: str, caption: str, drill: str,
                 value: Callable[[Figures], float | None],
                 text: Callable[[float], str], *, better_up: bool = True,
                 change_text: Callable[[float], str] = _signed,
                 detail: Callable[[Figures], str] = lambda f: "",
                 feedback: bool = False) -> None:
        self.key, self.caption, self.drill = key, caption, drill
        self.value, self.text, self.better_up = value, text, better_up
        self.change_text, self.detail, self.feedback = change_text, detail, feedback

    def shown(self, f: Figures) -> str:
        value = self.value(f)
        if value is None:
            return Q.translate("Quality", "no feedback yet") if self.feedback else EMPTY
        return self.text(value)

    def trend(self, m: Measures) -> str:
        """The change on the period before, with whether it is for the better."""
        delta = change(self.value(m.current), self.value(m.previous))
        if delta is None:
            return Q.translate("Quality", "nothing to compare with the period before")
        if delta == 0:
            return Q.translate("Quality", "as in the period before")
        better = (delta > 0) == self.better_up
        arrow = "▲" if delta > 0 else "▼"
        return Q.translate("Quality", "{arrow} {change} on the period before ({verdict})").format(
            arrow=arrow, change=self.change_text(delta),
            verdict=Q.translate("Quality", "better") if better else Q.translate("Quality", "worse"))


def _csat_detail(f: Figures) -> str:
    s = f.satisfaction
    return Q.translate("Quality", "from %n answers", "", s.csat_count) \
        if s.csat_count else ""


def _nps_detail(f: Figures) -> str:
    s = f.satisfaction
    if not s.nps_count:
        return ""
    return Q.translate("Quality", "promoters {p} · passives {n} · detractors {d}").format(
        p=s.promoters, n=s.passives, d=s.detractors)


def _fcr_detail(f: Figures) -> str:
    return Q.translate("Quality", "{first} of {resolved} resolved").format(
        first=f.fcr.at_first_contact,
                                                        resolved=f.fcr.resolved)


def _hours(value: float) -> str:
    return Q.translate("Quality", "{n} h").format(n=_num(value))


def _days(value: float) -> str:
    return Q.translate("Quality", "{n} days").format(n=_num(value))


def _response_detail(f: Figures) -> str:
    t = f.times
    if t.response_p90_hours is None:
        return ""
    return Q.translate("Quality", "90 % within {h} · {n} cases").format(
        h=_hours(t.response_p90_hours),
                                                    n=t.responses)


def _resolution_detail(f: Figures) -> str:
    t = f.times
    if t.resolution_p90_days is None:
        return ""
    return Q.translate("Quality", "90 % within {d} · {n} cases").format(
        d=_days(t.resolution_p90_days),
                                                    n=t.resolutions)


def _points(delta: float) -> str:
    return Q.translate("Quality", "{n} points").format(n=_signed(100 * delta, 0))


def figure_list() -> list[Figure]:
    """The tiles' figures, in the order they show (made after the translator is in)."""
    return [
        Figure("csat", Q.translate("Quality", "Average satisfaction (CSAT)"), "csat",
               lambda f: f.satisfaction.csat_average,
               lambda v: Q.translate("Quality", "{n} of 5").format(n=_num(v)), detail=_csat_detail,
               change_text=lambda d: _signed(d, 2), feedback=True),
        Figure("csat_4_5", Q.translate("Quality", "Satisfied clients (4 or 5)"), "csat_4_5",
               lambda f: f.satisfaction.csat_share_4_5, _pct, feedback=True,
               change_text=_points),
        Figure("nps", Q.translate("Quality", "Net Promoter Score"), "nps",
               lambda f: f.satisfaction.nps,
               lambda v: _signed(v, 0), detail=_nps_detail, feedback=True,
               change_text=lambda d: _signed(d, 0)),
        Figure("fcr", Q.translate("Quality", "Resolved at first contact"), "fcr",
               lambda f: f.fcr.rate, _pct,
               detail=_fcr_detail,
               change_text=_points),
        Figure("first_response", Q.translate("Quality", "Median time to first response"),
               "first_response",
               lambda f: f.times.response_median_hours, _hours, better_up=False,
               detail=_response_detail, change_text=lambda d: _hours(d).replace(
                   _num(d), _signed(d))),
        Figure("resolution", Q.translate("Quality", "Median time to resolution"), "resolution",
               lambda f: f.times.resolution_median_days, _days, better_up=False,
               detail=_resolution_detail, change_text=lambda d: _days(d).replace(
                   _num(d), _signed(d))),
    ]


# -- the weekly table ------------------------------------------------------------------

# (header, figure for the drill). Each time is one column, "median · 90 %" (two lines
# of header): seven narrow columns fit a window of 800 pixels without scrolling sideways.
WEEK_COLUMNS = (
    (QT_TRANSLATE_NOOP("WeeksModel", "Week"), None),
    (QT_TRANSLATE_NOOP("WeeksModel", "CSAT"), "csat"),
    (QT_TRANSLATE_NOOP("WeeksModel", "4–5"), "csat_4_5"),
    (QT_TRANSLATE_NOOP("WeeksModel", "NPS"), "nps"),
    (QT_TRANSLATE_NOOP("WeeksModel", "FCR"), "fcr"),
    (QT_TRANSLATE_NOOP("WeeksModel", "Response\nmedian · 90 %"), "first_response"),
    (QT_TRANSLATE_NOOP("WeeksModel", "Resolution\nmedian · 90 %"), "resolution"),
)


def _pair(median: float | None, p90: float | None, unit: Callable[[float], str]) -> str | None:
    """``1.5 · 12.0 h``: the median and the 90th percentile, the unit once."""
    if median is None or p90 is None:
        return None
    return f"{_num(median)} · {unit(p90)}"


class WeeksModel(QAbstractTableModel):
    """One row per week of the period (the latest first), a column per figure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._weeks: list[Figures] = []

    def set_weeks(self, weeks: list[Figures]) -> None:
        self.beginResetModel()
        self._weeks = list(reversed(weeks))
        self.endResetModel()

    def week(self, row: int) -> Figures | None:
        return self._weeks[row] if 0 <= row < len(self._weeks) else None

    def drill(self, index: QModelIndex) -> Drill | None:
        week = self.week(index.row())
        figure = WEEK_COLUMNS[index.column()][1] if 0 <= index.column() < len(
            WEEK_COLUMNS) else None
        return None if week is None or figure is None else week.drill(figure)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._weeks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(WEEK_COLUMNS)

    def _text(self, f: Figures, column: int) -> str:
        s, t = f.satisfaction, f.times
        values: list[str | None] = [
            self.tr("W{n} · {day}").format(
                n=int(f.label.split("-W")[-1]),
                day=QLocale().toString(QDate(f.start.astimezone(local_zone()).date()),
                                       "d MMM")),
            None if s.csat_average is None else _num(s.csat_average),
            None if s.csat_share_4_5 is None else _pct(s.csat_share_4_5),
            None if s.nps is None else _signed(s.nps, 0),
            None if f.fcr.rate is None else _pct(f.fcr.rate),
            _pair(t.response_median_hours, t.response_p90_hours, _hours),
            _pair(t.resolution_median_days, t.resolution_p90_days, _days),
        ]
        return values[column] or EMPTY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._weeks) \
                or not 0 <= index.column() < len(WEEK_COLUMNS):
            return None
        f = self._weeks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(f, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() > 0:
            return self.tr("Double-click or press Enter for the records behind it")
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and index.column() >= 5:
            return self.tr("median and 90th percentile")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(WEEK_COLUMNS):
            return self.tr(WEEK_COLUMNS[section][0])
        return None


class WeeksTable(QTableView):
    """Enter on a cell activates it (the platform default varies)."""

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


# -- the part of the page --------------------------------------------------------------

class QualityPanel(QWidget):
    """The tiles of the period, the pending lists, and the weekly table. Asks for a
    drill through :attr:`drill_requested` (the page opens the list)."""

    drill_requested = Signal(object, str)  # Drill, the figure's caption
    pending_requested = Signal()
    nps_due_requested = Signal()

    def __init__(self, make_tile: Callable[[str, str, str, QWidget], Any],
                 grid: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityPanel")
        self.measures: Measures | None = None
        self.figures = figure_list()
        self.grid = grid
        self.tiles: dict[str, Any] = {}
        for figure in self.figures:
            tile = make_tile(figure.key, figure.caption,
                             Q.translate("Quality", "Open the records behind this figure"), grid)
            tile.activated.connect(lambda f=figure: self._drill(f.drill, f.caption))
            self.tiles[figure.key] = tile
        self.pending_tile = make_tile(
            "feedback_pending", Q.translate("Quality", "Feedback pending"),
            Q.translate("Quality", "Resolved cases of the last 30 days with no "
                                          "satisfaction on record"), grid)
        self.pending_tile.activated.connect(self.pending_requested.emit)
        self.nps_tile = make_tile("nps_due", Q.translate("Quality", "Net Promoter answers due"),
                                  Q.translate("Quality", "Clients with a case resolved this "
                                              "quarter who gave "
                                      "no Net Promoter answer this quarter"), grid)
        self.nps_tile.activated.connect(self.nps_due_requested.emit)
        self._build_weeks()

    def _build_weeks(self) -> None:
        self.rule = QLabel(Q.translate("Quality",
            "Satisfaction counts the answers recorded in the period. A case counts as "
            "resolved at first contact when it was never escalated, never reopened, and its "
            "log holds at most one inbound and one outbound entry up to the resolution. "
            "Click a figure, or a week's cell, for the records behind it."),
            self)
        self.rule.setObjectName("qualityRule")
        self.rule.setWordWrap(True)
        self.weeks = WeeksModel(self)
        self.weeks_table = WeeksTable(self)
        self.weeks_table.setObjectName("qualityWeeks")
        self.weeks_table.setAccessibleName(Q.translate("Quality", "Quality per week"))
        self.weeks_table.setModel(self.weeks)
        self.weeks_table.verticalHeader().hide()
        self.weeks_table.setTabKeyNavigation(False)
        self.weeks_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weeks_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.weeks_table.setAlternatingRowColors(True)
        self.weeks_table.setWordWrap(False)
        header = self.weeks_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.weeks_table.verticalHeader().setDefaultSectionSize(
            self.weeks_table.fontMetrics().height() + 8)
        self._fit_weeks()
        self.weeks_table.activated.connect(self._week_activated)
        self.weeks_table.doubleClicked.connect(self._week_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rule)
        layout.addWidget(self.weeks_table)

    def all_tiles(self) -> list[Any]:
        return [*self.tiles.values(), self.pending_tile, self.nps_tile]

    def load(self, store: Store, period: str) -> None:
        m = figures.measures(store, period, detail=False)  # no report tables here
        self.measures = m
        for figure in self.figures:
            tile = self.tiles[figure.key]
            detail = figure.detail(m.current)
            tile.show_text(figure.shown(m.current), "\n".join(
                part for part in (detail, figure.trend(m)) if part),
                quiet=figure.value(m.current) is None)
        pending = feedback.pending(store, limit=0).total
        due = feedback.nps_due_count(store)
        self.pending_tile.set_value(pending, warn=False)
        self.nps_tile.set_value(due, warn=False)
        self.weeks.set_weeks(m.weeks)
        self._fit_weeks()

    def _fit_weeks(self) -> None:
        """As tall as its weeks, up to a quarter's thirteen (a year's scroll)."""
        table = self.weeks_table
        rows = min(max(self.weeks.rowCount(), 4), 13)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows
                             * table.verticalHeader().defaultSectionSize()
                             + 2 * table.frameWidth() + 2)

    def clear(self) -> None:
        self.measures = None
        for tile in self.all_tiles():
            tile.set_value(None)
        self.weeks.set_weeks([])

    def _drill(self, figure: str, caption: str) -> None:
        if self.measures is not None:
            self.drill_requested.emit(self.measures.current.drill(figure), caption)

    def _week_activated(self, index: QModelIndex) -> None:
        drill = self.weeks.drill(index)
        week = self.weeks.week(index.row())
        if drill is not None and week is not None:
            header = self.weeks.headerData(index.column(), Qt.Orientation.Horizontal)
            week_text = self.weeks.data(self.weeks.index(index.row(), 0))
            self.drill_requested.emit(drill, f"{header} — {week_text}")
