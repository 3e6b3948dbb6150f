"""Re-encrypt a store under a new passphrase; read a setting without opening it."""

from __future__ import annotations

import hmac
import logging
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    StoreError,
    StoreInUse,
    StoreLocked,
    WrongPassphrase,
)
from spocdesk.core.paths import Location
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.store import keying
from spocdesk.core.uow import translate_db_error

log = logging.getLogger(__name__)
from spocdesk.core.store.check import (  # noqa: E402
    _classify_unreadable,
    _ro_connect,
    _table_counts_of,
    check_key,
)
from spocdesk.core.store.copy_errors import _backup_error  # noqa: E402
from spocdesk.core.store.open import Store  # noqa: E402


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


def rekey_open(self: Store, old: str, new: str) -> PassphraseChanged:
    """Re-encrypt the open store ``self`` under ``new``; see :func:`change_passphrase`."""
    from spocdesk.core.store import passphrase as passphrases

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
        return _reencrypt(self, new)
    finally:
        self._lock.share()

def _reencrypt(self: Store, new: str) -> PassphraseChanged:
    from spocdesk.core.store import vault

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
