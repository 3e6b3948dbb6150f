"""``spocdesk mail account add|list|remove`` and ``mail sync`` against a real Dovecot."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.core.mail import sync
from spocdesk.core.mail.sync import Delivered, RawMail
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE, MemoryKeyring
from tests.dovecot import Mailbox, message


@pytest.fixture
def location_with_store(location: Location,
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[Location]:
    Store.create(location, PASSPHRASE).close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SPOCDESK_MAIL_PASSWORD", raising=False)
    yield location


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[RawMail]:
    """What ``mail sync`` hands to capture (capture itself is tested on its own)."""
    got: list[RawMail] = []

    def keep(_store: Store, batch: Sequence[RawMail], *, cap: int = 0) -> Delivered:
        got.extend(batch)
        return Delivered(captured=len(batch))

    monkeypatch.setattr(sync, "hand_to_capture", keep)
    return got


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["mail", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _add_args(box: Mailbox, *extra: str) -> list[str]:
    return ["account", "add", "--host", "127.0.0.1", "--port", str(box.server.tls_port),
            "--user", box.user, "--fingerprint", box.server.fingerprint, *extra]


@pytest.mark.usefixtures("location_with_store")
def test_add_list_sync_remove(mailbox: Mailbox, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
                              handed: list[RawMail]) -> None:
    assert run(capsys, "account", "list")[1].startswith("No mail accounts yet")
    monkeypatch.setenv("SPOCDESK_MAIL_PASSWORD", mailbox.password)
    code, out, err = run(capsys, *_add_args(mailbox))
    assert code == 0 and err == ""
    assert f"Added {mailbox.user}@127.0.0.1 (implicit TLS" in out
    assert "The password is in the system keyring." in out
    monkeypatch.delenv("SPOCDESK_MAIL_PASSWORD")  # from now on: the keyring

    mailbox.put_many([message(1), message(2)])
    mailbox.put(message(3), "Sent")
    code, out, err = run(capsys, "sync", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["failed"] == []
    assert [(f["folder"], f["fetched"], f["last_uid"], f["skipped"]) for f in
            report["folders"]] == [("INBOX", 2, 2, []), ("Sent", 1, 1, [])]
    assert len(handed) == 3
    assert run(capsys, "sync") == (
        0, f"{mailbox.user}@127.0.0.1 INBOX: 0 new\n{mailbox.user}@127.0.0.1 Sent: 0 new\n", "")

    accounts = json.loads(run(capsys, "account", "list", "--json")[1])
    assert [(a["user"], a["port"], a["tls"], a["fingerprint"]) for a in accounts] == [
        (mailbox.user, mailbox.server.tls_port, "implicit", mailbox.server.fingerprint)]
    assert [(f["name"], f["last_uid"]) for f in accounts[0]["folders"]] == [
        ("INBOX", 2), ("Sent", 1)]
    assert "INBOX: up to UID 2" in run(capsys, "account", "list")[1]

    code, out, _ = run(capsys, "account", "remove", f"{mailbox.user}@127.0.0.1")
    assert code == 0 and "Removed the mail account" in out
    assert memory_keyring.secrets == {}
    assert json.loads(run(capsys, "account", "list", "--json")[1]) == []


@pytest.mark.usefixtures("location_with_store", "no_keyring")
def test_without_a_keyring_the_password_file_serves_each_sync(
        mailbox: Mailbox, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        handed: list[RawMail]) -> None:
    secret = tmp_path / "mail-password"
    secret.write_text(mailbox.password + "\n")
    code, out, _ = run(capsys, *_add_args(mailbox, "--tls", "implicit", "--folder", "INBOX",
                                          "--password-file", str(secret)))
    assert code == 0 and "There is no system keyring here" in out
    mailbox.put(message(1))
    code, out, err = run(capsys, "sync")
    assert (code, err) == (1, f"spocdesk: {mailbox.user}@127.0.0.1 was not read: "
                              "no password is known for it\n")
    code, out, err = run(capsys, "sync", "--password-file", str(secret))
    assert (code, out, err) == (0, f"{mailbox.user}@127.0.0.1 INBOX: 1 new\n", "")


@pytest.mark.usefixtures("location_with_store")
def test_a_refused_account_is_one_sentence_and_nothing_is_saved(
        mailbox: Mailbox, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_MAIL_PASSWORD", "wrong")
    code, out, err = run(capsys, *_add_args(mailbox))
    assert (code, out) == (1, "")
    assert err == (f"spocdesk: The mail server 127.0.0.1 refused the user {mailbox.user} "
                   "and its password.\n")
    code, out, err = run(capsys, *_add_args(mailbox)[:-2], "--fingerprint", "12:34")
    assert code == 1 and "is not a SHA-256 fingerprint" in err
    assert json.loads(run(capsys, "account", "list", "--json")[1]) == []
