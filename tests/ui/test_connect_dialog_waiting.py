"""The connect dialog logs in off the window's thread (issue 22): while a server that
never answers takes its time the window keeps painting and taking keys, the form is
greyed with a busy bar, *Cancel* (or Escape) stops waiting at once and gives the form
back, and the refusal is one sentence in the dialog. Real sockets, no mocks: a closed
port on 127.0.0.1, and a listener that accepts and never says a word (a blackhole)."""

from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer

from spocdesk.core.store import server as server_module
from spocdesk.core.store.server import ServerStore
from spocdesk.ui import connect_dialog
from spocdesk.ui.connect_dialog import Attempt, ConnectDialog
from tests.pg_server import PASSWORD, PgServer

TIMEOUT = 3  # seconds the blackhole keeps the login waiting


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_module, "CONNECT_TIMEOUT", TIMEOUT)


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A port on 127.0.0.1 that takes connections and never answers; its number."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel completes the handshake; nobody ever reads
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()


@pytest.fixture
def closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()  # nobody listens there now: the connection is refused
    return port


def dialog_at(qtbot, port: int) -> ConnectDialog:
    dialog = ConnectDialog(None, f"postgresql://anna@127.0.0.1:{port}/spoc")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("secret")
    return dialog


def settle(qtbot, dialog: ConnectDialog) -> None:
    """Wait until the login under way (if any) and every abandoned one have ended."""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=(TIMEOUT + 5) * 1000)
    for attempt in list(connect_dialog._abandoned):
        assert attempt.wait(TIMEOUT + 5)


def test_the_window_stays_responsive_while_a_silent_server_keeps_it_waiting(
        qtbot, blackhole: int, short_timeout: None) -> None:
    dialog = dialog_at(qtbot, blackhole)
    ticks: list[float] = []
    heartbeat = QTimer(dialog)
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()

    started = time.monotonic()
    qtbot.keyClick(dialog.host, Qt.Key.Key_Return)  # the default button: Connect
    assert dialog.busy
    assert dialog.state.text() == "Connecting to 127.0.0.1… (Cancel stops waiting)"
    assert dialog.busy_bar.isVisible()
    assert not dialog.host.isEnabled() and not dialog.password.isEnabled()
    assert not dialog.connect_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # a second Return starts nothing more
    qtbot.waitUntil(lambda: not dialog.busy, timeout=(TIMEOUT + 5) * 1000)
    waited = time.monotonic() - started
    heartbeat.stop()

    assert waited >= TIMEOUT - 0.5  # the server really kept it waiting …
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # … and the window painted on (before: one gap as long as the whole wait)
    assert len(ticks) > waited / 0.2 and max(gaps) < 0.5
    assert dialog.store is None and dialog.isVisible()
    assert dialog.state.text().startswith(
        "The team server postgresql://anna@127.0.0.1:")
    assert "cannot be reached" in dialog.state.text()
    assert dialog.host.isEnabled() and not dialog.busy_bar.isVisible()
    assert dialog.connect_button.isEnabled()


def test_a_closed_port_is_one_sentence_and_the_form_comes_back(
        qtbot, closed_port: int) -> None:
    dialog = dialog_at(qtbot, closed_port)
    dialog.try_connect()
    settle(qtbot, dialog)
    assert dialog.store is None
    assert "cannot be reached (Connection refused)" in dialog.state.text()
    assert dialog.host.isEnabled() and dialog.host.hasFocus()
    assert dialog.result() != ConnectDialog.DialogCode.Accepted


def test_cancel_stops_waiting_at_once_and_a_second_cancel_closes(
        qtbot, blackhole: int, short_timeout: None) -> None:
    dialog = dialog_at(qtbot, blackhole)
    dialog.try_connect()
    assert dialog.busy
    qtbot.wait(200)
    started = time.monotonic()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 0.5  # no waiting for the server's timeout
    assert not dialog.busy and dialog.isVisible()
    assert dialog.state.text() == "Not connected: you stopped waiting for the server."
    assert dialog.host.isEnabled() and dialog.host.hasFocus()
    assert dialog.connect_button.isEnabled()

    dialog.try_connect()  # Escape does the same
    assert dialog.busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.busy and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # now it closes
    assert not dialog.isVisible()
    assert dialog.result() == ConnectDialog.DialogCode.Rejected
    settle(qtbot, dialog)
    assert dialog.store is None


def test_closing_the_window_while_waiting_closes_it(
        qtbot, blackhole: int, short_timeout: None) -> None:
    dialog = dialog_at(qtbot, blackhole)
    dialog.try_connect()
    dialog.close()
    assert not dialog.isVisible() and not dialog.busy
    settle(qtbot, dialog)


def spocdesk_sessions(pg_server: PgServer, database: str) -> int:
    with pg_server.admin() as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                           "AND application_name = 'spocdesk'", (database,)).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("when", ["before it answers", "after it connected"])
def test_an_abandoned_login_leaves_no_connection_behind(
        qtbot, pg_server: PgServer, pg_url: str, when: str) -> None:
    attempt = Attempt(pg_url, PASSWORD)
    opened: list[ServerStore] = []
    original = ServerStore.connect

    def connect(*args, **kwargs):  # the real login; the test keeps hold of its store
        store = original(*args, **kwargs)
        opened.append(store)
        return store

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ServerStore, "connect", connect)
        attempt.start()
        if when == "after it connected":
            assert attempt.wait(10)
            assert isinstance(attempt.store, ServerStore)
        attempt.abandon()
        assert attempt.wait(10)
    assert attempt.store is None  # nothing handed out …
    assert len(opened) == 1 and not opened[0].is_open  # … and what it opened is closed
    database = pg_url.rsplit("/", 1)[1]
    qtbot.waitUntil(lambda: spocdesk_sessions(pg_server, database) == 0, timeout=5000)
    with contextlib.suppress(ValueError):
        connect_dialog._abandoned.remove(attempt)


def test_quitting_right_after_a_cancelled_login_exits_cleanly(blackhole: int) -> None:
    """The app may quit while an abandoned login still waits for the server."""
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
from spocdesk.core.store import server
server.CONNECT_TIMEOUT = 30
app = QApplication(sys.argv)
from spocdesk.ui.connect_dialog import ConnectDialog
dialog = ConnectDialog(None, "postgresql://anna@127.0.0.1:{blackhole}/spoc")
dialog.password.setText("secret")
dialog.try_connect()
dialog.reject()  # stop waiting
dialog.reject()  # close
print("quitting")
"""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert (done.returncode, done.stdout.strip()) == (0, "quitting"), done.stderr
    assert "QThread" not in done.stderr
    assert time.monotonic() - started < 15  # not held up by the 30 s connect timeout
