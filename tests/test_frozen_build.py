"""The PyInstaller one-folder build: it builds, prints its version and passes its
own self-test (encrypted store in a temporary folder, a case written and read,
the GUI on the offscreen platform, icons, SVG plugins and translations present).

A build takes one to two minutes, so it runs only on request:

    SPOCDESK_TEST_BUILD=1 python -m pytest tests/test_frozen_build.py
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spocdesk import __version__

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install pyinstaller)"),
    pytest.mark.skipif(os.environ.get("SPOCDESK_TEST_BUILD") != "1",
                       reason="set SPOCDESK_TEST_BUILD=1 to build and test the frozen app"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("frozen")
    subprocess.run([sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "work")],
                   cwd=ROOT, check=True, capture_output=True, timeout=1200)
    program = out / "dist" / "spocdesk" / ("spocdesk.exe" if os.name == "nt" else "spocdesk")
    assert program.is_file()
    return program


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """No test settings leak in: the build must choose offscreen and find its own files."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QT_", "SPOCDESK_", "PYTHON"))}
    env["HOME"] = str(tmp_path)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_frozen_app_prints_its_version(built: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(built), "--version"], capture_output=True, text=True,
                            timeout=60, env=_clean_env(tmp_path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"spocdesk {__version__}"


def test_frozen_app_passes_its_self_test(built: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(built), "--self-test"], capture_output=True, text=True,
                            timeout=180, env=_clean_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert list(tmp_path.glob("**/*.db")) == []  # the temporary store went away


def test_frozen_app_carries_what_it_needs(built: Path) -> None:
    bundle = built.parent / "_internal"
    assert (bundle / "resources" / "translations" / "spocdesk_de.qm").is_file()
    assert (bundle / "resources" / "icons" / "spocdesk.svg").is_file()
    plugins = bundle / "PySide6" / "Qt" / "plugins"
    assert list(plugins.glob("platforms/*offscreen*"))
    assert list(plugins.glob("imageformats/*svg*"))
    assert list(plugins.glob("iconengines/*svg*"))
    assert list((bundle / "sqlcipher3").glob("_sqlite3*"))
    assert not list(bundle.rglob("*VirtualKeyboard*"))  # trimmed: it drags in Qt Quick
