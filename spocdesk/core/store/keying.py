"""SQLCipher 4 key derivation done once per unlock, in Python.

SQLCipher 4 derives the page key with PBKDF2-HMAC-SHA512, 256,000 iterations,
over the passphrase and the 16-byte salt kept at the start of the file. We do
the same derivation once and hand SQLCipher the *raw* key, so every further
connection (pool, worker thread, backup) opens at once. Stores stay fully
compatible with the standard ``PRAGMA key = 'passphrase'`` (a test proves it).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spocdesk.core import memory

KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
PAGE_SIZE = 4096


@dataclass(frozen=True, eq=False)
class RawKey:
    """The derived page key and the salt it belongs to. Never printed.

    The key lives in a ``bytearray`` so that :meth:`wipe` can overwrite it when the
    store locks (:mod:`spocdesk.core.memory`)."""

    key: bytearray = field(repr=False)
    salt: bytes = field(repr=False)

    def pragma_value(self) -> str:
        """The ``x'…'`` literal for ``PRAGMA key`` / ``ATTACH … KEY`` (prefer
        :func:`run_keyed`, which overwrites the text once SQLite has it)."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""

    def wipe(self) -> None:
        memory.wipe(self.key)


def run_keyed(conn: Any, before: str, key: RawKey) -> None:
    """Run ``before`` + the key literal (``PRAGMA key = ``, ``ATTACH … KEY ``) and
    overwrite the statement's text afterwards. ``executescript`` bypasses the
    driver's statement cache, which would otherwise keep the text alive."""
    hexkey = key.key.hex()
    sql = "".join((before, "\"x'", hexkey, key.salt.hex(), "'\""))
    try:
        conn.executescript(sql)
    finally:
        memory.wipe(hexkey)
        memory.wipe(sql)


def derive(passphrase: str, salt: bytes) -> RawKey:
    encoded = passphrase.encode("utf-8")
    derived = hashlib.pbkdf2_hmac("sha512", encoded, salt, KDF_ITERATIONS, KEY_BYTES)
    key = bytearray(derived)
    memory.wipe(encoded)
    memory.wipe(derived)
    return RawKey(key=key, salt=salt)


def new_key(passphrase: str) -> RawKey:
    return derive(passphrase, os.urandom(SALT_BYTES))


def read_salt(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)
