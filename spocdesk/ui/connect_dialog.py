"""*File → Connect to a team server…*: log in to a shared PostgreSQL server as one's own
role (issue 22 item 1).

The dialog asks for the server, the database, the role and its password (the one the
keyring remembers for that server is used when the field is left empty; *Remember*
keeps a typed one there). Any host other than this computer is reached over TLS with
the server's certificate checked against the host name (``sslmode=verify-full``); the
certificate authority is the system's unless a CA file is chosen (``sslrootcert``).
Nothing of it is written to disk outside the keyring. A refusal (unreachable, wrong
password, no schema) is one sentence in the dialog, which stays open.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.store import vault
from spocdesk.core.store.backend import LOCAL_HOSTS, build_url, url_parts
from spocdesk.ui import format as fmt

if TYPE_CHECKING:
    from spocdesk.core.store import Store

log = logging.getLogger(__name__)
DEFAULT_PORT = 5432


class ConnectDialog(QDialog):
    """Fill in, *Connect*; :attr:`store` is the open team server once accepted."""

    def __init__(self, parent: QWidget | None = None, url: str = "",
                 message: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to a team server"))
        self.store: Store | None = None
        intro = QLabel(message or self.tr(
            "Log in to your team's PostgreSQL server with your own role. Cases, people and "
            "follow-ups are then the team's, and colleagues' changes show as they happen."),
            self)
        intro.setWordWrap(True)
        self.host = self._line("connectHost", self.tr("Server"), "db.example.org")
        self.port = QSpinBox(self)
        self.port.setObjectName("connectPort")
        self.port.setAccessibleName(self.tr("Port"))
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = self._line("connectDatabase", self.tr("Database"), "spoc")
        self.user = self._line("connectUser", self.tr("Your role (user name)"), "anna")
        self.password = self._line("connectPassword", self.tr("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in the system keyring"), self)
        self.remember.setObjectName("connectRemember")
        usable = vault.availability()
        self.remember.setEnabled(usable.usable)
        if not usable.usable:
            self.remember.setToolTip(usable.reason)
        self.ca_file = self._line("connectCaFile", self.tr("Certificate authority file"),
                                  self.tr("the system's certificate authorities"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setObjectName("connectChooseCa")
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.tls = QLabel(self)
        self.tls.setObjectName("connectTls")
        self.tls.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("connectState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAccessibleName(self.tr("Connection state"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = buttons.addButton(self.tr("&Connect"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)

        server_row = QHBoxLayout()
        server_row.addWidget(self.host, 1)
        server_row.addWidget(QLabel(self.tr("Port:"), self))
        server_row.addWidget(self.port)
        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Server:"), self.host), server_row)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&Role:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self._buddy(self.tr("C&A file:"), self.ca_file), ca_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.tls)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        for edit in (self.host, self.database, self.user, self.ca_file):
            edit.textChanged.connect(self._update)
        self.port.valueChanged.connect(self._update)
        if url:
            self.fill(url)
        self._update()
        self.setMinimumWidth(480)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        """A row's label whose shortcut key goes to ``widget`` (the row is a layout)."""
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    # -- values -------------------------------------------------------------

    def fill(self, url: str) -> None:
        """Show the parts of ``url`` (``postgresql://role@host:port/db?sslrootcert=…``)."""
        parts = url_parts(url)
        if parts is None:
            return
        self.host.setText(parts.host)
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(parts.database)
        self.user.setText(parts.user)
        self.ca_file.setText(parts.ca_file)

    def url(self) -> str:
        return build_url(self.host.text().strip(), self.port.value(),
                         self.database.text().strip(), self.user.text().strip(),
                         self.ca_file.text().strip())

    def _update(self, *_args: object) -> None:
        host = self.host.text().strip().lower()
        complete = all(e.text().strip() for e in (self.host, self.database, self.user))
        self.connect_button.setEnabled(complete)
        if host in LOCAL_HOSTS:
            self.tls.setText(self.tr("A server on this computer needs no TLS."))
        else:
            self.tls.setText(self.tr(
                "The connection is encrypted (TLS) and the server's certificate must match "
                "its name (verify-full)."))
        if complete and not self.password.text():
            remembered = vault.recall(self.url())
            self.password.setPlaceholderText(
                self.tr("remembered in the keyring") if remembered else "")

    def _choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Certificate authority of the team server"), "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(fmt.colour_css(fmt.RED) if problem else "")

    # -- connecting ---------------------------------------------------------

    def try_connect(self) -> None:
        """Log in; stay open with one sentence when that fails."""
        from spocdesk.core.store import Store

        url = self.url()
        typed = self.password.text()
        secret = typed or vault.recall(url)
        if not secret:
            self._say(self.tr("Enter the password of your role."), problem=True)
            self.password.setFocus()
            return
        self._say(self.tr("Connecting…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            self.store = Store.open_url(url, secret)
        except SpocError as exc:
            self._say(str(exc), problem=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if typed and self.remember.isChecked() and not vault.remember(url, typed):
            log.info("the team server's password was not remembered")
        self.password.clear()
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, url: str = "",
            message: str = "") -> Store | None:
        """The open team server, or None when cancelled (tests replace this)."""
        dialog = cls(parent, url, message)
        dialog.exec()
        store = dialog.store
        dialog.deleteLater()
        return store
