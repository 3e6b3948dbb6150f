"""Where a store lives: platformdirs, ``SPOCDESK_HOME`` or explicit options."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

STORE_FILENAME = "spocdesk.db"
ENV_HOME = "SPOCDESK_HOME"


@dataclass(frozen=True)
class Location:
    """The store file and the directory that holds its lock, log and backups."""

    store: Path
    data_dir: Path
    # where the lock lives when not beside the store (a handover pack's: see
    # :func:`pack_location`)
    lock: Path | None = None

    @property
    def lock_file(self) -> Path:
        if self.lock is not None:
            return self.lock
        return self.store.with_name(self.store.name + ".lock")

    @property
    def app_lock_file(self) -> Path:
        """The desktop app's own lock: one window per store (:mod:`.store.lockfile`)."""
        lock = self.lock_file
        return lock.with_name(lock.name.removesuffix(".lock") + ".app-lock")

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("spocdesk", appauthor=False))


def resolve(data_dir: str | os.PathLike[str] | None = None,
            store: str | os.PathLike[str] | None = None) -> Location:
    """``--store`` wins over ``--data-dir``, which wins over ``SPOCDESK_HOME``."""
    if store is not None:
        path = Path(store).expanduser().absolute()
        return Location(store=path, data_dir=path.parent)
    base = Path(data_dir).expanduser().absolute() if data_dir else default_data_dir().absolute()
    return Location(store=base / STORE_FILENAME, data_dir=base)


def pack_location(pack: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None
                  ) -> Location:
    """A handover pack opened by the deputy: nothing is written beside the pack but its
    own journal. Its lock and the logs live in the deputy's data folder (``data_dir``,
    else the default one); the lock is named after the pack's absolute path."""
    path = Path(pack).expanduser().absolute()
    base = Path(data_dir).expanduser().absolute() if data_dir else default_data_dir().absolute()
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:16]
    return Location(store=path, data_dir=base, lock=base / "locks" / f"pack-{digest}.lock")
