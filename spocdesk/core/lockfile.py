"""One writer per store: an OS advisory lock on ``<store>.lock``.

The OS drops the lock when the process dies, so a crash never leaves a stale
lock behind (unlike a PID file). The lock file holds no user data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from spocdesk.core.errors import StoreInUse

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class StoreLock:
    """Held for as long as a store is open by this process."""

    def __init__(self, path: Path, store: Path) -> None:
        self._path = path
        self._store = store
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise StoreInUse(self._store)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def ensure_free(lock_path: Path, store: Path) -> None:
    """Raise :class:`StoreInUse` now, before asking for a passphrase that cannot help."""
    if not lock_path.parent.is_dir():
        return
    probe = StoreLock(lock_path, store)
    probe.acquire()
    probe.release()
