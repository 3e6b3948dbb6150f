"""IMAP accounts: what the store keeps about them, and where their passwords live.

The store keeps host, port, TLS mode, user, an optional pinned certificate
fingerprint, the poll interval and the watched folders (INBOX and Sent unless the
user names others), each with how far it has been read. The password is never in
the store: it goes to the OS keyring (service ``spocdesk-mail``, one entry per
account id) when there is a usable one; otherwise the app asks once per unlock and
keeps it in memory only (:class:`SessionPasswords`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import keyring
import sqlalchemy as sa
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy.orm import Session

from spocdesk.core import audit, memory
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.mail import imap
from spocdesk.core.model import MailAccount, MailFolder
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store, vault

log = logging.getLogger(__name__)

KIND = "mail_account"
KEYRING_SERVICE = "spocdesk-mail"
DEFAULT_FOLDERS = ("INBOX", "Sent")
DEFAULT_POLL_SECONDS = 300
MIN_POLL_SECONDS = 30


@dataclass(frozen=True)
class NewAccount:
    host: str
    user: str
    tls: str = "implicit"
    port: int | None = None  # None: 993 for implicit TLS, 143 for STARTTLS
    folders: Sequence[str] = DEFAULT_FOLDERS
    fingerprint: str = ""
    poll_seconds: int = DEFAULT_POLL_SECONDS


@dataclass(frozen=True)
class FolderRow:
    id: str
    name: str
    uidvalidity: int | None
    last_uid: int
    synced_at: datetime | None


@dataclass(frozen=True)
class AccountRow:
    id: str
    host: str
    port: int
    tls: str
    user: str
    fingerprint: str
    poll_seconds: int
    folders: list[FolderRow] = field(default_factory=list)

    @property
    def server(self) -> imap.Server:
        return imap.Server(self.host, self.port, self.tls, self.fingerprint)

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}"


# -- passwords ----------------------------------------------------------------------


def remember_password(account_id: str, password: str) -> bool:
    """Keep the password in the OS keyring; ``False`` when there is no usable one."""
    if not vault.availability().usable:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, account_id, password)
        return True
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring refused to keep a mail password")
        return False


def recall_password(account_id: str) -> str | None:
    if not vault.availability().usable:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, account_id)
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring could not be read")
        return None


def forget_password(account_id: str) -> None:
    if not vault.availability().usable:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, account_id)
    except PasswordDeleteError:
        pass
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring could not forget a mail password")


class SessionPasswords:
    """Passwords asked for during this unlock, where no keyring keeps them. The app
    calls :meth:`clear` on lock; :meth:`lookup` tries the keyring first, then this
    memory, then ``ask`` (whose answer it keeps until :meth:`clear`).

    Each password is kept as UTF-8 in a ``bytearray`` of its own, which :meth:`clear`
    overwrites (the strings handed in and out belong to their callers)."""

    def __init__(self, ask: Callable[[AccountRow], str | None] | None = None) -> None:
        self._ask = ask
        self._known: dict[str, bytearray] = {}

    def put(self, account_id: str, password: str) -> None:
        old = self._known.pop(account_id, None)
        memory.wipe(old)
        self._known[account_id] = bytearray(password.encode("utf-8"))

    def forget(self, account_id: str) -> None:
        """The account was removed: its password goes (overwritten) now."""
        memory.wipe(self._known.pop(account_id, None))

    def lookup(self, account: AccountRow) -> str | None:
        found = recall_password(account.id)
        if found:
            return found
        kept = self._known.get(account.id)
        if kept:
            return kept.decode("utf-8")
        answer = self._ask(account) if self._ask is not None else None
        if answer:
            self.put(account.id, answer)
        return answer or None

    def clear(self) -> None:
        for secret in self._known.values():
            memory.wipe(secret)
        self._known.clear()


# -- the records --------------------------------------------------------------------


def _clean(data: NewAccount) -> NewAccount:
    host = data.host.strip()
    user = data.user.strip()
    if not host or any(c.isspace() for c in host):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A mail account needs a server name or address without spaces."))
    if not user:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A mail account needs a user."))
    tls = data.tls.strip().lower()
    if tls not in imap.TLS_MODES:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The TLS mode must be implicit or starttls, not '{mode}'."),
            mode=data.tls)
    port = imap.DEFAULT_PORTS[tls] if data.port is None else data.port
    if not 0 < port < 65536:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{port} is not a port number (1 to 65535)."), port=port)
    folders: list[str] = []
    for name in data.folders or DEFAULT_FOLDERS:
        if name.strip() and name.strip() not in folders:
            folders.append(name.strip())
    if data.poll_seconds < MIN_POLL_SECONDS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Check for mail at most every {seconds} seconds."),
            seconds=MIN_POLL_SECONDS)
    fingerprint = imap.normalise_fingerprint(data.fingerprint) if data.fingerprint else ""
    return NewAccount(host=host, user=user, tls=tls, port=port, folders=folders,
                      fingerprint=fingerprint, poll_seconds=data.poll_seconds)


def check_account(data: NewAccount, password: str) -> None:
    """Log in and open each folder read-only: what :func:`add_account` saves works.
    One :class:`~spocdesk.core.mail.imap.MailServerError` sentence otherwise."""
    data = _clean(data)
    assert data.port is not None
    server = imap.Server(data.host, data.port, data.tls, data.fingerprint)
    with imap.connect(server, data.user, password) as conn:
        for name in data.folders:
            conn.examine(name)


def add_account(store: Store, data: NewAccount, password: str, *,
                check: bool = True) -> Outcome[tuple[AccountRow, bool]]:
    """Save an account (after :func:`check_account` unless ``check`` is false) and keep
    its password in the keyring; the value is the account and whether the keyring
    kept the password (``False``: it will be asked once per unlock)."""
    data = _clean(data)
    if check:
        check_account(data, password)
    assert data.port is not None
    with store.unit_of_work() as uow:
        session = uow.session
        taken = session.scalar(sa.select(MailAccount.id).where(
            MailAccount.deleted_at.is_(None), sa.func.lower(MailAccount.host) == data.host.lower(),
            MailAccount.port == data.port, MailAccount.username == data.user).limit(1))
        if taken is not None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The mail account {user}@{host} is already there."),
                user=data.user, host=data.host)
        now = store.now()
        account = MailAccount(host=data.host, port=data.port, tls=data.tls,
                              username=data.user, fingerprint=data.fingerprint,
                              poll_seconds=data.poll_seconds, created_at=now)
        session.add(account)
        session.flush()
        for position, name in enumerate(data.folders):
            session.add(MailFolder(account_id=account.id, name=name, position=position,
                                   created_at=now))
        audit.record(session, entity=KIND, entity_id=account.id, action="create",
                     author=store.author, at=now, field="account",
                     after=f"{data.user}@{data.host}")
        uow.changes.touch(KIND, account.id)
        uow.commit()
    kept = remember_password(account.id, password)
    return Outcome((get_account(store, account.id), kept), uow.changes)


def update_account(store: Store, account_id: str, data: NewAccount,
                   password: str | None = None, *, check: bool = True,
                   known: Callable[[AccountRow], str | None] | None = None,
                   ) -> Outcome[tuple[AccountRow, bool]]:
    """Change an account (after :func:`check_account` with ``password``, else the one
    ``known`` for it, unless ``check`` is false); a new ``password`` goes to the
    keyring. Folders kept keep how far they were read; a new server or user starts
    every folder again from the beginning (capture logs each message once). The value
    is the account and whether the keyring kept a new password."""
    data = _clean(data)
    assert data.port is not None
    old = get_account(store, account_id)
    secret = password or (known(old) if known is not None else None) or recall_password(
        account_id)
    if check:
        if not secret:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Enter the password of the mail account to check it."))
        check_account(data, secret)
    moved = (old.host.lower(), old.port, old.user) != (data.host.lower(), data.port, data.user)
    with store.unit_of_work() as uow:
        session = uow.session
        account = _get(session, account_id)
        now = store.now()
        account.host, account.port, account.tls = data.host, data.port, data.tls
        account.username, account.fingerprint = data.user, data.fingerprint
        account.poll_seconds = data.poll_seconds
        account.updated_at = now
        kept = {f.name: f for f in session.scalars(sa.select(MailFolder).where(
            MailFolder.account_id == account_id, MailFolder.deleted_at.is_(None)))}
        for position, name in enumerate(data.folders):
            folder = kept.pop(name, None)
            if folder is None:
                session.add(MailFolder(account_id=account_id, name=name, position=position,
                                       created_at=now))
                continue
            folder.position = position
            if moved:
                folder.uidvalidity, folder.last_uid, folder.synced_at = None, 0, None
        for folder in kept.values():
            folder.deleted_at = now
        audit.record(session, entity=KIND, entity_id=account_id, action="update",
                     author=store.author, at=now, field="account", before=old.label,
                     after=f"{data.user}@{data.host}")
        uow.changes.touch(KIND, account_id)
        uow.commit()
    saved = remember_password(account_id, password) if password else False
    return Outcome((get_account(store, account_id), saved), uow.changes)


def _folders(session: Session, account_id: str) -> list[FolderRow]:
    return [FolderRow(f.id, f.name, f.uidvalidity, f.last_uid, f.synced_at)
            for f in session.scalars(sa.select(MailFolder).where(
                MailFolder.account_id == account_id, MailFolder.deleted_at.is_(None))
                .order_by(MailFolder.position, MailFolder.name))]


def _row(session: Session, account: MailAccount) -> AccountRow:
    return AccountRow(account.id, account.host, account.port, account.tls, account.username,
                      account.fingerprint, account.poll_seconds,
                      _folders(session, account.id))


def _get(session: Session, account_id: str) -> MailAccount:
    account = session.get(MailAccount, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no mail account with id {id}."), id=account_id)
    return account


def get_account(store: Store, account_id: str) -> AccountRow:
    with store.session() as session:
        return _row(session, _get(session, account_id))


def list_accounts(store: Store) -> list[AccountRow]:
    with store.session() as session:
        accounts = session.scalars(sa.select(MailAccount).where(
            MailAccount.deleted_at.is_(None)).order_by(MailAccount.host, MailAccount.username,
                                                       MailAccount.id))
        return [_row(session, account) for account in accounts]


def find_account(store: Store, key: str) -> AccountRow:
    """An account by its id, or by ``user@host`` (any case), or by its user alone when
    only one account has it."""
    key = key.strip()
    rows = list_accounts(store)
    for row in rows:
        if row.id == key:
            return row
    found = [r for r in rows if r.label.lower() == key.lower()] or [
        r for r in rows if r.user.lower() == key.lower()]
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Several mail accounts match '{key}'; give the account's id."),
            key=key)
    raise NotFound(QT_TRANSLATE_NOOP(
        "spocdesk.core", "There is no mail account '{key}'."), key=key)


def remove_account(store: Store, account_id: str) -> Outcome[AccountRow]:
    """Stop reading an account: its record and folders are deleted (softly, as every
    record) and its password forgotten. Mail already captured stays in the log."""
    with store.unit_of_work() as uow:
        session = uow.session
        account = _get(session, account_id)
        row = _row(session, account)
        now = store.now()
        account.deleted_at = now
        for folder in session.scalars(sa.select(MailFolder).where(
                MailFolder.account_id == account.id, MailFolder.deleted_at.is_(None))):
            folder.deleted_at = now
        audit.record(session, entity=KIND, entity_id=account.id, action="delete",
                     author=store.author, at=now, field="account", before=row.label)
        uow.changes.touch(KIND, account.id)
        uow.commit()
    forget_password(account_id)
    return Outcome(row, uow.changes)
