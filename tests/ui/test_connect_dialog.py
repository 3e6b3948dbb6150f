"""*File → Connect to a team server…* and ``spocdesk --store postgresql://…`` (issue 22
item 1): one's own role and password (typed, or from the keyring), TLS with a checked
certificate for any other host, a CA file when chosen; a refusal is one sentence and
the dialog stays; once connected the window works on the server and listens."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from spocdesk import app as app_module
from spocdesk.core.store import Store
from spocdesk.core.store.server import ServerStore
from spocdesk.ui.connect_dialog import ConnectDialog, build_url
from tests.conftest import MemoryKeyring
from tests.pg_server import ADMIN, PASSWORD, PgServer


def test_urls_ask_for_a_checked_certificate_away_from_this_computer() -> None:
    remote = build_url("db.example.org", 5432, "spoc", "anna")
    assert remote == "postgresql://anna@db.example.org:5432/spoc?sslmode=verify-full"
    with_ca = urlsplit(build_url("db.example.org", 6432, "spoc", "anna", "/etc/team-ca.pem"))
    assert parse_qs(with_ca.query) == {"sslmode": ["verify-full"],
                                       "sslrootcert": ["/etc/team-ca.pem"]}
    assert build_url("localhost", 5432, "spoc", "anna") == "postgresql://anna@localhost:5432/spoc"


def dialog_for(qtbot, pg_url: str) -> ConnectDialog:
    dialog = ConnectDialog(None, pg_url)
    qtbot.addWidget(dialog)
    return dialog


def connect(qtbot, dialog: ConnectDialog) -> None:
    """*Connect*, and wait for the login (it runs in a worker thread)."""
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)


def test_filled_from_a_url_and_says_what_tls_it_uses(qtbot) -> None:
    dialog = ConnectDialog(None, "postgresql://anna@db.example.org:6432/spoc"
                                 "?sslrootcert=/etc/team-ca.pem")
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(),
            dialog.user.text(), dialog.ca_file.text()) == (
        "db.example.org", 6432, "spoc", "anna", "/etc/team-ca.pem")
    assert "verify-full" in dialog.tls.text()
    dialog.host.setText("localhost")
    assert dialog.tls.text() == "A server on this computer needs no TLS."
    dialog.user.clear()
    assert not dialog.connect_button.isEnabled()


def test_connects_and_remembers_the_password(qtbot, pg_url: str,
                                             memory_keyring: MemoryKeyring) -> None:
    dialog = dialog_for(qtbot, pg_url)
    dialog.password.setText(PASSWORD)
    dialog.remember.setChecked(True)
    connect(qtbot, dialog)
    assert isinstance(dialog.store, ServerStore)
    dialog.store.close()
    assert dialog.result() == ConnectDialog.DialogCode.Accepted
    assert PASSWORD in memory_keyring.secrets.values()

    again = dialog_for(qtbot, pg_url)  # the next time: the keyring's password
    assert again.password.placeholderText() == "remembered in the keyring"
    connect(qtbot, again)
    assert isinstance(again.store, ServerStore)
    again.store.close()


def test_a_refusal_is_one_sentence_and_the_dialog_stays(qtbot, pg_url: str) -> None:
    dialog = dialog_for(qtbot, pg_url)
    dialog.try_connect()
    assert dialog.state.text() == "Enter the password of your role."
    dialog.password.setText("wrong")
    connect(qtbot, dialog)
    assert dialog.store is None
    assert "refused the role's password" in dialog.state.text()
    assert dialog.result() != ConnectDialog.DialogCode.Accepted


@pytest.fixture
def no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))


def test_the_app_opens_a_server_named_on_the_command_line(
        qtbot, pg_url: str, location, monkeypatch: pytest.MonkeyPatch, no_errors) -> None:
    asked: list[str] = []
    monkeypatch.setattr(ConnectDialog, "ask", classmethod(
        lambda cls, parent=None, url="", message="": asked.append(url)))
    session = app_module.Session(location, server_url=pg_url)
    assert not session.start()  # no password anywhere: the dialog, here cancelled
    assert asked == [pg_url]

    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)  # as for any store
    session = app_module.Session(location, server_url=pg_url)
    qtbot.addWidget(session.window)
    try:
        assert session.start()
        assert isinstance(session.store, ServerStore)
        assert session.window.store_label.text().startswith(f"postgresql://{ADMIN}@")
        assert session.live._listener is not None  # colleagues' changes are heard
    finally:
        session.shutdown()


def test_file_connect_switches_the_window_to_the_server(
        qtbot, pg_server: PgServer, pg_url: str, location, store: Store,
        monkeypatch: pytest.MonkeyPatch, no_errors) -> None:
    from spocdesk.ui.unlock import UnlockDialog
    from tests.conftest import PASSPHRASE

    store.close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where,
                                                                               PASSPHRASE)))
    monkeypatch.setattr(ConnectDialog, "ask", classmethod(
        lambda cls, parent=None, url="", message="": ServerStore.connect(pg_url, PASSWORD)))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    try:
        assert session.start()
        assert session.store is not None and session.store.backend == "sqlite"
        session.window.connect_action.trigger()
        assert isinstance(session.store, ServerStore)
        assert session.live._listener is not None
        assert session._watcher is None  # the file's poll is off
        assert session.location == location  # logs stay in the user's data folder
        assert (location.log_dir / "spocdesk.log").is_file()
    finally:
        session.shutdown()
