"""*File → Connect to a team server…*: log in to a shared PostgreSQL server as one's own
role (issue 22 item 1).

The dialog asks for the server, the database, the role and its password (the one the
keyring remembers for that server is used when the field is left empty; *Remember*
keeps a typed one there). Any host other than this computer is reached over TLS with
the server's certificate checked against the host name (``sslmode=verify-full``); the
certificate authority is the system's unless a CA file is chosen (``sslrootcert``).
Nothing of it is written to disk outside the keyring. A refusal (unreachable, wrong
password, no schema) is one sentence in the dialog, which stays open.

The login runs in a thread of its own (:class:`Attempt`): the window keeps
painting while an unreachable server takes its time (up to
:data:`~spocdesk.core.store.server.CONNECT_TIMEOUT` seconds), the form is greyed with
a busy bar, and *Cancel* (or Escape) stops waiting at once and gives the form back; a
second *Cancel* closes the dialog. An abandoned attempt finishes on its own in the
background, and a connection it made after all is closed, never used.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import ServerUnreachable, SpocError, WrongServerPassword
from spocdesk.core.store import vault
from spocdesk.core.store.backend import LOCAL_HOSTS, build_url, url_parts
from spocdesk.ui import format as fmt

if TYPE_CHECKING:
    from spocdesk.core.store import Store

log = logging.getLogger(__name__)
DEFAULT_PORT = 5432


class Attempt(QObject):
    """One login in a thread of its own; :attr:`done` (on the GUI thread) when it ended,
    with :attr:`store` or :attr:`error`. :meth:`abandon` may come at any moment: a store
    the thread opened then is closed, never handed out.

    A daemon thread, not a QThread: a login abandoned just before the app quits must
    neither hold the exit up for the connect timeout nor abort it (Qt does, for a
    QThread still running when it is destroyed)."""

    done = Signal()

    def __init__(self, url: str, secret: str) -> None:
        super().__init__()
        self.url = url
        self.secret = secret
        self.store: Store | None = None
        self.error: BaseException | None = None
        self._lock = threading.Lock()
        self._abandoned = False
        self._ended = threading.Event()
        self._thread = threading.Thread(target=self._work, name="spocdesk-connect",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _work(self) -> None:
        from spocdesk.core.store import Store

        try:
            store = Store.open_url(self.url, self.secret)
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.error = exc
        else:
            with self._lock:
                if self._abandoned:
                    store.close()
                else:
                    self.store = store
        finally:
            self._ended.set()
            self.done.emit()  # queued: this object lives in the GUI thread

    @property
    def running(self) -> bool:
        return not self._ended.is_set()

    def wait(self, seconds: float) -> bool:
        """Whether the attempt ended within ``seconds``."""
        return self._ended.wait(seconds)

    def abandon(self) -> None:
        """Stop waiting for this attempt; whatever it opens is closed."""
        with self._lock:
            self._abandoned = True
            store, self.store = self.store, None
        if store is not None:  # it connected just now: that connection goes
            store.close()
        _abandoned.append(self)
        _sweep()


_abandoned: list[Attempt] = []  # attempts still finishing in the background


def _sweep() -> None:
    """Forget abandoned attempts that have ended (one still running must stay alive: its
    thread signals it when done)."""
    _abandoned[:] = [attempt for attempt in _abandoned if attempt.running]


class ConnectDialog(QDialog):
    """Fill in, *Connect*; :attr:`store` is the open team server once accepted."""

    def __init__(self, parent: QWidget | None = None, url: str = "",
                 message: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to a team server"))
        self.store: Store | None = None
        self.attempt: Attempt | None = None
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
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("connectBusy")
        self.busy_bar.setAccessibleName(self.tr("Connecting"))
        self.busy_bar.setRange(0, 0)  # no percentage to show: it moves while waiting
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = buttons.addButton(self.tr("&Connect"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("connectCancel")
        self._form_widgets: tuple[QWidget, ...] = (
            self.host, self.port, self.database, self.user, self.password, self.remember,
            self.ca_file, browse)

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
        layout.addWidget(self.busy_bar)
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
        self.connect_button.setEnabled(complete and not self.busy)
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

    @property
    def busy(self) -> bool:
        """A login is under way (the form is greyed, *Cancel* stops it)."""
        return self.attempt is not None

    def try_connect(self) -> None:
        """Start logging in (in a worker thread); the dialog closes once connected, or
        stays open with one sentence when that fails."""
        if self.busy:
            return
        url = self.url()
        typed = self.password.text()
        secret = typed or vault.recall(url)
        if not secret:
            self._say(self.tr("Enter the password of your role."), problem=True)
            self.password.setFocus()
            return
        self._say(self.tr("Connecting to %1… (Cancel stops waiting)").replace(
            "%1", self.host.text().strip()))
        self.attempt = Attempt(url, secret)
        self.attempt.done.connect(self._attempt_done)
        self._set_busy(True)
        self.attempt.start()

    def _set_busy(self, busy: bool) -> None:
        for widget in self._form_widgets:
            widget.setEnabled(not busy)
        if not busy:
            self.remember.setEnabled(vault.availability().usable)
        self.busy_bar.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
            self.cancel_button.setFocus()
        else:
            self.unsetCursor()
        self._update()

    def _attempt_done(self) -> None:
        attempt = self.attempt
        if attempt is None or self.sender() is not attempt:
            return  # an abandoned attempt: it closed what it opened itself
        self.attempt = None
        self._set_busy(False)
        error = attempt.error
        if isinstance(error, SpocError):
            self._say(str(error), problem=True)
            focus = self.password if isinstance(error, WrongServerPassword) else (
                self.host if isinstance(error, ServerUnreachable) else self.connect_button)
            focus.setFocus()
            if isinstance(focus, QLineEdit):
                focus.selectAll()
            return
        if error is not None:
            raise error
        self.store = attempt.store
        typed = self.password.text()
        if typed and self.remember.isChecked() and not vault.remember(attempt.url, typed):
            log.info("the team server's password was not remembered")
        self.password.clear()
        self.accept()

    def stop_waiting(self) -> None:
        """Give up the login under way; the form is the user's again."""
        if self.attempt is None:
            return
        attempt, self.attempt = self.attempt, None
        attempt.abandon()
        self._set_busy(False)
        self._say(self.tr("Not connected: you stopped waiting for the server."))
        self.host.setFocus()

    def reject(self) -> None:
        """*Cancel* and Escape first stop a login under way, then close the dialog."""
        if self.busy:
            self.stop_waiting()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_waiting()  # the window's close button closes even while waiting
        super().closeEvent(event)

    @classmethod
    def ask(cls, parent: QWidget | None = None, url: str = "",
            message: str = "") -> Store | None:
        """The open team server, or None when cancelled (tests replace this)."""
        dialog = cls(parent, url, message)
        dialog.exec()
        store = dialog.store
        dialog.deleteLater()
        return store
