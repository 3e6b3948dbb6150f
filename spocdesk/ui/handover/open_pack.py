"""File → Open handover pack…: the deputy picks the pack file and types its
passphrase; the pack is verified (every page authenticated) and opened as the
store to work in, with ``deputy`` as the author of everything done in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.clock import Clock
from spocdesk.core.errors import SpocError
from spocdesk.core.handover import pack as packmod
from spocdesk.core.store import Store
from spocdesk.ui.handover.dialogs import PACK_FILTER, file_filter


class OpenPackDialog(QDialog):
    """Ask for a pack file and its passphrase until it opens or the user gives up."""

    def __init__(self, parent: QWidget | None = None, clock: Clock | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openPackDialog")
        self.setWindowTitle(self.tr("Open a handover pack"))
        self.clock = clock
        self.store: Store | None = None
        intro = QLabel(self.tr("Open the handover pack you were sent. Its passphrase came "
                               "to you another way than the file, e.g. by phone."), self)
        intro.setWordWrap(True)
        self.path = QLineEdit(self)
        self.path.setObjectName("packPath")
        self.path.setAccessibleName(self.tr("Handover pack file"))
        self.path.setPlaceholderText(self.tr("handover-….spocpack"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setObjectName("choosePack")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("packPassphrase")
        self.passphrase.setAccessibleName(self.tr("Pack passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("errorMessage")
        self.error.setAccessibleName(self.tr("Error"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlighted-text); background: #b3261e; "
                                 "padding: 6px; border-radius: 4px;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Pack:"), file_row)
        pack_label = form.labelForField(file_row)
        if isinstance(pack_label, QLabel):
            pack_label.setBuddy(self.path)
        form.addRow(self.tr("Pass&phrase:"), self.passphrase)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(self.tr("Open pack"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openPackButton")
        self.open_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        if path is not None:
            self.path.setText(str(path))
            self.passphrase.setFocus()

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Open a handover pack"),
                                                self.path.text() or str(Path.home()),
                                                file_filter(PACK_FILTER))
        if chosen:
            self.path.setText(chosen)
            self.passphrase.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def try_open(self) -> None:
        where = self.path.text().strip()
        secret = self.passphrase.text()
        if not where:
            self.show_error(self.tr("Choose the handover pack file."))
            return
        if not secret:
            self.show_error(self.tr("Enter the pack's passphrase."))
            self.passphrase.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = packmod.open_pack(Path(where).expanduser(), secret, clock=self.clock)
        except (SpocError, OSError) as exc:
            self.show_error(str(exc))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, clock: Clock | None = None,
            path: Path | None = None) -> Store | None:
        """The opened, verified pack, or ``None`` when the user cancels."""
        dialog = cls(parent, clock, path)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.store
        if dialog.store is not None:  # pragma: no cover - opened, then cancelled
            dialog.store.close()
        return None


def open_handover_pack(parent: QWidget | None = None, clock: Clock | None = None,
                       path: Path | None = None) -> Store | None:
    """File → Open handover pack…: ask for the pack and its passphrase; return the
    opened store (author ``deputy``), or ``None`` when the user cancels. ``path``:
    the pack already chosen (``spocdesk --store PACK.spocpack``)."""
    return OpenPackDialog.ask(parent, clock, path)
