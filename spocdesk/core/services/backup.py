"""Encrypted backups: take them, rotate them, list them, find a good one, restore one.

A backup is a whole store file written by :meth:`Store.backup_to` (``sqlcipher_export``
under the store's own key, so it opens with the passphrase the store had when the
backup was taken). Names carry a UTC time stamp:

- ``daily-20260302T090000Z.spocdesk-backup`` – taken by :func:`daily_backup_if_due`
  on the first unlock of a day and rotated (keep N daily and M weekly);
- ``spocdesk-20260302T090000Z.spocdesk-backup`` – taken on request
  (:func:`backup_now`), never deleted by rotation;
- ``pre-migration-20260302T090000Z.spocdesk-backup`` – taken before a schema upgrade.

:func:`restore` checks a backup completely (passphrase, MACs of every page,
``cipher_integrity_check``, ``integrity_check``, schema) on a private copy before it
touches the store, keeps the store it replaces aside as
``spocdesk.db.replaced-<stamp>`` and puts the copy in place with one rename.
"""

from __future__ import annotations

import errno
import hmac
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TypeVar

import sqlcipher3

from spocdesk.core import keying, migrate, settings, vault
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    DiskFull,
    InvalidInput,
    Message,
    NotAStore,
    ReadOnlyStore,
    SpocError,
    StoreError,
    StoreTooNew,
    as_message,
)
from spocdesk.core.lockfile import StoreLock
from spocdesk.core.paths import Location
from spocdesk.core.store import (
    CheckReport,
    Store,
    _acquire,
    _fsync_dir,
    _ro_connect,
    check_key,
)

log = logging.getLogger(__name__)

SUFFIX = ".spocdesk-backup"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
KIND_DAILY = "daily"
KIND_MANUAL = "manual"
KIND_PRE_MIGRATION = "pre-migration"
KIND_OTHER = "other"
_PREFIXES = {KIND_DAILY: "daily-", KIND_MANUAL: "spocdesk-", KIND_PRE_MIGRATION: "pre-migration-"}
_NAME = re.compile(r"^(?P<prefix>daily-|spocdesk-|pre-migration-)(?P<stamp>\d{8}T\d{6}Z)"
                   r"(?:-\d+)?\.spocdesk-backup$")

T = TypeVar("T")


class BackupNotFound(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP("spocdesk.core", "There is no backup at {path}."),
                         path=path)


class DamagedBackup(DamagedStore):
    def __init__(self, path: object, why: str | Message = "") -> None:
        if why:
            StoreError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core", "The backup at {path} is damaged ({why}); nothing was restored."),
                path=path, why=as_message(why))
        else:
            StoreError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core", "The backup at {path} is damaged; nothing was restored."),
                path=path)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime  # aware, UTC
    size: int


@dataclass(frozen=True)
class Restored:
    """Where the restored store is, and where the store it replaced was put aside."""

    store: Path
    replaced: Path | None


# -- names and folders ------------------------------------------------------


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STAMP_FORMAT)


def describe(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    size = path.stat().st_size
    if match:
        kind = next(k for k, p in _PREFIXES.items() if p == match["prefix"])
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        return BackupInfo(path, kind, taken, size)
    taken = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return BackupInfo(path, KIND_OTHER, taken, size)


def backup_dir(store: Store) -> Path:
    """The folder chosen in the settings, else ``<data dir>/backups``."""
    chosen = load_settings(store).backup_dir
    return Path(chosen).expanduser() if chosen else store.location.backup_dir


def load_settings(store: Store) -> settings.Settings:
    with store.unit_of_work() as uow:
        return settings.load(uow.session)


def _unique(folder: Path, prefix: str, moment: datetime) -> Path:
    base = f"{prefix}{stamp(moment)}"
    target = folder / f"{base}{SUFFIX}"
    n = 1
    while target.exists() or target.with_name(target.name + ".partial").exists():
        target = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return target


def list_backups(location: Location, folders: Iterable[Path] = ()) -> list[BackupInfo]:
    """Every ``*.spocdesk-backup`` in the data directory's backup folder and in
    ``folders`` (e.g. the folder from the settings), newest first."""
    seen: set[Path] = set()
    found: list[BackupInfo] = []
    for folder in (location.backup_dir, *folders):
        if not folder.is_dir():
            continue
        for path in folder.glob(f"*{SUFFIX}"):
            real = path.resolve()
            if real in seen or not path.is_file():
                continue
            seen.add(real)
            with suppress(OSError):
                found.append(describe(path))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


# -- taking backups -----------------------------------------------------------


def backup_now(store: Store, to: Path | str | None = None) -> Path:
    """An encrypted copy now: to ``to`` (a file, or a folder to put it in), else to the
    backup folder as ``spocdesk-<UTC stamp>.spocdesk-backup``. Never overwrites."""
    if to is not None:
        target = Path(to).expanduser()
        if target.is_dir():
            target = _unique(target, _PREFIXES[KIND_MANUAL], store.now())
    else:
        target = _unique(backup_dir(store), _PREFIXES[KIND_MANUAL], store.now())
    path = store.backup_to(target)
    log.info("wrote a backup")
    return path


# What a person puts in a store: while none of these holds a row, there is nothing to
# back up (settings alone are not worth a daily copy of an empty file).
_RECORD_TABLES = ("case_record", "stakeholder", "followup", "interaction", "absence",
                  "template", "handover_note")


def holds_records(store: Store) -> bool:
    """Whether the store holds any case, person, follow-up, log entry, absence, template
    or handover note (deleted ones too: they are history). One short query."""
    probes = " UNION ALL ".join(f"SELECT 1 FROM {table}" for table in _RECORD_TABLES)
    with store.connection() as conn:
        return conn.exec_driver_sql(f"SELECT EXISTS ({probes})").scalar() == 1


def daily_backup_if_due(store: Store, *, tz: tzinfo | None = None) -> Path | None:
    """On the first unlock of a (local) day, take a daily backup and rotate the daily
    ones (settings ``backup_keep_daily`` / ``backup_keep_weekly``); else ``None``.

    Errors (full disk, unwritable folder) raise a :class:`StoreError`; the caller
    shows it and carries on: the store itself is untouched."""
    prefs = load_settings(store)
    folder = Path(prefs.backup_dir).expanduser() if prefs.backup_dir else store.location.backup_dir
    now = store.now()
    today = now.astimezone(tz).date()
    dailies = [b for b in list_backups(store.location, [folder]) if b.kind == KIND_DAILY
               and b.path.parent.resolve() == folder.resolve()]
    if any(b.taken_at.astimezone(tz).date() == today for b in dailies):
        return None
    path = store.backup_to(_unique(folder, _PREFIXES[KIND_DAILY], now))
    log.info("wrote the daily backup")
    dailies.append(describe(path))
    for old in select_for_deletion(dailies, lambda b: b.taken_at, prefs.backup_keep_daily,
                                   prefs.backup_keep_weekly, tz=tz):
        try:
            old.path.unlink()
        except OSError:
            log.warning("could not delete an old backup")
    return path


def select_for_deletion(items: Sequence[T], when: Callable[[T], datetime], keep_daily: int,
                        keep_weekly: int, *, tz: tzinfo | None = None) -> list[T]:
    """Which backups rotation deletes (a pure function).

    Keeps the newest backup of each of the ``keep_daily`` most recent days that have
    one, the newest of each of the ``keep_weekly`` most recent ISO weeks that have one,
    and always the newest backup of all. Days and weeks are local to ``tz``.
    """
    order = sorted(range(len(items)), key=lambda i: when(items[i]), reverse=True)
    keep: set[int] = set(order[:1])
    days: set[object] = set()
    weeks: set[object] = set()
    for i in order:
        day = when(items[i]).astimezone(tz).date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(i)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(i)
    return [items[i] for i in range(len(items)) if i not in keep]


# -- checking and restoring ---------------------------------------------------


class _Keys:
    """Derive each salt's key once: backups of one store share its salt."""

    def __init__(self, passphrase: str) -> None:
        self.passphrase = passphrase
        self._cache: dict[bytes, keying.RawKey] = {}

    def for_file(self, path: Path) -> keying.RawKey:
        salt = keying.read_salt(path)
        if salt not in self._cache:
            self._cache[salt] = keying.derive(self.passphrase, salt)
        return self._cache[salt]


def verify_backup(path: Path, passphrase: str, *, _keys: _Keys | None = None) -> CheckReport:
    """Check a backup completely without writing to it.

    Raises :class:`BackupNotFound`, :class:`WrongPassphrase`, :class:`NotAStore`,
    :class:`StoreTooNew` or :class:`DamagedBackup`; returns the clean report."""
    if not path.is_file():
        raise BackupNotFound(path)
    if path.stat().st_size < keying.PAGE_SIZE:
        raise DamagedBackup(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is too short"))
    keys = _keys or _Keys(passphrase)
    try:
        report = check_key(path, keys.for_file(path), immutable=True)
    except DamagedStore as exc:  # the first read failed on a damaged page
        raise DamagedBackup(path, _why(exc)) from exc
    if not report.ok:
        raise DamagedBackup(path, _why(report.damage) if report.damage else "")
    if report.schema is migrate.SchemaState.FOREIGN:
        raise NotAStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "it holds no spocdesk data"))
    if report.schema is migrate.SchemaState.TOO_NEW:
        raise StoreTooNew(path)
    return report


def _why(exc: BaseException | None) -> str | Message:
    """The ``why`` a :class:`DamagedStore` gave ("" when none)."""
    why = exc.params.get("why", "") if isinstance(exc, SpocError) else ""
    return why if isinstance(why, str | Message) else str(why)


def chosen_backup_dir(location: Location, key: keying.RawKey) -> Path | None:
    """The backup folder set in the settings of a store that may be damaged.

    Best effort and read-only (the store is not opened for writing): ``None`` when
    no folder is set or the setting cannot be read."""
    lock = StoreLock(location.lock_file, location.store)
    try:
        _acquire(lock, location.store)  # no writer may touch it while we read
        conn = _ro_connect(location.store, key)
    except (StoreError, sqlcipher3.Error, OSError):
        lock.release()
        return None
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = 'backup_dir'").fetchone()
        chosen = json.loads(row[0]) if row else ""
        return Path(chosen).expanduser() if isinstance(chosen, str) and chosen else None
    except (sqlcipher3.Error, ValueError, TypeError, RuntimeError):
        return None
    finally:
        conn.close()
        lock.release()


def newest_good_backup(location: Location, passphrase: str,
                       folders: Iterable[Path] = ()) -> Path | None:
    """The newest backup that opens with ``passphrase`` and passes every check.

    Looks in the data directory's backup folder, in ``folders``, and in the folder
    chosen in the store's settings when the (possibly damaged) store still says."""
    keys = _Keys(passphrase)
    folders = list(folders)
    with suppress(OSError, ValueError):
        if location.store.is_file():
            chosen = chosen_backup_dir(location, keys.for_file(location.store))
            if chosen is not None:
                folders.append(chosen)
    for info in list_backups(location, folders):
        try:
            verify_backup(info.path, passphrase, _keys=keys)
        except (StoreError, OSError):
            continue
        return info.path
    return None


def restore(location: Location, backup_file: Path | str, passphrase: str,
            *, now: datetime | None = None) -> Restored:
    """Put a backup in place of the store, after checking it completely.

    Refuses while the store is open anywhere (:class:`StoreInUse`). Nothing is
    replaced unless the backup opens with ``passphrase`` and passes every check.
    The current store (with its ``-wal``/``-shm``) is kept as
    ``<store>.replaced-<stamp>``; the store path always holds a whole database.
    Afterwards the store opens with the backup's passphrase; a remembered passphrase
    in the keyring is replaced by it.
    """
    source = Path(backup_file).expanduser()
    target = location.store
    if not source.is_file():
        raise BackupNotFound(source)
    if target.exists() and source.resolve() == target.resolve():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "That file is the store itself; choose a backup."))
    try:
        location.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, target) from exc
    lock = StoreLock(location.lock_file, target)
    _acquire(lock, target)  # StoreInUse while it is open anywhere
    staging = target.with_name(target.name + ".restore-partial")
    try:
        for leftover in (staging, Path(f"{staging}-journal")):
            leftover.unlink(missing_ok=True)
        try:
            shutil.copyfile(source, staging)
            with staging.open("rb+") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _os_error(exc, target) from exc
        try:
            verify_backup(staging, passphrase)
        except DamagedBackup as exc:
            raise DamagedBackup(source, _why(exc)) from exc
        except NotAStore as exc:
            raise NotAStore(source, _why(exc)) from exc
        except StoreTooNew as exc:
            raise StoreTooNew(source) from exc
        replaced = _set_aside(target, now or datetime.now(UTC))
        try:
            os.replace(staging, target)
        except OSError as exc:
            _undo_set_aside(target, replaced)
            raise _os_error(exc, target) from exc
        _fsync_dir(target.parent)
    except BaseException:
        with suppress(OSError):
            staging.unlink(missing_ok=True)
        raise
    finally:
        lock.release()
    log.info("restored the store from a backup")
    remembered = vault.recall(target)
    stale = remembered is not None and not hmac.compare_digest(remembered.encode(),
                                                               passphrase.encode())
    if stale and not vault.remember(target, passphrase):
        vault.forget(target)
    return Restored(store=target, replaced=replaced)


def _set_aside(target: Path, now: datetime) -> Path | None:
    """Keep the current store (and its WAL) under a new name; the store path keeps a
    whole database until the caller's final rename."""
    if not target.exists():
        return None
    base = f"{target.name}.replaced-{stamp(now)}"
    aside = target.with_name(base)
    n = 1
    while aside.exists():
        aside = target.with_name(f"{base}-{n}")
        n += 1
    try:
        try:
            os.link(target, aside)
        except OSError:
            shutil.copy2(target, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{target}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
    except OSError as exc:
        raise _os_error(exc, target) from exc
    return aside


def _undo_set_aside(target: Path, aside: Path | None) -> None:
    if aside is None:
        return
    for suffix in ("-wal", "-shm"):
        with suppress(OSError):
            if Path(f"{aside}{suffix}").exists():
                os.replace(Path(f"{aside}{suffix}"), Path(f"{target}{suffix}"))
    with suppress(OSError):
        if target.exists() and os.path.samefile(target, aside):
            aside.unlink()


def _os_error(exc: OSError, target: Path) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return DiskFull()
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStore(target)
    return StoreError(QT_TRANSLATE_NOOP(
        "spocdesk.core", "The store at {target} could not be replaced; nothing was changed."),
        target=target)


__all__ = [
    "BackupInfo", "BackupNotFound", "DamagedBackup", "Restored",
    "backup_dir", "backup_now", "chosen_backup_dir", "daily_backup_if_due", "list_backups",
    "newest_good_backup", "restore", "select_for_deletion", "verify_backup",
]
