"""Unit of work (cosmicpython): one user action, one commit, or nothing.

Services open one, record which records they touched in ``changes``, and call
:meth:`UnitOfWork.commit`. Leaving the block without committing rolls back.
Database errors the user can meet (full disk, read-only file) become
:class:`~spocdesk.core.errors.SpocError` sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.errors import DiskFull, ReadOnlyStore, StoreError

if TYPE_CHECKING:
    from spocdesk.core.store import Store


@dataclass
class ChangeSet:
    """Which kinds of record changed, and which ids: what views refresh on."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def touch(self, kind: str, *record_ids: str) -> None:
        self.ids.setdefault(kind, set()).update(record_ids)

    def kinds(self) -> set[str]:
        return set(self.ids)

    def __contains__(self, kind: object) -> bool:
        return kind in self.ids

    def __bool__(self) -> bool:
        return bool(self.ids)

    def merge(self, other: ChangeSet) -> ChangeSet:
        for kind, ids in other.ids.items():
            self.touch(kind, *ids)
        return self


@contextmanager
def translate_db_error(path: Path) -> Iterator[None]:
    try:
        yield
    except sa.exc.OperationalError as exc:
        message = str(exc.orig).lower() if exc.orig else str(exc).lower()
        if "disk is full" in message or ("disk i/o error" in message and _disk_full(path)):
            raise DiskFull() from exc
        if "readonly" in message or "read-only" in message:
            raise ReadOnlyStore(path) from exc
        raise


def _disk_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


class UnitOfWork:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.changes = ChangeSet()
        self._session: Session | None = None
        self._committed = False

    @property
    def session(self) -> Session:
        if self._session is None:
            raise StoreError("The unit of work is not open.")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self.store.session()
        self._committed = False
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self._session is not None
        try:
            if not self._committed:
                self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        with translate_db_error(self.store.location.store):
            self.session.commit()
        self._committed = True

    def rollback(self) -> None:
        self.session.rollback()
