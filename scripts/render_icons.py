"""Render the application icon's PNG sizes (and a Windows .ico) from its SVG.

    python scripts/render_icons.py

Writes ``resources/icons/hicolor/<size>x<size>/apps/spocdesk.png`` (the freedesktop
icon-theme layout, which a wheel installs under ``<prefix>/share/icons``) for the
sizes desktops ask for, and ``resources/icons/spocdesk.ico`` (build.spec gives it
to a Windows build).
The SVG stays the source; run this again after changing it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs an application
    source = ROOT / "resources" / "icons" / "spocdesk.svg"
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG.")
    theme = ROOT / "resources" / "icons" / "hicolor"
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = theme / f"{size}x{size}" / "apps" / "spocdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"{target} could not be written.")
        images[size] = image
    ico = ROOT / "resources" / "icons" / "spocdesk.ico"
    if not images[256].save(str(ico), "ICO"):
        print("no ICO image plugin: spocdesk.ico not written", file=sys.stderr)
    print(f"wrote {len(SIZES)} PNG sizes under {theme.relative_to(ROOT)} and {ico.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
