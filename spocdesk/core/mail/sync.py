"""Reading new mail from IMAP accounts into the store, off the GUI thread.

How a folder is read, incrementally and read-only:

1. ``EXAMINE`` the folder. Its UIDVALIDITY is compared with the one stored: the
   same, and only UIDs above the stored last UID are new; different (the server
   rebuilt the mailbox), and the folder is read again from the start (capture logs
   each message once, so nothing is doubled).
2. The new UIDs are fetched in batches (``BODY.PEEK[]``; above the size cap only the
   header), handed to capture (:func:`hand_to_capture`), and the folder's last UID
   saved after each batch: a sync stopped at any point (lost connection, quit)
   resumes where it stopped.
3. A message the server does not return or that cannot be read is skipped, reported
   (UID and reason, never its text) and passed over; the sync goes on.

:func:`iter_sync` is a plain generator: a Qt worker iterates it in a thread and
forwards each event (stopping early is closing it); :func:`sync_all` runs it to the
end for the command line. :func:`watch_account` keeps one account current: IDLE on
its first folder where the server has it, else a poll every ``poll_seconds``, and
reconnects after a lost connection (the app runs one per account in a worker thread,
``spocdesk/ui/mail/sync.py``).

Nothing here holds the store while it waits on a server: each batch, and each
folder's place, is a unit of work of its own, begun after the network read and
committed before the next one; IDLE and the poll pause run outside any transaction.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, Message, NotFound, SpocError, StoreError
from spocdesk.core.mail import imap
from spocdesk.core.mail.accounts import AccountRow, FolderRow, get_account, list_accounts
from spocdesk.core.model import MailFolder
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet

if TYPE_CHECKING:
    from spocdesk.core.mail.message import MailMessage

log = logging.getLogger(__name__)

BATCH = 100  # UIDs fetched and handed to capture at a time
RETRIES = 3  # reconnections of one sync pass after a lost connection
# RFC 2177: a client re-issues IDLE at least every 29 minutes, or the server may
# log it out; a watch does a pass (cheap: nothing new) and idles again before that
IDLE_MAX_SECONDS = 25 * 60
FOLDER_KIND = "mail_folder"


@dataclass(frozen=True)
class RawMail:
    """One message as the server gave it; ``raw`` is only the header when the message
    is larger than the cap (``oversized``)."""

    account_id: str
    account: str  # user@host
    folder: str
    uidvalidity: int
    uid: int
    size: int
    raw: bytes = field(repr=False)
    oversized: bool = False

    @property
    def source(self) -> str:
        return f"imap:{self.account}/{self.folder}"


@dataclass(frozen=True)
class Skipped:
    folder: str
    uid: int
    reason: str


@dataclass
class Delivered:
    captured: int = 0  # handed to capture (read and parsed)
    new: int = 0  # of those, logged for the first time (not captured before)
    skipped: list[Skipped] = field(default_factory=list)
    changes: ChangeSet = field(default_factory=ChangeSet)


# what receives each batch of fetched mail (the default: :func:`hand_to_capture`)
Deliver = Callable[[Store, Sequence[RawMail]], Delivered]


def hand_to_capture(store: Store, batch: Sequence[RawMail], *,
                    cap: int | None = None) -> Delivered:
    """The hand-off to capture: parse each message and log the readable ones. One
    that cannot be parsed is skipped with the name of its error (never its text).
    ``cap``: the store's size cap (:func:`~spocdesk.core.mail.capture.size_cap`)
    unless given."""
    from spocdesk.core.mail.capture import capture, size_cap
    from spocdesk.core.mail.parse import header_only, parse_bytes

    cap = size_cap(store) if cap is None else cap
    done = Delivered()
    by_source: dict[str, list[MailMessage]] = {}
    for item in batch:
        try:
            parsed = parse_bytes(item.raw, cap=cap)
            if item.oversized:
                parsed = header_only(parsed, item.size)
        except Exception as exc:  # hostile or broken mail: skip it, go on
            done.skipped.append(Skipped(item.folder, item.uid, type(exc).__name__))
            continue
        by_source.setdefault(item.source, []).append(parsed)
    for source, messages in by_source.items():
        outcome = capture(store, messages, source=source)
        done.captured += len(messages)
        done.new += len(outcome.value.items)
        done.changes.merge(outcome.changes)
    return done


@dataclass(frozen=True)
class Progress:
    """A batch of a folder is in: ``done`` of ``total`` new messages."""

    account_id: str
    account: str
    folder: str
    done: int
    total: int
    changes: ChangeSet = field(default_factory=ChangeSet)  # what this batch changed


@dataclass
class FolderSynced:
    account_id: str
    account: str
    folder: str
    fetched: int = 0
    captured: int = 0
    new: int = 0  # logged for the first time
    skipped: list[Skipped] = field(default_factory=list)
    reset: bool = False  # the mailbox's UIDVALIDITY changed: read again from the start
    missing: bool = False  # the server has no such folder (any more): nothing was read
    last_uid: int = 0
    changes: ChangeSet = field(default_factory=ChangeSet)


@dataclass(frozen=True)
class AccountFailed:
    account_id: str
    account: str
    reason: str  # one sentence


@dataclass(frozen=True)
class Reconnecting:
    account_id: str
    account: str
    reason: str
    retry_in: float
    unreachable: bool = False  # the server could not be reached (``reason``: a sentence)


@dataclass(frozen=True)
class Watching:
    """A watch's pass over the account's folders is done (``new``: logged for the first
    time in it); it now waits for mail, by IDLE (``idle``) or by polling."""

    account_id: str
    account: str
    new: int
    idle: bool


SyncEvent = Progress | FolderSynced | AccountFailed | Reconnecting | Watching


def no_password(account: AccountRow) -> AccountFailed:
    """The report of an account whose password nobody gave."""
    return AccountFailed(account.id, account.label, str(Message(QT_TRANSLATE_NOOP(
        "spocdesk.core", "no password is known for it"))))


@dataclass
class SyncReport:
    folders: list[FolderSynced] = field(default_factory=list)
    failed: list[AccountFailed] = field(default_factory=list)
    changes: ChangeSet = field(default_factory=ChangeSet)

    @property
    def fetched(self) -> int:
        return sum(f.fetched for f in self.folders)

    @property
    def skipped(self) -> list[Skipped]:
        return [s for f in self.folders for s in f.skipped]


# -- state --------------------------------------------------------------------------


def _save_state(store: Store, folder_id: str, uidvalidity: int, last_uid: int) -> ChangeSet:
    with store.unit_of_work() as uow:
        folder = uow.session.get(MailFolder, folder_id)
        if folder is not None:
            folder.uidvalidity = uidvalidity
            folder.last_uid = last_uid
            folder.synced_at = store.now()
            uow.changes.touch(FOLDER_KIND, folder_id)
        uow.commit()
    return uow.changes


def folder_state(store: Store, folder_id: str) -> FolderRow | None:
    with store.session() as session:
        folder = session.get(MailFolder, folder_id)
        if folder is None or folder.deleted_at is not None:
            return None
        return FolderRow(folder.id, folder.name, folder.uidvalidity, folder.last_uid,
                         folder.synced_at)


def last_synced(store: Store, account_id: str) -> datetime | None:
    with store.session() as session:
        return session.scalar(sa.select(sa.func.max(MailFolder.synced_at)).where(
            MailFolder.account_id == account_id, MailFolder.deleted_at.is_(None)))


# -- reading ------------------------------------------------------------------------


def _deliver_safely(store: Store, deliver: Deliver, batch: Sequence[RawMail]) -> Delivered:
    """The batch, or — when it fails as a whole for a reason that is not the store's —
    each message alone, skipping the ones that fail."""
    try:
        return deliver(store, batch)
    except StoreError:
        raise  # the store's sentences (disk full, locked, damaged) stop the sync
    except Exception:
        log.warning("a batch of mail could not be captured whole; trying one at a time")
    done = Delivered()
    for item in batch:
        try:
            one = deliver(store, [item])
        except StoreError:
            raise
        except Exception as exc:
            done.skipped.append(Skipped(item.folder, item.uid, type(exc).__name__))
            continue
        done.captured += one.captured
        done.new += one.new
        done.skipped.extend(one.skipped)
        done.changes.merge(one.changes)
    return done


def sync_folder(conn: imap.Connection, store: Store, account: AccountRow, folder: FolderRow,
                deliver: Deliver, *, cap: int | None = None,
                batch_size: int = BATCH) -> Iterator[Progress | FolderSynced]:
    """Read the new mail of one folder (module docstring); the last event is its
    :class:`FolderSynced`."""
    cap = _cap(store, cap)
    state = conn.examine(folder.name)
    result = FolderSynced(account.id, account.label, folder.name)
    last_uid = folder.last_uid
    if folder.uidvalidity != state.uidvalidity:
        result.reset = folder.uidvalidity is not None
        last_uid = 0
        result.changes.merge(_save_state(store, folder.id, state.uidvalidity, 0))
    uids = conn.uids_after(last_uid)
    for start in range(0, len(uids), batch_size):
        chunk = uids[start:start + batch_size]
        readable: list[RawMail] = []
        for item in conn.fetch(chunk, cap):
            if item.raw is None:
                result.skipped.append(Skipped(folder.name, item.uid, "not returned by the server"))
                continue
            readable.append(RawMail(account.id, account.label, folder.name, state.uidvalidity,
                                    item.uid, item.size, item.raw, item.oversized))
        result.fetched += len(readable)
        delivered = _deliver_safely(store, deliver, readable) if readable else Delivered()
        result.captured += delivered.captured
        result.new += delivered.new
        result.skipped.extend(delivered.skipped)
        result.changes.merge(delivered.changes)
        last_uid = chunk[-1]
        batch = ChangeSet().merge(delivered.changes)
        batch.merge(_save_state(store, folder.id, state.uidvalidity, last_uid))
        result.changes.merge(batch)
        yield Progress(account.id, account.label, folder.name, start + len(chunk), len(uids),
                       batch)
    # every UID below UIDNEXT (as EXAMINE saw it) is assigned: one not found is gone
    # for good, so the folder is read up to there even when its last messages were
    # deleted (and a watch compares UIDNEXT with this to see mail that came meanwhile)
    if not uids or state.uidnext - 1 > last_uid:
        last_uid = max(last_uid, state.uidnext - 1)
        result.changes.merge(_save_state(store, folder.id, state.uidvalidity, last_uid))
    result.last_uid = last_uid
    for skipped in result.skipped:
        log.warning("skipped a message of a mail folder (uid %s): %s", skipped.uid,
                    skipped.reason)
    yield result


def _one_pass(conn: imap.Connection, store: Store, account_id: str, deliver: Deliver,
              cap: int, batch_size: int) -> Iterator[Progress | FolderSynced]:
    account = get_account(store, account_id)  # fresh state: a retry resumes from it
    for folder in account.folders:
        try:
            yield from sync_folder(conn, store, account, folder, deliver, cap=cap,
                                   batch_size=batch_size)
        except imap.NoSuchFolder:  # renamed or deleted on the server: the others go on
            log.warning("a watched mail folder is not on the server")
            yield FolderSynced(account.id, account.label, folder.name, missing=True,
                               last_uid=folder.last_uid)


def _cap(store: Store, cap: int | None) -> int:
    """The size cap: the one given, else the store's setting (``mail_size_cap_mb``)."""
    if cap is not None:
        return cap
    from spocdesk.core.mail.capture import size_cap

    return size_cap(store)


def _lost(exc: BaseException) -> str:
    return str(Message(QT_TRANSLATE_NOOP(
        "spocdesk.core", "the connection to the mail server was lost ({why})"),
        why=type(exc).__name__))


def _is_connection_error(exc: BaseException) -> bool:
    return isinstance(exc, imap.CONNECTION_ERRORS) and not isinstance(exc, SpocError)


def _never() -> bool:
    return False


def sync_account(store: Store, account: AccountRow, password: str, *,
                 deliver: Deliver | None = None, cap: int | None = None,
                 batch_size: int = BATCH, retries: int = RETRIES,
                 pause: Callable[[float], None] = time.sleep,
                 should_stop: Callable[[], bool] = _never,
                 on_connect: Callable[[imap.Connection], None] | None = None,
                 ) -> Generator[SyncEvent, None, None]:
    """One pass over an account's folders, reconnecting up to ``retries`` times after a
    lost connection (each time from the saved state).

    For a worker thread: ``on_connect`` gets each connection as it opens (so that
    another thread can :meth:`~spocdesk.core.mail.imap.Connection.abort` a read that
    waits on the network), and once ``should_stop()`` the pass ends instead of
    reconnecting. Closing the generator ends it at once; what was written stays
    (each batch and the folder's place are committed together before it is yielded)."""
    cap = _cap(store, cap)
    chosen = deliver or (lambda s, b: hand_to_capture(s, b, cap=cap))
    attempt = 0
    while not should_stop():
        try:
            with imap.connect(account.server, account.user, password) as conn:
                if on_connect is not None:
                    on_connect(conn)
                yield from _one_pass(conn, store, account.id, chosen, cap, batch_size)
            return
        except imap.MailServerError as exc:
            yield AccountFailed(account.id, account.label, str(exc))
            return
        except Exception as exc:
            if not _is_connection_error(exc):
                raise
            if should_stop():
                return  # the connection was cut to stop the pass
            attempt += 1
            if attempt > retries:
                yield AccountFailed(account.id, account.label, _lost(exc))
                return
            wait = float(2 ** (attempt - 1))
            yield Reconnecting(account.id, account.label, _lost(exc), wait)
            pause(wait)


def iter_sync(store: Store, password_for: Callable[[AccountRow], str | None], *,
              deliver: Deliver | None = None, cap: int | None = None,
              batch_size: int = BATCH, retries: int = RETRIES,
              pause: Callable[[float], None] = time.sleep,
              should_stop: Callable[[], bool] = _never,
              on_connect: Callable[[imap.Connection], None] | None = None,
              ) -> Generator[SyncEvent, None, None]:
    """One pass over every account. An account without a password, or whose server
    refuses, is reported (:class:`AccountFailed`) and the others go on.
    ``should_stop`` and ``on_connect``: as for :func:`sync_account`."""
    cap = _cap(store, cap)
    for account in list_accounts(store):
        if should_stop():
            return
        password = password_for(account)
        if not password:
            yield no_password(account)
            continue
        yield from sync_account(store, account, password, deliver=deliver, cap=cap,
                                batch_size=batch_size, retries=retries, pause=pause,
                                should_stop=should_stop, on_connect=on_connect)


def sync_all(store: Store, password_for: Callable[[AccountRow], str | None], *,
             deliver: Deliver | None = None, cap: int | None = None,
             on_event: Callable[[SyncEvent], None] | None = None) -> SyncReport:
    """:func:`iter_sync` to the end, as one report."""
    report = SyncReport()
    for event in iter_sync(store, password_for, deliver=deliver, cap=cap):
        if on_event is not None:
            on_event(event)
        if isinstance(event, FolderSynced):
            report.folders.append(event)
            report.changes.merge(event.changes)
        elif isinstance(event, AccountFailed):
            report.failed.append(event)
    return report


# -- watching -----------------------------------------------------------------------


def _wait(seconds: float, should_stop: Callable[[], bool], step: float,
          wake: threading.Event) -> None:
    """Pause ``seconds``, ending early once ``should_stop()`` or ``wake`` is set."""
    end = time.monotonic() + seconds
    while not should_stop() and not wake.is_set() and (left := end - time.monotonic()) > 0:
        wake.wait(min(step, left))


def watch_account(store: Store, account_id: str, password: str, *,
                  should_stop: Callable[[], bool], deliver: Deliver | None = None,
                  cap: int | None = None, step: float = 2.0,
                  max_backoff: float = 60.0, wake: threading.Event | None = None,
                  poll_seconds: float | None = None,
                  on_connect: Callable[[imap.Connection], None] | None = None,
                  ) -> Generator[SyncEvent, None, None]:
    """Keep one account current until ``should_stop()``: a pass over its folders
    (then :class:`Watching`), then IDLE on its first folder (at most ``step`` seconds
    at a time, so a stop is seen soon) until the server announces mail or the poll
    interval passes; without IDLE, a pause of the poll interval. The poll interval is
    ``poll_seconds``, else the account's own.

    ``wake`` (set from another thread: *Sync now*) ends a wait early for a pass now;
    ``on_connect``: as for :func:`sync_account` (a stop that also cuts the connection
    and sets ``wake`` ends the watch at once, wherever it waits).

    A lost connection, or a server that cannot be reached, is reported
    (:class:`Reconnecting`) and retried with a growing pause up to ``max_backoff``;
    the next pass resumes from each folder's saved UIDVALIDITY and UID. A refused
    login or certificate ends the watch (:class:`AccountFailed`): retrying would not
    change it."""
    nudge = wake if wake is not None else threading.Event()
    backoff = 1.0
    while not should_stop():
        try:
            account = get_account(store, account_id)
        except NotFound:
            return  # the account was removed meanwhile: nothing left to watch
        try:
            with imap.connect(account.server, account.user, password) as conn:
                if on_connect is not None:
                    on_connect(conn)
                backoff = 1.0
                while not should_stop():
                    nudge.clear()
                    cap_now = _cap(store, cap)  # the setting may change while watching
                    chosen = deliver or functools.partial(hand_to_capture, cap=cap_now)
                    new = 0
                    for event in _one_pass(conn, store, account.id, chosen, cap_now, BATCH):
                        if isinstance(event, FolderSynced):
                            new += event.new
                        yield event
                    yield Watching(account.id, account.label, new,
                                   conn.can_idle() and bool(account.folders))
                    poll = poll_seconds if poll_seconds is not None else account.poll_seconds
                    _idle_or_pause(conn, store, account, should_stop, step, nudge, poll)
        except imap.Unreachable as exc:  # down for now (a restart, no network): retried
            if should_stop():
                return
            yield Reconnecting(account.id, account.label, str(exc), backoff, unreachable=True)
            _wait(backoff, should_stop, step, nudge)
            nudge.clear()  # a Sync now that cut the pause short is spent
            backoff = min(backoff * 2, max_backoff)
        except imap.MailServerError as exc:
            yield AccountFailed(account.id, account.label, str(exc))
            return
        except NotFound:
            return  # removed while it was being read
        except Exception as exc:
            if not _is_connection_error(exc):
                raise
            if should_stop():
                return  # the connection was cut to stop the watch
            yield Reconnecting(account.id, account.label, _lost(exc), backoff)
            _wait(backoff, should_stop, step, nudge)
            nudge.clear()  # a Sync now that cut the pause short is spent
            backoff = min(backoff * 2, max_backoff)


def _idle_or_pause(conn: imap.Connection, store: Store, account: AccountRow,
                   should_stop: Callable[[], bool], step: float, wake: threading.Event,
                   poll: float) -> None:
    def woken() -> bool:
        return should_stop() or wake.is_set()

    if not conn.can_idle() or not account.folders:
        _wait(poll, should_stop, step, wake)
        if not should_stop():
            conn.noop()  # a dead connection shows here, not in the next pass
        return
    state = conn.examine(account.folders[0].name)
    read = folder_state(store, account.folders[0].id)
    if read is None or read.uidvalidity != state.uidvalidity or (
            state.uidnext - 1 > read.last_uid):
        return  # mail came while the other folders were read: no IDLE would tell
    end = time.monotonic() + min(poll, IDLE_MAX_SECONDS)
    while not woken() and (left := end - time.monotonic()) > 0:
        if conn.idle_wait(min(step, left)):
            return
