"""The Fusion correction: unselected tabs keep their whole label."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStyle, QStyleFactory

from spocdesk.ui import style


def test_fusion_tabs_draw_their_labels_unshifted(qapp: QApplication) -> None:
    before = qapp.style().name()  # the app deletes a style it replaces
    qapp.setStyle(QStyleFactory.create("fusion"))
    try:
        assert qapp.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabShiftVertical) == 2
        style.install(qapp)
        corrected = qapp.style()
        assert isinstance(corrected, style.WholeTabLabels)
        assert corrected.pixelMetric(QStyle.PixelMetric.PM_TabBarTabShiftVertical) == 0
        # the rest of Fusion is untouched, and a second install changes nothing
        assert corrected.pixelMetric(QStyle.PixelMetric.PM_TabBarTabVSpace) == 12
        style.install(qapp)
        assert qapp.style() is corrected
    finally:
        qapp.setStyle(QStyleFactory.create(before))
