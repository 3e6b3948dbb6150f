"""The main window: navigation, pages, menus and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spocdesk import __version__
from spocdesk.core import safe_write
from spocdesk.core.errors import SpocError
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.page import CasesPage
from spocdesk.ui.cases.templates_dialog import TemplatesDialog
from spocdesk.ui.dashboard.page import DashboardPage
from spocdesk.ui.followups.page import FollowUpsPage
from spocdesk.ui.handover.page import HandoverPage
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.inbox.page import InboxPage
from spocdesk.ui.mail import attachments
from spocdesk.ui.mail import files as mail_files
from spocdesk.ui.mail.sync import MailSync
from spocdesk.ui.ops import stop_background_ops
from spocdesk.ui.page import Page
from spocdesk.ui.resources import icon
from spocdesk.ui.search.palette import SearchPalette
from spocdesk.ui.settings_dialog import edit_settings
from spocdesk.ui.shortcuts import ShortcutSheet
from spocdesk.ui.stakeholders.import_dialog import import_contacts
from spocdesk.ui.stakeholders.page import StakeholdersPage

log = logging.getLogger(__name__)

PageFactory = Callable[[ChangeBus], Page]

DEFAULT_PAGES: list[PageFactory] = [  # Ctrl+1 … Ctrl+6 in this order
    CasesPage,
    StakeholdersPage,
    FollowUpsPage,
    HandoverPage,
    DashboardPage,
    InboxPage,
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
        self.mail_sync = MailSync(self.bus, self)  # reads the mail accounts off this thread
        self.attachments = attachments.FOLDER  # opened attachments; deleted on lock and exit
        self.setAcceptDrops(True)  # mail files dropped anywhere go into the store

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        self.pages: list[Page] = []
        for number, factory in enumerate(pages or DEFAULT_PAGES, start=1):
            self.add_page(factory(self.bus), number)
        self._connect_page_links()
        # as wide as the longest page name, no wider: the pages keep the room (800 pixels)
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.currentRowChanged.connect(self._go_to)
        self.nav.setCurrentRow(0)

        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([180, 920])
        self.banner_area = QVBoxLayout()
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.banner_area)
        box.addWidget(splitter, 1)
        self.setCentralWidget(central)
        # Session sets this: return True to keep running (e.g. hidden in the tray)
        self.close_guard: Callable[[QWidget], bool] | None = None

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
        if isinstance(page, InboxPage):  # the mail sync's line and its Sync now button
            self.mail_sync.status_changed.connect(page.show_sync_status)
            self.mail_sync.running_changed.connect(page.set_syncing)
            page.sync_requested.connect(self.sync_mail)
        counted = getattr(page, "count_changed", None)
        if counted is not None:  # the Inbox: "Inbox (12)" in the sidebar
            counted.connect(lambda n, it=item, t=title: it.setText(
                self.tr("{title} ({n})").format(title=t, n=n) if n else t))

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
        self.restore_action = QAction(self.tr("&Restore a backup…"), self)
        self.restore_action.setObjectName("actionRestore")
        self.passphrase_action = QAction(self.tr("Change &passphrase…"), self)
        self.passphrase_action.setObjectName("actionChangePassphrase")
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setObjectName("actionSettings")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.templates_action = QAction(self.tr("&Templates…"), self)
        self.templates_action.setObjectName("actionTemplates")
        self.templates_action.triggered.connect(self.open_templates)
        self.import_action = QAction(self.tr("&Import contacts…"), self)
        self.import_action.setObjectName("actionImport")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_contacts)
        file_menu.addAction(self.import_action)
        self.import_mail_action = QAction(self.tr("Import &mail…"), self)
        self.import_mail_action.setObjectName("actionImportMail")
        self.import_mail_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_mail_action.setToolTip(self.tr(
            "E-mail files (.eml, Outlook .msg, mbox): filed on their cases where that is "
            "certain, the rest to the Inbox. You can also drop them onto the window."))
        self.import_mail_action.triggered.connect(lambda _=False: self.import_mail())
        file_menu.addAction(self.import_mail_action)
        self.sync_mail_action = QAction(self.tr("S&ync mail now"), self)
        self.sync_mail_action.setObjectName("actionSyncMail")
        self.sync_mail_action.setShortcut(QKeySequence("F5"))
        self.sync_mail_action.setToolTip(self.tr(
            "Read the new mail of your mail accounts now (Settings → Mail); spocdesk also "
            "does so on unlock and every few minutes."))
        self.sync_mail_action.triggered.connect(self.sync_mail)
        file_menu.addAction(self.sync_mail_action)
        self.report_action = QAction(self.tr("E&xport report…"), self)
        self.report_action.setObjectName("actionExportReport")
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.report_action.setToolTip(self.tr("A PDF of the period's figures to hand over"))
        self.report_action.triggered.connect(self.export_report)
        file_menu.addAction(self.report_action)
        self.open_pack_action = QAction(self.tr("Open &handover pack…"), self)
        self.open_pack_action.setObjectName("actionOpenPack")
        file_menu.addAction(self.open_pack_action)
        self.connect_action = QAction(self.tr("C&onnect to a team server…"), self)
        self.connect_action.setObjectName("actionConnectServer")
        self.connect_action.setToolTip(self.tr(
            "Work on your team's shared PostgreSQL server instead of this computer's store"))
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.passphrase_action)
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.templates_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.search_action = QAction(self.tr("&Search everything…"), self)
        self.search_action.setObjectName("actionSearch")
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(self.open_search)
        go_menu.addAction(self.search_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setObjectName("actionShortcuts")
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(lambda: ShortcutSheet(self).exec())
        help_menu.addAction(keys)
        about = QAction(self.tr("&About spocdesk"), self)
        about.setObjectName("actionAbout")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- store ------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        """Hand the store to every page (``None`` = locked: pages drop their data)."""
        if store is None:
            self.flush()  # typed text is saved before the pages forget it
            self.attachments.clear()  # opened attachments go with the store (lock, exit)
            stop_background_ops()  # an import cancelled and rolled back, not cut off
        self.mail_sync.set_store(None)  # stopped before the store closes (lock, exit)
        self.store = store
        current = self.stack.currentWidget()
        for page in self.pages:
            page.set_store(store, defer=page is not current)
        self.lock_action.setEnabled(store is not None and not self.demo)
        self.backup_action.setEnabled(store is not None)
        self.settings_action.setEnabled(store is not None)
        self.templates_action.setEnabled(store is not None)
        self.search_action.setEnabled(store is not None)
        self.import_action.setEnabled(store is not None)
        self.import_mail_action.setEnabled(store is not None)
        self.sync_mail_action.setEnabled(store is not None)
        self.report_action.setEnabled(store is not None)
        self.passphrase_action.setEnabled(store is not None and not self.demo)
        self.restore_action.setEnabled(not self.demo)
        if store is None:
            self.store_label.setText(self.tr("Locked"))
        else:
            where = getattr(store, "url", None) or str(store.location.store)  # a server
            label = self.tr("Demo store (thrown away on exit)") if self.demo else where
            self.store_label.setText(label)
            self.store_label.setToolTip(where)
            self.mail_sync.set_store(store)  # the accounts are read now, then every N min

    def _go_to(self, row: int) -> None:
        """Show another page once the current one has saved what is being edited; when
        that fails, stay (the page says why)."""
        if row == self.stack.currentIndex() or row < 0:
            return
        if not self.current_page().flush():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)

    def flush(self) -> bool:
        """Every page saves what is being edited (before a lock); ``False`` if one failed."""
        return all([page.flush() for page in self.pages])

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # -- actions ----------------------------------------------------------

    def backup_now(self) -> None:
        if self.store is None:
            return
        stamp = f"{self.store.now():%Y%m%d-%H%M%S}"
        default = backup.backup_dir(self.store) / f"spocdesk-{stamp}.spocdesk-backup"
        path = ask_save_path(self, self.tr("Save an encrypted backup"), default)
        if path is None:
            return
        try:
            backup.backup_now(self.store, to=path)
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Backup failed"),
                                self.tr("The backup was not written: {error}").format(
                                    error=exc))
            return
        self.statusBar().showMessage(self.tr("Backup written to {path}").format(path=path),
                                     8000)

    def export_report(self) -> None:
        """File → Export report…: the period, then where; a PDF a manager can read."""
        if self.store is None:
            return
        dashboard = self.page_titled("Dashboard")
        chosen = ask_report(self, str(getattr(dashboard, "period", "quarter")),
                            Path.home() / f"spocdesk-report-{self.store.now():%Y-%m-%d}.pdf")
        if chosen is None:
            return
        period, path = chosen
        from spocdesk.ui.report_pdf import write_report_pdf  # charts and layout: on demand

        try:
            target = write_report_pdf(self.store, safe_write.guard(self.store, path), period)
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Report not written"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Report written to {path}").format(path=target),
                                     8000)

    def _connect_page_links(self) -> None:
        """Pages ask to show another page's record or view through these signals."""
        for page in self.pages:
            for name, slot in (("open_view", self.open_view), ("open_case", self.open_case),
                               ("open_stakeholder", self.open_stakeholder)):
                signal = getattr(page, name, None)
                if signal is not None:
                    signal.connect(slot)

    def open_view(self, title: str, view: str) -> None:
        page = self.show_page(title)
        show_view = getattr(page, "show_view", None)
        if show_view is not None:
            show_view(view)

    def open_case(self, case_id: str) -> None:
        self.open_record("case", case_id, case_id)

    def open_stakeholder(self, stakeholder_id: str) -> None:
        self.open_record("stakeholder", stakeholder_id, "")

    def page_titled(self, title: str) -> Page | None:
        return next((p for p in self.pages if p.title == title), None)

    def show_page(self, title: str) -> Page | None:
        page = self.page_titled(title)
        if page is not None:
            self.nav.setCurrentRow(self.pages.index(page))
        return page

    def open_search(self) -> None:
        if self.store is None:
            return
        palette = SearchPalette(self.store, self)
        palette.open_record.connect(self.open_record)
        palette.exec()

    def open_record(self, kind: str, record_id: str, case_id: str) -> None:
        """Show a record found by search in the page that holds it."""
        if kind == "stakeholder":
            page = self.show_page("Stakeholders")
            select = getattr(page, "select_stakeholder", None)
            if select is not None:
                select(record_id)
            return
        if kind == "handover":
            self.show_page("Handover")
            return
        if kind == "followup" and not case_id:
            self.show_page("Follow-ups")
            return
        target = record_id if kind == "case" else case_id
        page = self.show_page("Cases")
        select = getattr(page, "select_case", None)
        if select is not None and target:
            select(target)

    def import_contacts(self) -> None:
        if self.store is not None:
            import_contacts(self.store, self.bus, self)

    def import_mail(self, paths: list[Path] | None = None, *,
                    case_ref: str | None = None) -> None:
        """*File → Import mail…*, or mail files dropped (onto a case: ``case_ref``)."""
        if self.store is None:
            return
        if paths is None:
            paths = mail_files.ask_mail_files(self)
        if not paths:
            return
        said = mail_files.import_files(self, self.store, self.bus, paths, case_ref=case_ref)
        if said:
            self.statusBar().showMessage(said, 10000)

    def sync_mail(self) -> None:
        """*Sync mail now* (F5): read every mail account now; the Inbox says how it went."""
        if self.store is None:
            return
        if not self.mail_sync.sync_now() and not self.mail_sync.running:
            self.statusBar().showMessage(self.tr(
                "There is no mail account yet: add one in Settings → Mail."), 8000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.store is not None and mail_files.dropped_mail(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = mail_files.dropped_mail(event.mimeData())
        if self.store is None or not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, self, lambda: self.import_mail(paths))  # not inside the drop

    def open_settings(self) -> None:
        if self.store is not None:
            edit_settings(self.store, self.bus, self, passwords=self.mail_sync.passwords)

    def open_templates(self) -> None:
        if self.store is not None:
            TemplatesDialog.run(self.store, self.bus, self)

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
        if self.close_guard is not None and self.close_guard(self):
            event.ignore()
            return
        if not self.flush():  # typed text that cannot be saved: stay, the page says why
            event.ignore()
            return
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)


REPORT_PERIODS = (("4w", QT_TRANSLATE_NOOP("MainWindow", "The last 4 weeks")),
                  ("quarter", QT_TRANSLATE_NOOP("MainWindow", "The last quarter (13 weeks)")),
                  ("year", QT_TRANSLATE_NOOP("MainWindow", "The last year (52 weeks)")))


def ask_report(parent: QWidget, period: str, default: Path) -> tuple[str, Path] | None:
    """Which period, then where to write the PDF (tests replace this function)."""
    names = [QCoreApplication.translate("MainWindow", name) for _, name in REPORT_PERIODS]
    keys = [key for key, _ in REPORT_PERIODS]
    name, ok = QInputDialog.getItem(
        parent, QCoreApplication.translate("MainWindow", "Export report"),
        QCoreApplication.translate("MainWindow", "The figures of:"), names,
        keys.index(period) if period in keys else 1, False)
    if not ok:
        return None
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("MainWindow", "Export report"), str(default),
        QCoreApplication.translate("MainWindow", "PDF files (*.pdf)"))
    return (keys[names.index(name)], Path(chosen)) if chosen else None


def ask_save_path(parent: QWidget, title: str, default: Path) -> Path | None:
    """A save-file dialog (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default))
    return Path(chosen) if chosen else None


