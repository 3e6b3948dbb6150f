"""The app reads its mail accounts: on unlock, then by watching each account (IMAP
IDLE where the server has it: new mail is in the Inbox within a second or two; else a
poll every ``mail_sync_minutes``), and on *Sync now* (F5).

:class:`MailSync` lives on the GUI thread: it looks up the passwords (the keyring,
else those given during this unlock, else it asks once), starts one
:class:`WatchThread` per account, and publishes each batch's change-set on the bus as
it lands, so the Inbox and the case timelines refresh by id. A thread talks to its
server and writes through the store (:func:`spocdesk.core.mail.sync.watch_account`:
each batch is captured and the folder's place saved in units of work of their own,
never held while it waits on the server, so a stop at any point leaves nothing
half-written and the next pass resumes by UIDVALIDITY/UID). A lost connection or an
unreachable server is retried by the thread with a growing pause; a refused password
or certificate ends it, and the timer (every ``mail_sync_minutes``) starts it again.
With ``mail_sync_minutes`` 0 there is no watch: one pass on unlock and on F5.

:meth:`MailSync.set_store` with ``None`` (lock, exit) stops every thread at once (its
connection is cut, IDLE and pauses end) and waits for it before the store closes,
and forgets the passwords it was given.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from spocdesk.core import settings
from spocdesk.core.errors import SpocError
from spocdesk.core.mail import accounts, imap
from spocdesk.core.mail import sync as core_sync
from spocdesk.core.mail.accounts import AccountRow, SessionPasswords
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
STOP_WAIT_MS = 30_000  # a read cut by abort() ends at once; a capture batch may take a moment


def ask_password(parent: QWidget | None, account: AccountRow) -> str | None:
    """The password of ``account`` where no keyring keeps it (tests replace this)."""
    text, ok = QInputDialog.getText(
        parent, translate("MailSync", "Mail password"),
        translate("MailSync", "The password of {account} (kept until spocdesk locks):")
        .format(account=account.label), QLineEdit.EchoMode.Password)
    return text if ok and text else None


class WatchThread(QThread):
    """One account, off the GUI thread: a pass over its folders and then — when
    ``poll_seconds`` is given — a watch (IDLE, else a poll every ``poll_seconds``)
    with a pass whenever mail comes, until :meth:`stop`. Each core event is handed to
    the GUI thread through :attr:`happened`, a store or program error through
    :attr:`failed` (one sentence)."""

    happened = Signal(object)  # a spocdesk.core.mail.sync.SyncEvent
    failed = Signal(str)
    # one capture at a time, whichever account: the watches of several accounts
    # parse and write in turn instead of waiting on each other's write lock
    capture_lock = threading.Lock()

    def __init__(self, store: Store, account: AccountRow, password: str,
                 poll_seconds: float | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.account_id = account.id
        self._account = account
        self._password = [password]  # dropped when the thread ends
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._conn: imap.Connection | None = None

    def _connected(self, conn: imap.Connection) -> None:
        self._conn = conn
        if self._stop.is_set():
            conn.abort()

    def _pause(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def _deliver(self, store: Store, batch: Sequence[core_sync.RawMail]) -> core_sync.Delivered:
        with self.capture_lock:
            return core_sync.hand_to_capture(store, batch)

    def _events(self) -> Generator[core_sync.SyncEvent, None, None]:
        password = self._password[0]
        if self.poll_seconds is None:
            return core_sync.sync_account(
                self.store, self._account, password, deliver=self._deliver,
                should_stop=self._stop.is_set, on_connect=self._connected, pause=self._pause)
        return core_sync.watch_account(
            self.store, self.account_id, password, deliver=self._deliver,
            should_stop=self._stop.is_set, on_connect=self._connected, wake=self._wake,
            poll_seconds=self.poll_seconds)

    def run(self) -> None:
        events = self._events()
        try:
            for event in events:
                if self._stop.is_set():
                    break
                self.happened.emit(event)
        except SpocError as exc:  # the store's sentences: disk full, locked, damaged
            if not self._stop.is_set():
                self.failed.emit(str(exc))
        except Exception:
            log.exception("the mail sync failed")
            self.failed.emit(translate("MailSync", "The mail sync stopped on an error; the "
                                                   "log file says more."))
        finally:
            events.close()  # the connection is logged out
            self._password.clear()

    def wake(self) -> None:
        """A pass now (*Sync now*): IDLE or the poll pause ends within a moment."""
        self._wake.set()

    def stop(self) -> None:
        """Ask the thread to end: at once where it waits on a server (its connection
        is cut) or in a pause, else at the next event."""
        self._stop.set()
        self._wake.set()
        conn = self._conn
        if conn is not None:
            conn.abort()


def stop_threads(threads: list[WatchThread]) -> None:
    """Stop ``threads`` all at once, then wait for each."""
    for thread in threads:
        thread.stop()
    for thread in threads:
        if not thread.wait(STOP_WAIT_MS):
            log.warning("the mail sync did not stop in time")


class MailSync(QObject):
    """When and how the app syncs; :attr:`status` is the Inbox page's line.

    :attr:`running` is true while a pass somebody waits for (unlock, *Sync now*, a
    changed account) has not ended for every account; the passes a watch does by
    itself when mail comes only update the line."""

    status_changed = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.window = parent
        self.store: Store | None = None
        self.passwords = SessionPasswords()  # given during this unlock; cleared on lock
        self.watchers: dict[str, WatchThread] = {}  # account id → its thread
        self.status = ""
        self.minutes = settings.Settings().mail_sync_minutes
        self._asked: set[str] = set()  # accounts asked for a password this unlock
        self._waiting: set[str] = set()  # accounts whose pass somebody waits for
        self._new = 0  # new mail since the last pass somebody asked for
        # account id → (one sentence, whether only the timer retries it)
        self._failures: dict[str, tuple[str, bool]] = {}
        self.timer = QTimer(self)
        self.timer.setObjectName("mailSyncTimer")
        self.timer.timeout.connect(self.sync_automatically)
        bus.changed.connect(self._on_changed)
        if parent is not None:  # a window closed without a lock first: no thread outlives it
            parent.destroyed.connect(lambda *_: stop_threads(list(self.watchers.values())))

    # -- life cycle ---------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        """Unlocked: sync now and watch. ``None`` (lock, exit): stop every thread and
        wait for it, forget the passwords given."""
        if store is None:
            self.timer.stop()
            self.stop()
            self.store = None
            self.passwords.clear()
            self._asked.clear()
            self._failures.clear()
            self._say("")
            return
        self.store = store
        self._read_interval()
        self.sync_now(ask=False)

    def stop(self) -> None:
        """Stop every thread (all at once, then wait for each)."""
        threads = list(self.watchers.values())
        stop_threads(threads)
        for thread in threads:
            self._drop(thread)
        self._set_waiting(set())

    def _drop(self, thread: WatchThread) -> None:
        thread.stop()
        if not thread.wait(STOP_WAIT_MS):
            log.warning("the mail sync did not stop in time")
        if self.watchers.get(thread.account_id) is thread:
            del self.watchers[thread.account_id]
        thread.setParent(None)
        thread.deleteLater()

    @property
    def running(self) -> bool:
        return bool(self._waiting)

    @property
    def watching(self) -> bool:
        return self.poll_seconds is not None

    @property
    def poll_seconds(self) -> float | None:
        """How often a watch without IDLE polls; ``None``: no watch (0 minutes)."""
        return self.minutes * 60.0 if self.minutes > 0 else None

    def _read_interval(self) -> None:
        if self.store is None:
            return
        with self.store.session() as session:
            self.minutes = settings.load(session).mail_sync_minutes
        if self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.store is None:
            return
        if "settings" in changes:
            before = self.minutes
            self._read_interval()
            if before != self.minutes and self.watchers:
                self.stop()  # watched at another interval, or not at all
                self.sync_automatically()
        changed = changes.ids.get(accounts.KIND) if accounts.KIND in changes else None
        if changed:
            for account_id in changed:  # edited or removed: its thread reads it again
                thread = self.watchers.get(account_id)
                if thread is not None:
                    self._drop(thread)
                self._failures.pop(account_id, None)
            self._set_waiting(self._waiting - set(changed))
            self.sync_automatically()  # an account added or changed: read it now

    # -- syncing ------------------------------------------------------------

    def sync_automatically(self) -> None:
        """On the timer, after an account changed: every account without a running
        thread (new, changed, or failed before) is read and watched again; a password
        no keyring keeps is asked for once per unlock."""
        self._start(ask=False, wake=False)

    def sync_now(self, *, ask: bool = True) -> bool:
        """Read every account now; ``False`` when there is no account (or a pass
        somebody asked for still runs). ``ask``: the user asked (*Sync now*), so a
        missing password is asked again."""
        if self.store is None or self._waiting:
            return False
        return self._start(ask=ask, wake=True)

    def _start(self, *, ask: bool, wake: bool) -> bool:
        if self.store is None:
            return False
        try:
            rows = accounts.list_accounts(self.store)
        except SpocError as exc:
            self._say(str(exc))
            return False
        if not rows:
            self._say("")
            return False
        waiting = set(self._waiting)
        for row in rows:
            thread = self.watchers.get(row.id)
            if thread is not None and not thread.isFinished():
                if wake:
                    waiting.add(row.id)
                    thread.wake()
                continue
            if thread is not None:
                self._drop(thread)  # ended; its "finished" is still on its way
            password = self.passwords.lookup(row)
            if not password and (ask or row.id not in self._asked):
                self._asked.add(row.id)
                password = ask_password(self.window, row)
                if password:
                    self.passwords.put(row.id, password)
            if not password:
                self._failures[row.id] = (core_sync.no_password(row).reason, True)
                continue
            self._failures.pop(row.id, None)
            self._launch(row, password)
            waiting.add(row.id)
        if waiting and not self._waiting:
            self._new = 0  # counted from here: "Last synced 10:42 · 3 new"
        if waiting:
            self._say(translate("MailSync", "Syncing mail…"))
        self._set_waiting(waiting)
        return True

    def _launch(self, row: AccountRow, password: str) -> None:
        assert self.store is not None
        thread = WatchThread(self.store, row, password, self.poll_seconds, self)
        thread.happened.connect(self._on_event)
        thread.failed.connect(self._on_failed)
        thread.finished.connect(self._on_finished)
        self.watchers[row.id] = thread
        thread.start()

    def _set_waiting(self, waiting: set[str]) -> None:
        was = bool(self._waiting)
        self._waiting = waiting
        if was != bool(waiting):
            self.running_changed.emit(bool(waiting))
        if not waiting:
            self._report()

    def _pass_over(self, account_id: str) -> None:
        """The pass of ``account_id`` ended (well or not)."""
        if account_id in self._waiting:
            self._set_waiting(self._waiting - {account_id})
        else:
            self._report()

    def _current(self) -> WatchThread | None:
        """The thread that sent the signal being handled, if it is still the one of
        its account (a stopped one's last signals are ignored)."""
        thread = self.sender()
        if not isinstance(thread, WatchThread) or self.store is None:
            return None
        return thread if self.watchers.get(thread.account_id) is thread else None

    def _on_event(self, event: core_sync.SyncEvent) -> None:
        thread = self._current()
        if thread is None:
            return
        if isinstance(event, core_sync.Progress):
            self.bus.publish(event.changes)
        elif isinstance(event, core_sync.FolderSynced):
            self._new += event.new
            if not event.fetched:
                self.bus.publish(event.changes)  # only the folder's place: no batch said it
        elif isinstance(event, core_sync.Watching):
            self._failures.pop(thread.account_id, None)
            self._pass_over(thread.account_id)
        elif isinstance(event, core_sync.AccountFailed):
            self._failures[thread.account_id] = (event.reason, True)
        elif isinstance(event, core_sync.Reconnecting):
            if event.unreachable:
                text = event.reason + " " + translate("MailSync", "Connecting again…")
            else:
                text = translate("MailSync", "The connection to the mail server was lost; "
                                             "connecting again…")
            if thread.poll_seconds is None:
                self._say(text)  # a single pass retries a few times, then says why not
                return
            self._failures[thread.account_id] = (text, False)
            self._pass_over(thread.account_id)  # the watch retries by itself

    def _on_failed(self, text: str) -> None:
        thread = self._current()
        if thread is not None:
            self._failures[thread.account_id] = (text, True)

    def _on_finished(self) -> None:
        thread = self._current()
        if thread is None:
            return  # stopped and dropped already, or replaced by a new one
        del self.watchers[thread.account_id]
        thread.wait()  # "finished" comes just before the thread's last steps: let them end
        thread.setParent(None)
        thread.deleteLater()
        self._pass_over(thread.account_id)

    def _report(self) -> None:
        """The line, once no pass somebody waits for runs: why an account is not read,
        else when mail was last read and how much of it was new."""
        if self.store is None or self._waiting:
            return
        if self._failures:
            reason = " ".join(dict.fromkeys(text for text, _retried in
                                            self._failures.values()))
            if any(retried for _text, retried in self._failures.values()) and (
                    self.minutes > 0 and self.timer.isActive()):
                reason += " " + translate("MailSync", "Retrying in %n minute(s).", "",
                                          self.minutes)
            self._say(reason)
            return
        when = QCoreApplication.translate("MailSync", "Last synced {time}").format(
            time=fmt.local(self.store.now()).toString(fmt.time_format()))  # type: ignore[union-attr]
        self._say(when + " · " + translate("MailSync", "%n new", "", self._new))

    def _say(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)

