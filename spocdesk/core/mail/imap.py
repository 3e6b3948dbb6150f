"""Talking to an IMAP server: a verified TLS connection, read-only folders, new UIDs.

Every connection is encrypted and its certificate checked before the password is
sent; there is no switch to turn that off:

- *implicit* TLS (port 993) or *STARTTLS* on the plain port (143); a server that
  does not offer STARTTLS is refused, never used in clear;
- the certificate is checked against the system's certificate authorities and the
  host name, or, for a self-signed server, against a pinned SHA-256 fingerprint of
  the certificate (what ``openssl x509 -noout -fingerprint -sha256`` prints).

Folders are opened with ``EXAMINE`` (read-only) and bodies fetched with
``BODY.PEEK[]``: spocdesk never moves, flags or deletes mail on the server.

Nothing here logs a password or a message: imapclient's protocol log (which would)
is held at WARNING whatever the application's level.
"""

from __future__ import annotations

import hashlib
import logging
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, SpocError

log = logging.getLogger(__name__)
for _name in ("imapclient", "imapclient.imaplib", "imapclient.imapclient"):
    logging.getLogger(_name).setLevel(logging.WARNING)  # its DEBUG lines carry mail text

TLS_MODES = ("implicit", "starttls")
DEFAULT_PORTS = {"implicit": 993, "starttls": 143}
TIMEOUT = 30.0  # seconds for connecting and for each command
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

#: what one lost connection looks like, whatever layer noticed it
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError, IMAPClientError, ssl.SSLError, EOFError)


class MailServerError(SpocError):
    """The server could not be reached, trusted or logged in to."""


class Unreachable(MailServerError):
    def __init__(self, host: str, port: int, why: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The mail server {host}:{port} cannot be reached ({why})."),
            host=host, port=port, why=why)


class UntrustedCertificate(MailServerError):
    def __init__(self, host: str, why: str, seen: str = "") -> None:
        self.seen = seen  # the fingerprint the server showed, "" when unread
        if seen:
            super().__init__(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The certificate of the mail server {host} is not trusted ({why}); nothing "
                "was sent. If the server uses a certificate of its own, ask its administrator "
                "whether its SHA-256 fingerprint is {seen}, and if so pin it."),
                host=host, why=why, seen=seen)
            return
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The certificate of the mail server {host} is not trusted ({why}); nothing was "
            "sent. If the server uses a certificate of its own, pin its SHA-256 fingerprint."),
            host=host, why=why)


class FingerprintMismatch(MailServerError):
    def __init__(self, host: str, seen: str) -> None:
        self.seen = seen  # the fingerprint the server showed
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The mail server {host} showed a certificate with another fingerprint than the "
            "pinned one ({seen}); nothing was sent. If its certificate was renewed, pin the "
            "new fingerprint."), host=host, seen=seen)


class NoStartTLS(MailServerError):
    def __init__(self, host: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The mail server {host} does not offer STARTTLS; spocdesk will not send a "
            "password unencrypted. Use implicit TLS (usually port 993)."), host=host)


class LoginRefused(MailServerError):
    def __init__(self, host: str, user: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The mail server {host} refused the user {user} and its password."),
            host=host, user=user)


class NoSuchFolder(MailServerError):
    def __init__(self, host: str, folder: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The mail server {host} has no folder called '{folder}'."),
            host=host, folder=folder)


def normalise_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as 64 lower-case hex digits; accepts colons, spaces and a
    ``SHA256:``/``sha256=`` prefix as ``openssl`` and browsers print them."""
    value = text.strip().lower()
    for prefix in ("sha256 fingerprint=", "sha256:", "sha256="):
        if value.startswith(prefix):
            value = value[len(prefix):]
    value = re.sub(r"[\s:]", "", value)
    if not _HEX64.match(value):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "'{text}' is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed)."),
            text=text.strip())
    return value


def fingerprint_of(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


@dataclass(frozen=True)
class Server:
    """Where an account's mail lives and how its certificate is checked."""

    host: str
    port: int
    tls: str = "implicit"
    fingerprint: str = ""  # pinned SHA-256 (lower-case hex), "" = the system's CAs

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()  # CERT_REQUIRED, host name checked
        if self.fingerprint:
            # a self-signed certificate: the pin is checked instead, before any login
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


@dataclass
class Connection:
    """A logged-in client. Use as a context manager; :meth:`close` never raises."""

    server: Server
    client: IMAPClient = field(repr=False)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # a dead connection has nothing more to say
            try:
                self.client.shutdown()
            except Exception:
                log.debug("the mail connection was already gone")

    def abort(self) -> None:
        """Cut the connection from another thread: a read waiting on the server ends
        at once with an ``OSError`` (the thread that reads sees a lost connection)."""
        try:
            self.client.socket().shutdown(socket.SHUT_RDWR)
        except Exception:  # closed meanwhile: nothing left to cut
            log.debug("the mail connection was already closed")

    def can_idle(self) -> bool:
        return self.client.has_capability("IDLE")

    def examine(self, folder: str) -> FolderState:
        """Open ``folder`` read-only (``EXAMINE``)."""
        try:
            info = self.client.select_folder(folder, readonly=True)
        except IMAPClientError as exc:
            if "nonexistent" in str(exc).lower() or "doesn't exist" in str(exc).lower() or (
                    not self.client.folder_exists(folder)):
                raise NoSuchFolder(self.server.host, folder) from exc
            raise
        return FolderState(name=folder, uidvalidity=int(info[b"UIDVALIDITY"]),
                           uidnext=int(info.get(b"UIDNEXT", 0) or 0),
                           exists=int(info.get(b"EXISTS", 0) or 0))

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above ``last_uid`` in the open folder, ascending (``N:*`` also
        names the last message when nothing is newer: it is left out)."""
        found = self.client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(self, uids: Sequence[int], cap: int) -> Iterator[Fetched]:
        """The raw message of each UID, in ``uids``' order; above ``cap`` bytes only its
        header (``oversized``). A UID the server returns nothing for (expunged
        meanwhile, unreadable) comes back with ``raw=None``."""
        sizes = self.client.fetch(list(uids), ["RFC822.SIZE"])
        small = [uid for uid in uids if _size(sizes.get(uid)) <= cap]
        large = [uid for uid in uids if _size(sizes.get(uid)) > cap]
        bodies = self.client.fetch(small, ["BODY.PEEK[]"]) if small else {}
        heads = self.client.fetch(large, ["BODY.PEEK[HEADER]"]) if large else {}
        for uid in uids:
            size = _size(sizes.get(uid))
            if uid in heads:
                yield Fetched(uid, size, _part(heads[uid], b"BODY[HEADER]"), oversized=True)
            else:
                yield Fetched(uid, size, _part(bodies.get(uid), b"BODY[]"))

    def idle_wait(self, seconds: float) -> bool:
        """Wait in IDLE up to ``seconds`` for the open folder to change; ``True`` when
        the server said something arrived (or went)."""
        self.client.idle()
        responses: list[object] = []
        try:
            responses += self.client.idle_check(timeout=seconds)
        finally:
            # what arrived between two waits comes with the end of this one
            responses += self.client.idle_done()[1]
        return any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"EXPUNGE")
                   for r in responses)

    def noop(self) -> None:
        self.client.noop()


@dataclass(frozen=True)
class FolderState:
    name: str
    uidvalidity: int
    uidnext: int
    exists: int


@dataclass(frozen=True)
class Fetched:
    uid: int
    size: int
    raw: bytes | None = field(repr=False)
    oversized: bool = False


def _size(item: dict[bytes, object] | None) -> int:
    if not item:
        return 0
    value = item.get(b"RFC822.SIZE", 0)
    return int(value) if isinstance(value, int | str | bytes) else 0


def _part(item: dict[bytes, object] | None, key: bytes) -> bytes | None:
    if not item:
        return None
    value = item.get(key)
    return value if isinstance(value, bytes) else None


def _check_pin(server: Server, client: IMAPClient) -> None:
    if not server.fingerprint:
        return
    sock = client.socket()
    der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    seen = fingerprint_of(der) if der else "none"
    if seen != server.fingerprint:
        raise FingerprintMismatch(server.host, seen)


def peek_fingerprint(server: Server, *, timeout: float = TIMEOUT) -> str:
    """The SHA-256 fingerprint of the certificate the server shows, read without
    trusting it (nothing but the TLS handshake, and STARTTLS before it); "" when it
    cannot be read. For the sentence that offers to pin it."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        client = IMAPClient(server.host, port=server.port, ssl=server.tls == "implicit",
                            ssl_context=context, timeout=timeout)
    except (OSError, IMAPClientError):
        return ""
    try:
        if server.tls == "starttls":
            client.starttls(context)
        sock = client.socket()
        der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
        return fingerprint_of(der) if der else ""
    except (OSError, IMAPClientError):
        return ""
    finally:
        try:
            client.shutdown()
        except Exception:
            log.debug("closing a peeking mail connection failed")


def _untrusted(server: Server, exc: ssl.SSLError) -> UntrustedCertificate:
    return UntrustedCertificate(server.host, _certificate_reason(exc), peek_fingerprint(server))


def _certificate_reason(exc: ssl.SSLError) -> str:
    return str(getattr(exc, "verify_message", "") or exc.reason or "TLS failed")


def connect(server: Server, user: str, password: str, *,
            timeout: float = TIMEOUT) -> Connection:
    """A logged-in :class:`Connection`, encrypted and verified before the password
    leaves this computer; one :class:`MailServerError` sentence otherwise."""
    if server.tls not in TLS_MODES:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The TLS mode must be implicit or starttls, not '{mode}'."),
            mode=server.tls)
    context = server.context()
    try:
        client = IMAPClient(server.host, port=server.port, ssl=server.tls == "implicit",
                            ssl_context=context, timeout=timeout)
    except ssl.SSLCertVerificationError as exc:
        raise _untrusted(server, exc) from exc
    except ssl.SSLError as exc:
        raise Unreachable(server.host, server.port, _certificate_reason(exc)) from exc
    except (OSError, IMAPClientError) as exc:
        raise Unreachable(server.host, server.port, _os_reason(exc)) from exc
    try:
        if server.tls == "starttls":
            if not client.has_capability("STARTTLS"):
                raise NoStartTLS(server.host)
            try:
                client.starttls(context)
            except ssl.SSLCertVerificationError as exc:
                raise _untrusted(server, exc) from exc
        _check_pin(server, client)
        try:
            client.login(user, password)
        except LoginError as exc:
            raise LoginRefused(server.host, user) from exc
    except BaseException:
        try:
            client.shutdown()
        except Exception:
            log.debug("closing a refused mail connection failed")
        raise
    return Connection(server, client)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__
