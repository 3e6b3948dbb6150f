"""The encrypted store: open, check, back up, re-encrypt (one module per job).

:class:`Store` and the functions callers use are re-exported here, so
``from spocdesk.core.store import Store`` reads as before the split."""

from spocdesk.core.store.check import (
    CheckReport,
    check_file,
    check_key,
    damaged_pages,
    prefetch,
    unlock_check,
    unlock_sample,
    warm_up,
)
from spocdesk.core.store.connect import SQLITE_PLAIN_HEADER
from spocdesk.core.store.copy_errors import BackupNotWritten, CopyDiskFull
from spocdesk.core.store.open import WRITE_OPTION, ChangeWatcher, Store
from spocdesk.core.store.rekey import PassphraseChanged, change_passphrase, read_setting_raw

__all__ = [
    "SQLITE_PLAIN_HEADER", "WRITE_OPTION", "BackupNotWritten", "ChangeWatcher", "CheckReport",
    "CopyDiskFull", "PassphraseChanged", "Store", "change_passphrase", "check_file",
    "check_key", "damaged_pages", "prefetch", "read_setting_raw", "unlock_check",
    "unlock_sample", "warm_up",
]
