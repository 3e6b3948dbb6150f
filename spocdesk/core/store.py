"""Open, create, check, copy and close the encrypted store.

One SQLCipher 4 file, WAL journal, ``synchronous=FULL``, ``temp_store=MEMORY``.
The passphrase is turned into a raw key once (:mod:`spocdesk.core.keying`);
every pooled connection is keyed with it, so unlocking costs one key
derivation. Opening never creates, truncates or rewrites an existing file when
the passphrase is wrong or the file is not a store.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import logging
import os
import random
import shutil
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from sqlalchemy.pool import QueuePool

from spocdesk.core import keying, migrate, sla_clock
from spocdesk.core.clock import Clock, SystemClock
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    DiskFull,
    Message,
    NotAStore,
    ReadOnlyStore,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreLocked,
    StoreNotFound,
    StoreTooNew,
    WrongPassphrase,
    as_message,
)
from spocdesk.core.lockfile import StoreLock
from spocdesk.core.paths import Location
from spocdesk.core.safe_write import OWNER_DIR, new_private_file, owner_only, private_dir
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.uow import UnitOfWork, classify_db_error, translate_db_error

log = logging.getLogger(__name__)

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


def _connect(path: Path, key: keying.RawKey, *, create: bool = False) -> sqlcipher3.Connection:
    """A keyed connection; ``mode=rw`` so SQLite never creates a missing file."""
    mode = "rwc" if create else "rw"
    conn = sqlcipher3.connect(
        f"file:{path.as_posix()}?mode={mode}", uri=True, check_same_thread=False,
        isolation_level=None,
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    keying.run_keyed(conn, "PRAGMA key = ", key)
    conn.execute("PRAGMA cipher_memory_security = ON")
    return conn


def _configure(conn: sqlcipher3.Connection, journal_mode: str = "WAL") -> None:
    sla_clock.register(conn)  # the SLA triggers and queries call it (revision 0018)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    # 64 MB page cache: SQLCipher decrypts every page it reads, so a page kept in
    # the cache is a page not decrypted again (lists over 100,000 cases).
    conn.execute("PRAGMA cache_size = -65536")


# -- checking a file without writing to it -----------------------------------
#
# SQLCipher 4 pages end in a 16-byte IV and a 64-byte HMAC-SHA512 over the
# page's ciphertext, its IV and its page number (little endian). The HMAC key is
# PBKDF2-HMAC-SHA512(page key, salt XOR 0x3a, 2 iterations). Checking that MAC in
# Python needs no SQLite connection, reads exactly the pages we pick, and tells
# a damaged page from a wrong passphrase: if page 1 fails but other pages verify
# with the same key, the passphrase is right and page 1 is damaged.

RESERVE_BYTES = 80  # IV (16) + HMAC-SHA512 (64)
HMAC_BYTES = 64

# The check at every unlock (see :func:`unlock_check`). Measured on this machine
# (2 cores) over a 286 MB store: PRAGMA quick_check 2.3-3.5 s (16 s with a cold
# cache), cipher_integrity_check 2.3 s, every page's MAC in Python 1.7 s; reading a
# sample of 256 pages 0.01 s. So a full check (every MAC + quick_check) runs at
# unlock only up to 32 MB (about half a second at worst); beyond that unlock verifies
# the MACs of the first pages (schema), the last page and a random sample, and reads
# the schema. ``spocdesk check`` runs everything, and a damaged page met later is
# still caught: SQLCipher verifies each page's MAC on every read and the error
# becomes DamagedStore (uow.translate_db_error).
FULL_UNLOCK_CHECK_BYTES = 32 * 1024 * 1024
SAMPLE_PAGES = 256
HEAD_PAGES = 16


def hmac_key(key: keying.RawKey) -> bytes:
    hmac_salt = bytes(b ^ 0x3A for b in key.salt)
    return hashlib.pbkdf2_hmac("sha512", key.key, hmac_salt, 2, keying.KEY_BYTES)


def page_is_authentic(page: bytes, pgno: int, mac_key: bytes) -> bool:
    """Whether one raw page carries a valid SQLCipher 4 MAC for ``mac_key``."""
    if len(page) != keying.PAGE_SIZE:
        return False
    start = keying.SALT_BYTES if pgno == 1 else 0
    body = page[start:keying.PAGE_SIZE - HMAC_BYTES]
    expected = hmac.new(mac_key, body + pgno.to_bytes(4, "little"), hashlib.sha512).digest()
    return hmac.compare_digest(expected, page[keying.PAGE_SIZE - HMAC_BYTES:])


def damaged_pages(path: Path, key: keying.RawKey, pages: Iterable[int] | None = None) -> list[int]:
    """Page numbers (1-based) whose MAC does not verify; ``pages=None`` scans them all."""
    mac_key = hmac_key(key)
    bad: list[int] = []
    with path.open("rb") as fh:
        if pages is None:
            pgno = 0
            while True:
                page = fh.read(keying.PAGE_SIZE)
                if not page:
                    break
                pgno += 1
                if not page_is_authentic(page, pgno, mac_key):
                    bad.append(pgno)
            return bad
        for pgno in sorted(set(pages)):
            fh.seek((pgno - 1) * keying.PAGE_SIZE)
            if not page_is_authentic(fh.read(keying.PAGE_SIZE), pgno, mac_key):
                bad.append(pgno)
    return bad


def _wal_pages(path: Path) -> set[int]:
    """Page numbers that have a frame in the store's WAL (a newer copy of the page)."""
    wal = Path(f"{path}-wal")
    pages: set[int] = set()
    try:
        with wal.open("rb") as fh:
            header = fh.read(32)
            if len(header) < 32:
                return pages
            page_size = int.from_bytes(header[8:12], "big")
            if page_size != keying.PAGE_SIZE:
                return pages
            while True:
                frame = fh.read(24)
                if len(frame) < 24:
                    break
                pages.add(int.from_bytes(frame[:4], "big"))
                fh.seek(page_size, os.SEEK_CUR)
    except OSError:
        pass
    return pages


def _ro_connect(path: Path, key: keying.RawKey, *, immutable: bool = False,
                shared: bool = False) -> sqlcipher3.Connection:
    """A keyed read-only connection: it never writes to the file.

    Without a ``-wal`` file there is nothing newer than the file itself, so the
    connection is opened ``immutable`` and creates no ``-wal``/``-shm`` either; with
    one, SQLite reads the WAL's committed pages too. ``immutable`` turns SQLite's
    locking off, so callers must hold the store's lock (or own the file, as with a
    backup or a private copy): no other writer may touch it meanwhile."""
    if not immutable and not shared and not Path(f"{path}-wal").exists():
        immutable = True
    uri = f"file:{path.as_posix()}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise NotAStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "it cannot be opened")) from exc
    conn.execute("PRAGMA cipher_log_level = NONE")
    keying.run_keyed(conn, "PRAGMA key = ", key)
    return conn


def _classify_unreadable(path: Path, key: keying.RawKey | None = None) -> Exception:
    """Why a keyed read failed: wrong passphrase, not a store, or damaged."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_PLAIN_HEADER))
    if head == SQLITE_PLAIN_HEADER:
        return NotAStore(path, QT_TRANSLATE_NOOP(
            "spocdesk.core", "it is an unencrypted SQLite database"))
    if size < keying.PAGE_SIZE:
        return DamagedStore(path, QT_TRANSLATE_NOOP(
            "spocdesk.core", "the file is shorter than one page"))
    if size % keying.PAGE_SIZE:
        return DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is truncated"))
    if key is not None:
        pages = size // keying.PAGE_SIZE
        probe = range(2, min(pages, 9) + 1)
        if len(damaged_pages(path, key, probe)) < len(probe):
            # the key fits other pages of this file: the passphrase is right
            return DamagedStore(path, QT_TRANSLATE_NOOP(
                "spocdesk.core", "its first page is damaged"))
    return WrongPassphrase()


def unlock_sample(path: Path) -> list[int] | None:
    """The pages whose MACs the unlock check verifies: ``None`` for every page (a store
    of up to :data:`FULL_UNLOCK_CHECK_BYTES`), else the first pages, the last one and a
    random sample."""
    size = path.stat().st_size
    if size <= FULL_UNLOCK_CHECK_BYTES:
        return None
    file_pages = size // keying.PAGE_SIZE
    rest = range(HEAD_PAGES + 1, file_pages)
    return [*range(1, min(HEAD_PAGES, file_pages) + 1), file_pages,
            *random.sample(rest, min(SAMPLE_PAGES, len(rest)))]


def prefetch(path: Path, pages: Iterable[int] | None) -> None:
    """Ask the OS to start reading ``pages`` into its cache and return at once: called
    before the key derivation, so that the sample's scattered reads overlap it."""
    advise = getattr(os, "posix_fadvise", None)
    if pages is None or advise is None:
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # the check itself will say what is wrong
    try:
        for pgno in pages:
            advise(fd, (pgno - 1) * keying.PAGE_SIZE, keying.PAGE_SIZE,
                   os.POSIX_FADV_WILLNEED)
    except OSError:
        pass  # only a hint
    finally:
        os.close(fd)


def unlock_check(path: Path, key: keying.RawKey, *, full: bool | None = None,
                 immutable: bool = False, sample: list[int] | None = None,
                 shared: bool = False) -> None:
    """The check run at every unlock; reads only, raises a :class:`StoreError`.

    ``full=None`` picks by size (see :data:`FULL_UNLOCK_CHECK_BYTES`): every page's
    MAC plus ``PRAGMA quick_check`` on a small store, a sample of MACs on a big one
    (``sample``, when :func:`unlock_sample` chose it already, else chosen here).
    ``shared``: another process has the store open (and may write): never immutable.
    """
    conn = _ro_connect(path, key, immutable=immutable, shared=shared)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        except sqlcipher3.DatabaseError as exc:
            if "malformed" in str(exc):
                raise DamagedStore(path, QT_TRANSLATE_NOOP(
                    "spocdesk.core", "its pages do not fit together")) from exc
            raise _classify_unreadable(path, key) from exc
        size = path.stat().st_size
        if size % keying.PAGE_SIZE:
            raise DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is truncated"))
        wal = Path(f"{path}-wal")
        has_wal = wal.exists() and wal.stat().st_size > 0
        if not has_wal and size < pages * keying.PAGE_SIZE:
            raise DamagedStore(path, QT_TRANSLATE_NOOP(
                "spocdesk.core", "the file is shorter than its own header says"))
        file_pages = size // keying.PAGE_SIZE
        if full is None:
            full = size <= FULL_UNLOCK_CHECK_BYTES
        chosen: Iterable[int] | None = None
        if not full:
            chosen = [p for p in sample if p <= file_pages] if sample else None
            chosen = chosen or unlock_sample(path) or list(range(1, file_pages + 1))
        bad = set(damaged_pages(path, key, chosen))
        if bad and has_wal:
            bad -= _wal_pages(path)  # a newer copy in the WAL supersedes the page
        if bad:
            raise DamagedStore(path, Message(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{count} page(s) fail their authentication check"),
                count=len(bad)))
        if full:
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
            except sqlcipher3.DatabaseError as exc:
                raise DamagedStore(path, QT_TRANSLATE_NOOP(
                    "spocdesk.core", "its pages do not fit together")) from exc
            if [tuple(r) for r in rows] != [("ok",)]:
                raise DamagedStore(path, QT_TRANSLATE_NOOP(
                    "spocdesk.core", "its pages do not fit together"))
    finally:
        conn.close()


def integrity_problems_of(conn: sqlcipher3.Connection) -> list[str]:
    """Run ``cipher_integrity_check``, ``integrity_check`` and ``foreign_key_check``."""
    problems: list[str] = []
    checks = (
        ("PRAGMA cipher_integrity_check", lambda value: True),
        ("PRAGMA integrity_check", lambda value: value != "ok"),
        ("PRAGMA foreign_key_check", lambda value: True),
    )
    for pragma, is_problem in checks:
        try:
            rows = conn.execute(pragma).fetchall()
        except sqlcipher3.DatabaseError as exc:
            problems.append(f"{pragma}: {exc}")
            continue
        problems.extend(" ".join(map(str, row)) for row in rows if is_problem(row[0]))
    return problems


@dataclass
class CheckReport:
    """The result of :func:`check_file`: ``damage`` from the unlock check, then the
    problems ``cipher_integrity_check``/``integrity_check``/``foreign_key_check`` found."""

    path: Path
    damage: DamagedStore | None = None
    problems: list[str] = field(default_factory=list)
    schema: migrate.SchemaState | None = None

    @property
    def ok(self) -> bool:
        return self.damage is None and not self.problems


def check_key(path: Path, key: keying.RawKey, *, immutable: bool = False) -> CheckReport:
    """Full check of a store file with its key, reading only."""
    report = CheckReport(path)
    try:
        unlock_check(path, key, full=True, immutable=immutable)
    except DamagedStore as exc:
        report.damage = exc
    conn = _ro_connect(path, key, immutable=immutable)
    try:
        report.problems = integrity_problems_of(conn)
        if report.damage is None:
            engine = sa.create_engine("sqlite://", module=sqlcipher3, creator=lambda: conn,
                                      poolclass=sa.pool.StaticPool)
            try:
                with engine.connect() as sa_conn:
                    report.schema = migrate.state(sa_conn)
            except sa.exc.DatabaseError as exc:
                report.damage = DamagedStore(path, QT_TRANSLATE_NOOP(
                    "spocdesk.core", "its schema cannot be read"))
                log.debug("schema unreadable: %s", type(exc).__name__)
    finally:
        conn.close()
    if report.problems and report.damage is None:
        report.damage = DamagedStore(path, QT_TRANSLATE_NOOP(
            "spocdesk.core", "the integrity check found problems"))
    return report


def check_file(path: Path, passphrase: str, *, immutable: bool = False) -> CheckReport:
    """Full, read-only check of any store file (the store, a backup).

    Raises :class:`StoreNotFound`, :class:`WrongPassphrase` or :class:`NotAStore`;
    damage is reported in the returned :class:`CheckReport`, never raised."""
    if not path.is_file():
        raise StoreNotFound(path)
    if path.stat().st_size == 0:
        return CheckReport(path, DamagedStore(path, QT_TRANSLATE_NOOP(
            "spocdesk.core", "the file is empty")), ["the file is empty"])
    key = keying.derive(passphrase, keying.read_salt(path))
    try:
        return check_key(path, key, immutable=immutable)
    except DamagedStore as exc:  # raised by the first read, before any check ran
        return CheckReport(path, exc, [str(exc)])


def warm_up() -> None:
    """Configure the ORM mappers now (about 0.1 s, paid once per process by the first
    ORM query): the unlock dialog calls it while the passphrase is being typed."""
    configure_mappers()


SHARED_WAIT_SECONDS = 10.0


def _acquire(lock: StoreLock, store: Path) -> None:
    """Take the store's lock; a folder that cannot be written is a plain sentence.

    A shared lock waits (up to :data:`SHARED_WAIT_SECONDS`) while another process holds
    it exclusively for a moment (its unlock check); an exclusive one never waits."""
    deadline = time.monotonic() + (SHARED_WAIT_SECONDS if lock.shared else 0.0)
    try:
        while True:
            try:
                lock.acquire()
                return
            except StoreInUse:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ReadOnlyStore(store) from exc
        if exc.errno == errno.ENOSPC:
            raise DiskFull() from exc
        raise


class Store:
    """An unlocked store. Use :meth:`open` or :meth:`create`; :meth:`close` locks it."""

    def __init__(self, location: Location, key: keying.RawKey, lock: StoreLock,
                 clock: Clock | None = None, author: str = "owner") -> None:
        self.location = location
        self.clock: Clock = clock or SystemClock()
        self.author = author
        # WAL for the owner's store; DELETE (a rollback journal) for a handover pack,
        # whose file alone must hold every commit (see :meth:`use_rollback_journal`)
        self.journal_mode = "WAL"
        self._key: keying.RawKey | None = key
        self._lock = lock
        #: set once a read met a damaged page: nothing is written from then on
        self.damaged = False
        # The SQLite dialect over the sqlcipher3 DB-API module. (The stock
        # ``sqlite+pysqlcipher`` dialect re-keys every connection from the URL's
        # password; we key with the derived raw key in ``_new_connection``.)
        self.engine = sa.create_engine(
            "sqlite://", module=sqlcipher3, creator=self._new_connection, poolclass=QueuePool,
            pool_size=2, max_overflow=4,
        )
        event.listen(self.engine, "connect",
                     lambda dbapi, _rec: _configure(dbapi, self.journal_mode))
        # Every statement, whoever runs it (units of work, plain sessions, connections):
        # a damaged page, a full disk or a read-only file becomes its StoreError.
        event.listen(self.engine, "handle_error", self._on_db_error)
        # The driver runs in autocommit mode (isolation_level=None); SQLAlchemy emits
        # BEGIN itself so every unit of work, DDL included, is one real transaction. A
        # unit of work begins IMMEDIATE: it takes SQLite's write lock up front, so that
        # writers in other processes (the command line beside the app) wait for each
        # other (busy_timeout) instead of failing when a read turns into a write.
        event.listen(self.engine, "begin", _begin)
        #: commits made through this store; the GUI tells its own commits from another
        #: process's by it (:class:`ChangeWatcher`)
        self.commits = 0
        event.listen(self.engine, "commit", self._count_commit)
        self._watchers: weakref.WeakSet[ChangeWatcher] = weakref.WeakSet()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # -- life cycle -------------------------------------------------------

    @classmethod
    def create(cls, location: Location, passphrase: str, clock: Clock | None = None,
               *, revision: str = "head") -> Store:
        """Make a new, empty store; refuse if any file is already there.

        ``revision`` exists for tests that need a store at an older schema."""
        path = location.store
        if path.exists():
            raise StoreExists(path)
        try:
            private_dir(location.data_dir)
        except OSError as exc:
            raise _os_error(exc, path) from exc
        lock = StoreLock(location.lock_file, path)
        _acquire(lock, path)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            lock.release()
            raise StoreExists(path) from None
        except OSError as exc:
            lock.release()
            raise _os_error(exc, path) from exc
        os.close(fd)
        key = keying.new_key(passphrase)
        try:
            with translate_db_error(path):
                conn = _connect(path, key, create=True)
                _configure(conn)
                conn.close()
                store = cls(location, key, lock, clock)
                migrate.upgrade(store.engine, revision)
                lock.share()  # (created exclusive) others may open it now
        except BaseException:
            lock.release()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
        log.info("created a new store")
        return store

    @classmethod
    def open(cls, location: Location, passphrase: str, clock: Clock | None = None,
             *, upgrade: bool = True) -> Store:
        """Unlock an existing store, upgrading its schema (after a backup) if needed.

        The unlock check (:func:`unlock_check`) runs on a read-only connection
        first: a damaged store raises :class:`DamagedStore` and is not written to."""
        path = location.store
        if not path.is_file():
            raise StoreNotFound(path)
        lock = StoreLock(location.lock_file, path, shared=True)
        _acquire(lock, path)
        for side in ("", "-wal", "-shm"):  # written 0644 by an older spocdesk
            owner_only(Path(f"{path}{side}"))
        try:
            if path.stat().st_size == 0:
                raise DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is empty"))
            sample = unlock_sample(path)
            prefetch(path, sample)  # the disk reads the sample while the key is derived
            key = keying.derive(passphrase, keying.read_salt(path))
        except BaseException:
            lock.release()
            raise
        return cls._open_with_lock(location, key, lock, clock, upgrade=upgrade,
                                   sample=sample)

    @classmethod
    def open_with_key(cls, location: Location, key: keying.RawKey,
                      clock: Clock | None = None, *, upgrade: bool = True) -> Store:
        """Like :meth:`open` with an already derived key (tests, crash recovery)."""
        path = location.store
        if not path.is_file():
            raise StoreNotFound(path)
        key = keying.RawKey(bytearray(key.key), key.salt)  # ours, wiped on close
        lock = StoreLock(location.lock_file, path, shared=True)
        _acquire(lock, path)
        return cls._open_with_lock(location, key, lock, clock, upgrade=upgrade)

    @classmethod
    def _open_with_lock(cls, location: Location, key: keying.RawKey, lock: StoreLock,
                        clock: Clock | None, *, upgrade: bool,
                        sample: list[int] | None = None) -> Store:
        path = location.store
        try:
            if path.stat().st_size == 0:
                raise DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is empty"))
            # alone with the file (no other window or command has it open): the check
            # may read it immutable, and a schema upgrade may run
            alone = lock.exclusive()
            unlock_check(path, key, sample=sample, shared=not alone)
            store = cls(location, key, lock, clock)
            try:
                store._check_schema(upgrade=upgrade)
                lock.share()
                if store._is_handover_pack():
                    store.author = "deputy"
                    store.use_rollback_journal()
            except BaseException:
                store.engine.dispose()
                raise
        except BaseException:
            lock.release()
            raise
        log.info("opened a store")
        return store

    def _is_handover_pack(self) -> bool:
        """A pack carries a ``pack_manifest`` setting (spocdesk.core.handover.pack);
        whoever works on one is the deputy, and the audit trail says so."""
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT 1 FROM setting WHERE key = 'pack_manifest'").first()
        return found is not None

    def use_rollback_journal(self) -> None:
        """Switch this store to a rollback journal (``journal_mode=DELETE``).

        A handover pack travels as one file: the deputy attaches it to an e-mail or
        copies it to a stick while the app may still have it open. In WAL mode the
        committed work sits in ``PACK-wal`` until a checkpoint, so the file alone
        would be stale; with a rollback journal every commit is in the file itself
        (``synchronous=FULL`` syncs it), and ``PACK-journal`` exists only during a
        write. Every pooled connection is dropped so that each new one is
        configured the same way."""
        self.journal_mode = "DELETE"
        self.engine.dispose()
        with translate_db_error(self.location.store), self.engine.connect() as conn:
            mode = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar() or "").lower()
        if mode != "delete":
            raise ReadOnlyStore(self.location.store)

    def _check_schema(self, *, upgrade: bool) -> None:
        path = self.location.store
        try:
            with self.engine.connect() as conn:
                state = migrate.state(conn)
        except sa.exc.DatabaseError as exc:
            translated = classify_db_error(exc, path)
            if translated is not None and not isinstance(translated, DamagedStore):
                raise translated from exc
            raise DamagedStore(path, QT_TRANSLATE_NOOP(
                "spocdesk.core", "its schema cannot be read")) from exc
        if state is migrate.SchemaState.FOREIGN:
            raise NotAStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "it holds no spocdesk data"))
        if state is migrate.SchemaState.TOO_NEW:
            raise StoreTooNew(path)
        if state is migrate.SchemaState.BEHIND and upgrade:
            if not self._lock.exclusive():  # others read the old schema meanwhile
                raise StoreInUse(path)
            copy = self.backup_to(self._pre_migration_backup_path())
            log.info("took a backup before upgrading the schema: %s", copy.name)
            with translate_db_error(path):
                migrate.upgrade(self.engine)

    def _pre_migration_backup_path(self) -> Path:
        """Named after the moment and the revision it leaves; never an existing file."""
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%SZ")
        tag = ""
        with self.engine.connect() as conn:
            revision = migrate.current(conn) or "empty"
            with suppress(sa.exc.DBAPIError):  # a store from before revision 0002 has none
                store_id = conn.exec_driver_sql(
                    "SELECT value FROM setting WHERE key = 'store_id'").scalar()
                tag = str(store_id or "").strip('"').replace("-", "").lower()[:12]
        name = f"pre-migration-{tag}-{stamp}" if tag else f"pre-migration-{stamp}"
        base = self.location.backup_dir / f"{name}-from-{revision}"
        candidate = base.with_name(base.name + ".spocdesk-backup")
        number = 1
        while candidate.exists():
            number += 1
            candidate = base.with_name(f"{base.name}-{number}.spocdesk-backup")
        return candidate

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def close(self) -> None:
        """Checkpoint the WAL, drop every connection and forget the key."""
        if self._key is None:
            return
        if not self.damaged:
            try:
                self.checkpoint()
            except (sa.exc.SQLAlchemyError, sqlcipher3.Error, StoreError) as exc:
                # the WAL stays; the next unlock reads it (nothing committed is lost)
                log.warning("could not checkpoint the WAL on close (%s)", type(exc).__name__)
        for watcher in list(self._watchers):
            watcher.close()
        self.engine.dispose()
        key, self._key = self._key, None
        key.wipe()  # the store's own copy (see open_with_key)
        self._lock.release()
        log.info("closed the store")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections and units of work ------------------------------------

    def _count_commit(self, _conn: sa.Connection) -> None:
        self.commits += 1

    def committed(self) -> None:
        """Called by a unit of work right after its commit (see :class:`ChangeWatcher`)."""
        for watcher in list(self._watchers):
            watcher.absorb()

    def watcher(self) -> ChangeWatcher:
        """A :class:`ChangeWatcher` on this store (close it before locking)."""
        return ChangeWatcher(self)

    def _on_db_error(self, context: sa.engine.ExceptionContext) -> BaseException | None:
        translated = classify_db_error(context.original_exception, self.location.store)
        if isinstance(translated, DamagedStore):
            self.damaged = True
        return translated

    def _new_connection(self) -> sqlcipher3.Connection:
        if self._key is None:
            raise StoreLocked()
        return _connect(self.location.store, self._key)

    def session(self) -> Session:
        if self._key is None:
            raise StoreLocked()
        if self.damaged:
            raise DamagedStore(self.location.store, QT_TRANSLATE_NOOP(
                "spocdesk.core", "a page could not be read"))
        return self._sessions()

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self)

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A read connection for list queries (columns, not ORM objects)."""
        if self._key is None:
            raise StoreLocked()
        try:
            with translate_db_error(self.location.store), self.engine.connect() as conn:
                yield conn
        except DamagedStore:
            self.damaged = True
            raise

    def now(self) -> datetime:
        return self.clock.now()

    # -- maintenance ------------------------------------------------------

    def checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_problems(self) -> list[str]:
        """Run ``cipher_integrity_check`` and ``integrity_check``; [] means sound."""
        raw = self.engine.raw_connection()
        try:
            dbapi: Any = raw.driver_connection
            return integrity_problems_of(dbapi)
        finally:
            raw.close()

    def _export_to(self, partial: Path, key: keying.RawKey) -> None:
        """``sqlcipher_export`` everything into a new file keyed with ``key``.

        The first error wins: when the export fails (a full disk, a vanished folder),
        the ``DETACH`` that follows often fails too ("malformed": the attached file is
        half written), and that second error must not hide the cause. A connection
        whose export or detach failed is discarded, never returned to the pool with
        a broken attachment."""
        new_private_file(partial)  # owner-only: SQLite keeps the mode it finds
        raw = self.engine.raw_connection()
        discard = False
        try:
            dbapi: Any = raw.driver_connection
            quoted = str(partial).replace("'", "''")
            keying.run_keyed(dbapi, f"ATTACH DATABASE '{quoted}' AS export KEY ", key)
            failed = False
            try:
                # the new file is private until renamed into place, and fsynced below:
                # no journal and no syncs while writing it (about 50 times faster)
                dbapi.execute("PRAGMA export.journal_mode = OFF")
                dbapi.execute("PRAGMA export.synchronous = OFF")
                dbapi.execute("SELECT sqlcipher_export('export')")
                version = dbapi.execute("PRAGMA main.user_version").fetchone()[0]
                dbapi.execute(f"PRAGMA export.user_version = {int(version)}")
            except BaseException:
                failed = discard = True
                raise
            finally:
                try:
                    dbapi.execute("DETACH DATABASE export")
                except sqlcipher3.Error:
                    discard = True
                    if not failed:
                        raise
                    log.debug("DETACH failed after a failed export (connection discarded)")
        except BaseException:
            discard = True
            raise
        finally:
            if discard:
                raw.invalidate()
            raw.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())

    def backup_to(self, target: Path) -> Path:
        """Write an encrypted, consistent copy (same key) to ``target`` atomically.

        A full disk, an unwritable or vanished folder raises :class:`BackupNotWritten`
        naming the cause (:class:`CopyDiskFull` is also a :class:`DiskFull`) and leaves
        no partial file behind; the store stays open and sound."""
        if self._key is None:
            raise StoreLocked()
        if target.exists():
            raise StoreExists(target)
        partial = target.with_name(target.name + ".partial")
        try:
            if target.parent == self.location.backup_dir:
                private_dir(target.parent, narrow=True)
            else:  # a chosen folder; not its parents: a drive may be gone
                target.parent.mkdir(mode=OWNER_DIR, exist_ok=True)
            partial.unlink(missing_ok=True)
            self._export_to(partial, self._key)
            if target.exists():
                raise StoreExists(target)
            os.replace(partial, target)
            _fsync_dir(target.parent)
        except BaseException as exc:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            with suppress(OSError):
                Path(f"{partial}-journal").unlink(missing_ok=True)
            if isinstance(exc, StoreError):
                raise
            if isinstance(exc, sqlcipher3.Error | sa.exc.DBAPIError | OSError):
                raise _backup_error(exc, target, self.location.store, self._key) from exc
            raise
        return target

    def passphrase_matches(self, secret: str) -> bool:
        """Whether ``secret`` is this store's passphrase (one key derivation)."""
        if self._key is None:
            raise StoreLocked()
        return hmac.compare_digest(keying.derive(secret, self._key.salt).key, self._key.key)

    def verify_copy(self, path: Path) -> bool:
        """Whether ``path`` (a copy made by :meth:`backup_to`) opens with this store's
        key, passes every check, and holds as many rows per table as this store."""
        if self._key is None:
            raise StoreLocked()
        report = check_key(path, self._key, immutable=True)
        return report.ok and _table_counts_of(path, self._key) == self._table_counts()

    # -- changing the passphrase ----------------------------------------

    def change_passphrase(self, old: str, new: str) -> PassphraseChanged:
        """Re-encrypt this open store under ``new``; see :func:`change_passphrase`."""
        from spocdesk.core import passphrase as passphrases

        if self._key is None:
            raise StoreLocked()
        if self.damaged:
            raise DamagedStore(self.location.store, QT_TRANSLATE_NOOP(
                "spocdesk.core", "a page could not be read"))
        probe = keying.derive(old, self._key.salt)
        matches = hmac.compare_digest(probe.key, self._key.key)
        probe.wipe()
        if not matches:
            raise WrongPassphrase()
        passphrases.check_new(new, new)
        if self.engine.pool.checkedout():  # type: ignore[attr-defined]
            raise StoreError(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The store is busy; finish the current work and try again."))
        if not self._lock.exclusive():  # a command line has it open: it would lose it
            raise StoreInUse(self.location.store)
        try:
            return self._change_passphrase(new)
        finally:
            self._lock.share()

    def _change_passphrase(self, new: str) -> PassphraseChanged:
        from spocdesk.core import vault

        path = self.location.store
        partial = path.with_name(path.name + ".rekey-partial")
        new_key = keying.new_key(new)
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        try:
            with translate_db_error(path):
                self.checkpoint()
                counts = self._table_counts()
            try:
                self._export_to(partial, new_key)
            except (sqlcipher3.Error, OSError) as exc:
                raise _backup_error(exc, partial, path, self._key) from exc
            # verify the new file before it replaces anything
            if keying.read_salt(partial) != new_key.salt:
                raise StoreError(QT_TRANSLATE_NOOP(
                    "spocdesk.core",
                    "The re-encrypted copy could not be verified; the passphrase was not changed."))
            report = check_key(partial, new_key, immutable=True)
            if not report.ok or _table_counts_of(partial, new_key) != counts:
                raise StoreError(QT_TRANSLATE_NOOP(
                    "spocdesk.core",
                    "The re-encrypted copy could not be verified; the passphrase was not changed."))
            old_key, self._key = self._key, None  # no new connection during the swap
            try:
                self.engine.dispose()  # the last connection removes the WAL on closing
                wal = Path(f"{path}-wal")
                if wal.exists() and wal.stat().st_size:
                    raise StoreError(QT_TRANSLATE_NOOP(
                        "spocdesk.core",
                        "The store is busy; finish the current work and try again."))
                os.replace(partial, path)
            except BaseException:
                self._key = old_key
                raise
        except BaseException:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            raise
        for suffix in ("-wal", "-shm"):
            with suppress(OSError):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        _fsync_dir(path.parent)
        self._key = new_key
        if old_key is not None:
            old_key.wipe()
        log.info("changed the store's passphrase")
        keyring_state = "none"
        if vault.recall(path) is not None:
            if vault.remember(path, new):
                keyring_state = "updated"
            else:
                vault.forget(path)
                keyring_state = "forgotten"
        return PassphraseChanged(keyring=keyring_state)

    def _table_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            names = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'").scalars().all()
            return {name: int(conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar()
                              or 0) for name in names}


WRITE_OPTION = "spocdesk_write"  # execution option: this transaction will write


def _begin(conn: sa.Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class ChangeWatcher:
    """Notice commits made by another process (the command line beside the app).

    ``PRAGMA data_version`` on a connection of its own changes whenever any *other*
    connection commits, this process's pooled ones included. A unit of work that
    commits tells the watchers at once (:meth:`absorb`), and :attr:`Store.commits`
    covers the rest, so only another process's commits count. One cheap pragma per
    :meth:`changed` call (the GUI polls about once a second)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn: sqlcipher3.Connection | None = None
        self._version = -1
        self._own = store.commits
        store._watchers.add(self)

    def _read(self) -> int | None:
        store = self._store
        if not store.is_open or store.damaged:
            self.close()
            return None
        try:
            if self._conn is None:
                self._conn = store._new_connection()
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlcipher3.Error:
            self.close()
            return None

    def changed(self) -> bool:
        """Whether another process committed since the last call."""
        version = self._read()
        if version is None:
            return False
        previous, self._version = self._version, version
        own, self._own = self._own, self._store.commits
        return 0 <= previous != version and own == self._store.commits

    def absorb(self) -> None:
        """This process just committed: that change is no news."""
        if self._conn is not None:
            version = self._read()
            if version is not None:
                self._version = version
        self._own = self._store.commits

    def close(self) -> None:
        if self._conn is not None:
            with suppress(sqlcipher3.Error):
                self._conn.close()
            self._conn = None
        self._version = -1
        self._store._watchers.discard(self)


@dataclass(frozen=True)
class PassphraseChanged:
    """What :func:`change_passphrase` did with the keyring entry.

    ``keyring``: "none" (nothing was remembered), "updated" (now holds the new
    passphrase) or "forgotten" (the keyring refused the new one; the stale entry is gone).
    """

    keyring: str


def change_passphrase(target: Store | Location, old: str, new: str) -> PassphraseChanged:
    """Re-encrypt the store under a new passphrase, safely.

    Checkpoints the WAL, writes a new file under a new salt and key with
    ``sqlcipher_export``, checks that file (MACs, integrity, row counts) and only
    then puts it in place with ``os.replace``; until that moment the old file is
    untouched. An open :class:`Store` stays open under the new key; a
    :class:`Location` is opened (without schema upgrade) and closed again. A
    remembered passphrase in the keyring is replaced. Older backups keep the
    passphrase they were made with.
    """
    if isinstance(target, Store):
        return target.change_passphrase(old, new)
    store = Store.open(target, old, upgrade=False)
    try:
        return store.change_passphrase(old, new)
    finally:
        store.close()


def _table_counts_of(path: Path, key: keying.RawKey) -> dict[str, int]:
    conn = _ro_connect(path, key, immutable=True)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name in names}
    finally:
        conn.close()


def read_setting_raw(path: Path, key: keying.RawKey, name: str) -> str | None:
    """One ``setting`` value of a store file, read without writing (None: no such row)."""
    conn = _ro_connect(path, key)
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (name,)).fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise _classify_unreadable(path, key) from exc
    finally:
        conn.close()
    return None if row is None else str(row[0])


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
