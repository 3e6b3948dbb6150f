"""The handover pack: one encrypted spocdesk store file for the deputy.

A pack *is* a spocdesk store (SQLCipher 4, its own passphrase and salt), made
with :meth:`Store.create`, so the deputy works on it with every ordinary
command (``spocdesk --store PACK …``) and the app. It holds the handed-over
cases and what belongs to them, copied with their ids, revisions and
timestamps unchanged, plus two settings:

- ``pack_manifest``: format, version, pack id, the source store's id, the
  absence, when it was made, and every exported record's revision (the merge
  base);
- ``pack_base``: every exported mutable record's field values at export time,
  so the merge can tell which side changed which field.

See ``docs/handover-pack.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit, settings
from spocdesk.core.clock import Clock
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    InvalidInput,
    Message,
    NotAStore,
    NotFound,
    SpocError,
    StoreError,
    StoreExists,
    WrongPassphrase,
    as_message,
)
from spocdesk.core.handover.absence import handed_over_ids
from spocdesk.core.model import Absence, Base, Setting
from spocdesk.core.outcome import Outcome
from spocdesk.core.paths import Location, pack_location
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.search import query as search_query
from spocdesk.core.store import SQLITE_PLAIN_HEADER, Store, backend, keying

log = logging.getLogger(__name__)

FORMAT = "spocdesk-handover-pack"
FORMAT_VERSION = 1
MANIFEST_KEY = "pack_manifest"
BASE_KEY = "pack_base"
STORE_ID_KEY = "store_id"
DEPUTY = "deputy"

# Records whose fields can change: merged field by field against the base.
MUTABLE_TABLES = (
    "stakeholder", "contact_point", "case_record", "case_participant", "escalation",
    "followup", "absence", "absence_case", "handover_note",
    # satisfaction (revision 0021): the cases' CSAT answers and the Net Promoter answers
    # of the people in the pack; a new answer soft-deletes the one it replaces
    "case_feedback", "nps_answer",
)
# Records that are only ever added: merged as a union by id.
APPEND_ONLY_TABLES = ("interaction", "interaction_participant", "audit_event")
PACK_TABLES = MUTABLE_TABLES + APPEND_ONLY_TABLES
CHUNK = 500

# SQLCipher 4 page layout: data, then a 16-byte IV, then a 64-byte HMAC-SHA512
IV_BYTES = 16
HMAC_BYTES = 64
HMAC_SALT_MASK = 0x3A
HMAC_KDF_ITERATIONS = 2


class PackError(StoreError):
    """Something is wrong with a handover pack."""


class DamagedPack(DamagedStore):
    def __init__(self, path: object, why: str | Message = "") -> None:
        if why:
            SpocError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The handover pack {path} is damaged ({why}); nothing was read from it, "
                "ask for it to be sent again."), path=path, why=as_message(why))
        else:
            SpocError.__init__(self, QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The handover pack {path} is damaged; nothing was read from it, "
                "ask for it to be sent again."), path=path)


class WrongPackPassphrase(WrongPassphrase):
    def __init__(self) -> None:
        SpocError.__init__(self, QT_TRANSLATE_NOOP(
            "spocdesk.core", "The passphrase is not correct for this handover pack."))


class NotAPack(PackError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} is a spocdesk store but not a handover pack."), path=path)


class PackTooNew(PackError):
    def __init__(self, path: object, version: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The handover pack {path} has format version {version}, which this "
            "spocdesk cannot read; update spocdesk."), path=path, version=version)


class PackFromAnotherStore(PackError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The handover pack {path} was made from another store; it can only "
            "be merged back into the store it came from."), path=path)


def table(name: str) -> sa.Table:
    return Base.metadata.tables[name]


def jsonable(value: Any) -> Any:
    """A column value as JSON: datetimes and dates in ISO form, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_values(row: sa.RowMapping) -> dict[str, Any]:
    return dict(row)


# -- manifest ---------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    pack_id: str
    source_store_id: str
    absence_id: str
    created_at: str
    interaction_days: int
    records: dict[str, dict[str, int]]  # table → id → revision at export (the merge base)
    version: int = FORMAT_VERSION
    format: str = FORMAT
    owner_name: str = ""  # whom the deputy covers for (the setting owner_name); optional

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format, "version": self.version, "pack_id": self.pack_id,
            "source_store_id": self.source_store_id, "absence_id": self.absence_id,
            "created_at": self.created_at, "interaction_days": self.interaction_days,
            "records": self.records, "owner_name": self.owner_name,
        }

    @classmethod
    def from_data(cls, path: object, data: Any) -> Manifest:
        try:
            version = data.get("version")
            if (data.get("format") != FORMAT or not isinstance(version, int)
                    or isinstance(version, bool)):
                raise ValueError("not a manifest")
        except (ValueError, AttributeError) as exc:
            raise DamagedPack(path, QT_TRANSLATE_NOOP(
                "spocdesk.core", "its manifest cannot be read")) from exc
        if version > FORMAT_VERSION:
            raise PackTooNew(path, version)
        try:
            return cls(
                pack_id=str(data["pack_id"]), source_store_id=str(data["source_store_id"]),
                absence_id=str(data["absence_id"]), created_at=str(data["created_at"]),
                interaction_days=int(data["interaction_days"]),
                records={str(t): {str(i): int(r) for i, r in ids.items()}
                         for t, ids in data["records"].items()},
                version=version, owner_name=str(data.get("owner_name") or ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise DamagedPack(path, QT_TRANSLATE_NOOP(
                "spocdesk.core", "its manifest is incomplete")) from exc

    def base_revision(self, table_name: str, record_id: str) -> int | None:
        return self.records.get(table_name, {}).get(record_id)


def _setting_text(conn: sa.Connection, key: str) -> str | None:
    value = conn.execute(
        sa.select(Setting.value).where(Setting.key == key, Setting.deleted_at.is_(None))
    ).scalar()
    return None if value is None else str(value)


def _setting_json(store: Store, key: str) -> Any:
    with store.connection() as conn:
        text = _setting_text(conn, key)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DamagedPack(store.location.store, Message(QT_TRANSLATE_NOOP(
            "spocdesk.core", "its {key} cannot be read"), key=key)) from exc


def read_manifest(store: Store) -> Manifest | None:
    """The pack manifest of an open store, or None when the store is not a pack."""
    data = _setting_json(store, MANIFEST_KEY)
    return None if data is None else Manifest.from_data(store.location.store, data)


def read_base(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """Field values of every exported mutable record at export time: table → id →
    column → value. A base of any other shape is a damaged pack."""
    data = _setting_json(store, BASE_KEY)
    if data is None:
        return {}
    if not (isinstance(data, dict) and all(
            isinstance(rows, dict) and all(isinstance(row, dict) for row in rows.values())
            for rows in data.values())):
        raise DamagedPack(store.location.store, Message(QT_TRANSLATE_NOOP(
            "spocdesk.core", "its {key} cannot be read"), key=BASE_KEY))
    return data


def is_pack(store: Store) -> bool:
    with store.connection() as conn:
        return _setting_text(conn, MANIFEST_KEY) is not None


def adopt_author(store: Store) -> bool:
    """Set ``store.author`` to ``"deputy"`` when the store is a handover pack.

    Call right after :meth:`Store.open` (CLI ``open_store``, the GUI's unlock)."""
    if is_pack(store):
        store.author = DEPUTY
        return True
    return False


def store_id(conn: sa.Connection) -> str:
    text = _setting_text(conn, STORE_ID_KEY)
    if text is None:
        return ""
    try:
        return str(json.loads(text))
    except ValueError:
        return text


# -- exporting --------------------------------------------------------------------


@dataclass(frozen=True)
class PackInfo:
    path: Path
    pack_id: str
    absence_id: str
    counts: dict[str, int]  # table → records exported


@dataclass
class _Selection:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, name: str, found: Iterable[dict[str, Any]]) -> None:
        bucket = self.rows.setdefault(name, [])
        seen = {r["id"] for r in bucket}
        for row in found:
            if row["id"] not in seen:
                seen.add(row["id"])
                bucket.append(row)

    def ids(self, name: str) -> list[str]:
        return [r["id"] for r in self.rows.get(name, [])]


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _select_in(conn: sa.Connection, name: str, column: str, values: Iterable[str | None],
               *extra: sa.ColumnElement[bool]) -> list[dict[str, Any]]:
    t = table(name)
    wanted = sorted({v for v in values if v})
    found: list[dict[str, Any]] = []
    for part in _chunks(wanted):
        query = sa.select(t).where(t.c[column].in_(part), t.c.deleted_at.is_(None), *extra)
        found.extend(row_values(r) for r in conn.execute(query).mappings())
    return found


def _select(conn: sa.Connection, absence_id: str, since: datetime) -> _Selection:
    with bound_session(conn) as session:
        case_ids = handed_over_ids(session, absence_id)
    sel = _Selection()
    sel.add("absence", _select_in(conn, "absence", "id", [absence_id]))
    sel.add("absence_case", [r for r in _select_in(conn, "absence_case", "absence_id",
                                                   [absence_id]) if r["case_id"] in case_ids])
    sel.add("case_record", _select_in(conn, "case_record", "id", case_ids))
    sel.add("case_participant", _select_in(conn, "case_participant", "case_id", case_ids))
    interaction = table("interaction")
    sel.add("interaction", _select_in(conn, "interaction", "case_id", case_ids,
                                      interaction.c.occurred_at >= since))
    sel.add("interaction_participant", _select_in(
        conn, "interaction_participant", "interaction_id", sel.ids("interaction")))
    sel.add("escalation", _select_in(conn, "escalation", "case_id", case_ids))
    sel.add("followup", _select_in(conn, "followup", "case_id", case_ids,
                                   table("followup").c.done_at.is_(None)))
    sel.add("handover_note", [r for r in _select_in(conn, "handover_note", "absence_id",
                                                    [absence_id]) if r["case_id"] in case_ids])
    people: set[str] = set()
    people.update(r["stakeholder_id"] for r in sel.rows.get("case_participant", []))
    people.update(r["stakeholder_id"] for r in sel.rows.get("interaction_participant", []))
    people.update(r["stakeholder_id"] for r in sel.rows.get("followup", []) if r["stakeholder_id"])
    people.update(r["to_stakeholder_id"] for r in sel.rows.get("escalation", [])
                  if r["to_stakeholder_id"])
    while people:  # people, then their organisations, until nothing new
        sel.add("stakeholder", _select_in(conn, "stakeholder", "id", people))
        have = set(sel.ids("stakeholder"))
        people = {r["organisation_id"] for r in sel.rows["stakeholder"]
                  if r["organisation_id"] and r["organisation_id"] not in have}
    sel.add("contact_point", _select_in(conn, "contact_point", "stakeholder_id",
                                        sel.ids("stakeholder")))
    sel.add("case_feedback", _select_in(conn, "case_feedback", "case_id", case_ids))
    sel.add("nps_answer", _select_in(conn, "nps_answer", "stakeholder_id",
                                     sel.ids("stakeholder")))
    for name in PACK_TABLES:
        sel.rows.setdefault(name, [])
    return sel


@contextmanager
def bound_session(conn: sa.Connection) -> Iterator[Session]:
    """An ORM session on an open connection (for helpers written for sessions)."""
    session = Session(bind=conn)
    try:
        yield session
    finally:
        session.close()


def _partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")


def _remove_partial(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def insert_rows(conn: sa.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert records as they are (ids, revisions, timestamps kept); FKs checked at commit."""
    backend.defer_foreign_keys(conn)
    for name in PACK_TABLES:
        batch = rows.get(name, [])
        if batch:
            conn.execute(sa.insert(table(name)), batch)


def put_setting(conn: sa.Connection, key: str, value: Any, now: datetime) -> None:
    t = table("setting")
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    existing = conn.execute(sa.select(t.c.id).where(t.c.key == key)).scalar()
    if existing is None:
        conn.execute(sa.insert(t).values(id=str(uuid.uuid4()), key=key, value=encoded,
                                         created_at=now, updated_at=now, revision=1))
    else:
        conn.execute(sa.update(t).where(t.c.id == existing).values(
            value=encoded, updated_at=now, revision=t.c.revision + 1))


def export_pack(store: Store, absence_id: str, out: str | os.PathLike[str],
                pack_passphrase: str, *, interaction_days: int | None = None
                ) -> Outcome[PackInfo]:
    """Write the handover pack of an absence to ``out`` (refuses to overwrite).

    The pack is written to a temporary file in the same folder and renamed into
    place only when complete; on any error nothing is left behind."""
    if not pack_passphrase:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A handover pack needs its own passphrase."))
    from spocdesk.core.handover import passphrases

    passphrases.check_for_pack(store, pack_passphrase)
    target = Path(out).expanduser().absolute()
    if target.exists():
        raise StoreExists(target)
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=target.parent)
    now = store.now()
    with store.connection() as conn:
        absence = conn.execute(sa.select(table("absence")).where(
            table("absence").c.id == absence_id, table("absence").c.deleted_at.is_(None))
        ).mappings().first()
        if absence is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no absence with id {id}."), id=absence_id)
        days = interaction_days if interaction_days is not None else absence["interaction_days"]
        if days is None:
            with bound_session(conn) as session:
                days = settings.load(session).handover_interaction_days
        with bound_session(conn) as session:
            owner_name = settings.load(session).owner_name
        selection = _select(conn, absence_id, now - timedelta(days=int(days)))
    source_id = store.identity()  # (a team server gets one with its first pack)
    if not source_id:
        raise PackError(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "This store has no identity yet; open it once with this spocdesk version and try "
            "again."))
    manifest = Manifest(
        pack_id=str(uuid.uuid4()), source_store_id=source_id, absence_id=absence_id,
        created_at=now.isoformat(), interaction_days=int(days),
        owner_name="" if owner_name == "owner" else owner_name,
        records={name: {r["id"]: int(r["revision"]) for r in rows}
                 for name, rows in selection.rows.items() if rows},
    )
    base = {name: {r["id"]: {k: jsonable(v) for k, v in r.items()} for r in rows}
            for name, rows in selection.rows.items() if name in MUTABLE_TABLES and rows}
    partial = _partial_path(target)
    pack = None
    try:
        pack = Store.create(Location(store=partial, data_dir=target.parent), pack_passphrase,
                            clock=store.clock)
        with pack.engine.begin() as pconn:
            # one set-based index build instead of a search document per inserted row
            with search_query.indexed_afterwards(pconn):
                insert_rows(pconn, selection.rows)
            put_setting(pconn, MANIFEST_KEY, manifest.to_dict(), now)
            put_setting(pconn, BASE_KEY, base, now)
        pack.use_rollback_journal()  # the journal rule: the file alone holds every commit
        pack.close()
        pack = None
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            raise StoreExists(target)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        if pack is not None:
            pack.close()
        _remove_partial(partial)
        raise
    finally:
        Path(f"{partial}.lock").unlink(missing_ok=True)
    with store.unit_of_work() as uow:
        audit.record(uow.session, entity="absence", entity_id=absence_id, action="export",
                     author=store.author, at=now, field="handover_pack", after=manifest.pack_id)
        uow.changes.touch("absence", absence_id)
        uow.commit()
    counts = {name: len(rows) for name, rows in selection.rows.items()}
    log.info("wrote a handover pack with %d cases", counts.get("case_record", 0))
    return Outcome(PackInfo(target, manifest.pack_id, absence_id, counts), uow.changes)


def latest_absence_id(store: Store) -> str | None:
    """The absence a plain ``handover export`` means: the current or next one (the
    earliest that has not ended and is not finished)."""
    with store.unit_of_work() as uow:
        today = store.now().date()
        found = uow.session.scalar(
            sa.select(Absence.id).where(Absence.deleted_at.is_(None), Absence.ends_on >= today,
                                        Absence.finished_at.is_(None))
            .order_by(Absence.starts_on, Absence.created_at.desc()))
        return None if found is None else str(found)


# -- opening and verifying -------------------------------------------------------


def bad_pages(path: Path, key: keying.RawKey) -> tuple[int, list[int]]:
    """(page count, pages whose HMAC does not match) of a SQLCipher 4 file."""
    mac_salt = bytes(b ^ HMAC_SALT_MASK for b in key.salt)
    mac_key = hashlib.pbkdf2_hmac("sha512", key.key, mac_salt, HMAC_KDF_ITERATIONS,
                                  keying.KEY_BYTES)
    size = keying.PAGE_SIZE
    bad: list[int] = []
    count = 0
    with path.open("rb") as fh:
        while True:
            page = fh.read(size)
            if len(page) < size:
                break
            count += 1
            start = keying.SALT_BYTES if count == 1 else 0
            digest = hmac.new(mac_key, page[start:size - HMAC_BYTES] + count.to_bytes(4, "little"),
                              hashlib.sha512).digest()
            if not hmac.compare_digest(digest, page[size - HMAC_BYTES:]):
                bad.append(count)
    return count, bad


def _diagnose(path: Path, passphrase: str, shown: Path | None = None) -> SpocError:
    """Why a pack that Store.open refused as 'wrong passphrase' cannot be read."""
    size = path.stat().st_size
    if size % keying.PAGE_SIZE:
        return DamagedPack(shown or path, QT_TRANSLATE_NOOP(
            "spocdesk.core", "the file is truncated"))
    key = keying.derive(passphrase, keying.read_salt(path))
    count, bad = bad_pages(path, key)
    if count and len(bad) < count:
        return DamagedPack(shown or path, Message(QT_TRANSLATE_NOOP(
            "spocdesk.core", "page {page} of {count} fails its authentication check"),
            page=bad[0], count=count))
    return WrongPackPassphrase()


def open_pack(path: str | os.PathLike[str], passphrase: str,
              clock: Clock | None = None, *, data_dir: str | os.PathLike[str] | None = None,
              shown_as: Path | None = None) -> Store:
    """Open a handover pack fully verified: every page authenticated, else an error.

    Wrong passphrase → :class:`WrongPackPassphrase`; a flipped byte, a truncated file
    → :class:`DamagedPack`; a store that is not a pack → :class:`NotAPack`. The
    returned store's author is ``"deputy"`` and it keeps every commit in the file
    itself (a rollback journal, see :meth:`Store.use_rollback_journal`).

    Nothing is created beside the pack but its journal while it is open: the lock
    and the logs go to the deputy's data folder (``data_dir``, else the default
    one; see :func:`spocdesk.core.paths.pack_location`). ``shown_as``: the name
    errors give the file (when ``path`` is a private copy of it)."""
    pack_path = Path(path).expanduser().absolute()
    shown = shown_as or pack_path
    if not pack_path.is_file():
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no handover pack at {path}."), path=shown)
    with pack_path.open("rb") as fh:
        if fh.read(len(SQLITE_PLAIN_HEADER)) == SQLITE_PLAIN_HEADER:
            raise NotAStore(shown, QT_TRANSLATE_NOOP(
                "spocdesk.core", "it is an unencrypted SQLite database"))
    size = pack_path.stat().st_size
    if size == 0 or size % keying.PAGE_SIZE:
        raise DamagedPack(shown, QT_TRANSLATE_NOOP("spocdesk.core", "the file is truncated"))
    where = pack_location(pack_path, data_dir)
    try:
        where.lock_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        where = Location(store=pack_path, data_dir=where.data_dir,
                         lock=Path(tempfile.gettempdir()) / where.lock_file.name)
    try:
        store = Store.open(where, passphrase, clock=clock)
    except WrongPassphrase:
        raise _diagnose(pack_path, passphrase, shown) from None
    except DamagedStore as exc:
        if isinstance(exc, DamagedPack):
            raise
        raise DamagedPack(shown, QT_TRANSLATE_NOOP(
            "spocdesk.core", "it cannot be read")) from exc
    try:
        problems = store.integrity_problems()
        if problems:
            raise DamagedPack(shown, QT_TRANSLATE_NOOP(
                "spocdesk.core", "some pages fail their authentication check"))
        if read_manifest(store) is None:
            raise NotAPack(shown)
        store.author = DEPUTY
    except BaseException:
        store.close()
        raise
    return store


def read_records(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record of the pack tables: table → id → column values."""
    result: dict[str, dict[str, dict[str, Any]]] = {}
    with store.connection() as conn:
        for name in PACK_TABLES:
            rows = conn.execute(sa.select(table(name))).mappings()
            result[name] = {r["id"]: row_values(r) for r in rows}
    return result


# -- reading a pack that may be read-only or still open --------------------------


@contextmanager
def private_copy(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A copy of a pack (and of its journal, if one lies beside it) in a private
    temporary folder, removed afterwards: verifying and merging read the copy, so
    they work on read-only media, take no lock beside the pack and never write to
    it. A journal left by a crash is rolled back in the copy, as SQLite would."""
    source = Path(path).expanduser().absolute()
    if not source.is_file():
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no handover pack at {path}."), path=source)
    folder = Path(tempfile.mkdtemp(prefix="spocdesk-pack-"))
    try:
        copy = folder / "pack.spocpack"
        shutil.copyfile(source, copy)
        for suffix in ("-journal", "-wal"):  # -wal: a pack written by an older spocdesk
            side = Path(f"{source}{suffix}")
            if side.is_file():
                shutil.copyfile(side, Path(f"{copy}{suffix}"))
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def open_pack_readonly(path: str | os.PathLike[str], passphrase: str,
                       clock: Clock | None = None) -> Iterator[Store]:
    """The pack at ``path``, verified and open on a private copy (see
    :func:`private_copy`); errors name ``path``."""
    shown = Path(path).expanduser().absolute()
    with private_copy(shown) as copy:
        pack = open_pack(copy, passphrase, clock, data_dir=copy.parent, shown_as=shown)
        try:
            yield pack
        finally:
            pack.close()


@dataclass(frozen=True)
class PackReport:
    """What ``handover verify`` says about a pack: sound, whose, how much."""

    path: Path
    pack_id: str
    absence_id: str
    created_at: str
    counts: dict[str, int]


def verify_pack(path: str | os.PathLike[str], passphrase: str) -> PackReport:
    """Check a pack fully (every page, the manifest) without writing anything beside it."""
    shown = Path(path).expanduser().absolute()
    with open_pack_readonly(shown, passphrase) as pack:
        manifest = read_manifest(pack)
        assert manifest is not None  # open_pack refuses a store without one
        with pack.connection() as conn:
            counts = {name: int(conn.execute(
                sa.select(sa.func.count()).select_from(table(name))
                .where(table(name).c.deleted_at.is_(None))).scalar() or 0)
                for name in ("case_record", "interaction", "followup", "handover_note")}
    return PackReport(shown, manifest.pack_id, manifest.absence_id, manifest.created_at,
                      counts)


# -- the deputy sends the pack back ---------------------------------------------


def send_back(pack: Store, out: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a finished, verified copy of the open pack to ``out`` for the owner.

    The copy is written to a hidden temporary file beside ``out`` (a consistent
    snapshot, same passphrase), checked page by page and row by row against the
    pack, made private (mode 0600), synced, and only then renamed into place. An
    existing file is replaced only with ``overwrite=True`` (the user said so);
    on any error nothing appears at ``out``."""
    manifest = read_manifest(pack)
    if manifest is None:
        raise NotAPack(pack.location.store)
    target = Path(out).expanduser().absolute()
    if target == pack.location.store:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Choose another file than the handover pack itself."))
    if target.exists() and not overwrite:
        raise StoreExists(target)
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=target.parent)
    partial = _partial_path(target)
    try:
        pack.backup_to(partial)
        os.chmod(partial, 0o600)
        if not pack.verify_copy(partial):
            raise PackError(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The copy of the handover pack could not be verified; nothing was written."))
        if target.exists() and not overwrite:
            raise StoreExists(target)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException:
        _remove_partial(partial)
        raise
    log.info("wrote a copy of the handover pack to send back")
    return target


def peek_is_pack(path: Path, passphrase: str) -> bool:
    """Whether the store file at ``path`` is a handover pack, read without writing
    (False when it cannot be read with ``passphrase``: opening it will say why)."""
    from spocdesk.core.store import read_setting_raw

    try:
        key = keying.derive(passphrase, keying.read_salt(path))
        return read_setting_raw(path, key, MANIFEST_KEY) is not None
    except (OSError, SpocError, ValueError):
        return False


@dataclass(frozen=True)
class Cover:
    """What the deputy's banner says: for whom, until when."""

    owner_name: str
    until: date | None


def cover(store: Store) -> Cover | None:
    """For a pack: whom the deputy covers for and the absence's last day; else None."""
    manifest = read_manifest(store)
    if manifest is None:
        return None
    with store.connection() as conn:
        ends = conn.execute(sa.select(table("absence").c.ends_on).where(
            table("absence").c.id == manifest.absence_id)).scalar()
    return Cover(manifest.owner_name, ends)
