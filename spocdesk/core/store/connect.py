"""Keyed SQLCipher connections and their pragmas."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3

from spocdesk.core import sla_clock
from spocdesk.core.store import keying

log = logging.getLogger(__name__)


SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


def _connect(path: Path, key: keying.RawKey, *, create: bool = False) -> sqlcipher3.Connection:
    """A keyed connection; ``mode=rw`` so SQLite never creates a missing file."""
    mode = "rwc" if create else "rw"
    # No statement is kept prepared between uses. A kept statement holds part of the
    # connection's lookaside memory (SQLite's own pool of small allocations); with the
    # driver's default of 128 kept statements a pooled connection soon has none left,
    # and from then on each small allocation of a query (a group's sum, a sorted row)
    # goes to the allocator, which under cipher_memory_security locks and wipes it.
    # The report's tables of a quarter took 8.5 s on such a connection instead of
    # 2.3 s; preparing a statement again costs well under a millisecond.
    conn = sqlcipher3.connect(
        f"file:{path.as_posix()}?mode={mode}", uri=True, check_same_thread=False,
        isolation_level=None, cached_statements=0,
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


