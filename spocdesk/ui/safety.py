"""What protects the store in the GUI: restore a backup, change the passphrase, and
the offer of the newest good backup when unlocking finds the store damaged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup, passphrase
from spocdesk.ui import format as fmt


def _secret(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePassphraseDialog(QDialog):
    """Old passphrase once, new one twice, with the same strength hint as first run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change the passphrase"))
        self.old = _secret(self, "oldPassphrase", self.tr("Current passphrase"))
        self.new = _secret(self, "newPassphrase", self.tr("New passphrase"))
        self.repeat = _secret(self, "repeatNewPassphrase", self.tr("Repeat the new passphrase"))
        self.hint = QLabel(self)
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Current:"), self.old)
        form.addRow(self.tr("&New:"), self.new)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow("", self.hint)
        note = QLabel(self.tr("The store is re-encrypted; the old file is kept until the new "
                              "one is verified. Existing backups keep the old passphrase."),
                      self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for edit in (self.old, self.new, self.repeat):
            edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        score, hint = passphrase.strength(self.new.text())
        same = self.new.text() == self.repeat.text()
        if self.repeat.text() and not same:
            hint = self.tr("The two new passphrases are not the same yet.")
        self.hint.setText(hint if self.new.text() else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.old.text()) and score > 0 and same)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, str] | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.old.text(), dialog.new.text()


class RestoreDialog(QDialog):
    """Choose a backup file and give its passphrase."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.folder = folder
        self.path = QLineEdit(self)
        self.path.setObjectName("backupPath")
        self.path.setAccessibleName(self.tr("Backup file"))
        browse = QDialogButtonBox(self)
        choose = browse.addButton(self.tr("Choose…"), QDialogButtonBox.ButtonRole.ActionRole)
        choose.clicked.connect(self._choose)
        self.secret = _secret(self, "backupPassphrase", self.tr("The backup's passphrase"))
        explain = QLabel(self.tr(
            "The backup is checked completely before anything is replaced. The current "
            "store is kept beside it, renamed, in case you need it again."), self)
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Backup:"), self.path)
        form.addRow("", browse)
        form.addRow(self.tr("&Passphrase:"), self.secret)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup"), str(self.folder),
            self.tr("spocdesk backups (*.spocdesk-backup);;All files (*)"))
        if chosen:
            self.path.setText(chosen)

    @classmethod
    def ask(cls, folder: Path, parent: QWidget | None = None) -> tuple[Path, str] | None:
        dialog = cls(folder, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path.text().strip():
            return None
        return Path(dialog.path.text().strip()), dialog.secret.text()


def busy_cursor() -> None:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def normal_cursor() -> None:
    QGuiApplication.restoreOverrideCursor()


class DamagedStoreOffer:
    """Unlocking found the store damaged: offer the newest good backup (tests replace
    :meth:`ask`). Answers are ``RESTORE``, ``CHOOSE`` (another file) or ``CANCEL``."""

    RESTORE, CHOOSE, CANCEL = "restore", "choose", "cancel"

    @classmethod
    def ask(cls, parent: QWidget | None, damage: str, found: backup.BackupInfo | None,
            folder: Path) -> str:
        box = cls.build(parent, damage, found, folder)
        box.exec()
        return str(box.property("answer") or cls.CANCEL)

    @classmethod
    def build(cls, parent: QWidget | None, damage: str, found: backup.BackupInfo | None,
              folder: Path) -> QMessageBox:
        translate = QCoreApplication.translate
        box = QMessageBox(parent)
        box.setObjectName("damagedStoreOffer")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("DamagedStoreOffer", "The store is damaged"))
        answers = {}
        if found is not None:
            box.setText(damage + "\n\n" + translate(
                "DamagedStoreOffer", "Restore the backup from {when}?").format(
                    when=fmt.when(found.taken_at)))
            box.setInformativeText(translate(
                "DamagedStoreOffer",
                "Anything changed after that moment is not in the backup. The damaged file "
                "is kept aside, unchanged."))
            restore = box.addButton(translate("DamagedStoreOffer", "Restore"),
                                    QMessageBox.ButtonRole.AcceptRole)
            restore.setObjectName("restoreBackupButton")
            box.setDefaultButton(restore)
            answers[restore] = cls.RESTORE
            choose_text = translate("DamagedStoreOffer", "Choose another backup…")
        else:
            box.setText(damage)
            box.setInformativeText(translate(
                "DamagedStoreOffer",
                "No backup in {folder} opens with this passphrase. Choose a backup file "
                "now, or later with File → Restore… or 'spocdesk restore FILE'.").format(
                    folder=folder))
            choose_text = translate("DamagedStoreOffer", "Choose a backup…")
        choose = box.addButton(choose_text, QMessageBox.ButtonRole.ActionRole)
        choose.setObjectName("chooseBackupButton")
        answers[choose] = cls.CHOOSE
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(
            lambda button: box.setProperty("answer", answers.get(button, cls.CANCEL)))
        return box


def recover_damaged_store(location: Location, secret: str, damage: SpocError,
                          parent: QWidget | None = None) -> Store | None:
    """Offer the newest backup that opens with ``secret``; restore it (the damaged file
    is kept aside, never written to) and open the store. ``None``: nothing restored."""
    folder = location.backup_dir
    busy_cursor()
    try:
        good = backup.newest_good_backup(location, secret)
        found = backup.describe(good) if good is not None else None
    except (SpocError, OSError):
        found = None
    finally:
        normal_cursor()
    answer = DamagedStoreOffer.ask(parent, str(damage), found, folder)
    if answer == DamagedStoreOffer.RESTORE and found is not None:
        chosen: tuple[Path, str] | None = (found.path, secret)
    elif answer == DamagedStoreOffer.CHOOSE:
        chosen = RestoreDialog.ask(folder, parent)
    else:
        chosen = None
    if chosen is None:
        return None
    path, key = chosen
    busy_cursor()
    try:
        backup.restore(location, path, key)
        return Store.open(location, key)
    except SpocError as exc:
        failure = str(exc)
    finally:
        normal_cursor()
    QMessageBox.warning(parent, QCoreApplication.translate(
        "DamagedStoreOffer", "Nothing was restored"), failure)
    return None
