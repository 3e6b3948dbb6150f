"""Plain sentences for a copy (backup, re-encrypted file) that could not be written."""

from __future__ import annotations

import errno
import logging
import os
import shutil
from pathlib import Path

import sqlalchemy as sa

from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    DiskFull,
    Message,
    ReadOnlyStore,
    StoreError,
    as_message,
)
from spocdesk.core.store import keying

log = logging.getLogger(__name__)
from spocdesk.core.store.check import _wal_pages, damaged_pages  # noqa: E402


class BackupNotWritten(StoreError):
    """A copy (backup, re-encrypted file) could not be written; the store is unchanged.

    ``reason`` names the cause when it is known: a full disk, no permission, a
    folder that is gone (a USB stick pulled out)."""

    def __init__(self, target: object, reason: str | Message = "") -> None:
        if reason:
            StoreError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The copy could not be written to {target}: {reason}. The store itself is "
                "unchanged."), target=target, reason=as_message(reason))
        else:
            StoreError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The copy could not be written to {target}; nothing was changed."),
                target=target)


class CopyDiskFull(BackupNotWritten, DiskFull):
    """The disk that should hold the copy is full (a :class:`DiskFull` too)."""

    def __init__(self, target: object) -> None:
        BackupNotWritten.__init__(self, target, QT_TRANSLATE_NOOP(
            "spocdesk.core", "the disk is full; free some space and try again"))


REASON_PERMISSION = QT_TRANSLATE_NOOP(
    "spocdesk.core", "permission denied; choose a folder you may write to")
REASON_READ_ONLY = QT_TRANSLATE_NOOP("spocdesk.core", "the disk or folder is read-only")
REASON_GONE = QT_TRANSLATE_NOOP(
    "spocdesk.core", "the folder is not there (was a drive removed?)")


def _backup_error(exc: BaseException, target: Path, source: Path,
                  key: keying.RawKey | None) -> StoreError:
    """A sentence for a failed copy that names its cause.

    SQLite reports a failing target vaguely ("disk I/O error", "unable to open",
    even "malformed" once the attached file is half written), so the cause is read
    from the target's folder first (full, read-only, not writable, gone). The
    *store* is called damaged only when one of its own pages fails its check."""
    folder = target.parent
    errno_ = exc.errno if isinstance(exc, OSError) else None
    message = str(exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc).lower()
    if errno_ == errno.ENOSPC or "disk is full" in message:
        return CopyDiskFull(target)
    if errno_ == errno.ENOENT or not folder.is_dir():
        return BackupNotWritten(target, REASON_GONE)
    if errno_ == errno.EROFS or _read_only_fs(folder):
        return BackupNotWritten(target, REASON_READ_ONLY)
    if errno_ in (errno.EACCES, errno.EPERM) or not os.access(folder, os.W_OK):
        return BackupNotWritten(target, REASON_PERMISSION)
    if _nearly_full(folder):
        return CopyDiskFull(target)
    if key is not None and _source_damaged(source, key):
        return DamagedStore(source, QT_TRANSLATE_NOOP(
            "spocdesk.core", "a page fails its authentication check"))
    return BackupNotWritten(target)


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _source_damaged(source: Path, key: keying.RawKey) -> bool:
    """Whether a page of the store fails its MAC (the copy's failure was the store's)."""
    try:
        bad = set(damaged_pages(source, key))
    except OSError:
        return False
    return bool(bad - _wal_pages(source))


def _os_error(exc: OSError, path: Path) -> Exception:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStore(path)
    if exc.errno == errno.ENOSPC:
        return DiskFull()
    return exc
