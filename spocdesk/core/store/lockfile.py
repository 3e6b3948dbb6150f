"""Who has a store open: OS advisory locks on ``<store>.lock`` and ``<store>.app-lock``.

- Every process that has the store open (the app, each command) holds ``<store>.lock``
  *shared*: the command line works beside the open app, and SQLite's own locking
  (WAL, ``busy_timeout``, ``BEGIN IMMEDIATE`` for units of work) serialises writers.
- What replaces or re-creates the file (create, restore, a passphrase change, a schema
  upgrade, ``check``) needs it *exclusive*: refused while anyone has the store open.
- The desktop app also holds ``<store>.app-lock`` exclusive for as long as it runs:
  a second window on the same store is refused (:class:`AppLock`).

The OS drops the locks when the process dies, so a crash never leaves a stale lock
behind (unlike a PID file). The lock files hold no user data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from spocdesk.core.errors import QT_TRANSLATE_NOOP, StoreError, StoreInUse

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        # msvcrt has no shared locks: on Windows every holder is exclusive
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class StoreLock:
    """Held for as long as a store is open by this process: shared by default,
    exclusive for what replaces the file (see the module docstring)."""

    def __init__(self, path: Path, store: Path, *, shared: bool = False) -> None:
        self._path = path
        self._store = store
        self._fd: int | None = None
        self.shared = shared

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd, self.shared):
            os.close(fd)
            raise StoreInUse(self._store)
        self._fd = fd

    def exclusive(self) -> bool:
        """Try to hold the lock exclusively now (nobody else has the store open);
        ``False`` leaves it shared. (``flock`` converts by unlocking first, so the
        shared lock is taken again when the exclusive one cannot be had.)"""
        if self._fd is None or not self.shared:
            return self._fd is not None
        if _try_lock(self._fd, shared=False):
            self.shared = False
            return True
        if not _try_lock(self._fd, shared=True):  # pragma: no cover - a race with restore
            raise StoreInUse(self._store)
        return False

    def share(self) -> None:
        """Let other processes open the store again (after :meth:`exclusive`)."""
        if self._fd is not None and not self.shared and _try_lock(self._fd, shared=True):
            self.shared = True

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


class AppLock(StoreLock):
    """The desktop app's own lock on ``<store>.app-lock``: one window per store."""

    def __init__(self, path: Path, store: Path) -> None:
        super().__init__(path, store, shared=False)

    def acquire(self) -> None:
        try:
            super().acquire()
        except StoreInUse:
            raise AppAlreadyOpen(self._store) from None


class AppAlreadyOpen(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The store at {path} is already open in another spocdesk window; switch to "
            "that one."), path=path)


def ensure_free(lock_path: Path, store: Path) -> None:
    """Raise :class:`StoreInUse` now, before asking for a passphrase that cannot help."""
    if not lock_path.parent.is_dir():
        return
    probe = StoreLock(lock_path, store)
    probe.acquire()
    probe.release()
