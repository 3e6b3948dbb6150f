"""The app syncs its mail accounts (issue 20, item 1): a worker thread against a real
Dovecot, batches published on the bus, a status line, a stop on lock that leaves
nothing half-written; and the Settings dialog's mail accounts (add, test, pin)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QLabel

from spocdesk.core import preferences
from spocdesk.core.mail import accounts, inbox
from spocdesk.core.mail.accounts import NewAccount, SessionPasswords
from spocdesk.core.model import StoredMail
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.mail import accounts_part
from spocdesk.ui.mail import sync as ui_sync
from spocdesk.ui.mail.accounts_part import AccountDialog, MailPart, pretty_fingerprint
from spocdesk.ui.mail.sync import MailSync
from tests.conftest import MemoryKeyring
from tests.dovecot import Mailbox, message

WAIT = 20_000


@pytest.fixture
def heard() -> tuple[ChangeBus, list[ChangeSet]]:
    bus = ChangeBus()
    got: list[ChangeSet] = []
    bus.changed.connect(got.append)
    return bus, got


def _account(store: Store, data: NewAccount, password: str) -> accounts.AccountRow:
    return accounts.add_account(store, data, password, check=False).value[0]


def _stored(store: Store) -> int:
    with store.connection() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(StoredMail)).scalar_one())


def _sync(qtbot, bus: ChangeBus) -> MailSync:
    """A MailSync owned by a window, as in the app (deleted with it after the test)."""
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    return MailSync(bus, window)


def _done(qtbot, sync: MailSync) -> None:
    qtbot.waitUntil(lambda: not sync.running, timeout=WAIT)


def test_unlock_syncs_off_the_gui_thread_and_publishes_each_batch(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox,
        heard: tuple[ChangeBus, list[ChangeSet]]) -> None:
    bus, got = heard
    mailbox.put_many([message(n) for n in range(1, 4)])
    _account(store, account_data, mailbox.password)  # the password is in the keyring
    sync = _sync(qtbot, bus)
    statuses: list[str] = []
    sync.status_changed.connect(statuses.append)
    sync.set_store(store)  # as on unlock
    assert sync.running and sync.status == "Syncing mail…"  # the GUI thread goes on
    _done(qtbot, sync)
    assert inbox.count_unfiled(store) == 3
    assert any(len(c.ids.get("mail", ())) == 3 for c in got)  # the batch, by id
    assert sync.status.startswith("Last synced ") and sync.status.endswith(" · 3 new")
    mailbox.put(message(4))
    assert sync.sync_now()  # F5
    _done(qtbot, sync)
    assert sync.status.endswith(" · 1 new") and inbox.count_unfiled(store) == 4
    assert sync.sync_now()
    _done(qtbot, sync)
    assert sync.status.endswith(" · 0 new")
    sync.set_store(None)
    assert statuses[-1] == ""


def test_a_wrong_password_is_one_sentence_and_writes_nothing(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox,
        heard: tuple[ChangeBus, list[ChangeSet]]) -> None:
    bus, got = heard
    mailbox.put(message(1))
    _account(store, account_data, "not the password")
    sync = _sync(qtbot, bus)
    sync.set_store(store)
    _done(qtbot, sync)
    assert sync.status == (f"The mail server 127.0.0.1 refused the user {mailbox.user} and "
                           "its password. Retrying in 5 minutes.")
    assert _stored(store) == 0 and not got
    row = accounts.list_accounts(store)[0]
    assert [(f.uidvalidity, f.last_uid, f.synced_at) for f in row.folders] == [
        (None, 0, None), (None, 0, None)]
    sync.set_store(None)


def test_a_wrong_fingerprint_is_one_sentence_and_writes_nothing(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox,
        heard: tuple[ChangeBus, list[ChangeSet]]) -> None:
    bus, got = heard
    mailbox.put(message(1))
    _account(store, replace(account_data, fingerprint="ab" * 32), mailbox.password)
    sync = _sync(qtbot, bus)
    sync.set_store(store)
    _done(qtbot, sync)
    assert sync.status.startswith("The mail server 127.0.0.1 showed a certificate with "
                                  "another fingerprint than the pinned one")
    assert mailbox.server.fingerprint in sync.status
    assert _stored(store) == 0 and not got
    sync.set_store(None)


def test_without_a_keyring_the_password_is_asked_once_per_unlock(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox, no_keyring: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def ask(_parent: object, account: accounts.AccountRow) -> str | None:
        asked.append(account.label)
        return None if len(asked) == 1 else mailbox.password

    monkeypatch.setattr(ui_sync, "ask_password", ask)
    mailbox.put(message(1))
    _account(store, account_data, mailbox.password)
    sync = _sync(qtbot, ChangeBus())
    sync.set_store(store)  # asked, cancelled
    _done(qtbot, sync)
    assert "no password is known for it" in sync.status
    sync.sync_automatically()  # the timer: not asked again in this unlock
    _done(qtbot, sync)
    assert len(asked) == 1
    assert sync.sync_now()  # Sync now: asked again, and kept until the lock
    _done(qtbot, sync)
    assert len(asked) == 2 and inbox.count_unfiled(store) == 1
    sync.sync_now()
    _done(qtbot, sync)
    assert len(asked) == 2
    sync.set_store(None)  # the lock forgets it
    sync.set_store(store)
    _done(qtbot, sync)
    assert len(asked) == 3


def test_a_lock_stops_the_sync_cleanly_and_the_next_one_resumes(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(n) for n in range(1, 401)])
    _account(store, account_data, mailbox.password)
    sync = _sync(qtbot, ChangeBus())
    sync.set_store(store)
    qtbot.waitUntil(lambda: _stored(store) > 0, timeout=WAIT)
    sync.set_store(None)  # the lock: the thread is stopped and waited for
    assert not sync.running
    first = _stored(store)
    inbox_folder = accounts.list_accounts(store)[0].folders[0]
    assert inbox_folder.last_uid == first  # what is stored is exactly what is marked read
    sync.set_store(store)  # the next unlock resumes by UID
    _done(qtbot, sync)
    assert _stored(store) == 400
    assert sync.status.endswith(f" · {400 - first} new")
    sync.set_store(None)


def test_the_interval_setting_drives_the_timer(qtbot, store: Store) -> None:
    sync = _sync(qtbot, ChangeBus())
    sync.set_store(store)
    assert sync.timer.interval() == 5 * 60_000 and sync.timer.isActive()
    value = preferences.get_settings(store)
    value.mail_sync_minutes = 0
    sync.bus.publish(preferences.save_settings(store, value).changes)
    assert not sync.timer.isActive()
    sync.set_store(None)


def _window_on_inbox(qtbot, store: Store):
    """The main window unlocked on the Inbox page, its first mail sync over."""
    from spocdesk.core.paths import Location
    from spocdesk.ui.main_window import MainWindow

    window = MainWindow(Location(store.location.data_dir, store.location.store))
    qtbot.addWidget(window)
    window.show()
    window.show_page("Inbox")
    window.set_store(store)
    _done(qtbot, window.mail_sync)
    return window, window.page_titled("Inbox")


def test_the_inbox_page_shows_the_status_line(qtbot, store: Store, account_data: NewAccount,
                                              mailbox: Mailbox) -> None:
    mailbox.put(message(1))
    _account(store, account_data, mailbox.password)
    window, page = _window_on_inbox(qtbot, store)
    status = page.findChild(QLabel, "syncStatus")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert status.isVisible() and status.text().endswith(" · 1 new")
    mailbox.put(message(2))
    window.sync_mail_action.trigger()  # F5
    _done(qtbot, window.mail_sync)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    window.set_store(None)
    assert not window.mail_sync.running


# -- watching: IMAP IDLE --------------------------------------------------------------


def test_new_mail_is_in_the_inbox_within_three_seconds_by_idle_and_a_lock_stops_at_once(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    """Issue 20: a new message visible in the Inbox < 3 s after it lands. After the
    first pass the account's thread idles on INBOX (no poll interval waited); a
    message APPENDed by another client shows in the Inbox model, and locking cuts the
    IDLE and ends the thread at once."""
    import time

    row = _account(store, account_data, mailbox.password)
    window, page = _window_on_inbox(qtbot, store)
    assert page.model.rowCount() == 0
    thread = window.mail_sync.watchers[row.id]
    assert thread.isRunning() and not window.mail_sync.running  # watching, not syncing
    landed = time.monotonic()
    mailbox.append(message(1, subject="Landed while idle"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert time.monotonic() - landed < 3.0
    assert page.model.index(0, 1).data() == "Landed while idle"
    # the line follows once the pass is over (the Sent folder read too)
    qtbot.waitUntil(lambda: window.mail_sync.status.endswith(" · 1 new"), timeout=WAIT)
    started = time.monotonic()
    window.set_store(None)  # the lock
    assert time.monotonic() - started < 2.0
    assert thread.isFinished() and window.mail_sync.watchers == {}
    assert not window.mail_sync.running and window.mail_sync.status == ""


def test_the_watch_survives_a_lost_connection_and_resumes_by_uid(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox,
        heard: tuple[ChangeBus, list[ChangeSet]]) -> None:
    bus, _got = heard
    mailbox.put(message(1))
    row = _account(store, account_data, mailbox.password)
    sync = _sync(qtbot, bus)
    statuses: list[str] = []
    sync.status_changed.connect(statuses.append)
    sync.set_store(store)
    _done(qtbot, sync)
    assert inbox.count_unfiled(store) == 1
    thread = sync.watchers[row.id]
    mailbox.kick()  # the server drops the connection while the thread idles
    qtbot.waitUntil(lambda: any("connecting again" in s for s in statuses), timeout=WAIT)
    mailbox.append(message(2))
    qtbot.waitUntil(lambda: inbox.count_unfiled(store) == 2, timeout=WAIT)
    assert sync.watchers[row.id] is thread  # the same thread reconnected
    qtbot.waitUntil(lambda: sync.status.startswith("Last synced "), timeout=WAIT)
    assert _stored(store) == 2  # nothing read twice
    assert accounts.get_account(store, row.id).folders[0].last_uid == 2
    sync.set_store(None)
    assert thread.isFinished()


def test_sync_now_wakes_the_watch_and_zero_minutes_means_no_watch(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    row = _account(store, account_data, mailbox.password)
    sync = _sync(qtbot, ChangeBus())
    sync.set_store(store)
    _done(qtbot, sync)
    thread = sync.watchers[row.id]
    mailbox.put(message(1))  # a file in the Maildir: the next pass sees it
    assert sync.sync_now() and sync.running  # F5: the idling thread does a pass now
    _done(qtbot, sync)
    assert inbox.count_unfiled(store) == 1 and sync.watchers[row.id] is thread
    value = preferences.get_settings(store)
    value.mail_sync_minutes = 0  # "Only on unlock and F5"
    sync.bus.publish(preferences.save_settings(store, value).changes)
    assert thread.isFinished()  # the watch stopped; one pass, then nothing
    qtbot.waitUntil(lambda: not sync.watchers, timeout=WAIT)
    mailbox.put(message(2))
    assert sync.sync_now()
    _done(qtbot, sync)
    qtbot.waitUntil(lambda: not sync.watchers, timeout=WAIT)
    assert inbox.count_unfiled(store) == 2
    sync.set_store(None)


# -- the Settings dialog's mail accounts ---------------------------------------------


def _dialog(qtbot, store: Store, mailbox: Mailbox, password: str,
            passwords: SessionPasswords | None = None) -> AccountDialog:
    dialog = AccountDialog(store, ChangeBus(), passwords or SessionPasswords())
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(mailbox.server.tls_port)
    dialog.user.setText(mailbox.user)
    dialog.password.setText(password)
    return dialog


def test_adding_an_account_tests_it_and_a_wrong_password_saves_nothing(
        qtbot, store: Store, mailbox: Mailbox, memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, store, mailbox, "wrong")
    dialog.fingerprint.setText(mailbox.server.fingerprint)
    assert not dialog.test_connection()
    assert dialog.said.text() == (f"The mail server 127.0.0.1 refused the user {mailbox.user} "
                                  "and its password.")
    dialog.accept()  # Save: the same sentence, the dialog stays, nothing written
    assert dialog.saved is None and accounts.list_accounts(store) == []
    assert memory_keyring.secrets == {}
    dialog.password.setText(mailbox.password)
    assert dialog.test_connection()
    assert dialog.said.text().startswith("The connection works")
    dialog.accept()
    assert dialog.saved is not None and accounts.list_accounts(store) == [dialog.saved]
    assert memory_keyring.secrets[("spocdesk-mail", dialog.saved.id)] == mailbox.password


def test_a_certificate_of_its_own_offers_its_fingerprint_to_pin(
        qtbot, store: Store, mailbox: Mailbox) -> None:
    dialog = _dialog(qtbot, store, mailbox, mailbox.password)
    assert not dialog.test_connection()  # self-signed, nothing pinned
    assert "is not trusted" in dialog.said.text()
    assert mailbox.server.fingerprint in dialog.said.text()
    assert not dialog.pin_button.isHidden()
    dialog.pin_button.click()
    assert dialog.fingerprint.text() == pretty_fingerprint(mailbox.server.fingerprint)
    assert dialog.test_connection()
    dialog.fingerprint.setText("00" * 32)  # a renewed certificate, an old pin
    assert not dialog.test_connection()
    assert "another fingerprint than the pinned one" in dialog.said.text()
    dialog.accept()
    assert accounts.list_accounts(store) == []
    dialog.pin_button.click()
    dialog.accept()
    assert dialog.saved is not None
    assert dialog.saved.fingerprint == mailbox.server.fingerprint


def test_without_a_keyring_the_password_is_kept_until_the_lock(
        qtbot, store: Store, mailbox: Mailbox, no_keyring: None) -> None:
    passwords = SessionPasswords()
    dialog = _dialog(qtbot, store, mailbox, mailbox.password, passwords)
    dialog.fingerprint.setText(mailbox.server.fingerprint)
    dialog.accept()
    assert dialog.saved is not None
    assert passwords.lookup(dialog.saved) == mailbox.password


def test_the_mail_part_lists_edits_and_removes_accounts(
        qtbot, store: Store, account_data: NewAccount, mailbox: Mailbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from spocdesk.core.settings import Settings

    row = _account(store, account_data, mailbox.password)
    part = MailPart(Settings(), store=store, bus=ChangeBus())
    qtbot.addWidget(part)
    assert part.list.count() == 1
    assert part.list.item(0).text() == f"{row.label} — INBOX, Sent (not read yet)"

    def edit(dialog_cls: type[AccountDialog], store_: Store, bus: ChangeBus,
             passwords: SessionPasswords, account: accounts.AccountRow | None,
             parent: object) -> accounts.AccountRow | None:
        dialog = dialog_cls(store_, bus, passwords, account, None)
        qtbot.addWidget(dialog)
        assert dialog.password.text() == "" and dialog.user.text() == mailbox.user
        dialog.folders.setText("INBOX")
        dialog.accept()  # the keyring's password checks it
        return dialog.saved

    monkeypatch.setattr(AccountDialog, "ask", classmethod(edit))
    part.edit()
    assert [f.name for f in accounts.get_account(store, row.id).folders] == ["INBOX"]
    assert part.list.item(0).text() == f"{row.label} — INBOX (not read yet)"
    monkeypatch.setattr(accounts_part, "confirm_remove", lambda _p, _a: True)
    part.passwords.put(row.id, "kept until the lock")
    part.remove()
    assert part.list.count() == 0 and accounts.list_accounts(store) == []
    assert part.passwords.lookup(row) is None  # neither keyring nor memory keeps it
    value = Settings()
    part.minutes.setValue(15)
    part.own.setText(" me@example.org ")
    part.cap.setValue(10)
    part.apply(value)
    assert (value.mail_sync_minutes, value.own_addresses, value.mail_size_cap_mb) == (
        15, "me@example.org", 10)
