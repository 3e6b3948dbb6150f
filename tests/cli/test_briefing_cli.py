"""``spocdesk export briefing FILE.pdf [--absence ID]``, run in-process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from spocdesk import cli
from spocdesk.commands import briefing_cmds
from spocdesk.core.clock import FixedClock
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import build_world, fast_kdf  # noqa: F401


@pytest.fixture(autouse=True)
def commands(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    """The passphrase in the environment, the command registered; a QApplication
    exists already so the PDF writer does not make a bare QGuiApplication in the
    test process (later widget tests need a QApplication)."""
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    if briefing_cmds not in cli.COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, briefing_cmds])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_briefing(store: Store, clock: FixedClock, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    world = build_world(store, clock)
    store.close()
    out = tmp_path / "briefing.pdf"
    code, stdout, err = run(capsys, "export", "briefing", str(out))
    assert code == 0, err
    assert stdout.strip() == f"Wrote the handover briefing to {out}."
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages).split())
    assert text.index("C-0004") < text.index("C-0001 Roof leak") < text.index("C-0002")
    # an existing file is not replaced without --force
    code, _, err = run(capsys, "export", "briefing", str(out))
    assert code == 1 and "exists already" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "briefing", str(out), "--force", "--absence",
                       world.absence_id)
    assert code == 0, err


def test_unknown_or_missing_absence_is_one_sentence(store: Store, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    code, _, err = run(capsys, "export", "briefing", str(tmp_path / "b.pdf"))
    assert code == 1 and "No absence is planned" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "briefing", str(tmp_path / "b.pdf"), "--absence",
                       "nope")
    assert code == 1 and "There is no absence with id nope." in err
    assert not (tmp_path / "b.pdf").exists()


def test_command_modules_do_not_import_qt_at_import_time() -> None:
    code = ("import sys, spocdesk.cli, spocdesk.commands.briefing_cmds; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
