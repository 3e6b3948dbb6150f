"""The main window: navigation, pages, menus and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from spocdesk import __version__
from spocdesk.core.errors import SpocError
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui import placeholders
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.page import Page
from spocdesk.ui.resources import icon

log = logging.getLogger(__name__)

PageFactory = Callable[[ChangeBus], Page]

DEFAULT_PAGES: list[PageFactory] = [
    placeholders.DashboardPage,
    placeholders.CasesPage,
    placeholders.StakeholdersPage,
    placeholders.FollowUpsPage,
    placeholders.HandoverPage,
]


class MainWindow(QMainWindow):
    """Holds the open store; every page gets it on unlock and loses it on lock."""

    lock_requested = Signal()

    def __init__(self, location: Location, *, demo: bool = False,
                 pages: list[PageFactory] | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("spocdesk — demo") if demo else "spocdesk")
        self.setWindowIcon(icon("spocdesk"))
        self.location = location
        self.demo = demo
        self.store: Store | None = None
        self.bus = ChangeBus(self)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(150)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        self.pages: list[Page] = []
        for number, factory in enumerate(pages or DEFAULT_PAGES, start=1):
            self.add_page(factory(self.bus), number)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([180, 920])
        self.setCentralWidget(splitter)

        self.store_label = QLabel(self)
        self.store_label.setObjectName("storeLabel")
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menus()
        self.resize(1100, 700)
        self._restore_geometry()

    # -- structure --------------------------------------------------------

    def add_page(self, page: Page, number: int) -> None:
        title = QCoreApplication.translate("Pages", page.title)
        page.setObjectName(f"page{page.title.replace('-', '').replace(' ', '')}")
        item = QListWidgetItem(icon(page.icon_name), title)
        item.setToolTip(self.tr("{title} (Ctrl+{n})").format(title=title, n=number))
        self.nav.addItem(item)
        self.stack.addWidget(page)
        self.pages.append(page)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence(f"Ctrl+{number}"))
        shortcut.triggered.connect(lambda _=False, row=number - 1: self.nav.setCurrentRow(row))
        self.addAction(shortcut)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(icon("lock"), self.tr("&Lock"), self)
        self.lock_action.setObjectName("actionLock")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested.emit)
        self.backup_action = QAction(self.tr("&Backup now…"), self)
        self.backup_action.setObjectName("actionBackup")
        self.backup_action.triggered.connect(self.backup_now)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("actionQuit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About spocdesk"), self)
        about.setObjectName("actionAbout")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- store ------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        """Hand the store to every page (``None`` = locked: pages drop their data)."""
        self.store = store
        for page in self.pages:
            page.set_store(store)
        self.lock_action.setEnabled(store is not None and not self.demo)
        self.backup_action.setEnabled(store is not None)
        if store is None:
            self.store_label.setText(self.tr("Locked"))
        else:
            label = self.tr("Demo store (thrown away on exit)") if self.demo else str(
                store.location.store)
            self.store_label.setText(label)
            self.store_label.setToolTip(str(store.location.store))

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # -- actions ----------------------------------------------------------

    def backup_now(self) -> None:
        if self.store is None:
            return
        stamp = f"{self.store.now():%Y%m%d-%H%M%S}"
        default = self.location.backup_dir / f"spocdesk-{stamp}.spocdesk-backup"
        path = ask_save_path(self, self.tr("Save an encrypted backup"), default)
        if path is None:
            return
        try:
            self.store.backup_to(path)
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Backup failed"),
                                self.tr("The backup was not written: {error}").format(
                                    error=exc))
            return
        self.statusBar().showMessage(self.tr("Backup written to {path}").format(path=path),
                                     8000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About spocdesk"), self.about_text())

    def about_text(self) -> str:
        return self.tr(
            "<h3>spocdesk {version}</h3>"
            "<p>An encrypted workbench for a single point of contact.</p>"
            "<p>Store: <code>{store}</code><br>Data folder: <code>{data}</code></p>"
        ).format(version=__version__, store=self.location.store, data=self.location.data_dir)

    # -- window state -----------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = QSettings().value("mainWindow/geometry")
        if isinstance(saved, QByteArray):
            self.restoreGeometry(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)


def ask_save_path(parent: QWidget, title: str, default: Path) -> Path | None:
    """A save-file dialog (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default))
    return Path(chosen) if chosen else None


