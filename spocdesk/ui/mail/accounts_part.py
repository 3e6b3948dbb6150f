"""The *Mail* part of the Settings dialog: the mail accounts spocdesk reads (add, edit,
remove, each saved at once as its own action), how often it reads them, the user's
own addresses and the size kept of one e-mail (saved with the dialog).

:class:`AccountDialog` edits one account. *Test connection* and *Save* talk to the
server in a worker thread (:func:`spocdesk.ui.ops.run_op_in_background`); what goes
wrong is one plain sentence in the dialog, which stays open, and nothing is
written. A certificate the server shows that is not trusted (a server with a
certificate of its own) or that does not match the pinned one comes with its
SHA-256 fingerprint and a *Pin this fingerprint* button. The password goes to the
system keyring; where there is none it is kept in memory until spocdesk locks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.mail import accounts, imap
from spocdesk.core.mail.accounts import AccountRow, NewAccount, SessionPasswords
from spocdesk.core.outcome import Outcome
from spocdesk.core.settings import LIMITS, Settings
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.ops import Ticket, run_op, run_op_in_background

translate = QCoreApplication.translate
TLS_NAMES = (("implicit", QT_TRANSLATE_NOOP("AccountDialog", "Implicit TLS (usually port 993)")),
             ("starttls", QT_TRANSLATE_NOOP("AccountDialog", "STARTTLS (usually port 143)")))


W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


def _named(widget: W, name: str, accessible: str) -> W:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def seen_fingerprint(exc: BaseException) -> str:
    """The fingerprint a refused server showed, when there is one to offer to pin."""
    seen = getattr(exc, "seen", "") if isinstance(exc, imap.MailServerError) else ""
    try:
        return imap.normalise_fingerprint(seen) if seen else ""
    except SpocError:
        return ""


def pretty_fingerprint(value: str) -> str:
    """``ab:cd:…`` in upper case, as ``openssl`` prints it."""
    return ":".join(value[i:i + 2] for i in range(0, len(value), 2)).upper()


class AccountDialog(QDialog):
    """Add (``account`` None) or edit one mail account."""

    def __init__(self, store: Store, bus: ChangeBus, passwords: SessionPasswords,
                 account: AccountRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailAccountDialog")
        self.setWindowTitle(self.tr("Mail account") if account else self.tr("Add a mail account"))
        self.store, self.bus, self.passwords, self.account = store, bus, passwords, account
        self.saved: AccountRow | None = None
        self.host = _named(QLineEdit(self), "mailHost", self.tr("Server"))
        self.host.setPlaceholderText(self.tr("e.g. imap.example.org"))
        self.tls = _named(QComboBox(self), "mailTls", self.tr("Encryption"))
        for key, name in TLS_NAMES:
            self.tls.addItem(translate("AccountDialog", name), key)
        self.port = _named(QSpinBox(self), "mailPort", self.tr("Port"))
        self.port.setRange(1, 65535)
        self.port.setValue(imap.DEFAULT_PORTS["implicit"])
        self.port.setMaximumWidth(110)
        self.tls.currentIndexChanged.connect(self._tls_changed)
        self.user = _named(QLineEdit(self), "mailUser", self.tr("User"))
        self.password = _named(QLineEdit(self), "mailPassword", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if account is not None:
            self.password.setPlaceholderText(self.tr("unchanged"))
        self.folders = _named(QLineEdit(", ".join(accounts.DEFAULT_FOLDERS), self),
                              "mailFolders", self.tr("Folders"))
        self.folders.setToolTip(self.tr("The folders to read, separated by commas. spocdesk "
                                        "only reads: nothing is moved, flagged or deleted."))
        self.fingerprint = _named(QLineEdit(self), "mailFingerprint",
                                  self.tr("Pinned certificate fingerprint"))
        self.fingerprint.setPlaceholderText(self.tr("only for a server with a certificate "
                                                    "of its own"))
        self.test_button = _named(QPushButton(self.tr("&Test connection"), self),
                                  "testMailConnection", self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.said = _named(QLabel(self), "mailTestResult", self.tr("Connection test result"))
        self.said.setWordWrap(True)
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pin_button = _named(QPushButton(self.tr("&Pin this fingerprint"), self),
                                 "pinFingerprint", self.tr("Pin this fingerprint"))
        self.pin_button.clicked.connect(self.pin)
        self.pin_button.hide()
        self.offered = ""  # the fingerprint the pin button would pin
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        server = QHBoxLayout()
        server.addWidget(self.host, 1)
        server.addWidget(QLabel(self.tr("Port:"), self))
        server.addWidget(self.port)
        form.addRow(self.tr("&Server:"), server)
        label = form.labelForField(server)
        if isinstance(label, QLabel):
            label.setBuddy(self.host)
        form.addRow(self.tr("&Encryption:"), self.tls)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("&Folders:"), self.folders)
        form.addRow(self.tr("&Certificate:"), self.fingerprint)
        tests = QHBoxLayout()
        tests.addWidget(self.test_button)
        tests.addWidget(self.pin_button)
        tests.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(tests)
        layout.addWidget(self.said)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)
        if account is not None:
            self._fill(account)

    def _fill(self, account: AccountRow) -> None:
        self.host.setText(account.host)
        self.tls.setCurrentIndex(max(0, self.tls.findData(account.tls)))
        self.port.setValue(account.port)
        self.user.setText(account.user)
        self.folders.setText(", ".join(f.name for f in account.folders))
        self.fingerprint.setText(pretty_fingerprint(account.fingerprint)
                                 if account.fingerprint else "")

    def _tls_changed(self) -> None:
        if self.port.value() in imap.DEFAULT_PORTS.values():  # the other mode's default
            self.port.setValue(imap.DEFAULT_PORTS[str(self.tls.currentData())])

    def data(self) -> NewAccount:
        folders = [name.strip() for name in self.folders.text().split(",") if name.strip()]
        return NewAccount(host=self.host.text(), user=self.user.text(),
                          tls=str(self.tls.currentData()), port=self.port.value(),
                          folders=folders or accounts.DEFAULT_FOLDERS,
                          fingerprint=self.fingerprint.text(),
                          poll_seconds=self.account.poll_seconds if self.account
                          else accounts.DEFAULT_POLL_SECONDS)

    def _password(self) -> str:
        typed = self.password.text()
        if typed or self.account is None:
            return typed
        return self.passwords.lookup(self.account) or ""

    def _say(self, text: str, exc: BaseException | None = None) -> None:
        self.said.setText(text)
        self.offered = seen_fingerprint(exc) if exc is not None else ""
        self.pin_button.setVisible(bool(self.offered))
        if self.offered:
            self.pin_button.setToolTip(pretty_fingerprint(self.offered))

    def _in_background(self, action: Callable[[Ticket], Outcome[T]],
                       label: str) -> Outcome[T] | None:
        """``action(ticket)`` off the GUI thread; its sentence in the dialog when refused."""
        try:
            return run_op_in_background(self, self.bus, action, self.windowTitle(), label,
                                        quiet=True)
        except SpocError as exc:
            self._say(str(exc), exc)
            return None

    def test_connection(self) -> bool:
        """Log in and open each folder read-only; one sentence either way."""
        password = self._password()
        if not password:
            self._say(self.tr("Enter the password to test the connection."))
            return False
        data = self.data()

        def check(_ticket: Ticket) -> Outcome[None]:
            accounts.check_account(data, password)
            return Outcome(None, ChangeSet())

        if self._in_background(check, self.tr("Connecting to the mail server…")) is None:
            return False
        self._say(self.tr("The connection works: spocdesk logged in and found every folder."))
        return True

    def pin(self) -> None:
        """Pin the fingerprint the server showed (the user checked it with its admin)."""
        if self.offered:
            self.fingerprint.setText(pretty_fingerprint(self.offered))
            self._say(self.tr("The fingerprint is pinned; test the connection again."))

    def accept(self) -> None:
        """Save once the server accepts the account; otherwise say why and stay."""
        password = self._password()
        if not password:
            self._say(self.tr("Enter the password of the mail account."))
            return
        data, store, account = self.data(), self.store, self.account

        def save(_ticket: Ticket) -> Outcome[tuple[AccountRow, bool]]:
            if account is None:
                return accounts.add_account(store, data, password)
            return accounts.update_account(store, account.id, data, password)

        outcome = self._in_background(save, self.tr("Checking the account with its server…"))
        if outcome is None:
            return
        row, kept = outcome.value
        if not kept:  # no keyring here: kept in memory until spocdesk locks
            self.passwords.put(row.id, password)
        self.saved = row
        super().accept()

    @classmethod
    def ask(cls, store: Store, bus: ChangeBus, passwords: SessionPasswords,
            account: AccountRow | None = None, parent: QWidget | None = None
            ) -> AccountRow | None:
        dialog = cls(store, bus, passwords, account, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        saved = dialog.saved if accepted else None
        dialog.deleteLater()
        return saved


def confirm_remove(parent: QWidget, account: AccountRow) -> bool:
    """Whether to stop reading ``account`` (tests replace this function)."""
    answer = QMessageBox.question(
        parent, translate("MailPart", "Remove the mail account"),
        translate("MailPart", "Stop reading {account} and forget its password? The mail "
                              "already captured stays.").format(account=account.label))
    return answer == QMessageBox.StandardButton.Yes


class MailPart(QWidget):
    """The Settings dialog's *Mail* tab."""

    def __init__(self, value: Settings, parent: QWidget | None = None, *,
                 store: Store | None = None, bus: ChangeBus | None = None,
                 passwords: SessionPasswords | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailPart")
        self.store, self.bus = store, bus
        self.passwords = passwords if passwords is not None else SessionPasswords()
        box = QGroupBox(self.tr("Mail accounts"), self)
        self.list = _named(QListWidget(box), "mailAccounts", self.tr("Mail accounts"))
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.add_button = _named(QPushButton(self.tr("&Add…"), box), "addMailAccount",
                                 self.tr("Add a mail account"))
        self.edit_button = _named(QPushButton(self.tr("&Edit…"), box), "editMailAccount",
                                  self.tr("Edit the mail account"))
        self.remove_button = _named(QPushButton(self.tr("&Remove"), box), "removeMailAccount",
                                    self.tr("Remove the mail account"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        note = QLabel(self.tr("spocdesk only reads: nothing is moved, flagged or deleted on "
                              "the server. Passwords go to the system keyring."), box)
        note.setWordWrap(True)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(row)
        box_layout.addWidget(note)

        low, high = LIMITS["mail_sync_minutes"]
        self.minutes = _named(QSpinBox(self), "mailSyncMinutes",
                              self.tr("Check for new mail every"))
        self.minutes.setRange(int(low), int(high))
        self.minutes.setValue(value.mail_sync_minutes)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSpecialValueText(self.tr("Only on unlock and F5"))
        self.minutes.setMaximumWidth(220)
        self.own = _named(QLineEdit(value.own_addresses, self), "ownAddresses",
                          self.tr("Your own addresses"))
        self.own.setPlaceholderText(self.tr("e.g. me@example.org, desk@example.org"))
        self.own.setToolTip(self.tr("Mail from these addresses is outgoing; your first "
                                    "reply sets a case's first response."))
        low, high = LIMITS["mail_size_cap_mb"]
        self.cap = _named(QSpinBox(self), "mailSizeCap", self.tr("Keep of each e-mail up to"))
        self.cap.setRange(int(low), int(high))
        self.cap.setValue(value.mail_size_cap_mb)
        self.cap.setSuffix(self.tr(" MB"))
        self.cap.setMaximumWidth(130)
        self.cap.setToolTip(self.tr("Text and attachments; above it only the header and a "
                                    "note are kept."))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Check for new mail every:"), self.minutes)
        form.addRow(self.tr("&Your own addresses:"), self.own)
        form.addRow(self.tr("&Keep of each e-mail up to:"), self.cap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(box, 1)
        layout.addLayout(form)
        self.reload()

    def apply(self, value: Settings) -> None:
        """Put the settings of this part into ``value``."""
        value.mail_sync_minutes = self.minutes.value()
        value.own_addresses = self.own.text().strip()
        value.mail_size_cap_mb = self.cap.value()

    def reload(self, select: str | None = None) -> None:
        self.list.clear()
        rows = accounts.list_accounts(self.store) if self.store is not None else []
        for row in rows:
            folders = ", ".join(f.name for f in row.folders)
            synced = [f.synced_at for f in row.folders if f.synced_at is not None]
            when = (self.tr("last read {when}").format(when=fmt.when(max(synced)))
                    if synced else self.tr("not read yet"))
            item = QListWidgetItem(f"{row.label} — {folders} ({when})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if row.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and rows:
            self.list.setCurrentRow(0)
        self._enable()

    def _enable(self) -> None:
        has_store = self.store is not None and self.bus is not None
        chosen = self.list.currentItem() is not None
        self.add_button.setEnabled(has_store)
        self.edit_button.setEnabled(has_store and chosen)
        self.remove_button.setEnabled(has_store and chosen)

    def current(self) -> AccountRow | None:
        item = self.list.currentItem()
        if item is None or self.store is None:
            return None
        try:
            return accounts.get_account(self.store, str(item.data(Qt.ItemDataRole.UserRole)))
        except SpocError:
            return None

    def add(self) -> None:
        if self.store is None or self.bus is None:
            return
        saved = AccountDialog.ask(self.store, self.bus, self.passwords, None, self)
        if saved is not None:
            self.reload(saved.id)

    def edit(self) -> None:
        account = self.current()
        if account is None or self.store is None or self.bus is None:
            return
        saved = AccountDialog.ask(self.store, self.bus, self.passwords, account, self)
        if saved is not None:
            self.reload(saved.id)

    def remove(self) -> None:
        account, store, bus = self.current(), self.store, self.bus
        if account is None or store is None or bus is None or not confirm_remove(self, account):
            return
        if run_op(self, bus, lambda: accounts.remove_account(store, account.id),
                  self.tr("Not removed")) is not None:
            self.passwords.forget(account.id)
            self.reload()
