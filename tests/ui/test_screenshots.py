"""``scripts/screenshots.py`` renders every page and the main dialogs on a demo store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("cases", "cases-timeline", "cases-history", "stakeholders", "followups",
         "handover", "dashboard", "dashboard-quality", "inbox")
DIALOGS = ("settings", "new-case", "feedback", "stakeholder-edit", "escalate", "outcome", "absence",
           "unlock", "connect")


def test_screenshots_at_one_size_theme_and_language(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(out),
         "--size", "800x600", "--theme", "dark", "--language", "de"],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in out.glob("*.png"))
    assert written == sorted(f"de-dark-800x600-{name}.png" for name in PAGES + DIALOGS)
    window = QImage(str(out / "de-dark-800x600-cases.png"))
    assert window.width() >= 800 and window.height() >= 600
    for name in PAGES + DIALOGS:  # what does not fit the size is reported, not hidden
        image = QImage(str(out / f"de-dark-800x600-{name}.png"))
        too_large = image.width() > 800 or image.height() > 600
        assert image.width() > 0 and image.height() > 0, name
        assert (f"too large: de-dark-800x600-{name}:" in done.stderr) == too_large, name
    assert f"{len(written)} screenshots" in done.stdout
