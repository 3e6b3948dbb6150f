"""Colours that carry meaning stay readable on a light and on a dark palette, and
line icons take the palette's text colour."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from spocdesk.ui import format as fmt
from spocdesk.ui.followups.notifier import Banner
from spocdesk.ui.handover.model import SEVERITY_COLOURS
from spocdesk.ui.resources import icon

LIGHT_BASES = ["#ffffff", "#f7f7f7", "#efefef"]
DARK_BASES = ["#1e1e1e", "#2a2a2a", "#353535", "#000000"]
MEANINGFUL = {**{f"priority {k}": v for k, v in fmt.PRIORITY_COLOURS.items()},
              **{f"sla {k}": v for k, v in fmt.SLA_COLOURS.items()},
              **{f"severity {k}": v for k, v in SEVERITY_COLOURS.items()},
              "overdue": fmt.OVERDUE_COLOUR}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"),
                         (QPalette.ColorRole.Highlight, "#2f6f8f"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def test_wcag_contrast_formula() -> None:
    assert fmt.contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert fmt.contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", sorted(MEANINGFUL))
@pytest.mark.parametrize("base", LIGHT_BASES + DARK_BASES)
def test_meaningful_colours_are_readable_on_light_and_dark(name: str, base: str) -> None:
    shown = fmt.readable(MEANINGFUL[name], QColor(base))
    assert shown is not None
    assert fmt.contrast(shown, QColor(base)) >= fmt.MIN_CONTRAST, (name, base, shown.name())


@pytest.mark.parametrize("name", sorted(MEANINGFUL))
def test_on_white_the_colours_are_drawn_as_designed(name: str) -> None:
    assert fmt.readable(MEANINGFUL[name], QColor("white")) == MEANINGFUL[name]


def test_models_follow_a_dark_palette(dark: QPalette) -> None:
    from spocdesk.ui.handover.model import HandoverCaseModel, HandoverRow

    model = HandoverCaseModel()
    model.set_rows([HandoverRow("c", "C-0001", "A case", "open", "high", "n", "unstable",
                                False, 0, "")])
    base = dark.color(QPalette.ColorRole.Base)
    for column in (2, 3):
        colour = model.data(model.index(0, column), Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QColor)
        assert fmt.contrast(colour, base) >= fmt.MIN_CONTRAST


def test_reminder_banner_reads_on_both_palettes(qtbot, dark: QPalette) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("<b>Follow-up due:</b> Call Greta", "f1")
    dark_sheet = banner.styleSheet()
    assert "#4a3b00" in dark_sheet  # a dark amber strip, not a glaring light one
    QApplication.instance().setPalette(QPalette(QColor("#efefef")))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: banner.styleSheet() != dark_sheet, timeout=2000)
    for sheet in (dark_sheet, banner.styleSheet()):
        background = sheet.split("background: ")[1][:7]
        text = sheet.split("color: ")[1][:7]
        assert fmt.contrast(QColor(background), QColor(text)) >= 7


def test_line_icons_take_the_text_colour(dark: QPalette) -> None:
    image = icon("cases").pixmap(QSize(48, 48)).toImage()
    inked = [image.pixelColor(x, y) for x in range(48) for y in range(48)
             if image.pixelColor(x, y).alpha() == 255]
    assert inked, "the icon drew nothing"
    assert all(c.lightness() > 180 for c in inked)  # light ink on the dark palette
    disabled = icon("cases").pixmap(QSize(48, 48), QIcon.Mode.Disabled).toImage()
    assert any(disabled.pixelColor(x, y).alpha() for x in range(48) for y in range(48))


def test_icons_scale_for_high_dpi(qapp: QApplication) -> None:
    pixmap = icon("lock").pixmap(QSize(24, 24), 2.0)
    assert pixmap.size() == QSize(48, 48)
    assert pixmap.devicePixelRatio() == 2.0
    assert not icon("spocdesk").pixmap(QSize(256, 256)).isNull()
