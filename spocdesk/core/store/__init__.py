"""The encrypted store: open, check, back up, re-encrypt (one module per job).

:class:`Store` and the functions callers use are re-exported here, so
``from spocdesk.core.store import Store`` reads as before the split. They load on
first use (PEP 562): the unlock dialog imports the light modules of this package
(``vault``, ``passphrase``) and must not pull in SQLAlchemy before it is painted."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "check": ("CheckReport", "check_file", "check_key", "damaged_pages", "prefetch",
              "unlock_check", "unlock_sample", "warm_up"),
    "connect": ("SQLITE_PLAIN_HEADER",),
    "copy_errors": ("BackupNotWritten", "CopyDiskFull"),
    "open": ("WRITE_OPTION", "ChangeWatcher", "Store"),
    "rekey": ("PassphraseChanged", "change_passphrase", "read_setting_raw"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "SQLITE_PLAIN_HEADER", "WRITE_OPTION", "BackupNotWritten", "ChangeWatcher", "CheckReport",
    "CopyDiskFull", "PassphraseChanged", "Store", "change_passphrase", "check_file",
    "check_key", "damaged_pages", "prefetch", "read_setting_raw", "unlock_check",
    "unlock_sample", "warm_up",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
