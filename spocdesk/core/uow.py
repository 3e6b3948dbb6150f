"""Unit of work (cosmicpython): one user action, one commit, or nothing.

Services open one, record which records they touched in ``changes``, and call
:meth:`UnitOfWork.commit`. Leaving the block without committing rolls back.
Database errors the user can meet (full disk, read-only file) become
:class:`~spocdesk.core.errors.SpocError` sentences.

Every record's ``revision`` is SQLAlchemy's version counter: an ORM update is
``UPDATE … SET revision = :seen + 1 WHERE id = :id AND revision = :seen``, and when
another connection (a colleague on the team server, the command line beside the app)
saved the row since it was read, no row matches and nothing is written. That case
leaves the unit of work as :class:`~spocdesk.core.errors.Conflict`; services that know
what the user saw (``update_case``'s ``seen``) say what changed meanwhile.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    Conflict,
    DamagedStore,
    DiskFull,
    Message,
    ReadOnlyStore,
    StoreBusy,
    StoreError,
)

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


WHAT_YOU_EDITED = QT_TRANSLATE_NOOP("spocdesk.core", "What you edited")

#: what another process may have changed: every kind of record a view refreshes on
EXTERNAL_KINDS = ("case", "stakeholder", "interaction", "followup", "escalation", "mail",
                  "case_participant", "absence", "absence_case", "handover_note", "template",
                  "settings", "search", "case_feedback", "nps_answer")


def external_changes() -> ChangeSet:
    """The change-set for "another process changed the store" (ids unknown)."""
    changes = ChangeSet()
    for kind in EXTERNAL_KINDS:
        changes.touch(kind)
    return changes


def classify_db_error(exc: BaseException, path: Path) -> StoreError | None:
    """The user's sentence for a database error, or ``None`` when it is not one of
    ours (full disk, read-only file or folder, damaged page)."""
    if isinstance(exc, sa.exc.DBAPIError):
        orig: BaseException | None = exc.orig
    elif isinstance(exc, sqlcipher3.Error | sqlite3.Error):
        orig = exc
    else:
        return None
    message = str(orig if orig is not None else exc).lower()
    if "disk is full" in message or ("disk i/o error" in message and _disk_full(path)):
        return DiskFull()
    if "database is locked" in message or "database is busy" in message:
        return StoreBusy()
    if "readonly" in message or "read-only" in message:
        return ReadOnlyStore(path)
    if ("unable to open database file" in message or "disk i/o error" in message) and (
            not _writable(path) or _read_only_fs(path)):
        return ReadOnlyStore(path)
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "a page cannot be read"))
    return None


@contextmanager
def translate_db_error(path: Path) -> Iterator[None]:
    """Turn the database errors a user can meet into :class:`StoreError` sentences."""
    try:
        yield
    except (sa.exc.DBAPIError, sqlcipher3.Error, sqlite3.Error) as exc:
        translated = classify_db_error(exc, path)
        if translated is None:
            raise
        raise translated from exc


def _disk_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


class UnitOfWork:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.changes = ChangeSet()
        self._session: Session | None = None
        self._committed = False

    @property
    def session(self) -> Session:
        if self._session is None:
            raise StoreError(QT_TRANSLATE_NOOP("spocdesk.core", "The unit of work is not open."))
        return self._session

    def __enter__(self) -> UnitOfWork:
        from spocdesk.core.store import WRITE_OPTION

        self._session = self.store.session()
        self._committed = False
        try:  # BEGIN IMMEDIATE: writers in other processes wait for each other
            with self.store.errors():
                self._session.connection(execution_options={WRITE_OPTION: True})
        except BaseException:
            self._session.close()
            self._session = None
            raise
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        assert self._session is not None
        try:
            if not self._committed:
                try:
                    self._session.rollback()
                except (sa.exc.DBAPIError, sqlcipher3.Error):
                    if exc is None:
                        raise
        finally:
            self._session.close()
            self._session = None
        if isinstance(exc, StaleDataError):  # the row's revision moved on meanwhile
            raise Conflict(Message(WHAT_YOU_EDITED)) from exc
        if exc is not None:
            translated = self.store.classify_error(exc)
            if translated is not None:
                self._note(translated)
                raise translated from exc

    def _note(self, error: StoreError) -> None:
        if isinstance(error, DamagedStore):
            self.store.damaged = True

    def commit(self) -> None:
        try:
            with self.store.errors():
                self.session.commit()
        except StoreError as exc:
            self._note(exc)
            raise
        self._committed = True
        self.store.committed()

    def rollback(self) -> None:
        self.session.rollback()
