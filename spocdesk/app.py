"""GUI entry: the QApplication, the first-run/unlock dialogs and the main window.

Cold start is the time to the unlock dialog, so this module imports only what
that dialog needs. The store's ORM, the main window and its pages load while the
passphrase is typed (:mod:`spocdesk.ui.warmup`) and are imported here inside the
methods that use them; the window itself is built once the store is open.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from spocdesk import APP_NAME, __version__
from spocdesk.core import hardening, logs, memory, paths
from spocdesk.core.errors import (
    DamagedStore,
    PassphraseRequired,
    SpocError,
    StoreError,
    WrongPassphrase,
)
from spocdesk.core.store import passphrase
from spocdesk.core.store.lockfile import AppLock
from spocdesk.ui import i18n, style
from spocdesk.ui.resources import icon
from spocdesk.ui.unlock import CreateStoreDialog, UnlockDialog

if TYPE_CHECKING:
    from spocdesk.core.store import ChangeWatcher, Store
    from spocdesk.core.uow import ChangeSet
    from spocdesk.ui.followups.notifier import Notifier
    from spocdesk.ui.idle import IdleLock
    from spocdesk.ui.live import LiveFeed
    from spocdesk.ui.lockdown import LockKey
    from spocdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
PACK_SUFFIX = ".spocpack"  # the handover pack's file name ending (the file dialogs' filter)

WATCH_INTERVAL_MS = 1000  # changes made by the command line show within two seconds


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """One place where the app tells the user a sentence (tests replace it)."""
    QMessageBox.critical(parent, title, text)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("spocdesk"))
    if not isinstance(existing, QApplication):  # an app made here speaks the user's language
        i18n.install(app)
        style.install(app)
        from spocdesk.ui.format import FourDigitYears

        app.installEventFilter(FourDigitYears(app))  # every date edit, in every locale
    return app


class Session(QObject):
    """One run of the app on one store: unlock, show, lock, unlock again, quit."""

    def __init__(self, location: paths.Location, *, demo: bool = False,
                 passphrase_file: str | None = None, server_url: str = "") -> None:
        super().__init__()
        self.location = location
        self.demo = demo
        self.passphrase_file = passphrase_file
        self.server_url = server_url  # spocdesk --store postgresql://…
        self.store: Store | None = None
        self._demo_dir: Path | None = None
        self._window: MainWindow | None = None
        self._app_lock: AppLock | None = None
        # the command line may write beside the app: poll PRAGMA data_version
        self._watcher: ChangeWatcher | None = None
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self._check_outside_changes)
        self._cover_banner: QWidget | None = None
        self.lock_key: LockKey
        self.idle: IdleLock
        self.notifier: Notifier
        self.live: LiveFeed  # a team server's change feed (the file has the watcher)

    @property
    def window(self) -> MainWindow:
        """The main window, built on first use: after the store is open, not before the
        unlock dialog (see the module docstring)."""
        if self._window is None:
            self._window = self._build_window()
        return self._window

    def _build_window(self) -> MainWindow:
        from spocdesk.ui.followups.notifier import Notifier
        from spocdesk.ui.idle import IdleLock
        from spocdesk.ui.live import LiveFeed
        from spocdesk.ui.lockdown import LockKey
        from spocdesk.ui.main_window import MainWindow

        window = MainWindow(self.location, demo=self.demo)
        self.live = LiveFeed(window.bus, window.statusBar(), window.flush, parent=self)
        window.lock_requested.connect(self.lock)
        self.lock_key = LockKey(window.lock_action, parent=self)
        self.idle = IdleLock(0, parent=self)
        self.idle.idle.connect(self.lock)
        window.bus.changed.connect(self._on_changed)
        window.open_pack_action.triggered.connect(self.open_pack)
        window.connect_action.triggered.connect(self.connect_server)
        window.restore_action.triggered.connect(self.restore_backup)
        window.passphrase_action.triggered.connect(self.change_passphrase)
        self.notifier = Notifier(window.bus, parent=self)
        window.banner_area.addWidget(self.notifier.banner)
        self.notifier.open_followup.connect(self.show_followup)
        self.notifier.show_window.connect(self._raise_window)
        self.notifier.quit_requested.connect(self.quit)
        window.close_guard = self.notifier.hide_to_tray
        return window

    # -- opening ----------------------------------------------------------

    def start(self) -> bool:
        """Open the store (asking as needed) and show the window; ``False`` = give up."""
        store = (self._open_demo() if self.demo else self._open_server()
                 if self.server_url else self._open_real())
        if store is None:
            return False
        if store.backend == "sqlite":  # (a team server keeps the user's data folder)
            self.location = store.location  # a handover pack opened from the first-run dialog
        self.window.location = self.location
        self._unlocked(store)
        self.window.show()
        return True

    def _unlocked(self, store: Store) -> None:
        from spocdesk.core import settings
        from spocdesk.core.store import backup

        self.store = store
        self.window.set_store(store)
        self.notifier.set_store(store)
        if store.backend != "sqlite":  # a team server announces colleagues' changes
            self.live.set_store(store)
        else:
            self._watcher = store.watcher()
            self._watcher.changed()  # the starting point
            self._watch.start()
        if not self.demo:
            with contextlib.suppress(StoreError, OSError):
                self._take_app_lock()  # a store created just now
        self._show_cover(store)
        if self.demo:
            return
        with store.session() as session:
            self.idle.set_minutes(settings.load(session).auto_lock_minutes)
        if store.backend != "sqlite":  # a team server: backups are pg_dump's duty
            logs.setup(self.location.log_dir)  # the user's data folder
            return
        if store.author == "deputy":
            # a handover pack: logs in the deputy's data folder (its location says so),
            # no backups of it (the owner keeps the originals)
            logs.setup(store.location.log_dir)
            return
        if not backup.holds_records(store):
            return  # a new, empty store: no daily backup to take, and none to announce
        try:
            taken = backup.daily_backup_if_due(store)
        except StoreError as exc:
            self.window.statusBar().showMessage(
                self.tr("Today's backup was not written: {error}").format(error=exc))
        else:
            if taken is not None:
                self.window.statusBar().showMessage(self.tr("Today's backup is written."), 6000)

    def _show_cover(self, store: Store | None) -> None:
        """The deputy's banner: "Covering for ‹owner› until ‹date›" while in a pack."""
        from spocdesk.ui.handover.deputy import DeputyBanner, banner_text

        banner = getattr(self, "_cover_banner", None)
        if banner is not None:
            banner.deleteLater()
            self._cover_banner = None
        text = banner_text(store) if store is not None else None
        if text:
            self._cover_banner = DeputyBanner(text, self.window)
            self.window.banner_area.insertWidget(0, self._cover_banner)

    def _open_demo(self) -> Store:
        from spocdesk.core import demo
        from spocdesk.core.mail import samples
        from spocdesk.core.store import Store

        self._demo_dir = Path(tempfile.mkdtemp(prefix="spocdesk-demo-"))
        self.location = paths.resolve(data_dir=self._demo_dir)
        store = Store.create(self.location, secrets.token_urlsafe(24))
        demo.generate(store, "small")
        samples.add_samples(store)  # something in the Inbox too
        return store

    def _open_real(self) -> Store | None:
        where = self.location
        if where.lock is None and where.store.suffix == PACK_SUFFIX and where.store.is_file():
            # spocdesk --store PACK.spocpack: open it as a handover pack, so that its
            # lock and logs go to the deputy's data folder and errors name the pack
            from spocdesk.ui.handover.open_pack import open_handover_pack

            return open_handover_pack(None, path=where.store)
        try:
            self._take_app_lock()
        except (StoreError, OSError) as exc:
            show_error(None, self.tr("spocdesk cannot open the store"), str(exc))
            return None
        if not where.store.exists():
            return CreateStoreDialog.ask(where)
        logs.setup(where.log_dir)
        message = ""
        try:
            try:
                secret, source = passphrase.resolve(where.store,
                                                     passphrase_file=self.passphrase_file)
            finally:  # read once: no child process inherits it, no later look finds it
                memory.scrub_environment(passphrase.ENV_PASSPHRASE)
            from spocdesk.core.store import Store  # a remembered passphrase: no dialog

            store = Store.open(where, secret)
            if source in ("env", "file"):
                memory.wipe(secret)  # the store keeps only its key (wiped on lock)
            return store
        except PassphraseRequired:
            pass
        except WrongPassphrase:
            message = self.tr("The remembered passphrase no longer opens this store; "
                              "enter the current one.")
        except DamagedStore as exc:
            from spocdesk.ui.safety import recover_damaged_store

            return recover_damaged_store(where, secret, exc)
        except SpocError as exc:
            show_error(None, self.tr("spocdesk cannot open the store"), str(exc))
            return None
        return UnlockDialog.ask(where, message=message, prepare=lambda: self.window)

    def _open_server(self) -> Store | None:
        """``spocdesk --store postgresql://…``: log in with the password found as for a
        store (environment, file, keyring); else, or when refused, the connect dialog."""
        from spocdesk.core.store import Store
        from spocdesk.ui.connect_dialog import ConnectDialog

        message = ""
        try:
            try:
                secret, _source = passphrase.resolve(self.server_url,
                                                     passphrase_file=self.passphrase_file)
            finally:
                memory.scrub_environment(passphrase.ENV_PASSPHRASE)
            return Store.open_url(self.server_url, secret)
        except PassphraseRequired:
            pass
        except SpocError as exc:
            message = str(exc)
        return ConnectDialog.ask(None, self.server_url, message)

    def open_pack(self) -> None:
        """File → Open handover pack…: the deputy works on the pack instead of a store."""
        from spocdesk.ui.handover.open_pack import open_handover_pack

        pack = open_handover_pack(self.window)
        if pack is None:
            return
        self._close_store()
        self.demo = False
        self.location = pack.location
        self.window.location = pack.location
        self._unlocked(pack)

    def connect_server(self, _checked: bool = False, url: str = "") -> bool:
        """File → Connect to a team server…: work on the server instead of the file."""
        from spocdesk.ui.connect_dialog import ConnectDialog

        if self._window is not None and not self.window.flush():
            return False  # typed text that could not be saved: stay
        store = ConnectDialog.ask(self.window, url)
        if store is None:
            return False
        self._close_store()
        if self.demo:  # the demo's throwaway folder goes; logs go to the user's folder
            self.location = paths.resolve()
            self.window.location = self.location
        self.demo = False
        self._unlocked(store)
        return True

    def restore_backup(self) -> None:
        """File → Restore…: check the backup fully, then put it in place of the store."""
        if self.demo:
            return
        from spocdesk.core.store import Store, backup
        from spocdesk.ui.safety import RestoreDialog, busy_cursor, normal_cursor

        folder = backup.backup_dir(self.store) if self.store else self.location.backup_dir
        answer = RestoreDialog.ask(folder, self.window)
        if answer is None:
            return
        path, secret = answer
        had_store = self.store is not None
        tag = backup.store_tag(self.store) if self.store is not None else ""
        self._close_store()
        busy_cursor()
        try:
            restored = backup.restore(self.location, path, secret, known_tag=tag)
            store = Store.open(self.location, secret)
        except SpocError as exc:
            normal_cursor()
            show_error(self.window, self.tr("Nothing was restored"), str(exc))
            if had_store:
                self.lock()
            return
        normal_cursor()
        self._unlocked(store)
        aside = restored.replaced.name if restored.replaced else ""
        self.window.statusBar().showMessage(
            self.tr("Backup restored. The previous store is kept as {name}.").format(
                name=aside) if aside else self.tr("Backup restored."), 10000)

    def change_passphrase(self) -> None:
        if self.store is None or self.demo:
            return
        from spocdesk.ui.safety import ChangePassphraseDialog, busy_cursor, normal_cursor

        answer = ChangePassphraseDialog.ask(self.window)
        if answer is None:
            return
        busy_cursor()
        try:
            self.store.change_passphrase(*answer)
        except SpocError as exc:
            normal_cursor()
            show_error(self.window, self.tr("The passphrase was not changed"), str(exc))
            return
        normal_cursor()
        self.window.statusBar().showMessage(self.tr("The passphrase is changed."), 8000)

    def _take_app_lock(self) -> None:
        """One window per store (the command line may still work beside it); taken
        once the store's folder exists and held until the app quits."""
        where = self.location
        if self._app_lock is not None or not where.app_lock_file.parent.is_dir():
            return
        lock = AppLock(where.app_lock_file, where.store)
        lock.acquire()
        self._app_lock = lock

    def _check_outside_changes(self) -> None:
        """Another process (the command line) committed: every view refreshes."""
        from spocdesk.core.uow import external_changes

        if self._watcher is not None and self.store is not None and self._watcher.changed():
            log.info("the store was changed by another process")
            self.window.bus.publish(external_changes())

    def _on_changed(self, changes: ChangeSet) -> None:
        if "settings" in changes and self.store is not None and not self.demo:
            from spocdesk.core import settings

            with self.store.session() as session:
                self.idle.set_minutes(settings.load(session).auto_lock_minutes)

    # -- locking and closing ----------------------------------------------

    def lock(self) -> None:
        """Close the store, clear every page, and ask for the passphrase again."""
        if self.store is None or self.demo:
            return
        from spocdesk.ui.lockdown import dismiss_windows

        dismiss_windows(keep=[self.window])  # an open dialog shows nothing once locked
        server = getattr(self.store, "url", "") if self.store.backend != "sqlite" else ""
        self._close_store()
        log.info("locked")
        if server:  # a team server: log in again (the keyring may have the password)
            from spocdesk.ui.connect_dialog import ConnectDialog

            store = ConnectDialog.ask(self.window, server, self.tr(
                "spocdesk is locked. Enter your password to continue."))
        else:
            store = UnlockDialog.ask(self.location, self.window,
                                     self.tr("spocdesk is locked. Enter your passphrase to "
                                             "continue."))
        if store is None:
            self.window.close()
            return
        self._unlocked(store)

    def show_followup(self, followup_id: str) -> None:
        """A notification was clicked: bring the window up on that follow-up."""
        self._raise_window()
        page = self.window.show_page("Follow-ups")
        select = getattr(page, "select_followup", None)
        if select is not None:
            select(followup_id)

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        """Quit for real, also when the window would hide in the tray."""
        self.window.close_guard = None
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _close_store(self) -> None:
        """Stop the timers, clear every view, close the connections, forget the key."""
        self._watch.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._window is not None:
            self.live.stop()
            self.idle.pause()
            self.notifier.set_store(None)
            if self.store is not None:
                self._window.set_store(None)
        if self.store is not None:
            self.store.close()
            self.store = None
            if self._window is not None:
                self._show_cover(None)

    def shutdown(self) -> None:
        self._close_store()
        if self._window is not None:
            self._window.attachments.clear()  # also when the store was already locked
        if self._app_lock is not None:
            self._app_lock.release()
            self._app_lock = None
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)
            self._demo_dir = None


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    logs.install_excepthook()
    hardening.harden_process()
    # a team server (backend.SERVER_SCHEMES, spelled out: backend loads SQLAlchemy, which
    # waits until the unlock dialog is painted)
    server = args.store if args.store and args.store.lower().startswith(
        ("postgresql://", "postgres://", "postgresql+psycopg://")) else ""
    location = paths.resolve(data_dir=args.data_dir, store=None if server else args.store)
    session = Session(location, demo=args.demo, passphrase_file=args.passphrase_file,
                      server_url=server)
    app.aboutToQuit.connect(session.shutdown)
    if not session.start():
        session.shutdown()
        return 1
    return app.exec()
