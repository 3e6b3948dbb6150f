"""The two doors into a store: create it (first run) and unlock it (later runs).

These dialogs are the first thing a user sees, so this module imports nothing of
the store's ORM: SQLAlchemy and the main window load after the dialog is painted
(:mod:`spocdesk.ui.warmup`) or at the latest when the passphrase is submitted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import DamagedStore, SpocError
from spocdesk.core.paths import Location
from spocdesk.core.store import passphrase, vault
from spocdesk.ui.warmup import WarmUp

if TYPE_CHECKING:
    from spocdesk.core.store import Store

T = TypeVar("T")


def _remember_box(parent: QWidget) -> QCheckBox:
    box = QCheckBox(QCoreApplication.translate("Unlock", "Remember on this computer"), parent)
    box.setObjectName("rememberPassphrase")
    box.setAccessibleName(QCoreApplication.translate(
        "Unlock", "Remember the passphrase in the system keyring"))
    state = vault.availability()
    if state.usable:
        box.setToolTip(QCoreApplication.translate(
            "Unlock", "Keep the passphrase in the system keyring so spocdesk unlocks without "
            "asking."))
    else:
        box.setEnabled(False)
        box.setToolTip(QCoreApplication.translate("Unlock", "Not available: {reason}").format(
            reason=state.reason))
    return box


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("errorMessage")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(highlighted-text); background: #b3261e; "
                        "padding: 6px; border-radius: 4px;")
    label.setAccessibleName(QCoreApplication.translate("Unlock", "Error"))
    label.hide()
    return label


def _busy(work: Callable[[], T]) -> T:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


class UnlockDialog(QDialog):
    """Ask for the passphrase until it opens the store or the user gives up."""

    def __init__(self, location: Location, parent: QWidget | None = None,
                 message: str = "", prepare: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock spocdesk"))
        self.location = location
        self.store: Store | None = None

        intro = QLabel(message or self.tr("Enter the passphrase for your store."), self)
        intro.setWordWrap(True)
        where = QLabel(str(location.store), self)
        where.setObjectName("storePath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(placeholder-text);")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = _remember_box(self)
        self.remember.setChecked(self.remember.isEnabled()
                                 and vault.recall(location.store) is not None)
        self.error = _error_label(self)
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton(self.tr("Unlock"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._warm_up = WarmUp(then=prepare)  # while the passphrase is typed

    def try_unlock(self) -> None:
        secret = self.passphrase.text()
        if not secret:
            self.show_error(self.tr("Enter your passphrase."))
            return
        from spocdesk.core.store import Store
        from spocdesk.ui.safety import recover_damaged_store

        try:
            self.store = _busy(lambda: Store.open(self.location, secret))
        except DamagedStore as exc:
            # restore() keeps a remembered passphrase in step with the restored file
            self.store = recover_damaged_store(self.location, secret, exc, self)
            if self.store is None:
                self.show_error(str(exc))
                return
            self.accept()
            return
        except SpocError as exc:
            self.show_error(str(exc))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        if self.remember.isEnabled():
            if self.remember.isChecked():
                vault.remember(self.location.store, secret)
            else:
                vault.forget(self.location.store)
        self.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._warm_up.start(self)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    @classmethod
    def ask(cls, location: Location, parent: QWidget | None = None, message: str = "",
            prepare: Callable[[], object] | None = None) -> Store | None:
        """Show the dialog; the unlocked store, or ``None`` when the user quits.
        ``prepare`` runs while the passphrase is typed, after the warm-up imports."""
        dialog = cls(location, parent, message, prepare)
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None


class CreateStoreDialog(QDialog):
    """First run: choose a passphrase (twice), see how strong it is, optionally remember it."""

    def __init__(self, location: Location, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createStoreDialog")
        self.setWindowTitle(self.tr("Create your spocdesk store"))
        self.location = location
        self.store: Store | None = None

        intro = QLabel(self.tr(
            "spocdesk keeps your cases, contacts and notes in one encrypted file. "
            "Choose a passphrase to protect it. There is no way to recover the data "
            "without it, so pick one you will remember."), self)
        intro.setWordWrap(True)
        where = QLabel(self.tr("The store will be created at {path}").format(
            path=location.store), self)
        where.setObjectName("storePath")
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(placeholder-text);")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeatPassphrase")
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("strengthMeter")
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.hint = QLabel(self)
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.remember = _remember_box(self)
        self.error = _error_label(self)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(self.tr("Create store"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        # a deputy needs no store of their own to work in a handover pack
        self.pack_button = buttons.addButton(self.tr("Open a handover pack…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.pack_button.setObjectName("openPackInstead")
        self.pack_button.clicked.connect(self.open_pack)
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()
        self._warm_up = WarmUp()  # while the passphrase is chosen

    def _update(self) -> None:
        secret, repeated = self.passphrase.text(), self.repeat.text()
        score, hint = passphrase.strength(secret)
        self.meter.setValue(score)
        if not secret:
            hint = self.tr("Use at least {n} characters; a phrase of several words is best."
                           ).format(n=passphrase.MIN_LENGTH)
        elif repeated and repeated != secret:
            hint = self.tr("The two passphrases are not the same yet.")
        self.hint.setText(hint)
        self.create_button.setEnabled(score > 0 and secret == repeated)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._warm_up.start(self)

    def try_create(self) -> None:
        from spocdesk.core.store import Store

        secret = self.passphrase.text()
        try:
            passphrase.check_new(secret, self.repeat.text())
            self.store = _busy(lambda: Store.create(self.location, secret))
        except SpocError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if self.remember.isEnabled() and self.remember.isChecked():
            vault.remember(self.location.store, secret)
        self.accept()

    def open_pack(self) -> None:
        """Work in a handover pack instead of creating a store (the deputy's first run)."""
        from spocdesk.ui.handover.open_pack import open_handover_pack

        pack = open_handover_pack(self)
        if pack is not None:
            self.store = pack
            self.accept()

    @classmethod
    def ask(cls, location: Location, parent: QWidget | None = None) -> Store | None:
        dialog = cls(location, parent)
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None
