"""Check a store file without writing to it: page MACs, integrity, unlock checks."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy.orm import configure_mappers

from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    Message,
    NotAStore,
    StoreNotFound,
    WrongPassphrase,
)
from spocdesk.core.store import keying, migrate

log = logging.getLogger(__name__)
from spocdesk.core.store.connect import SQLITE_PLAIN_HEADER  # noqa: E402

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


def _table_counts_of(path: Path, key: keying.RawKey) -> dict[str, int]:
    conn = _ro_connect(path, key, immutable=True)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name in names}
    finally:
        conn.close()
