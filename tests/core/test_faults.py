"""Faults: a full disk or a read-only folder is one clear sentence and no half-written
record; core dumps are off; a crash log carries frames, never values.

What each test proves, honestly:

- ``max_page_count``: SQLite's own SQLITE_FULL path (the same error a full disk
  gives) through the unit of work; runs everywhere.
- tiny ``tmpfs``: a real ENOSPC from the kernel, for commits and for backups; needs
  root with permission to mount (skipped otherwise).
- read-only ``tmpfs`` (remounted ``ro``): a real EROFS; root with mount permission.
- read-only folder/file by permissions: the test runs as root here, where chmod stops
  nothing, so the writer runs as ``nobody`` via ``setpriv`` (or as the current user
  when the tests do not run as root); skipped when neither is possible.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from spocdesk.core import logs
from spocdesk.core.cases import service as cases
from spocdesk.core.errors import DiskFull, ReadOnlyStore
from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store, backup, change_passphrase
from tests.conftest import CAN_MOUNT_TMPFS, PASSPHRASE

REPO = Path(__file__).resolve().parents[2]
NOBODY = 65534


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(location: Location) -> int:
    store = Store.open(location, PASSPHRASE)
    try:
        assert store.integrity_problems() == []
        return cases.count_cases(store)
    finally:
        store.close()


# -- full disk ------------------------------------------------------------------


def test_sqlite_full_is_disk_full_and_nothing_half_written(store: Store) -> None:
    for i in range(3):
        cases.add_case(store, cases.NewCase(title=f"Saved {i}"))
    store.engine.dispose()
    with store.connection() as conn:
        pages = int(conn.execute(sa.text("PRAGMA page_count")).scalar() or 0)
    store.engine.dispose()

    def cap(dbapi: object, _record: object) -> None:
        dbapi.execute(f"PRAGMA max_page_count = {pages + 3}")  # type: ignore[attr-defined]

    event.listen(store.engine, "connect", cap)
    saved = 3
    with pytest.raises(DiskFull) as info:
        for i in range(200):
            cases.add_case(store, cases.NewCase(title=f"Big {i}", description="x" * 3000))
            saved += 1
    assert str(info.value) == ("The disk is full; nothing was saved. "
                               "Free some space and try again.")
    event.remove(store.engine, "connect", cap)
    store.engine.dispose()
    assert cases.count_cases(store) == saved  # the failed one left nothing behind
    assert store.integrity_problems() == []
    cases.add_case(store, cases.NewCase(title="After space came back"))
    assert cases.count_cases(store) == saved + 1


CAN_MOUNT = CAN_MOUNT_TMPFS
needs_mount = pytest.mark.skipif(not CAN_MOUNT, reason="needs root allowed to mount a tmpfs")


@pytest.fixture
def tiny_fs() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="spocdesk-tmpfs-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _fill(folder: Path, leave: int) -> Path:
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


@needs_mount
def test_real_full_disk_commit_and_backup(tiny_fs: Path) -> None:
    location = resolve(data_dir=tiny_fs / "data")
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Kept"))
    saved = 1
    filler = _fill(tiny_fs, 96 * 1024)
    try:
        with pytest.raises(DiskFull):
            for i in range(500):
                cases.add_case(store, cases.NewCase(title=f"Big {i}", description="y" * 4000))
                saved += 1
        with pytest.raises(DiskFull):
            backup.backup_now(store)
        assert not list(location.backup_dir.glob("*")), "a partial backup was left behind"
    finally:
        store.close()
        filler.unlink()
    assert _count(location) == saved


@needs_mount
def test_real_read_only_folder(tiny_fs: Path) -> None:
    location = resolve(data_dir=tiny_fs / "data")
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Kept"))
    manual = backup.backup_now(store)
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], check=True)
    before = digest(location.store)
    with pytest.raises(ReadOnlyStore) as info:
        Store.open(location, PASSPHRASE)
    assert "cannot be written" in str(info.value)
    with pytest.raises(ReadOnlyStore):
        change_passphrase(location, PASSPHRASE, "a new and long passphrase")
    with pytest.raises(ReadOnlyStore):
        backup.restore(location, manual, PASSPHRASE)
    with pytest.raises(ReadOnlyStore):
        Store.create(resolve(data_dir=tiny_fs / "other"), PASSPHRASE)
    assert digest(location.store) == before
    subprocess.run(["mount", "-o", "remount,rw", str(tiny_fs)], check=True)
    assert _count(location) == 1


# -- read-only by permissions (as an unprivileged user) -------------------------------

WRITER = r'''
import sys
from spocdesk.core.errors import SpocError
from spocdesk.core.paths import resolve
from spocdesk.core.cases import service as cases
from spocdesk.core.store import Store
try:
    store = Store.open(resolve(data_dir=sys.argv[1]), sys.argv[2])
except SpocError as exc:
    print(f"open {type(exc).__name__}: {exc}")
    sys.exit(0)
try:
    cases.add_case(store, cases.NewCase(title="must not be saved"))
    print("write ok")
except SpocError as exc:
    print(f"write {type(exc).__name__}: {exc}")
finally:
    store.close()
'''


def _as_unprivileged() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    # The probe imports what the writer imports: spocdesk.core.store alone loads
    # lazily and would pass even where nobody cannot read the venv's packages.
    probe_code = ("import spocdesk.core.paths, spocdesk.core.cases.service; "
                  "from spocdesk.core.store import Store")
    probe = subprocess.run([*prefix, sys.executable, "-c", probe_code],
                           capture_output=True, cwd=str(REPO),
                           env={**os.environ, "PYTHONPATH": str(REPO)})
    return prefix if probe.returncode == 0 else None


UNPRIVILEGED = _as_unprivileged()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged writer can reach (pytest's tmp_path is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="spocdesk-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(UNPRIVILEGED is None,
                    reason="root, and nobody cannot run this Python: chmod would stop nothing")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_by_permissions(shared_dir: Path, what: str) -> None:
    assert UNPRIVILEGED is not None
    location = resolve(data_dir=shared_dir / "data")
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Kept"))
    store.close()
    if UNPRIVILEGED:
        for path in [location.data_dir, *location.data_dir.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    if what == "folder":
        location.data_dir.chmod(0o555)
    else:
        location.store.chmod(0o444)
    before = digest(location.store)
    script = shared_dir / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    script.chmod(0o644)
    out = subprocess.run(
        [*UNPRIVILEGED, sys.executable, str(script), str(location.data_dir), PASSPHRASE],
        capture_output=True, text=True, cwd=str(REPO), timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), "HOME": str(shared_dir)})
    assert out.returncode == 0, out.stderr
    assert "ReadOnlyStore" in out.stdout, out.stdout
    assert "cannot be written (read-only file or folder)" in out.stdout
    location.data_dir.chmod(0o755)
    location.store.chmod(0o644)
    assert digest(location.store) == before
    assert _count(location) == 1


# -- core dumps and crash logs ------------------------------------------------------


def test_core_dumps_are_disabled() -> None:
    code = ("import resource; from spocdesk.core import logs; "
            "print(logs.disable_core_dumps(), resource.getrlimit(resource.RLIMIT_CORE))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(REPO), timeout=60, check=True)
    assert out.stdout.strip() == "True (0, 0)"


@pytest.mark.skipif(not Path("/proc/sys/kernel/core_pattern").exists()
                    or Path("/proc/sys/kernel/core_pattern").read_text().startswith("|"),
                    reason="core dumps go to a handler, not a file we can look for")
def test_an_aborting_process_leaves_no_core_file(tmp_path: Path) -> None:
    code = "from spocdesk.core import logs; import os; logs.disable_core_dumps(); os.abort()"
    result = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path), timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True)
    assert result.returncode != 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("core")]


CRASH_CANARY = "CANARY-crash-5d1e"


def _crash_with_secrets(note: str) -> None:
    secret_local = f"{CRASH_CANARY} in a local"  # noqa: F841 - must not reach the log
    raise ValueError(f"{CRASH_CANARY} in the message: {note}")


def test_crash_log_has_frames_but_no_values(tmp_path: Path) -> None:
    path = logs.setup(tmp_path / "logs", level=logging.DEBUG)
    try:
        _crash_with_secrets(CRASH_CANARY)
    except ValueError:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None
        logs.log_crash(exc_type, exc, tb)
    for handler in logging.getLogger("spocdesk").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "unhandled builtins.ValueError" in text
    assert "_crash_with_secrets" in text
    assert CRASH_CANARY not in text


def test_uncaught_exception_goes_through_the_hook(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from spocdesk.core import logs\n"
        f"logs.setup(Path(sys.argv[1])); logs.install_excepthook()\n"
        "def handler(record_title):\n"
        "    raise RuntimeError('failed on ' + record_title)\n"
        f"handler({CRASH_CANARY!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, cwd=str(REPO), timeout=60)
    assert result.returncode == 1
    text = (tmp_path / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "unhandled builtins.RuntimeError" in text and "in handler" in text
    assert CRASH_CANARY not in text
