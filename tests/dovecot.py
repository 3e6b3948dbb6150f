"""A real Dovecot IMAP server on 127.0.0.1 for the tests and the benchmark.

A throwaway folder holds its config, a self-signed certificate whose
subjectAltName is ``IP:127.0.0.1``, a passwd-file and one Maildir per user. Two
listeners: implicit TLS and plain IMAP where STARTTLS is required (``ssl =
required``). Users are added while it runs (the passwd-file is read again when it
changes), so each test gets a fresh mailbox. Mail is put in place as files in
``Maildir/new`` (the fastest way to fill 10,000 messages), owned by the
``dovecot`` user, as /work/shared/recipes/test-servers.md describes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "imap-secret-4711"
USERS = 500


def available() -> bool:
    return shutil.which("dovecot") is not None and shutil.which("openssl") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_verbose = yes
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/users
}}
userdb {{
  driver = passwd-file
  args = {root}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
"""


# a server that speaks only plain IMAP (no TLS, no STARTTLS): what spocdesk must refuse
PLAIN_ONLY = {"ssl = required": "ssl = no", "disable_plaintext_auth = yes":
              "disable_plaintext_auth = no", "    ssl = yes\n": ""}


@dataclass
class Dovecot:
    root: Path
    tls_port: int = 0
    plain_port: int = 0
    plain_only: bool = False
    extra: str = ""  # more settings, e.g. "imap_capability = IMAP4rev1" (no IDLE)
    _users: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _process_started: bool = False

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def cert(self) -> Path:
        return self.root / "cert.pem"

    @property
    def fingerprint(self) -> str:
        der = ssl.PEM_cert_to_DER_cert(self.cert.read_text())
        return hashlib.sha256(der).hexdigest()

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        for sub in ("run", "state", "homes"):
            (self.root / sub).mkdir(exist_ok=True)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", str(self.root / "key.pem"), "-out", str(self.cert),
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True)
        # every user is in the passwd-file from the start: Dovecot reads it again only
        # when its modification time (whole seconds) changes
        entry = pwd.getpwnam("dovecot")
        (self.root / "users").write_text("".join(
            f"user{n}:{{PLAIN}}{PASSWORD}:{entry.pw_uid}:{entry.pw_gid}::"
            f"{self.root / 'homes' / f'user{n}'}\n" for n in range(1, USERS + 1)))
        self.tls_port, self.plain_port = _free_port(), _free_port()
        config = CONFIG.format(root=self.root, tls_port=self.tls_port,
                               plain_port=self.plain_port)
        config += self.extra + "\n"
        if self.plain_only:
            for old, new in PLAIN_ONLY.items():
                config = config.replace(old, new)
        self.config.write_text(config)
        # spocdesk's own umask (077, set by cli.main in an earlier test) would keep the
        # passwd-file from Dovecot's auth process, which runs as the dovecot user
        for path in (self.root / "users", self.cert, self.config):
            os.chmod(path, 0o644)
        for path in (self.root / "run", self.root / "state", self.root / "homes"):
            os.chmod(path, 0o755)
        # the daemon keeps inherited descriptors open: no pipes, or run() waits for ever
        with (self.root / "start.log").open("wb") as out:
            subprocess.run(["dovecot", "-c", str(self.config)], check=True,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        self._process_started = True
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.plain_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not start: {self.log()}")

    def stop(self) -> None:
        if self._process_started:
            subprocess.run(["doveadm", "-c", str(self.config), "stop"], capture_output=True)
            self._process_started = False

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def doveadm(self, *args: str) -> str:
        done = subprocess.run(["doveadm", "-c", str(self.config), *args], check=True,
                              capture_output=True, text=True)
        return done.stdout

    def add_user(self) -> Mailbox:
        """The next unused user of the passwd-file, with an empty INBOX and Sent."""
        number = next(self._users)
        if number > USERS:
            raise RuntimeError("more users than the test server was started with")
        name = f"user{number}"
        entry = pwd.getpwnam("dovecot")
        home = self.root / "homes" / name
        (home / "Maildir").mkdir(parents=True)
        box = Mailbox(self, name, PASSWORD, home, entry.pw_uid, entry.pw_gid)
        box.create_folder("INBOX")
        box.create_folder("Sent")
        return box


@dataclass
class Mailbox:
    server: Dovecot
    user: str
    password: str
    home: Path
    uid: int
    gid: int
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _folder(self, name: str) -> Path:
        maildir = self.home / "Maildir"
        return maildir if name == "INBOX" else maildir / f".{name}"

    def create_folder(self, name: str) -> None:
        folder = self._folder(name)
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        self._own(self.home)

    def _own(self, top: Path) -> None:
        for path in [top, *top.rglob("*")]:
            os.chown(path, self.uid, self.gid)

    def put(self, raw: bytes, folder: str = "INBOX") -> None:
        """Drop one message into ``folder`` (CRLF line ends, as on the wire)."""
        self.put_many([raw], folder)

    def put_many(self, messages: list[bytes], folder: str = "INBOX") -> None:
        target = self._folder(folder) / "new"
        for raw in messages:
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            name = f"{time.time():.0f}.M{next(self._counter)}P{os.getpid()}.spocdesk"
            path = target / name
            path.write_bytes(raw)
            os.chown(path, self.uid, self.gid)

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """APPEND one message to ``folder`` over IMAP, as another mail client (or a
        delivery agent speaking IMAP) would: what IDLE announces to a watcher."""
        from imapclient import IMAPClient

        context = ssl.create_default_context(cafile=str(self.server.cert))
        with IMAPClient("127.0.0.1", port=self.server.tls_port, ssl_context=context,
                        timeout=10) as client:
            client.login(self.user, self.password)
            client.append(folder, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))

    def kick(self) -> None:
        """Drop every connection of this user (a lost connection, server side)."""
        try:
            self.server.doveadm("kick", self.user)
        except subprocess.CalledProcessError as exc:
            if exc.returncode != 68:  # 68: nobody of that name was connected
                raise

    def set_uidvalidity(self, value: int, folder: str = "INBOX") -> None:
        self.server.doveadm("mailbox", "update", "-u", self.user, "--uid-validity",
                            str(value), folder)


def message(number: int, *, subject: str = "", body: str = "",
            sender: str = "client@example.org") -> bytes:
    subject = subject or f"Request number {number}"
    body = body or f"Hello, this is request {number}.\n"
    return (f"From: {sender}\nTo: spoc@example.org\nSubject: {subject}\n"
            f"Message-ID: <req-{number}@example.org>\n"
            "Date: Mon, 02 Mar 2026 09:00:00 +0000\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()


def start_server(*, plain_only: bool = False, extra: str = "") -> Dovecot:
    server = Dovecot(Path(tempfile.mkdtemp(prefix="spocdesk-dovecot-")), plain_only=plain_only,
                     extra=extra)
    try:
        server.start()
    except BaseException:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)
        raise
    return server
