"""Icons and other files under ``resources/``, found by name in a PyInstaller bundle,
a source checkout, or an installed wheel (``<prefix>/share/spocdesk``).

Icons are SVG and drawn at whatever size and device pixel ratio is asked for.
Line icons are drawn in one marker colour (:data:`INK`); :class:`PaletteSvgEngine`
replaces it with the palette's text colour when it paints, so they stay legible
on a light or a dark palette and follow a palette change at once."""

from __future__ import annotations

import site
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

INK = "#5a6b78"  # the colour line icons are drawn in; painted as the palette's text colour


def _candidates() -> list[Path]:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return [Path(bundle) / "resources"]
    found = [Path(__file__).resolve().parents[2] / "resources"]  # a source checkout
    for prefix in (sys.prefix, site.getuserbase()):  # an installed wheel's data files
        found.append(Path(prefix) / "share" / "spocdesk")
    return found


@cache
def resources_dir() -> Path:
    """The folder holding ``icons/`` and ``translations/``."""
    candidates = _candidates()
    return next((p for p in candidates if (p / "icons").is_dir()), candidates[0])


def translations_dir() -> Path:
    return resources_dir() / "translations"


class PaletteSvgEngine(QIconEngine):
    """Draws an SVG at any size; :data:`INK` becomes the palette's text colour
    (highlighted text when selected, the disabled text colour when disabled)."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self.svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        elif mode == QIcon.Mode.Selected:
            colour = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            colour = palette.color(QPalette.ColorRole.WindowText)
        key = colour.name()
        renderer = self._renderers.get(key)
        if renderer is None:
            data = self.svg.replace(INK.encode(), key.encode())
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        self._renderer(mode).render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return PaletteSvgEngine(self.svg)

    def key(self) -> str:
        return "spocdesk-palette-svg"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon when there is none)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_bytes()
    if INK.encode() not in svg:
        return QIcon(str(path))  # a coloured icon (the app's own) keeps its colours
    return QIcon(PaletteSvgEngine(svg))
