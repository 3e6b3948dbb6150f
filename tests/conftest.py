"""Every test gets its own data directory, its own environment and an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from spocdesk.core.clock import FixedClock
from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store
from tests.pg_server import PASSWORD as PG_PASSWORD
from tests.pg_server import PgServer
from tests.pg_server import missing_reason as pg_missing_reason
from tests.pg_server import start_server as start_pg_server

if TYPE_CHECKING:
    from spocdesk.core.mail.accounts import NewAccount
    from tests.dovecot import Dovecot, Mailbox

PASSPHRASE = "correct horse battery staple"


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test sees the user's data, environment passphrase or real keyring."""
    home = tmp_path / "home"
    monkeypatch.setenv("SPOCDESK_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "config"))
    monkeypatch.delenv("SPOCDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("SPOCDESK_PACK_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def no_keyring() -> None:
    """The headless case: keyring's fail backend, as on a machine without Secret Service."""
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def location(isolated: Path) -> Location:
    return resolve(data_dir=isolated)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module marked ``both_backends`` runs each test that takes ``store`` twice: on the
    encrypted file and on the session's PostgreSQL server."""
    if ("store" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("both_backends") is not None):
        metafunc.parametrize("store_backend", ["sqlite", "postgresql"])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """``@pytest.mark.server_gap(reason)``: on the PostgreSQL run the test is expected to
    fail (strictly: it says so once the gap is closed), on the file it runs as ever.
    ``@pytest.mark.file_only(reason)``: a test of the file's own machinery (its FTS5
    index, its triggers) is skipped on the PostgreSQL run."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or callspec.params.get("store_backend") != "postgresql":
            continue
        gap = item.get_closest_marker("server_gap")
        if gap is not None:
            item.add_marker(pytest.mark.xfail(strict=True, reason=gap.args[0]))
        only = item.get_closest_marker("file_only")
        if only is not None:
            item.add_marker(pytest.mark.skip(reason=f"the store file only: {only.args[0]}"))


@pytest.fixture
def store_backend() -> str:
    """Which database :func:`store` is (see :func:`pytest_generate_tests`)."""
    return "sqlite"


@pytest.fixture
def store(store_backend: str, request: pytest.FixtureRequest, location: Location,
          clock: FixedClock) -> Iterator[Store]:
    """A fresh, empty, unlocked store on a fixed clock."""
    if store_backend == "postgresql":
        yield request.getfixturevalue("server_store")
        return
    s = Store.create(location, PASSPHRASE, clock=clock)
    yield s
    s.close()


# -- a real IMAP server (Dovecot), shared by the core, command-line and widget tests ----


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """The real Dovecot of :mod:`tests.dovecot`, one per test session."""
    from tests.dovecot import available, start_server

    if not available():
        pytest.skip("the dovecot binary is not installed (Debian package dovecot-imapd; "
                    ".ci/run installs it)")
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        import shutil

        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Mailbox:
    """A fresh user (mailbox) per test, with an empty INBOX and Sent."""
    return dovecot.add_user()


@pytest.fixture
def account_data(mailbox: Mailbox) -> NewAccount:
    """The mailbox as an account: implicit TLS, the server's certificate pinned."""
    from spocdesk.core.mail.accounts import NewAccount

    return NewAccount(host="127.0.0.1", port=mailbox.server.tls_port, user=mailbox.user,
                      fingerprint=mailbox.server.fingerprint)


def all_bytes_under(folder: Path) -> bytes:
    """Every byte of every file below ``folder`` (for canary scans)."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


# -- a real, small file system (root allowed to mount a tmpfs) ---------------------


def _can_mount_tmpfs() -> bool:
    import shutil
    import subprocess
    import tempfile

    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = tempfile.mkdtemp(prefix="spocdesk-mount-probe-")
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", probe], check=True)
        return ok
    finally:
        os.rmdir(probe)


CAN_MOUNT_TMPFS = _can_mount_tmpfs()
needs_tmpfs = pytest.mark.skipif(not CAN_MOUNT_TMPFS,
                                 reason="needs root allowed to mount a tmpfs")


@pytest.fixture
def small_tmpfs() -> Iterator[Path]:
    """A 256 KB tmpfs: a real "no space left on device" from the kernel (a USB stick
    that is full); remount it ``ro`` for a real read-only one."""
    import shutil
    import subprocess
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="spocdesk-small-fs-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs",
                    str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def fill_store(store: Store, count: int = 120) -> None:
    """Enough cases that the store outgrows :func:`small_tmpfs` (about 400 KB)."""
    from spocdesk.core.cases import service as cases

    for i in range(count):
        cases.add_case(store, cases.NewCase(title=f"Case {i}", description="words " * 500))


# -- a real PostgreSQL server (a team server), one per test session ----------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A private PostgreSQL cluster on 127.0.0.1 (:mod:`tests.pg_server`); skipped with
    the reason when no server binaries or no driver are installed."""
    reason = pg_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    server = start_pg_server()
    try:
        yield server
    finally:
        server.stop()
        import shutil

        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database with spocdesk's schema (``spocdesk server init``), copied per test."""
    from spocdesk.core.store.server import init_schema

    name = pg_server.create_database()
    init_schema(pg_server.plain_url(name), PG_PASSWORD)
    return name


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A fresh database with the schema (a copy of :func:`pg_template`): its URL as a user
    types it (no password)."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.plain_url(name)
    pg_server.drop_database(name)


@pytest.fixture
def server_store(pg_url: str, clock: FixedClock) -> Iterator[Store]:
    """A fresh store on the test session's PostgreSQL server, on a fixed clock."""
    from spocdesk.core.store.server import ServerStore

    s = ServerStore.connect(pg_url, PG_PASSWORD, clock=clock)
    yield s
    s.close()
