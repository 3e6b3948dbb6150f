"""The dashboard's Qt Charts: one :class:`ChartPanel` per figure, themed from the
system palette (a dark palette gets the dark chart theme, text and grid take the
palette's colours), never hard-coded backgrounds."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(palette: QPalette) -> QChart.ChartTheme:
    if is_dark(palette):
        return QChart.ChartTheme.ChartThemeDark
    return QChart.ChartTheme.ChartThemeLight


def value_axis(top: float, *, integer: bool = True, suffix: str = "") -> QValueAxis:
    """A value axis from 0 with readable ticks (no repeated integer labels)."""
    axis = QValueAxis()
    top = max(top, 0.0)
    if integer:
        top_int = max(1, math.ceil(top))
        if top_int <= 5:
            axis.setRange(0, top_int)
            axis.setTickCount(top_int + 1)
        else:
            step = _nice_step(top_int / 5)
            ticks = math.ceil(top_int / step)
            axis.setRange(0, ticks * step)
            axis.setTickCount(ticks + 1)
        axis.setLabelFormat("%d" + suffix)
    else:
        axis.setRange(0, top if top > 0 else 1)
        axis.applyNiceNumbers()
        axis.setLabelFormat(("%.0f" if top >= 10 else "%.1f") + suffix)
    axis.setMinorTickCount(0)
    return axis


def _nice_step(raw: float) -> int:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(1, int(factor * magnitude))
    return max(1, int(10 * magnitude))


class ChartPanel(QChartView):
    """A chart that can be emptied (on lock) and follows the palette."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(6, 6, 6, 6))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self._chart = chart
        self.base_title = title
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        chart.layout().setContentsMargins(0, 0, 0, 0)
        self.setMinimumSize(280, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.apply_palette()

    def reset(self) -> None:
        """Remove every series and axis, leaving an empty chart with its generic title."""
        chart = self._chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setTitle(self.base_title)
        self.setAccessibleDescription("")

    def series_count(self) -> int:
        return len(self._chart.series())

    def set_title(self, title: str) -> None:
        self._chart.setTitle(title)

    # -- filling ----------------------------------------------------------

    def show_lines(self, labels: Sequence[str], lines: Sequence[tuple[str, Sequence[float | None]]],
                   *, integer: bool = True, suffix: str = "", top: float | None = None,
                   points: bool = False) -> None:
        """One line per (name, values) over ``labels`` (weeks); ``None`` values are skipped.
        Only every few labels are written so a year of weeks stays legible."""
        self.reset()
        n = len(labels)
        peak = 0.0
        series_list = []
        for name, values in lines:
            series = QLineSeries()
            series.setName(name)
            series.setPointsVisible(points or n <= 16)
            series.setMarkerSize(5.0)
            for i, value in enumerate(values):
                if value is not None:
                    series.append(QPointF(i, value))
                    peak = max(peak, value)
            series_list.append(series)
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        every = max(1, math.ceil(n / 7))
        for i in range(0, n, every):
            x_axis.append(labels[i], i)
        x_axis.setRange(-0.5, max(1, n) - 0.5)
        x_axis.setGridLineVisible(False)
        y_axis = value_axis(top if top is not None else peak, integer=integer, suffix=suffix)
        chart = self._chart
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in series_list:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        chart.legend().setVisible(len(lines) > 1)
        self.apply_palette()

    def show_bars(self, labels: Sequence[str], bars: Sequence[tuple[str, Sequence[float]]], *,
                  horizontal: bool = False, integer: bool = True, suffix: str = "") -> None:
        """Grouped bars, one set per (name, values), over category ``labels``."""
        self.reset()
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        peak = 0.0
        for name, values in bars:
            bar_set = QBarSet(name)
            for value in values:
                bar_set.append(float(value))
                peak = max(peak, float(value))
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(3)
        categories = QBarCategoryAxis()
        categories.append(list(labels))
        categories.setGridLineVisible(False)
        values_axis = value_axis(peak * 1.15 if peak else 0, integer=integer, suffix=suffix)
        chart = self._chart
        chart.addSeries(series)
        if horizontal:
            chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values_axis)
        chart.legend().setVisible(len(bars) > 1)
        self.apply_palette()

    # -- palette ----------------------------------------------------------

    def apply_palette(self) -> None:
        palette = self.palette()
        chart = self._chart
        chart.setTheme(theme_for(palette))
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        chart.setBackgroundBrush(QBrush(base))
        chart.setBackgroundPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        chart.setBackgroundRoundness(4)
        chart.setPlotAreaBackgroundVisible(False)
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))
        font = self.font()
        title_font = self.font()
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitleBrush(QBrush(text))
        legend = chart.legend()
        legend.setLabelColor(text)
        legend.setFont(font)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        for axis in chart.axes():
            axis.setLabelsBrush(QBrush(text))
            axis.setLabelsFont(small)
            axis.setLinePen(QPen(grid))
            axis.setGridLineColor(grid)
            grid_pen = axis.gridLinePen()
            grid_pen.setStyle(Qt.PenStyle.DotLine)
            grid_pen.setColor(grid)
            axis.setGridLinePen(grid_pen)
        for series in chart.series():
            if isinstance(series, QBarSeries | QHorizontalBarSeries):
                for bar_set in series.barSets():
                    bar_set.setLabelColor(text)
                    bar_set.setLabelFont(small)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
