"""Cold start: the unlock dialog shows before the heavy modules load, which then load
while the passphrase is typed, and the main window is built before Unlock is pressed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from spocdesk import app as app_module
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui import warmup
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

HEAVY = ("sqlalchemy", "spocdesk.core.store.open", "spocdesk.ui.main_window")


def test_unlock_dialog_shows_before_the_heavy_imports(tmp_path) -> None:
    """In a fresh process: the GUI entry path up to a shown dialog imports neither the
    ORM nor the main window; both are loaded a few event-loop turns after the paint."""
    code = textwrap.dedent(f"""
        import os, sys, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from spocdesk import cli, app
        from spocdesk.core.paths import Location
        from spocdesk.ui.unlock import UnlockDialog
        from pathlib import Path
        qt = app.make_application()
        here = Path({str(tmp_path)!r})
        dialog = UnlockDialog(Location(store=here / "s.spocdesk", data_dir=here))
        dialog.show()
        dialog.repaint()
        print("before:", *[m for m in {HEAVY!r} if m in sys.modules])
        deadline = time.monotonic() + 60
        while not all(m in sys.modules for m in {HEAVY!r}) and time.monotonic() < deadline:
            qt.processEvents()
        print("after:", *[m for m in {HEAVY!r} if m in sys.modules])
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.splitlines() == ["before:", "after: " + " ".join(HEAVY)]


def test_warm_up_runs_once_after_the_first_paint(qtbot, location: Location,
                                                  monkeypatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(warmup, "STEPS", (lambda: ran.append("a"), lambda: ran.append("b")))
    dialog = UnlockDialog(location, prepare=lambda: ran.append("then"))
    qtbot.addWidget(dialog)
    qtbot.wait(20)
    assert ran == []  # nothing before the dialog is painted

    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.repaint()
    qtbot.waitUntil(lambda: ran == ["a", "b", "then"])
    dialog.repaint()
    qtbot.wait(20)
    assert ran == ["a", "b", "then"]  # once per dialog, not once per paint


def test_a_failing_step_stops_the_warm_up_quietly(qtbot, location: Location, monkeypatch,
                                                   caplog) -> None:
    ran: list[str] = []

    def broken() -> None:
        raise ImportError("no such module")

    monkeypatch.setattr(warmup, "STEPS", (broken, lambda: ran.append("b")))
    dialog = UnlockDialog(location)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.repaint()
    qtbot.waitUntil(lambda: "warm-up step failed" in caplog.text)
    qtbot.wait(20)
    assert ran == []


def test_session_builds_its_window_while_the_passphrase_is_typed(
        qtbot, location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.create(location, PASSPHRASE).close()
    built_before_unlock: list[bool] = []

    def type_and_unlock(dialog: UnlockDialog) -> int:
        dialog.show()
        qtbot.waitUntil(lambda: session._window is not None, timeout=10_000)
        built_before_unlock.append(session.store is None)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.try_unlock()
        return dialog.result()

    monkeypatch.setattr(UnlockDialog, "exec", type_and_unlock)
    session = app_module.Session(location)
    assert session._window is None  # nothing of the main window before the dialog
    assert session.start()
    qtbot.addWidget(session.window)
    assert built_before_unlock == [True]
    assert session.store is not None and session.window.isVisible()
    session.shutdown()
