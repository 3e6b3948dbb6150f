"""The widget style, with one correction of Qt's Fusion style.

Fusion draws a tab that is not selected two pixels lower, and Qt 6 then cuts the
label's top and bottom rows: the dots of *Ä* in *Änderungsprotokoll* and the tail
of *g* in *Beteiligte* disappear. Tabs that stay put keep their whole label; the
selected tab still stands out by its raised shape and colour. Other styles
(Windows, macOS, Breeze) are left as the platform gives them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget


class WholeTabLabels(QProxyStyle):
    """Fusion with the labels of unselected tabs drawn where the selected one's is."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


def install(app: QApplication) -> None:
    """Correct the application's style where it is Fusion (Linux without a desktop theme)."""
    style = app.style()
    if style.name().lower() == "fusion" and not isinstance(style, WholeTabLabels):
        app.setStyle(WholeTabLabels("fusion"))
