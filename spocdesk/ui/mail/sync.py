"""The app reads its mail accounts: on unlock, every few minutes (the setting
``mail_sync_minutes``) and on *Sync now* (F5).

:class:`MailSync` lives on the GUI thread: it looks up the passwords (the keyring,
else those given during this unlock, else it asks once), starts a
:class:`SyncThread`, and publishes each batch's change-set on the bus as it lands, so
the Inbox and the case timelines refresh by id. The thread talks to the servers and
writes through the store (:func:`spocdesk.core.mail.sync.iter_sync`: each batch is
captured and the folder's place saved in units of work of their own, so a stop at
any point leaves nothing half-written and the next sync resumes by UID).
:meth:`MailSync.set_store` with ``None`` (lock, exit) stops the thread and waits for
it before the store closes, and forgets the passwords it was given.
"""

from __future__ import annotations

import logging
import threading

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


class SyncThread(QThread):
    """One pass over every account, off the GUI thread; each core event is handed to
    the GUI thread through :attr:`happened`, a store or program error through
    :attr:`failed` (one sentence)."""

    happened = Signal(object)  # a spocdesk.core.mail.sync.SyncEvent
    failed = Signal(str)

    def __init__(self, store: Store, passwords: dict[str, str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._passwords = passwords
        self._stop = threading.Event()
        self._conn: imap.Connection | None = None

    def _connected(self, conn: imap.Connection) -> None:
        self._conn = conn
        if self._stop.is_set():
            conn.abort()

    def _pause(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def run(self) -> None:
        events = core_sync.iter_sync(self.store, lambda a: self._passwords.get(a.id),
                                     should_stop=self._stop.is_set, on_connect=self._connected,
                                     pause=self._pause)
        try:
            for event in events:
                self.happened.emit(event)
                if self._stop.is_set():
                    break
        except SpocError as exc:  # the store's sentences: disk full, locked, damaged
            if not self._stop.is_set():
                self.failed.emit(str(exc))
        except Exception:
            log.exception("the mail sync failed")
            self.failed.emit(translate("MailSync", "The mail sync stopped on an error; the "
                                                   "log file says more."))
        finally:
            events.close()  # the connection is logged out
            self._passwords.clear()

    def stop(self) -> None:
        """Ask the pass to end: at the next event, or at once where a read waits on a
        server (its connection is cut)."""
        self._stop.set()
        conn = self._conn
        if conn is not None:
            conn.abort()


class MailSync(QObject):
    """When and how the app syncs; :attr:`status` is the Inbox page's line."""

    status_changed = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.window = parent
        self.store: Store | None = None
        self.passwords = SessionPasswords()  # given during this unlock; cleared on lock
        self.worker: SyncThread | None = None
        self.status = ""
        self.minutes = settings.Settings().mail_sync_minutes
        self._asked: set[str] = set()  # accounts asked for a password this unlock
        self._new = 0
        self._failures: list[str] = []
        self.timer = QTimer(self)
        self.timer.setObjectName("mailSyncTimer")
        self.timer.timeout.connect(self.sync_automatically)
        bus.changed.connect(self._on_changed)

    # -- life cycle ---------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        """Unlocked: sync now and every few minutes. ``None`` (lock, exit): stop the
        sync and wait for it, forget the passwords given."""
        if store is None:
            self.timer.stop()
            self.stop()
            self.store = None
            self.passwords.clear()
            self._asked.clear()
            self._say("")
            return
        self.store = store
        self._read_interval()
        self.sync_automatically()

    def stop(self) -> None:
        thread = self.worker
        if thread is None:
            return
        thread.stop()
        if not thread.wait(STOP_WAIT_MS):
            log.warning("the mail sync did not stop in time")
        self._finished()

    @property
    def running(self) -> bool:
        return self.worker is not None

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
            self._read_interval()
        if accounts.KIND in changes and changes.ids.get(accounts.KIND):
            self.sync_automatically()  # an account added or changed: read it now

    # -- syncing ------------------------------------------------------------

    def sync_automatically(self) -> None:
        """On unlock, on the timer, after an account changed: a password no keyring
        keeps is asked for once per unlock."""
        self.sync_now(ask=False)

    def sync_now(self, *, ask: bool = True) -> bool:
        """Read every account now (unless a sync runs); ``False`` when nothing started.
        ``ask``: the user asked (*Sync now*), so a missing password is asked again."""
        if self.store is None or self.worker is not None:
            return False
        try:
            rows = accounts.list_accounts(self.store)
        except SpocError as exc:
            self._say(str(exc))
            return False
        if not rows:
            self._say("")
            return False
        known: dict[str, str] = {}
        for row in rows:
            password = self.passwords.lookup(row)
            if not password and (ask or row.id not in self._asked):
                self._asked.add(row.id)
                password = ask_password(self.window, row)
                if password:
                    self.passwords.put(row.id, password)
            if password:
                known[row.id] = password
        self._new = 0
        self._failures = []
        thread = SyncThread(self.store, known, self)
        thread.happened.connect(self._on_event)
        thread.failed.connect(self._failures.append)
        thread.finished.connect(self._finished)
        self.worker = thread
        self._say(translate("MailSync", "Syncing mail…"))
        self.running_changed.emit(True)
        thread.start()
        return True

    def _on_event(self, event: core_sync.SyncEvent) -> None:
        if self.store is None:
            return
        if isinstance(event, core_sync.Progress):
            self.bus.publish(event.changes)
        elif isinstance(event, core_sync.FolderSynced):
            self._new += event.new
            if not event.fetched:
                self.bus.publish(event.changes)  # only the folder's place: no batch said it
        elif isinstance(event, core_sync.AccountFailed):
            self._failures.append(event.reason)
        elif isinstance(event, core_sync.Reconnecting):
            self._say(translate("MailSync", "The connection to the mail server was lost; "
                                            "connecting again…"))

    def _finished(self) -> None:
        thread = self.worker
        if thread is None or not thread.isFinished():
            return  # already handled (stop() waits, then the signal comes too), or a new one
        self.worker = None
        thread.wait()  # "finished" comes just before the thread's last steps: let them end
        thread.setParent(None)
        thread.deleteLater()
        self.running_changed.emit(False)
        if self.store is None:
            return
        if self._failures:
            reason = " ".join(dict.fromkeys(self._failures))
            if self.minutes > 0 and self.timer.isActive():
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
