"""The encrypted store: create, reopen, refuse, never damage."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlcipher3

from spocdesk.core.cases import service as cases
from spocdesk.core.errors import (
    DamagedStore,
    NotAStore,
    StoreExists,
    StoreInUse,
    StoreNotFound,
    WrongPassphrase,
)
from spocdesk.core.model import Base
from spocdesk.core.paths import Location, resolve
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store, migrate
from tests.conftest import PASSPHRASE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in folder.rglob("*") if p.is_file()}


def test_create_close_reopen_keeps_data(location: Location) -> None:
    store = Store.create(location, PASSPHRASE)
    ref = cases.add_case(store, cases.NewCase(title="Renewal terms")).value
    store.close()

    again = Store.open(location, PASSPHRASE)
    try:
        rows = cases.list_cases(again)
        assert [(r.ref, r.title) for r in rows] == [(ref, "Renewal terms")]
    finally:
        again.close()


def test_wrong_passphrase_is_specific_and_changes_no_byte(location: Location) -> None:
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Kept"))
    store.close()
    before = snapshot(location.data_dir)

    with pytest.raises(WrongPassphrase) as info:
        Store.open(location, "not the passphrase")

    assert str(info.value) == "The passphrase is not correct for this store."
    assert snapshot(location.data_dir) == before


def test_store_opens_with_the_standard_sqlcipher_passphrase_pragma(location: Location) -> None:
    """The raw-key shortcut stays compatible with any SQLCipher 4 tool."""
    Store.create(location, PASSPHRASE).close()
    conn = sqlcipher3.connect(str(location.store))
    conn.execute("PRAGMA key = 'correct horse battery staple'")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "case_record" in tables


def test_pragmas_are_wal_full_sync_memory_temp(store: Store) -> None:
    with store.connection() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_missing_store_is_reported_and_not_created(location: Location) -> None:
    with pytest.raises(StoreNotFound):
        Store.open(location, PASSPHRASE)
    assert not location.store.exists()


def test_create_refuses_an_existing_file(location: Location) -> None:
    location.data_dir.mkdir(parents=True)
    location.store.write_bytes(b"somebody else's file")
    with pytest.raises(StoreExists):
        Store.create(location, PASSPHRASE)
    assert location.store.read_bytes() == b"somebody else's file"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", DamagedStore),
        (b"SQLite format 3\x00" + b"\x00" * 4080, NotAStore),
        (os.urandom(4096 * 3), WrongPassphrase),  # indistinguishable from a wrong key
        (os.urandom(5000), DamagedStore),
    ],
    ids=["empty", "plain-sqlite", "random-pages", "odd-size"],
)
def test_files_that_are_not_stores_fail_cleanly(location: Location, content: bytes,
                                                error: type[Exception]) -> None:
    location.data_dir.mkdir(parents=True)
    location.store.write_bytes(content)
    with pytest.raises(error):
        Store.open(location, PASSPHRASE)
    assert location.store.read_bytes() == content


@pytest.mark.parametrize("cut_bytes", [1000, 2 * 4096], ids=["mid-page", "whole-pages"])
def test_truncated_store_is_damaged_and_untouched(location: Location, cut_bytes: int) -> None:
    store = Store.create(location, PASSPHRASE)
    for n in range(40):
        cases.add_case(store, cases.NewCase(title=f"Will be cut {n}", description="x" * 500))
    store.close()
    data = location.store.read_bytes()
    location.store.write_bytes(data[: len(data) - cut_bytes])
    cut = location.store.read_bytes()
    with pytest.raises(DamagedStore):
        Store.open(location, PASSPHRASE)
    assert location.store.read_bytes() == cut


def test_a_second_opener_shares_the_store(store: Store) -> None:
    """The command line beside the open app: both see and write the same store (issue
    18.10); what replaces the file still needs it to itself (see test_backup)."""
    other = Store.open(store.location, PASSPHRASE)
    try:
        cases.add_case(other, cases.NewCase(title="From the command line"))
        cases.add_case(store, cases.NewCase(title="From the app"))
        assert cases.count_cases(store) == cases.count_cases(other) == 2
    finally:
        other.close()


def test_a_second_process_may_write_but_not_change_the_passphrase(store: Store) -> None:
    code = (
        "import sys\n"
        "from spocdesk.core.paths import resolve\n"
        "from spocdesk.core.cases import service as cases\n"
        "from spocdesk.core.store import Store\n"
        f"s = Store.open(resolve(store={str(store.location.store)!r}), {PASSPHRASE!r})\n"
        "cases.add_case(s, cases.NewCase(title='From another process'))\n"
        "s.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [c.title for c in cases.list_cases(store)] == ["From another process"]
    other = Store.open(store.location, PASSPHRASE)
    try:
        with pytest.raises(StoreInUse) as info:
            store.change_passphrase(PASSPHRASE, "a new and long passphrase")
        assert "already open" in str(info.value)
    finally:
        other.close()


def test_lock_is_released_on_close(location: Location) -> None:
    Store.create(location, PASSPHRASE).close()
    Store.open(location, PASSPHRASE).close()


def test_integrity_check_passes_on_a_sound_store(store: Store) -> None:
    stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(display_name="Ada"))
    assert store.integrity_problems() == []


def test_every_record_has_id_times_revision_and_soft_delete() -> None:
    derived = {t.name for t in Base.metadata.sorted_tables if t.info.get("derived")}
    assert derived == {"interaction_hourly"}  # summaries kept by triggers, not records
    for table in Base.metadata.sorted_tables:
        if table.name in derived:
            continue
        assert {"id", "created_at", "updated_at", "revision", "deleted_at"} <= set(
            table.c.keys()), table.name


def test_revision_counts_updates(store: Store) -> None:
    sid = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Ada")).value
    with store.unit_of_work() as uow:
        person = stakeholders.get(uow.session, sid)
        assert person.revision == 1
        person.title = "Engineer"
        uow.commit()
        assert person.revision == 2


def test_backup_is_an_encrypted_store_that_opens(store: Store, tmp_path: Path) -> None:
    cases.add_case(store, cases.NewCase(title="In the backup"))
    copy = store.backup_to(tmp_path / "copy.db")
    assert copy.read_bytes()[:16] != b"SQLite format 3\x00"
    restored = Store.open(resolve(store=copy), PASSPHRASE)
    try:
        assert [r.title for r in cases.list_cases(restored)] == ["In the backup"]
    finally:
        restored.close()
    with pytest.raises(StoreExists):
        store.backup_to(copy)


@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning")
def test_migrations_match_the_models(store: Store) -> None:
    """A model change without a migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        # the full-text indexes (revisions 0003 and 0007) are raw SQL, not in the models
        opts = {"include_name": lambda name, type_, _parents: not (
            type_ == "table" and str(name).startswith(("search_index", "stakeholder_lookup")))}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_store_at_initial_revision_upgrades_with_its_data(location: Location) -> None:
    old = Store.create(location, PASSPHRASE, revision="0001")
    with old.engine.begin() as conn:
        assert migrate.current(conn) == "0001"
    ref = cases.add_case(old, cases.NewCase(title="Made at 0001")).value
    old.close()

    upgraded = Store.open(location, PASSPHRASE)
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            store_id = conn.execute(
                sa.text("SELECT value FROM setting WHERE key = 'store_id'")).scalar()
        assert store_id
        assert [(r.ref, r.title) for r in cases.list_cases(upgraded)] == [(ref, "Made at 0001")]
    finally:
        upgraded.close()
    backups = list(location.backup_dir.glob("pre-migration-*"))
    assert len(backups) == 1
    with_backup = Store.open(resolve(store=backups[0]), PASSPHRASE, upgrade=False)
    try:
        assert [r.title for r in cases.list_cases(with_backup)] == ["Made at 0001"]
    finally:
        with_backup.close()


def test_unit_of_work_rolls_back_without_commit(store: Store) -> None:
    with store.unit_of_work() as uow:
        cases.add_in_session(uow.session, cases.NewCase(title="Never"), now=store.now(),
                             author="owner")
    assert cases.count_cases(store) == 0


def test_an_existing_backup_name_never_blocks_an_upgrade(location: Location) -> None:
    """A frozen clock (or two quick upgrades) must not stop the store from opening."""
    from datetime import UTC, datetime

    from spocdesk.core.clock import FixedClock

    clock = FixedClock(datetime(2026, 5, 1, 8, 0, tzinfo=UTC))
    Store.create(location, PASSPHRASE, clock=clock, revision="0001").close()
    location.backup_dir.mkdir(parents=True, exist_ok=True)
    taken = location.backup_dir / "pre-migration-20260501T080000Z-from-0001.spocdesk-backup"
    taken.write_bytes(b"an older backup")
    Store.open(location, PASSPHRASE, clock=clock).close()
    assert taken.read_bytes() == b"an older backup"
    assert (location.backup_dir /
            "pre-migration-20260501T080000Z-from-0001-2.spocdesk-backup").is_file()


def test_the_fast_head_is_alembics_head_and_files_are_named_by_revision() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.config())
    assert migrate.head() == script.get_current_head()
    for rev in script.walk_revisions():
        assert Path(rev.path).name.startswith(f"{rev.revision}_"), rev.path


def test_an_ordinary_unlock_does_not_import_alembic(location: Location) -> None:
    Store.create(location, PASSPHRASE).close()
    code = ("import sys; from spocdesk.core.store import Store; "
            "from spocdesk.core.paths import Location; from pathlib import Path; "
            f"Store.open(Location(store=Path({str(location.store)!r}), "
            f"data_dir=Path({str(location.data_dir)!r})), {PASSPHRASE!r}).close(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
