"""GUI entry: the QApplication, the first-run/unlock dialogs and the main window."""

from __future__ import annotations

import argparse
import logging
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from spocdesk import APP_NAME, __version__
from spocdesk.core import logs, passphrase, paths
from spocdesk.core.errors import PassphraseRequired, SpocError, StoreError, WrongPassphrase
from spocdesk.core.lockfile import ensure_free
from spocdesk.core.store import Store
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.resources import icon
from spocdesk.ui.unlock import CreateStoreDialog, UnlockDialog

log = logging.getLogger(__name__)


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
    return app


class Session(QObject):
    """One run of the app on one store: unlock, show, lock, unlock again, quit."""

    def __init__(self, location: paths.Location, *, demo: bool = False,
                 passphrase_file: str | None = None) -> None:
        super().__init__()
        self.location = location
        self.demo = demo
        self.passphrase_file = passphrase_file
        self.store: Store | None = None
        self.window = MainWindow(location, demo=demo)
        self.window.lock_requested.connect(self.lock)
        self._demo_dir: Path | None = None

    # -- opening ----------------------------------------------------------

    def start(self) -> bool:
        """Open the store (asking as needed) and show the window; ``False`` = give up."""
        store = self._open_demo() if self.demo else self._open_real()
        if store is None:
            return False
        self.store = store
        self.window.set_store(store)
        self.window.show()
        return True

    def _open_demo(self) -> Store:
        from spocdesk.core.services import demo

        self._demo_dir = Path(tempfile.mkdtemp(prefix="spocdesk-demo-"))
        self.location = paths.resolve(data_dir=self._demo_dir)
        self.window.location = self.location
        store = Store.create(self.location, secrets.token_urlsafe(24))
        demo.generate(store, "small")
        return store

    def _open_real(self) -> Store | None:
        where = self.location
        try:
            ensure_free(where.lock_file, where.store)
        except StoreError as exc:
            show_error(None, self.tr("spocdesk cannot open the store"), str(exc))
            return None
        if not where.store.exists():
            return CreateStoreDialog.ask(where)
        logs.setup(where.log_dir)
        message = ""
        try:
            secret, _source = passphrase.resolve(where.store,
                                                  passphrase_file=self.passphrase_file)
            return Store.open(where, secret)
        except PassphraseRequired:
            pass
        except WrongPassphrase:
            message = self.tr("The remembered passphrase no longer opens this store; "
                              "enter the current one.")
        except SpocError as exc:
            show_error(None, self.tr("spocdesk cannot open the store"), str(exc))
            return None
        return UnlockDialog.ask(where, message=message)

    # -- locking and closing ----------------------------------------------

    def lock(self) -> None:
        """Close the store, clear every page, and ask for the passphrase again."""
        if self.store is None or self.demo:
            return
        self.window.set_store(None)
        self.store.close()
        self.store = None
        log.info("locked")
        store = UnlockDialog.ask(self.location, self.window,
                                 self.tr("spocdesk is locked. Enter your passphrase to "
                                         "continue."))
        if store is None:
            self.window.close()
            return
        self.store = store
        self.window.set_store(store)

    def shutdown(self) -> None:
        if self.store is not None:
            self.window.set_store(None)
            self.store.close()
            self.store = None
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)
            self._demo_dir = None


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    logs.install_excepthook()
    location = paths.resolve(data_dir=args.data_dir, store=args.store)
    session = Session(location, demo=args.demo, passphrase_file=args.passphrase_file)
    app.aboutToQuit.connect(session.shutdown)
    if not session.start():
        session.shutdown()
        return 1
    return app.exec()
