"""Open, create, check, copy and close the encrypted store.

One SQLCipher 4 file, WAL journal, ``synchronous=FULL``, ``temp_store=MEMORY``.
The passphrase is turned into a raw key once (:mod:`spocdesk.core.store.keying`);
every pooled connection is keyed with it, so unlocking costs one key
derivation. Opening never creates, truncates or rewrites an existing file when
the passphrase is wrong or the file is not a store.
"""

from __future__ import annotations

import errno
import hmac
import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from spocdesk.core.clock import Clock, SystemClock
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    DiskFull,
    NotAStore,
    ReadOnlyStore,
    StoreError,
    StoreExists,
    StoreInUse,
    StoreLocked,
    StoreNotFound,
    StoreTooNew,
)
from spocdesk.core.paths import Location
from spocdesk.core.safe_write import OWNER_DIR, new_private_file, owner_only, private_dir
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.store import backend, keying, migrate
from spocdesk.core.store.lockfile import StoreLock
from spocdesk.core.uow import UnitOfWork, classify_db_error, translate_db_error

if TYPE_CHECKING:
    from spocdesk.core.store.rekey import PassphraseChanged

log = logging.getLogger(__name__)
from spocdesk.core.store.check import (  # noqa: E402
    _table_counts_of,
    check_key,
    integrity_problems_of,
    prefetch,
    unlock_check,
    unlock_sample,
)
from spocdesk.core.store.connect import _configure, _connect  # noqa: E402
from spocdesk.core.store.copy_errors import (  # noqa: E402
    _backup_error,
    _os_error,
)

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
    """An unlocked store. Use :meth:`open` or :meth:`create`; :meth:`close` locks it.

    This is the encrypted file; a team server is its subclass
    :class:`spocdesk.core.store.server.ServerStore` (:mod:`.backend` says what differs)."""

    # which database (:mod:`spocdesk.core.store.backend`)
    backend = backend.SQLITE

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
    def open_url(cls, url: str, password: str | None, clock: Clock | None = None) -> Store:
        """A store named by a URL: a team server (``postgresql://role@host/db``), logged in
        as the URL's role with ``password``; see :mod:`spocdesk.core.store.server`."""
        from spocdesk.core.store.server import ServerStore

        return ServerStore.connect(url, password, clock)

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

    def errors(self) -> AbstractContextManager[None]:
        """Database errors a user can meet become :class:`StoreError` sentences."""
        return translate_db_error(self.location.store)

    def classify_error(self, exc: BaseException) -> StoreError | None:
        """The user's sentence for a database error, or None when it is not one of ours."""
        return classify_db_error(exc, self.location.store)

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

    def identity(self) -> str:
        """What a handover pack names as the store it came from (``store_id``); "" when
        the store has none (a file opened only by an older spocdesk)."""
        from spocdesk.core.store import identity

        with self.connection() as conn:
            return identity.read(conn)

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
        from spocdesk.core.store.rekey import rekey_open

        return rekey_open(self, old, new)

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
        # a unit of work committed in a worker thread (the mail sync) absorbs while the
        # GUI thread polls: one connection, one caller at a time
        self._mutex = threading.RLock()
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
        with self._mutex:
            return self._changed()

    def _changed(self) -> bool:
        version = self._read()
        if version is None:
            return False
        previous, self._version = self._version, version
        own, self._own = self._own, self._store.commits
        return 0 <= previous != version and own == self._store.commits

    def absorb(self) -> None:
        """This process just committed: that change is no news."""
        with self._mutex:
            if self._conn is not None:
                version = self._read()
                if version is not None:
                    self._version = version
            self._own = self._store.commits

    def close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                with suppress(sqlcipher3.Error):
                    self._conn.close()
                self._conn = None
            self._version = -1
            self._store._watchers.discard(self)


