"""Open, create, check, copy and close the encrypted store.

One SQLCipher 4 file, WAL journal, ``synchronous=FULL``, ``temp_store=MEMORY``.
The passphrase is turned into a raw key once (:mod:`spocdesk.core.keying`);
every pooled connection is keyed with it, so unlocking costs one key
derivation. Opening never creates, truncates or rewrites an existing file when
the passphrase is wrong or the file is not a store.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from spocdesk.core import keying, migrate
from spocdesk.core.clock import Clock, SystemClock
from spocdesk.core.errors import (
    DamagedStore,
    NotAStore,
    StoreExists,
    StoreLocked,
    StoreNotFound,
    StoreTooNew,
    WrongPassphrase,
)
from spocdesk.core.lockfile import StoreLock
from spocdesk.core.paths import Location
from spocdesk.core.uow import UnitOfWork, translate_db_error

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
    conn.execute(f"PRAGMA key = {key.pragma_value()}")
    return conn


def _configure(conn: sqlcipher3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


def _classify_unreadable(path: Path) -> Exception:
    """Why a keyed read failed: wrong passphrase, not a store, or damaged."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_PLAIN_HEADER))
    if head == SQLITE_PLAIN_HEADER:
        return NotAStore(path, "it is an unencrypted SQLite database")
    if size < keying.PAGE_SIZE:
        return DamagedStore(path, "the file is shorter than one page")
    if size % keying.PAGE_SIZE:
        return DamagedStore(path, "the file is truncated")
    return WrongPassphrase()


def _verify_readable(path: Path, key: keying.RawKey) -> None:
    """Read page 1 with the key, without writing anything."""
    try:
        conn = sqlcipher3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlcipher3.Error as exc:
        raise NotAStore(path, "it cannot be opened") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    except sqlcipher3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise DamagedStore(path, "its pages do not fit together") from exc
        raise _classify_unreadable(path) from exc
    finally:
        conn.close()
    size = path.stat().st_size
    if size % keying.PAGE_SIZE:
        raise DamagedStore(path, "the file is truncated")
    wal = Path(f"{path}-wal")
    if not (wal.exists() and wal.stat().st_size) and size < pages * keying.PAGE_SIZE:
        raise DamagedStore(path, "the file is shorter than its own header says")


class Store:
    """An unlocked store. Use :meth:`open` or :meth:`create`; :meth:`close` locks it."""

    def __init__(self, location: Location, key: keying.RawKey, lock: StoreLock,
                 clock: Clock | None = None, author: str = "owner") -> None:
        self.location = location
        self.clock: Clock = clock or SystemClock()
        self.author = author
        self._key: keying.RawKey | None = key
        self._lock = lock
        # The SQLite dialect over the sqlcipher3 DB-API module. (The stock
        # ``sqlite+pysqlcipher`` dialect re-keys every connection from the URL's
        # password; we key with the derived raw key in ``_new_connection``.)
        self.engine = sa.create_engine(
            "sqlite://", module=sqlcipher3, creator=self._new_connection, poolclass=QueuePool,
            pool_size=4, max_overflow=4,
        )
        event.listen(self.engine, "connect", lambda dbapi, _rec: _configure(dbapi))
        # The driver runs in autocommit mode (isolation_level=None); SQLAlchemy emits
        # BEGIN itself so every unit of work, DDL included, is one real transaction.
        event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
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
        location.data_dir.mkdir(parents=True, exist_ok=True)
        lock = StoreLock(location.lock_file, path)
        lock.acquire()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            lock.release()
            raise StoreExists(path) from None
        except OSError:
            lock.release()
            raise
        os.close(fd)
        key = keying.new_key(passphrase)
        try:
            conn = _connect(path, key, create=True)
            _configure(conn)
            conn.close()
            store = cls(location, key, lock, clock)
            migrate.upgrade(store.engine, revision)
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
        """Unlock an existing store, upgrading its schema (after a backup) if needed."""
        path = location.store
        if not path.is_file():
            raise StoreNotFound(path)
        lock = StoreLock(location.lock_file, path)
        lock.acquire()
        try:
            if path.stat().st_size == 0:
                raise DamagedStore(path, "the file is empty")
            key = keying.derive(passphrase, keying.read_salt(path))
            _verify_readable(path, key)
            store = cls(location, key, lock, clock)
            try:
                store._check_schema(upgrade=upgrade)
            except BaseException:
                store.engine.dispose()
                raise
        except BaseException:
            lock.release()
            raise
        log.info("opened a store")
        return store

    def _check_schema(self, *, upgrade: bool) -> None:
        path = self.location.store
        with self.engine.connect() as conn:
            try:
                state = migrate.state(conn)
            except sa.exc.DatabaseError as exc:
                raise DamagedStore(path, "its schema cannot be read") from exc
        if state is migrate.SchemaState.FOREIGN:
            raise NotAStore(path, "it holds no spocdesk data")
        if state is migrate.SchemaState.TOO_NEW:
            raise StoreTooNew(path)
        if state is migrate.SchemaState.BEHIND and upgrade:
            copy = self.backup_to(self._pre_migration_backup_path())
            log.info("took a backup before upgrading the schema: %s", copy.name)
            migrate.upgrade(self.engine)

    def _pre_migration_backup_path(self) -> Path:
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%SZ")
        return self.location.backup_dir / f"pre-migration-{stamp}.spocdesk-backup"

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def close(self) -> None:
        """Checkpoint the WAL, drop every connection and forget the key."""
        if self._key is None:
            return
        try:
            self.checkpoint()
        except sa.exc.SQLAlchemyError:
            log.warning("could not checkpoint the WAL on close", exc_info=True)
        self.engine.dispose()
        self._key = None
        self._lock.release()
        log.info("closed the store")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections and units of work ------------------------------------

    def _new_connection(self) -> sqlcipher3.Connection:
        if self._key is None:
            raise StoreLocked()
        return _connect(self.location.store, self._key)

    def session(self) -> Session:
        if self._key is None:
            raise StoreLocked()
        return self._sessions()

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self)

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A read connection for list queries (columns, not ORM objects)."""
        if self._key is None:
            raise StoreLocked()
        with translate_db_error(self.location.store), self.engine.connect() as conn:
            yield conn

    def now(self) -> datetime:
        return self.clock.now()

    # -- maintenance ------------------------------------------------------

    def checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_problems(self) -> list[str]:
        """Run ``cipher_integrity_check`` and ``integrity_check``; [] means sound."""
        problems: list[str] = []
        checks = (
            ("PRAGMA cipher_integrity_check", lambda value: True),
            ("PRAGMA integrity_check", lambda value: value != "ok"),
            ("PRAGMA foreign_key_check", lambda value: True),
        )
        with self.engine.connect() as conn:
            for pragma, is_problem in checks:
                try:
                    rows = conn.exec_driver_sql(pragma).all()
                except sa.exc.DatabaseError as exc:
                    problems.append(f"{pragma}: {exc.orig}")
                    continue
                problems.extend(" ".join(map(str, row)) for row in rows if is_problem(row[0]))
        return problems

    def backup_to(self, target: Path) -> Path:
        """Write an encrypted, consistent copy (same key) to ``target`` atomically."""
        if self._key is None:
            raise StoreLocked()
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise StoreExists(target)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        raw = self.engine.raw_connection()
        try:
            dbapi: Any = raw.driver_connection
            dbapi.execute(
                f"ATTACH DATABASE ? AS backup KEY {self._key.pragma_value()}",
                (str(partial),),
            )
            try:
                dbapi.execute("SELECT sqlcipher_export('backup')")
                version = dbapi.execute("PRAGMA main.user_version").fetchone()[0]
                dbapi.execute(f"PRAGMA backup.user_version = {int(version)}")
            finally:
                dbapi.execute("DETACH DATABASE backup")
        except sqlcipher3.Error:
            partial.unlink(missing_ok=True)
            raise
        finally:
            raw.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        return target

