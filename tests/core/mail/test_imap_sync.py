"""Reading mail from a real Dovecot: incremental by UIDVALIDITY/UID, read-only,
through a lost connection, skipping what cannot be read, and nothing in the logs.

Capture (parsing and logging a message) is another module's; here the hand-off
receives the raw messages and the tests check what reached it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from spocdesk.core.mail import accounts, imap, sync
from spocdesk.core.mail.accounts import AccountRow, NewAccount
from spocdesk.core.mail.sync import Delivered, RawMail, Skipped
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.dovecot import Mailbox, message

pytestmark = pytest.mark.both_backends  # the file store and a team server


@dataclass
class Inbox:
    """The hand-off to capture, as a test sees it: every message it was given."""

    got: list[RawMail] = field(default_factory=list)
    refuse: bytes = b""  # a message containing this cannot be "read"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, store: Store, batch: Sequence[RawMail]) -> Delivered:
        if self.refuse and any(self.refuse in m.raw for m in batch):
            raise ValueError("cannot read this one")
        with self.lock:
            self.got.extend(batch)
        return Delivered(captured=len(batch))

    def subjects(self) -> list[str]:
        return [m.raw.split(b"Subject: ", 1)[1].split(b"\r\n", 1)[0].decode() for m in self.got]


def _add(store: Store, data: NewAccount, mailbox: Mailbox) -> AccountRow:
    return accounts.add_account(store, data, mailbox.password).value[0]


def _sync(store: Store, mailbox: Mailbox, inbox: Inbox, **kw: object) -> sync.SyncReport:
    return sync.sync_all(store, lambda _a: mailbox.password, deliver=inbox, **kw)  # type: ignore[arg-type]


def test_the_first_sync_reads_everything_then_only_what_is_new(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(n) for n in range(1, 6)])
    mailbox.put(message(6, subject="Re: your request"), "Sent")
    row = _add(store, account_data, mailbox)
    inbox = Inbox()
    report = _sync(store, mailbox, inbox)
    assert report.failed == [] and report.fetched == 6
    assert sorted(inbox.subjects()) == sorted(
        [f"Request number {n}" for n in range(1, 6)] + ["Re: your request"])
    assert {(m.folder, m.uid) for m in inbox.got} == {
        *(("INBOX", uid) for uid in range(1, 6)), ("Sent", 1)}
    assert all(m.account == row.label and m.source == f"imap:{row.label}/{m.folder}"
               for m in inbox.got)
    folders = accounts.get_account(store, row.id).folders
    assert [(f.name, f.last_uid) for f in folders] == [("INBOX", 5), ("Sent", 1)]
    assert all(f.uidvalidity and f.synced_at == store.now() for f in folders)

    assert _sync(store, mailbox, Inbox()).fetched == 0
    mailbox.put(message(7))
    later = Inbox()
    assert _sync(store, mailbox, later).fetched == 1
    assert later.subjects() == ["Request number 7"]
    assert later.got[0].uid == 6


def test_the_server_keeps_its_mail_unread_and_in_place(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(n) for n in range(1, 4)])
    _add(store, account_data, mailbox)
    _sync(store, mailbox, Inbox())
    server = imap.Server("127.0.0.1", mailbox.server.tls_port, "implicit",
                         mailbox.server.fingerprint)
    with imap.connect(server, mailbox.user, mailbox.password) as conn:
        conn.examine("INBOX")
        flags = conn.client.get_flags(conn.uids_after(0))
    assert len(flags) == 3
    assert all(b"\\Seen" not in f and b"\\Deleted" not in f for f in flags.values())


def test_a_new_uidvalidity_reads_the_folder_again(store: Store, account_data: NewAccount,
                                                  mailbox: Mailbox) -> None:
    mailbox.put_many([message(1), message(2)])
    row = _add(store, account_data, mailbox)
    _sync(store, mailbox, Inbox())
    mailbox.set_uidvalidity(4242)
    again = Inbox()
    report = _sync(store, mailbox, again)
    inbox_result = next(f for f in report.folders if f.folder == "INBOX")
    assert inbox_result.reset and inbox_result.fetched == 2
    assert sorted(again.subjects()) == ["Request number 1", "Request number 2"]
    state = accounts.get_account(store, row.id).folders[0]
    assert (state.uidvalidity, state.last_uid) == (4242, 2)


def test_a_message_that_cannot_be_read_is_skipped_and_reported(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(1), message(2, body="POISON\n"), message(3)])
    row = _add(store, account_data, mailbox)
    inbox = Inbox(refuse=b"POISON")
    report = _sync(store, mailbox, inbox)
    assert inbox.subjects() == ["Request number 1", "Request number 3"]
    assert report.skipped == [Skipped("INBOX", 2, "ValueError")]
    assert accounts.get_account(store, row.id).folders[0].last_uid == 3  # and went on


def test_a_message_above_the_cap_comes_as_its_header(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(1), message(2, body="x" * 5000 + "\n")])
    _add(store, account_data, mailbox)
    inbox = Inbox()
    _sync(store, mailbox, inbox, cap=2000)
    small, large = sorted(inbox.got, key=lambda m: m.uid)
    assert not small.oversized and small.raw.endswith(b"request 1.\r\n")
    assert large.oversized and large.size > 5000
    assert b"Subject: Request number 2" in large.raw and b"xxxx" not in large.raw


def test_a_lost_connection_resumes_where_it_stopped(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(n) for n in range(1, 8)])
    row = _add(store, account_data, mailbox)
    inbox = Inbox()
    kicked: list[int] = []

    def deliver_then_drop(target: Store, batch: Sequence[RawMail]) -> Delivered:
        done = inbox(target, batch)
        if not kicked:
            kicked.append(batch[-1].uid)
            mailbox.kick()  # the server drops the connection after the first batch
        return done

    pauses: list[float] = []
    events = list(sync.sync_account(store, row, mailbox.password, deliver=deliver_then_drop,
                                    batch_size=3, pause=pauses.append))
    assert any(isinstance(e, sync.Reconnecting) for e in events)
    assert not any(isinstance(e, sync.AccountFailed) for e in events)
    assert pauses == [1.0]
    assert sorted(m.uid for m in inbox.got if m.folder == "INBOX") == list(range(1, 8))
    assert accounts.get_account(store, row.id).folders[0].last_uid == 7


def test_an_account_without_a_password_or_reachable_server_does_not_stop_the_others(
        store: Store, account_data: NewAccount, mailbox: Mailbox, dovecot: object) -> None:
    other = mailbox.server.add_user()
    other.put(message(9))
    first = _add(store, account_data, mailbox)
    second = _add(store, NewAccount(host="127.0.0.1", port=other.server.tls_port,
                                    user=other.user, fingerprint=other.server.fingerprint),
                  other)
    inbox = Inbox()
    report = sync.sync_all(store, lambda a: None if a.id == first.id else other.password,
                           deliver=inbox)
    assert [(f.account_id, f.reason) for f in report.failed] == [
        (first.id, "no password is known for it")]
    assert inbox.subjects() == ["Request number 9"]
    assert {f.account_id for f in report.folders} == {second.id}


def test_no_password_or_mail_text_reaches_the_log(
        store: Store, account_data: NewAccount, mailbox: Mailbox,
        caplog: pytest.LogCaptureFixture) -> None:
    canary = "CANARY-diagnosis-of-Mrs-Example"
    mailbox.put_many([message(1, subject=canary, body=canary + "\n"),
                      message(2, body="POISON\n")])
    _add(store, account_data, mailbox)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        _sync(store, mailbox, Inbox(refuse=b"POISON"))
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "skipped a message" in text  # the log says what happened ...
    assert canary not in text and mailbox.password not in text  # ... never what it said


def test_watching_sees_new_mail_at_once_and_survives_a_lost_connection(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    row = _add(store, account_data, mailbox)
    inbox = Inbox()
    stop = threading.Event()
    events: list[sync.SyncEvent] = []

    def run() -> None:
        for event in sync.watch_account(store, row.id, mailbox.password, deliver=inbox,
                                        should_stop=stop.is_set, step=0.5):
            events.append(event)

    def arrives(subject: str, within: float) -> float:
        start = time.monotonic()
        while time.monotonic() - start < within:
            if subject in inbox.subjects():
                return time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"{subject!r} did not arrive in {within} s: {events}")

    watcher = threading.Thread(target=run)
    watcher.start()
    try:
        time.sleep(1.0)  # the first pass is done and the watcher idles
        mailbox.put(message(1))
        assert arrives("Request number 1", 3.0) < 3.0  # IDLE: no poll interval waited
        mailbox.kick()
        time.sleep(0.5)
        mailbox.put(message(2))
        arrives("Request number 2", 10.0)
        assert any(isinstance(e, sync.Reconnecting) for e in events)
    finally:
        stop.set()
        watcher.join(10)
    assert not watcher.is_alive()
    assert sorted(inbox.subjects()) == ["Request number 1", "Request number 2"]


def test_nothing_of_the_mail_or_the_password_is_written_outside_the_store(
        store: Store, account_data: NewAccount, mailbox: Mailbox, tmp_path_factory:
        pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, location: Location) -> None:
    """The user's data folder (the store file's, or where the app logs for a team
    server) holds no mail text or password in any file."""
    import tempfile

    from spocdesk.core import logs
    from tests.conftest import all_bytes_under

    scratch = tmp_path_factory.mktemp("tmpdir")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where a temp file would go
    logs.setup(location.log_dir, level=logging.DEBUG)
    canary = "CANARY-mail-text-7d1f"
    mailbox.put_many([message(1, subject=canary, body=canary + "\n"),
                      message(2, body="POISON\n")])
    _add(store, account_data, mailbox)
    _sync(store, mailbox, Inbox(refuse=b"POISON"))
    store.checkpoint()
    for handler in logging.getLogger("spocdesk").handlers:
        handler.flush()
    assert list(scratch.iterdir()) == []
    written = all_bytes_under(location.data_dir)
    assert b"skipped a message" in written  # the log file is there and was written
    for secret in (canary, mailbox.password, "client@example.org", "request 1"):
        assert secret.encode() not in written


def test_watching_ends_when_the_account_is_removed(store: Store, account_data: NewAccount,
                                                   mailbox: Mailbox) -> None:
    """The app stops its watcher when an account is removed; one it forgot to stop
    ends at its next pass instead of failing."""
    row = _add(store, account_data, mailbox)
    inbox = Inbox()
    watch = sync.watch_account(store, row.id, mailbox.password, deliver=inbox,
                               should_stop=lambda: False, step=0.2)
    assert isinstance(next(watch), sync.FolderSynced)  # INBOX
    accounts.remove_account(store, row.id)
    mailbox.put(message(1))  # wakes the IDLE: the next pass finds no account
    rest = list(watch)
    assert [e.folder for e in rest if isinstance(e, sync.FolderSynced)] == ["Sent"]
    assert inbox.got == []


def test_without_idle_the_watch_polls(store: Store, dovecot: object) -> None:
    import shutil

    import sqlalchemy as sa

    from spocdesk.core.model import MailAccount
    from tests.dovecot import start_server

    server = start_server(extra="imap_capability = IMAP4rev1 LITERAL+ UIDPLUS")
    try:
        box = server.add_user()
        row = _add(store, NewAccount(host="127.0.0.1", port=server.tls_port, user=box.user,
                                     fingerprint=server.fingerprint, folders=["INBOX"]), box)
        with store.unit_of_work() as uow:  # a poll every second (the app allows 30 s)
            uow.session.execute(sa.update(MailAccount).where(MailAccount.id == row.id)
                                .values(poll_seconds=1))
            uow.commit()
        with imap.connect(accounts.get_account(store, row.id).server, box.user,
                          box.password) as conn:
            assert not conn.can_idle()
        inbox = Inbox()
        stop = threading.Event()
        watcher = threading.Thread(target=lambda: [None for _ in sync.watch_account(
            store, row.id, box.password, deliver=inbox, should_stop=stop.is_set, step=0.2)])
        watcher.start()
        try:
            time.sleep(0.5)
            box.put(message(1))
            deadline = time.monotonic() + 5
            while not inbox.got and time.monotonic() < deadline:
                time.sleep(0.05)
            assert inbox.subjects() == ["Request number 1"]
        finally:
            stop.set()
            watcher.join(10)
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


def test_a_folder_gone_from_the_server_does_not_stop_the_others(
        store: Store, mailbox: Mailbox) -> None:
    data = NewAccount(host="127.0.0.1", port=mailbox.server.tls_port, user=mailbox.user,
                      fingerprint=mailbox.server.fingerprint, folders=["Requests", "INBOX"])
    accounts.add_account(store, data, mailbox.password, check=False)
    mailbox.put(message(1))
    inbox = Inbox()
    report = _sync(store, mailbox, inbox)
    assert report.failed == []
    assert [(f.folder, f.missing, f.fetched) for f in report.folders] == [
        ("Requests", True, 0), ("INBOX", False, 1)]
    assert inbox.subjects() == ["Request number 1"]


def test_a_worker_sees_progress_batch_by_batch(store: Store, account_data: NewAccount,
                                               mailbox: Mailbox) -> None:
    mailbox.put_many([message(n) for n in range(1, 6)])
    _add(store, account_data, mailbox)
    events = list(sync.iter_sync(store, lambda _a: mailbox.password, deliver=Inbox(),
                                 batch_size=2))
    assert [(e.folder, e.done, e.total) for e in events if isinstance(e, sync.Progress)] == [
        ("INBOX", 2, 5), ("INBOX", 4, 5), ("INBOX", 5, 5)]
    assert [type(e).__name__ for e in events][-2:] == ["FolderSynced", "FolderSynced"]


def test_the_real_hand_off_captures_once_and_skips_what_is_not_mail(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    mailbox.put_many([message(1), message(2), b"\x00\x01 not mail at all"])
    mailbox.put(message(3, subject="Re: Request number 1"), "Sent")
    _add(store, account_data, mailbox)
    report = sync.sync_all(store, lambda _a: mailbox.password)  # parse and capture
    assert [(f.folder, f.fetched, f.captured) for f in report.folders] == [
        ("INBOX", 3, 2), ("Sent", 1, 1)]
    assert report.skipped == [Skipped("INBOX", 3, "MailUnreadable")]
    assert len(report.changes.ids["mail"]) == 3
    mailbox.set_uidvalidity(99)  # read again from the start: nothing is logged twice
    again = sync.sync_all(store, lambda _a: mailbox.password)
    assert "mail" not in again.changes


def test_the_sync_keeps_mail_up_to_the_stores_size_cap(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    from spocdesk.core import preferences
    from spocdesk.core.mail import inbox as inbox_mod

    value = preferences.get_settings(store)
    value.mail_size_cap_mb = 1
    preferences.save_settings(store, value)
    big = "x" * 80 + "\n"
    mailbox.put(message(1, subject="Large", body=big * (2 * 1024 * 1024 // len(big))))
    mailbox.put(message(2, subject="Small"))
    _add(store, account_data, mailbox)
    report = sync.sync_all(store, lambda _a: mailbox.password)  # the real hand-off
    assert [(f.folder, f.fetched, f.new) for f in report.folders] == [
        ("INBOX", 2, 2), ("Sent", 0, 0)]
    kept = {row.subject: inbox_mod.get_mail(store, row.id)
            for row in inbox_mod.list_unfiled(store)}
    assert kept["Small"].text.startswith("Hello, this is request 2.")
    # above the store's cap (1 MB, not the 25 MB default): the header and a note only
    assert kept["Large"].size > 2 * 1024 * 1024
    assert len(kept["Large"].text) < 1024 * 1024
    assert "x" * 80 not in kept["Large"].text


def _watch_in_thread(store: Store, account_id: str, password: str, inbox: Inbox,
                     **kw: object) -> tuple[threading.Thread, threading.Event,
                                           list[sync.SyncEvent]]:
    stop = threading.Event()
    events: list[sync.SyncEvent] = []

    def run() -> None:
        for event in sync.watch_account(store, account_id, password, deliver=inbox,
                                        should_stop=stop.is_set, **kw):  # type: ignore[arg-type]
            events.append(event)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, stop, events


def _until(check: object, within: float) -> None:
    deadline = time.monotonic() + within
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("not in time")
        time.sleep(0.02)


def test_a_watch_holds_no_transaction_while_it_idles_and_wakes_for_sync_now(
        store: Store, account_data: NewAccount, mailbox: Mailbox) -> None:
    """Waiting on the server never keeps the store's write lock (the GUI thread and
    the other accounts write meanwhile); *Sync now* (``wake``) ends IDLE for a pass."""
    import sqlalchemy as sa

    from spocdesk.core.model import MailAccount

    row = _add(store, account_data, mailbox)
    wake = threading.Event()
    watcher, stop, events = _watch_in_thread(store, row.id, mailbox.password, Inbox(),
                                             step=0.5, wake=wake)
    try:
        _until(lambda: any(isinstance(e, sync.Watching) for e in events), 10)
        first = next(e for e in events if isinstance(e, sync.Watching))
        assert first.idle and first.new == 0
        time.sleep(0.3)  # in IDLE now
        started = time.monotonic()
        with store.unit_of_work() as uow:  # BEGIN IMMEDIATE: waits while anyone writes
            uow.session.execute(sa.update(MailAccount).values(poll_seconds=300))
            uow.commit()
        assert time.monotonic() - started < 1.0
        wake.set()
        _until(lambda: sum(isinstance(e, sync.Watching) for e in events) == 2, 3)
    finally:
        stop.set()
        wake.set()
        watcher.join(10)
    assert not watcher.is_alive()


def test_a_watch_retries_a_server_that_cannot_be_reached(store: Store,
                                                         mailbox: Mailbox) -> None:
    """A server down (restarting, no network) is retried with a growing pause, not
    given up like a refused password; a stop ends the pause at once."""
    from tests.dovecot import _free_port

    data = NewAccount(host="127.0.0.1", port=_free_port(), user=mailbox.user,
                      fingerprint=mailbox.server.fingerprint)
    row = accounts.add_account(store, data, mailbox.password, check=False).value[0]
    stop, wake = threading.Event(), threading.Event()
    watch = sync.watch_account(store, row.id, mailbox.password, should_stop=stop.is_set,
                               wake=wake, step=0.1, max_backoff=4.0)
    first = next(watch)
    assert isinstance(first, sync.Reconnecting) and first.unreachable
    assert "cannot be reached" in first.reason and first.retry_in == 1.0
    wake.set()  # Sync now: no waiting out the pause
    second = next(watch)
    assert isinstance(second, sync.Reconnecting) and second.retry_in == 2.0
    started = time.monotonic()
    stop.set()
    assert list(watch) == []
    assert time.monotonic() - started < 1.0
