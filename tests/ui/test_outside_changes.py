"""The app notices what the command line changed beside it (PRAGMA data_version, polled
once a second) and refreshes its views within two seconds; its own edits are no news."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def session(qtbot, location: Location, monkeypatch: pytest.MonkeyPatch):
    Store.create(location, PASSPHRASE).close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    s = app_module.Session(location)
    qtbot.addWidget(s.window)
    assert s.start()
    yield s
    s.shutdown()


def test_a_case_added_by_the_command_line_shows_within_two_seconds(session, qtbot,
                                                                  location: Location) -> None:
    page = session.window.show_page("Cases")
    model = page.model  # type: ignore[attr-defined]
    assert model.rowCount() == 0
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPOCDESK_PASSPHRASE": PASSPHRASE,
           "SPOCDESK_HOME": str(location.data_dir)}
    subprocess.run([sys.executable, "-m", "spocdesk", "case", "add", "--title", "Scripted"],
                   env=env, cwd=str(REPO), check=True, capture_output=True, timeout=120)
    added = time.monotonic()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert time.monotonic() - added < 2.0


def test_own_edits_are_not_reported_as_outside_changes(session, qtbot) -> None:
    published: list[object] = []
    session.window.bus.changed.connect(published.append)
    cases.add_case(session.store, cases.NewCase(title="Made in the app"))
    qtbot.wait(2500)
    assert published == []  # (the service's own change-set goes out through run_op)
