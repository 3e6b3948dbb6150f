"""Mail accounts: checked against a real Dovecot before they are saved; passwords in
the keyring (or asked once per unlock), never in the store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.mail import accounts, imap
from spocdesk.core.mail.accounts import NewAccount
from spocdesk.core.store import Store
from tests.conftest import MemoryKeyring, all_bytes_under
from tests.dovecot import Mailbox

pytestmark = pytest.mark.both_backends  # the file store and a team server


def test_an_account_is_checked_saved_and_its_password_kept_in_the_keyring(
        store: Store, account_data: NewAccount, mailbox: Mailbox,
        memory_keyring: MemoryKeyring) -> None:
    outcome = accounts.add_account(store, account_data, mailbox.password)
    row, kept = outcome.value
    assert kept and "mail_account" in outcome.changes
    assert (row.host, row.port, row.tls, row.user) == (
        "127.0.0.1", mailbox.server.tls_port, "implicit", mailbox.user)
    assert row.fingerprint == mailbox.server.fingerprint
    assert [f.name for f in row.folders] == ["INBOX", "Sent"]
    assert [(f.uidvalidity, f.last_uid) for f in row.folders] == [(None, 0), (None, 0)]
    assert memory_keyring.secrets[("spocdesk-mail", row.id)] == mailbox.password
    assert accounts.list_accounts(store) == [row]
    assert accounts.find_account(store, row.label) == row
    assert accounts.find_account(store, mailbox.user.upper()) == row
    store.checkpoint()
    assert mailbox.password.encode() not in all_bytes_under(store.location.store.parent)


def test_the_default_ports_and_the_folders_given(store: Store, mailbox: Mailbox) -> None:
    data = NewAccount(host=" 127.0.0.1 ", user=mailbox.user, tls="STARTTLS",
                      folders=["Sent", "INBOX", "Sent", " "],
                      fingerprint=mailbox.server.fingerprint.upper())
    row, _kept = accounts.add_account(store, data, mailbox.password, check=False).value
    assert (row.host, row.port, row.tls) == ("127.0.0.1", 143, "starttls")
    assert [f.name for f in row.folders] == ["Sent", "INBOX"]


def test_a_wrong_password_or_folder_saves_nothing(store: Store, account_data: NewAccount,
                                                  mailbox: Mailbox,
                                                  memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(imap.LoginRefused):
        accounts.add_account(store, account_data, "wrong")
    with pytest.raises(imap.NoSuchFolder, match="Archive"):
        accounts.add_account(store, replace(account_data, folders=["INBOX", "Archive"]),
                             mailbox.password)
    assert accounts.list_accounts(store) == []
    assert memory_keyring.secrets == {}


def test_the_same_account_twice_is_refused(store: Store, account_data: NewAccount,
                                           mailbox: Mailbox) -> None:
    accounts.add_account(store, account_data, mailbox.password)
    with pytest.raises(InvalidInput, match="already there"):
        accounts.add_account(store, account_data, mailbox.password)


@pytest.mark.parametrize(("change", "words"), [
    ({"host": ""}, "server name"), ({"host": "mail example.org"}, "server name"),
    ({"user": " "}, "needs a user"), ({"tls": "none"}, "implicit or starttls"),
    ({"port": 70000}, "port number"), ({"poll_seconds": 5}, "at most every"),
    ({"fingerprint": "12:34"}, "SHA-256")])
def test_bad_settings_are_one_sentence(store: Store, change: dict[str, object],
                                       words: str) -> None:
    data = replace(NewAccount(host="mail.example.org", user="spoc"), **change)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=words):
        accounts.add_account(store, data, "x", check=False)


def test_removing_forgets_the_password(store: Store, account_data: NewAccount,
                                       mailbox: Mailbox, memory_keyring: MemoryKeyring) -> None:
    row, _kept = accounts.add_account(store, account_data, mailbox.password).value
    removed = accounts.remove_account(store, row.id).value
    assert removed.label == row.label
    assert accounts.list_accounts(store) == []
    assert memory_keyring.secrets == {}
    with pytest.raises(NotFound):
        accounts.find_account(store, row.label)
    accounts.add_account(store, account_data, mailbox.password)  # and it can come back


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_password_is_asked_once_per_unlock(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    row, kept = accounts.add_account(store, account_data, mailbox.password).value
    assert not kept
    asked: list[str] = []

    def ask(account: accounts.AccountRow) -> str | None:
        asked.append(account.label)
        return mailbox.password

    passwords = accounts.SessionPasswords(ask)
    assert passwords.lookup(row) == mailbox.password
    assert passwords.lookup(row) == mailbox.password
    assert asked == [row.label]
    passwords.clear()  # the store locked: what was kept is overwritten
    assert passwords.lookup(row) == mailbox.password
    assert len(asked) == 2
    assert mailbox.password == "imap-secret-4711"  # the caller's string is untouched
