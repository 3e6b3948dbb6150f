"""A real PostgreSQL server on 127.0.0.1 for the tests, one per test session.

``initdb`` refuses to run as root, so when the tests run as root the cluster
belongs to the ``postgres`` user (or ``nobody``) and every server binary runs
through ``runuser``/``setpriv`` on a throwaway folder that user owns, as
/work/shared/recipes/test-servers.md describes. Password authentication is
``scram-sha-256`` for every connection (TCP and the private socket folder).

Each test gets a fresh database: a template database holds the schema once
(``spocdesk server init``), and ``CREATE DATABASE … TEMPLATE`` copies it in a few
milliseconds.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

ADMIN = "spoc_admin"
PASSWORD = "pg-secret-4711"
BINARIES = ("initdb", "pg_ctl", "postgres")


def bin_dir() -> Path | None:
    """Where ``initdb``, ``pg_ctl`` and ``postgres`` are: PATH, else the newest
    ``/usr/lib/postgresql/*/bin`` (Debian does not put them on PATH)."""
    found = shutil.which("initdb")
    if found and all(shutil.which(name) for name in BINARIES):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                        else 0)
    for folder in reversed(candidates):
        if all((Path(folder) / name).is_file() for name in BINARIES):
            return Path(folder)
    return None


def missing_reason() -> str | None:
    """Why no server can be started here, or None."""
    if bin_dir() is None:
        return ("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in "
                "/usr/lib/postgresql/*/bin (Debian package postgresql; .ci/run installs it)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is not installed (pip install 'psycopg[binary]')"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user the server runs as when we are root; None: ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither user postgres nor nobody exists")


def _as_user(user: pwd.struct_passwd | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user.pw_name, "--", *argv]
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
            *argv]


@dataclass
class PgServer:
    root: Path
    port: int
    socket_dir: Path
    bin: Path
    user: pwd.struct_passwd | None
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", *, user: str = ADMIN,
            password: str | None = PASSWORD) -> str:
        """A SQLAlchemy URL (``postgresql+psycopg://``) to one database, over TCP."""
        secret = f":{password}" if password is not None else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def plain_url(self, database: str = "postgres", *, user: str = ADMIN) -> str:
        """The URL a user types (``postgresql://``, no password in it)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[Any]:
        """An autocommit psycopg connection as the administrator."""
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=ADMIN,
                               password=PASSWORD, dbname=database, autocommit=True)

    def create_database(self, *, template: str | None = None) -> str:
        """A new, empty (or copied) database; its name."""
        name = f"t_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as conn:
            clause = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(_as_user(self.user, [str(self.bin / "pg_ctl"), "-D", str(self.data_dir),
                                            "-m", "immediate", "stop"]),
                       capture_output=True, check=False, timeout=60)


def start_server(extra_options: str = "") -> PgServer:
    """initdb into a throwaway folder and start the server on a free private port;
    ``extra_options`` (``-c name=value …``) win over the defaults (a benchmark's memory)."""
    folder = bin_dir()
    if folder is None:
        raise RuntimeError(missing_reason() or "no PostgreSQL")
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="spocdesk-pg-"))
    root.chmod(0o700)
    socket_dir = root / "sock"
    socket_dir.mkdir(mode=0o700)
    pwfile = root / "pwfile"
    pwfile.write_text(PASSWORD + "\n")
    pwfile.chmod(0o600)
    if user is not None:
        for path in (root, socket_dir, pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
    data = root / "data"
    log = root / "server.log"
    run = subprocess.run(
        _as_user(user, [str(folder / "initdb"), "-D", str(data), "-U", ADMIN,
                        f"--pwfile={pwfile}", "-A", "scram-sha-256", "-E", "UTF8",
                        "--locale=C", "--no-sync"]),
        capture_output=True, text=True, timeout=120, cwd=root)
    if run.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {run.stderr.strip() or run.stdout.strip()}")
    pwfile.unlink()
    server = PgServer(root=root, port=0, socket_dir=socket_dir, bin=folder, user=user)
    for _attempt in range(3):  # a free port may be taken between probe and start
        server.port = _free_port()
        options = (f"-p {server.port} -k {socket_dir} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   f"-c max_connections=60 -c shared_buffers=32MB {extra_options}")
        run = subprocess.run(
            _as_user(user, [str(folder / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                            "-t", "60", "start", "-o", options]),
            capture_output=True, text=True, timeout=90, cwd=root)
        if run.returncode == 0:
            break
        time.sleep(0.2)
    else:
        text = log.read_text(errors="replace") if log.exists() else run.stderr
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {text.strip()[-2000:]}")
    return server
