"""Backups: taking, rotating, listing, checking and restoring them."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core import settings as prefs
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import (
    DamagedStore,
    NotAStore,
    StoreExists,
    StoreInUse,
    WrongPassphrase,
)
from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store, backup, keying
from tests.conftest import PASSPHRASE, all_bytes_under
from tests.core.test_no_plaintext import _canary_variants, _write_canaries


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(location: Location, passphrase: str = PASSPHRASE) -> list[str]:
    store = Store.open(location, passphrase, upgrade=False)
    try:
        return sorted(r.title for r in cases.list_cases(store))
    finally:
        store.close()


def set_prefs(store: Store, **values: object) -> None:
    with store.unit_of_work() as uow:
        current = prefs.load(uow.session)
        for name, value in values.items():
            setattr(current, name, value)
        prefs.save(uow.session, current)
        uow.commit()


# -- taking backups -------------------------------------------------------------


def test_backup_now_is_named_with_utc_time_and_never_overwrites(store: Store) -> None:
    cases.add_case(store, cases.NewCase(title="In the backup"))
    first = backup.backup_now(store)
    tag = backup.store_tag(store)  # the store's identity is in the name
    assert len(tag) == 12
    assert first.parent == store.location.backup_dir
    assert first.name == f"spocdesk-{tag}-20260302T090000Z.spocdesk-backup"
    second = backup.backup_now(store)  # same second: a new name, not an overwrite
    assert second.name == f"spocdesk-{tag}-20260302T090000Z-1.spocdesk-backup"
    assert first.read_bytes()[:16] != b"SQLite format 3\x00"
    report = backup.verify_backup(first, PASSPHRASE)
    assert report.ok
    assert not list(store.location.backup_dir.glob("*.partial"))


def test_backup_to_a_file_or_folder(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "copy.spocdesk-backup"
    assert backup.backup_now(store, target) == target
    with pytest.raises(StoreExists):
        backup.backup_now(store, target)
    folder = tmp_path / "folder"
    folder.mkdir()
    in_folder = backup.backup_now(store, folder)
    assert in_folder.parent == folder and in_folder.name.startswith("spocdesk-")


def test_backup_folder_from_the_settings(store: Store, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    set_prefs(store, backup_dir=str(chosen))
    path = backup.backup_now(store)
    assert path.parent == chosen
    assert backup.backup_dir(store) == chosen
    daily = backup.daily_backup_if_due(store)
    assert daily is not None and daily.parent == chosen


def test_daily_backup_once_a_day(store: Store, clock: FixedClock) -> None:
    first = backup.daily_backup_if_due(store, tz=UTC)
    tag = backup.store_tag(store)
    assert first is not None and first.name == f"daily-{tag}-20260302T090000Z.spocdesk-backup"
    clock.advance(timedelta(hours=10))
    assert backup.daily_backup_if_due(store, tz=UTC) is None  # same day
    clock.advance(timedelta(hours=5))  # 00:00 the next day
    second = backup.daily_backup_if_due(store, tz=UTC)
    assert second is not None and second != first
    assert {p.name for p in store.location.backup_dir.iterdir()} == {first.name, second.name}


def test_rotation_keeps_seven_daily_and_four_weekly(store: Store, clock: FixedClock) -> None:
    manual = backup.backup_now(store)
    for _day in range(60):
        assert backup.daily_backup_if_due(store, tz=UTC) is not None
        clock.advance(timedelta(days=1))
    dailies = [b for b in backup.list_backups(store.location) if b.kind == "daily"]
    days = sorted({b.taken_at.date() for b in dailies}, reverse=True)
    assert len(dailies) == len(days)  # at most one per day
    newest = clock.now() - timedelta(days=1)
    assert days[:7] == [(newest - timedelta(days=n)).date() for n in range(7)]
    weeks = {b.taken_at.date().isocalendar()[:2] for b in dailies}
    assert len(weeks) == 4  # the 7 most recent days span 2 weeks; 4 weeks in all
    assert len(dailies) <= 7 + 4
    assert manual.exists()  # a backup taken on request is never rotated away


def test_rotation_numbers_come_from_the_settings(store: Store, clock: FixedClock) -> None:
    set_prefs(store, backup_keep_daily=2, backup_keep_weekly=0)
    for _day in range(10):
        backup.daily_backup_if_due(store, tz=UTC)
        clock.advance(timedelta(days=1))
    assert len([b for b in backup.list_backups(store.location) if b.kind == "daily"]) == 2


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2027, 1, 1),
                       timezones=st.just(UTC))


@settings(max_examples=300, deadline=None)
@given(stamps=st.lists(moments, max_size=60), keep_daily=st.integers(0, 10),
       keep_weekly=st.integers(0, 6))
def test_rotation_rule(stamps: list[datetime], keep_daily: int, keep_weekly: int) -> None:
    items = list(enumerate(stamps))  # distinct items even when two times are equal

    def when(item: tuple[int, datetime]) -> datetime:
        return item[1]

    deleted = backup.select_for_deletion(items, when, keep_daily, keep_weekly, tz=UTC)
    kept = [item for item in items if item not in deleted]
    assert len(deleted) + len(kept) == len(items)
    if not items:
        return
    assert max(items, key=when)[1] in {when(k) for k in kept}  # the newest survives
    assert len(kept) <= max(1, keep_daily + keep_weekly)
    kept_days = [when(k).date() for k in kept]
    assert len(kept_days) == len(set(kept_days))  # at most one per day
    for k in kept:  # every survivor is the newest of its day
        assert when(k) == max(when(i) for i in items if when(i).date() == when(k).date())
    days = sorted({when(i).date() for i in items}, reverse=True)
    for day in days[:keep_daily]:
        assert day in kept_days
    weeks = sorted({when(i).date().isocalendar()[:2] for i in items}, reverse=True)
    kept_weeks = {d.isocalendar()[:2] for d in kept_days}
    for week in weeks[:keep_weekly]:
        assert week in kept_weeks
    # rotating again deletes nothing more
    assert backup.select_for_deletion(kept, when, keep_daily, keep_weekly, tz=UTC) == []


def test_list_backups_newest_first_with_kinds(store: Store, clock: FixedClock) -> None:
    backup.daily_backup_if_due(store)
    clock.advance(timedelta(minutes=5))
    backup.backup_now(store)
    (store.location.backup_dir / "notes.txt").write_text("not a backup")
    found = backup.list_backups(store.location)
    assert [b.kind for b in found] == ["manual", "daily"]
    assert found[0].taken_at == clock.now()


# -- restoring ------------------------------------------------------------------


def _store_with_backup(location: Location) -> Path:
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Before the backup"))
    path = backup.backup_now(store)
    cases.add_case(store, cases.NewCase(title="After the backup"))
    store.close()
    return path


def test_restore_puts_the_backup_back_and_keeps_the_old_store(location: Location) -> None:
    path = _store_with_backup(location)
    before = digest(location.store)
    result = backup.restore(location, path, PASSPHRASE,
                            now=datetime(2026, 3, 3, 12, 0, tzinfo=UTC))
    assert result.store == location.store
    assert result.replaced == location.data_dir / "spocdesk.db.replaced-20260303T120000Z"
    assert digest(result.replaced) == before
    assert titles(location) == ["Before the backup"]
    assert titles(resolve(store=result.replaced)) == ["After the backup", "Before the backup"]
    assert not list(location.data_dir.glob("*restore-partial*"))


def test_restore_moves_a_pending_wal_aside_with_its_store(location: Location,
                                                          tmp_path: Path) -> None:
    source = _store_with_backup(location)
    # a store that died with committed pages still in its WAL
    crashed = resolve(data_dir=tmp_path / "crashed")
    crashed.data_dir.mkdir()
    live = Store.open(location, PASSPHRASE)
    cases.add_case(live, cases.NewCase(title="Only in the WAL"))
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{location.store}{suffix}", f"{crashed.store}{suffix}")
    live.close()
    assert Path(f"{crashed.store}-wal").stat().st_size > 0

    result = backup.restore(crashed, source, PASSPHRASE)
    assert result.replaced is not None
    assert Path(f"{result.replaced}-wal").exists()
    assert not Path(f"{crashed.store}-wal").exists()
    assert titles(crashed) == ["Before the backup"]
    assert "Only in the WAL" in titles(resolve(store=result.replaced))


def test_restore_into_an_empty_data_dir(tmp_path: Path, location: Location) -> None:
    path = _store_with_backup(location)
    fresh = resolve(data_dir=tmp_path / "fresh")
    result = backup.restore(fresh, path, PASSPHRASE)
    assert result.replaced is None
    assert titles(fresh) == ["Before the backup"]


def test_restore_refuses_while_the_store_is_open(location: Location) -> None:
    path = _store_with_backup(location)
    store = Store.open(location, PASSPHRASE)
    try:
        before = digest(location.store)
        with pytest.raises(StoreInUse):
            backup.restore(location, path, PASSPHRASE)
        assert digest(location.store) == before
    finally:
        store.close()
    assert not list(location.data_dir.glob("*.replaced-*"))


def _nothing_changed(location: Location, before: dict[str, str]) -> None:
    after = {p.name: digest(p) for p in location.data_dir.iterdir() if p.is_file()}
    after.pop("spocdesk.db.lock", None)
    assert after == before


def _files(location: Location) -> dict[str, str]:
    found = {p.name: digest(p) for p in location.data_dir.iterdir() if p.is_file()}
    found.pop("spocdesk.db.lock", None)
    return found


def test_restore_checks_the_passphrase_before_replacing(location: Location) -> None:
    path = _store_with_backup(location)
    before, backup_before = _files(location), digest(path)
    with pytest.raises(WrongPassphrase):
        backup.restore(location, path, "not the passphrase")
    _nothing_changed(location, before)
    assert digest(path) == backup_before


@pytest.mark.parametrize("where", ["page-2", "last-page", "truncated"])
def test_restore_checks_integrity_before_replacing(location: Location, where: str) -> None:
    path = _store_with_backup(location)
    data = bytearray(path.read_bytes())
    if where == "page-2":
        data[4096 + 300] ^= 0x01
    elif where == "last-page":
        data[-500] ^= 0x80
    else:
        del data[-4096:]
    path.write_bytes(bytes(data))
    before = _files(location)
    with pytest.raises(backup.DamagedBackup) as info:
        backup.restore(location, path, PASSPHRASE)
    assert isinstance(info.value, DamagedStore)
    assert "nothing was restored" in str(info.value)
    _nothing_changed(location, before)
    assert path.read_bytes() == bytes(data)  # the backup itself is not touched either


def test_restore_refuses_a_file_that_is_not_a_store(location: Location, tmp_path: Path) -> None:
    Store.create(location, PASSPHRASE).close()
    before = _files(location)
    plain = tmp_path / "plain.spocdesk-backup"
    import sqlite3

    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStore):
        backup.restore(location, plain, PASSPHRASE)
    with pytest.raises(backup.BackupNotFound):
        backup.restore(location, tmp_path / "missing.spocdesk-backup", PASSPHRASE)
    _nothing_changed(location, before)


def test_restore_updates_a_remembered_passphrase(location: Location, memory_keyring) -> None:
    from spocdesk.core.store import vault

    path = _store_with_backup(location)
    vault.remember(location.store, "a later passphrase")
    backup.restore(location, path, PASSPHRASE)
    assert vault.recall(location.store) == PASSPHRASE


def test_newest_good_backup_skips_damaged_and_foreign_ones(location: Location,
                                                           clock: FixedClock) -> None:
    store = Store.create(location, PASSPHRASE, clock=clock)
    good = backup.backup_now(store)
    clock.advance(timedelta(hours=1))
    damaged = backup.backup_now(store)
    clock.advance(timedelta(hours=1))
    other = Store.create(resolve(data_dir=location.data_dir / "other"), "another passphrase")
    foreign = other.backup_to(location.backup_dir / "spocdesk-20260302T120000Z.spocdesk-backup")
    other.close()
    store.close()
    data = bytearray(damaged.read_bytes())
    data[-100] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert backup.list_backups(location)[0].path == foreign
    assert backup.newest_good_backup(location, PASSPHRASE) == good
    assert backup.newest_good_backup(location, "another passphrase") == foreign
    assert backup.newest_good_backup(location, "nobody's passphrase") is None


def test_no_plaintext_in_backups_or_the_replaced_store(location: Location) -> None:
    store = Store.create(location, PASSPHRASE)
    _write_canaries(store)
    daily = backup.daily_backup_if_due(store)
    manual = backup.backup_now(store)
    store.close()
    result = backup.restore(location, manual, PASSPHRASE)
    assert daily is not None and result.replaced is not None
    blob = all_bytes_under(location.data_dir)
    assert len(blob) > 3 * keying.PAGE_SIZE
    for needle in _canary_variants():
        assert needle not in blob
    # guard: the canary really is inside, readable with the passphrase
    assert titles(location) == [t for t in titles(resolve(store=result.replaced))]
