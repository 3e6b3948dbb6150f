"""Encrypted backups: take them, rotate them, list them, find a good one, restore one.

A backup is a whole store file written by :meth:`Store.backup_to` (``sqlcipher_export``
under the store's own key, so it opens with the passphrase the store had when the
backup was taken). Names carry the store's identity (the first 12 hex digits of its
``store_id``, revision 0002) and a UTC time stamp:

- ``daily-<id>-20260302T090000Z.spocdesk-backup`` – taken by :func:`daily_backup_if_due`
  on the first unlock of a day and rotated (keep N daily and M weekly);
- ``spocdesk-<id>-20260302T090000Z.spocdesk-backup`` – taken on request
  (:func:`backup_now`), never deleted by rotation;
- ``pre-migration-<id>-20260302T090000Z-from-0012.spocdesk-backup`` – taken before a
  schema upgrade.

"Already backed up today" and rotation look only at this store's backups, so two
stores may share a backup folder. Backups named before identities were in the name
count as a store's own when they carry its salt (a backup keeps the salt of the store
it was taken from, until the passphrase is changed).

:func:`restore` puts back only this store's own backups: it refuses a handover pack
always, and a backup of another store unless ``force`` ("install this other store of
mine").

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

from spocdesk.core import settings
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
from spocdesk.core.paths import Location
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.safe_write import new_private_file, owner_only, private_dir
from spocdesk.core.store import keying, migrate, vault
from spocdesk.core.store.check import CheckReport, _ro_connect, check_key
from spocdesk.core.store.lockfile import StoreLock
from spocdesk.core.store.open import Store, _acquire

log = logging.getLogger(__name__)

SUFFIX = ".spocdesk-backup"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
KIND_DAILY = "daily"
KIND_MANUAL = "manual"
KIND_PRE_MIGRATION = "pre-migration"
KIND_OTHER = "other"
_PREFIXES = {KIND_DAILY: "daily-", KIND_MANUAL: "spocdesk-", KIND_PRE_MIGRATION: "pre-migration-"}
TAG_CHARS = 12
_NAME = re.compile(r"^(?P<prefix>daily-|spocdesk-|pre-migration-)"
                   r"(?:(?P<tag>[0-9a-f]{12})-)?(?P<stamp>\d{8}T\d{6}Z)"
                   r"(?:-from-[0-9A-Za-z_]+)?(?:-\d+)?\.spocdesk-backup$")

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


class HandoverPackNotBackup(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "{path} is a handover pack, not a backup; nothing was restored. Take a deputy's "
            "work back with Handover → Merge returned pack… or 'spocdesk handover merge'."),
            path=path)


class OtherStoreBackup(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "{path} is a backup of another store, not of this one; nothing was restored. "
            "To replace this store with that other store of yours, restore it with --force."),
            path=path)


class IdentityUnknown(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "spocdesk cannot tell whether {path} is a backup of this store (the store does "
            "not open with the backup's passphrase); nothing was restored. If it is yours, "
            "restore it with --force."), path=path)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime  # aware, UTC
    size: int
    tag: str = ""  # the store identity in the name ("" for a name without one)


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
        return BackupInfo(path, kind, taken, size, match["tag"] or "")
    taken = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return BackupInfo(path, KIND_OTHER, taken, size)


def backup_dir(store: Store) -> Path:
    """The folder chosen in the settings, else ``<data dir>/backups``."""
    chosen = load_settings(store).backup_dir
    return Path(chosen).expanduser() if chosen else store.location.backup_dir


def load_settings(store: Store) -> settings.Settings:
    with store.unit_of_work() as uow:
        return settings.load(uow.session)


def tag_of(store_id: str) -> str:
    """The identity a backup's name carries: the first 12 hex digits of ``store_id``."""
    return store_id.replace("-", "").lower()[:TAG_CHARS]


def store_tag(store: Store) -> str:
    """This store's :func:`tag_of` ("" for a store without an identity yet)."""
    with store.connection() as conn:
        value = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = 'store_id'").scalar()
    return tag_of(_json_text(value))


def _json_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return decoded if isinstance(decoded, str) else ""


def is_own(info: BackupInfo, tag: str, salt: bytes) -> bool:
    """Whether a backup belongs to the store with ``tag`` and ``salt``: by the identity
    in its name, or (a name without one) by the salt it shares with the store."""
    if info.tag:
        return info.tag == tag
    try:
        return keying.read_salt(info.path) == salt
    except OSError:
        return False


def _unique(folder: Path, prefix: str, moment: datetime, tag: str = "") -> Path:
    base = f"{prefix}{tag}-{stamp(moment)}" if tag else f"{prefix}{stamp(moment)}"
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
    tag = store_tag(store)
    if to is not None:
        target = Path(to).expanduser()
        if target.is_dir():
            target = _unique(target, _PREFIXES[KIND_MANUAL], store.now(), tag)
    else:
        target = _unique(backup_dir(store), _PREFIXES[KIND_MANUAL], store.now(), tag)
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
    tag = store_tag(store)
    salt = keying.read_salt(store.location.store)
    dailies = [b for b in list_backups(store.location, [folder]) if b.kind == KIND_DAILY
               and b.path.parent.resolve() == folder.resolve() and is_own(b, tag, salt)]
    if any(b.taken_at.astimezone(tz).date() == today for b in dailies):
        return None
    path = store.backup_to(_unique(folder, _PREFIXES[KIND_DAILY], now, tag))
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


def _settings_of(path: Path, key: keying.RawKey, names: Sequence[str], *,
                 immutable: bool = False) -> dict[str, str] | None:
    """Some settings (JSON text) of a store file, read-only; ``None`` when unreadable.
    The caller holds the file's lock or owns the file (see :func:`_ro_connect`)."""
    try:
        conn = _ro_connect(path, key, immutable=immutable)
    except (StoreError, sqlcipher3.Error, OSError):
        return None
    try:
        marks = ", ".join("?" for _ in names)
        rows = conn.execute(f"SELECT key, value FROM setting WHERE key IN ({marks})",
                            tuple(names)).fetchall()
        return {str(k): str(v) for k, v in rows}
    except (sqlcipher3.Error, RuntimeError):
        return None
    finally:
        conn.close()


def _locked_settings(location: Location, key: keying.RawKey,
                     names: Sequence[str]) -> dict[str, str] | None:
    """:func:`_settings_of` the store, under its lock (no writer meanwhile)."""
    lock = StoreLock(location.lock_file, location.store)
    try:
        _acquire(lock, location.store)
    except (StoreError, OSError):
        return None
    try:
        return _settings_of(location.store, key, names)
    finally:
        lock.release()


def chosen_backup_dir(location: Location, key: keying.RawKey) -> Path | None:
    """The backup folder set in the settings of a store that may be damaged.

    Best effort and read-only (the store is not opened for writing): ``None`` when
    no folder is set or the setting cannot be read."""
    found = _locked_settings(location, key, ["backup_dir"])
    chosen = _json_text((found or {}).get("backup_dir"))
    return Path(chosen).expanduser() if chosen else None


def newest_good_backup(location: Location, passphrase: str,
                       folders: Iterable[Path] = ()) -> Path | None:
    """The newest backup of *this* store that opens with ``passphrase`` and passes
    every check.

    Looks in the data directory's backup folder, in ``folders``, and in the folder
    chosen in the store's settings when the (possibly damaged) store still says.
    Backups named for another store are skipped (two stores may share a folder)."""
    keys = _Keys(passphrase)
    folders = list(folders)
    tag = ""
    with suppress(OSError, ValueError):
        if location.store.is_file():
            found = _locked_settings(location, keys.for_file(location.store),
                                     ["backup_dir", "store_id"]) or {}
            chosen = _json_text(found.get("backup_dir"))
            if chosen:
                folders.append(Path(chosen).expanduser())
            tag = tag_of(_json_text(found.get("store_id")))
    for info in list_backups(location, folders):
        if tag and info.tag and info.tag != tag:
            continue
        try:
            verify_backup(info.path, passphrase, _keys=keys)
        except (StoreError, OSError):
            continue
        return info.path
    return None


def check_identity(location: Location, staging: Path, source: Path, keys: _Keys, *,
                   force: bool, known_tag: str = "") -> None:
    """Refuse a handover pack always, and a backup of another store unless ``force``.

    The store's identity is ``known_tag`` when the caller has the store open, else read
    from the store file (best effort: it may be damaged, or have a newer passphrase
    than the backup; the remembered one is tried too). Without an identity on both
    sides the salt decides (a store's backups share its salt until its passphrase
    changes). A missing or empty store has nothing to confuse, so anything passes."""
    found = _settings_of(staging, keys.for_file(staging), ["store_id", "pack_manifest"],
                         immutable=True) or {}
    if "pack_manifest" in found:
        raise HandoverPackNotBackup(source)
    store = location.store
    if force or not store.is_file() or store.stat().st_size < keying.SALT_BYTES:
        return
    theirs = tag_of(_json_text(found.get("store_id")))
    mine = known_tag or _current_tag(location, keys)
    if mine and theirs:
        if mine != theirs:
            raise OtherStoreBackup(source)
        return
    if keying.read_salt(store) == keying.read_salt(staging):
        return
    if mine is None:
        raise IdentityUnknown(source)
    raise OtherStoreBackup(source)


def _current_tag(location: Location, keys: _Keys) -> str | None:
    """The store's tag read with the backup's passphrase or the remembered one;
    ``None`` when neither opens it."""
    store = location.store
    found = _settings_of(store, keys.for_file(store), ["store_id"])
    if found is None:
        remembered = vault.recall(store)
        if remembered:
            found = _settings_of(store, keying.derive(remembered, keying.read_salt(store)),
                                 ["store_id"])
    return None if found is None else tag_of(_json_text(found.get("store_id")))


def restore(location: Location, backup_file: Path | str, passphrase: str,
            *, now: datetime | None = None, force: bool = False,
            known_tag: str = "") -> Restored:
    """Put a backup of this store in place of the store, after checking it completely.

    A handover pack is refused (:class:`HandoverPackNotBackup`), and so is a backup of
    another store (:class:`OtherStoreBackup`) unless ``force`` (see
    :func:`check_identity`; ``known_tag``: the identity of the store, when the caller
    had it open).

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
        private_dir(location.data_dir)
    except OSError as exc:
        raise _os_error(exc, target) from exc
    lock = StoreLock(location.lock_file, target)
    _acquire(lock, target)  # StoreInUse while it is open anywhere
    staging = target.with_name(target.name + ".restore-partial")
    try:
        for leftover in (staging, Path(f"{staging}-journal")):
            leftover.unlink(missing_ok=True)
        try:
            new_private_file(staging)  # the restored store is owner-only
            with source.open("rb") as src, staging.open("rb+") as fh:
                shutil.copyfileobj(src, fh, 1024 * 1024)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _os_error(exc, target) from exc
        keys = _Keys(passphrase)
        try:
            verify_backup(staging, passphrase, _keys=keys)
        except DamagedBackup as exc:
            raise DamagedBackup(source, _why(exc)) from exc
        except NotAStore as exc:
            raise NotAStore(source, _why(exc)) from exc
        except StoreTooNew as exc:
            raise StoreTooNew(source) from exc
        check_identity(location, staging, source, keys, force=force, known_tag=known_tag)
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
        owner_only(aside)
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
    "BackupInfo",
    "BackupNotFound",
    "DamagedBackup",
    "HandoverPackNotBackup",
    "IdentityUnknown", "OtherStoreBackup",
    "Restored",
    "backup_dir",
    "backup_now",
    "check_identity",
    "chosen_backup_dir",
    "daily_backup_if_due",
    "list_backups",
    "newest_good_backup",
    "restore",
    "select_for_deletion",
    "store_tag",
    "tag_of",
    "verify_backup",
]
