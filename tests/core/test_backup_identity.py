"""Backups belong to one store: named with its identity, "already today" and rotation
per store (two stores may share a folder), and restore puts back only this store's
own backups (a handover pack never; another store only with ``force``)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import absence, pack
from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store, backup, change_passphrase
from tests.conftest import PASSPHRASE
from tests.core.test_backup import set_prefs

OTHER = "the other store's own passphrase"


@pytest.fixture
def two_stores(location: Location, clock: FixedClock, tmp_path: Path):
    shared = tmp_path / "shared-backups"
    a = Store.create(location, PASSPHRASE, clock=clock)
    b = Store.create(resolve(data_dir=tmp_path / "second"), OTHER, clock=clock)
    for store in (a, b):
        set_prefs(store, backup_dir=str(shared), backup_keep_daily=3, backup_keep_weekly=0)
    yield a, b, shared
    a.close()
    b.close()


def test_two_stores_sharing_a_folder_each_get_a_daily_backup(two_stores, clock) -> None:
    a, b, _shared = two_stores
    first = backup.daily_backup_if_due(a, tz=UTC)
    second = backup.daily_backup_if_due(b, tz=UTC)
    assert first is not None and second is not None
    assert backup.store_tag(a) in first.name and backup.store_tag(b) in second.name
    assert backup.daily_backup_if_due(a, tz=UTC) is None  # once a day, per store


def test_rotation_never_deletes_the_other_stores_backups(two_stores, clock) -> None:
    a, b, shared = two_stores
    b_backups = [backup.daily_backup_if_due(b, tz=UTC)]
    for _ in range(6):
        clock.advance(timedelta(days=1))
        backup.daily_backup_if_due(a, tz=UTC)
    assert all(p is not None and p.exists() for p in b_backups)
    mine = [p for p in shared.iterdir() if backup.store_tag(a) in p.name]
    assert len(mine) == 3  # keep_daily=3 for a alone


def test_a_daily_backup_named_before_identities_still_counts(store: Store) -> None:
    taken = backup.daily_backup_if_due(store, tz=UTC)
    assert taken is not None
    legacy = taken.with_name("daily-20260302T080000Z.spocdesk-backup")
    taken.rename(legacy)  # the name an older spocdesk gave it: same salt, same store
    assert backup.daily_backup_if_due(store, tz=UTC) is None


def _backup_of_another_store(tmp_path: Path, passphrase: str = PASSPHRASE) -> Path:
    other = Store.create(resolve(data_dir=tmp_path / "another"), passphrase)
    cases.add_case(other, cases.NewCase(title="The other store's case"))
    path = backup.backup_now(other, tmp_path / "other.spocdesk-backup")
    other.close()
    return path


def _titles(location: Location, passphrase: str = PASSPHRASE) -> list[str]:
    with Store.open(location, passphrase) as store:
        return [c.title for c in cases.list_cases(store)]


def test_restore_refuses_another_stores_backup_unless_forced(location: Location,
                                                             tmp_path: Path) -> None:
    with Store.create(location, PASSPHRASE) as store:
        cases.add_case(store, cases.NewCase(title="Mine"))
    foreign = _backup_of_another_store(tmp_path)  # even with the same passphrase
    with pytest.raises(backup.OtherStoreBackup) as info:
        backup.restore(location, foreign, PASSPHRASE)
    assert "another store" in str(info.value) and "--force" in str(info.value)
    assert _titles(location) == ["Mine"]
    backup.restore(location, foreign, PASSPHRASE, force=True)
    assert _titles(location) == ["The other store's case"]


def test_restore_refuses_a_handover_pack_even_forced(location: Location,
                                                     tmp_path: Path) -> None:
    with Store.create(location, PASSPHRASE) as store:
        cases.add_case(store, cases.NewCase(title="Mine"))
        absence_id = absence.plan_absence(store, absence.AbsencePlan(
            starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 13), deputy_name="Dana")).value
        packed = pack.export_pack(store, absence_id, tmp_path / "h.spocpack", OTHER).value
    for force in (False, True):
        with pytest.raises(backup.HandoverPackNotBackup):
            backup.restore(location, packed.path, OTHER, force=force)
    assert _titles(location) == ["Mine"]


def test_own_backup_after_a_passphrase_change(location: Location) -> None:
    from spocdesk.core.store import vault

    with Store.create(location, PASSPHRASE) as store:
        cases.add_case(store, cases.NewCase(title="Before"))
        old = backup.backup_now(store)
    change_passphrase(location, PASSPHRASE, OTHER)  # new salt, same identity
    with Store.open(location, OTHER) as store:
        tag = backup.store_tag(store)
    # the store no longer opens with the backup's passphrase: it cannot tell ...
    with pytest.raises(backup.IdentityUnknown):
        backup.restore(location, old, PASSPHRASE)
    # ... unless it remembers the current one, or the open session says who it is
    vault.remember(location.store, OTHER)
    backup.restore(location, old, PASSPHRASE)
    assert _titles(location) == ["Before"]
    change_passphrase(location, PASSPHRASE, OTHER)
    vault.forget(location.store)
    backup.restore(location, old, PASSPHRASE, known_tag=tag)
    assert _titles(location) == ["Before"]


def test_a_damaged_store_takes_its_own_backup_back(location: Location) -> None:
    with Store.create(location, PASSPHRASE) as store:
        cases.add_case(store, cases.NewCase(title="Before"))
        own = backup.backup_now(store)
    data = bytearray(location.store.read_bytes())
    data[4096 + 200] ^= 0xFF  # page 2: the identity may not be readable any more
    location.store.write_bytes(bytes(data))
    assert backup.newest_good_backup(location, PASSPHRASE) == own
    backup.restore(location, own, PASSPHRASE)
    assert _titles(location) == ["Before"]


def test_cli_restore_refuses_another_store(location: Location, tmp_path: Path, capsys,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    foreign = _backup_of_another_store(tmp_path)
    copy = tmp_path / "copy.spocdesk-backup"
    shutil.copyfile(foreign, copy)
    capsys.readouterr()
    assert main(["restore", str(copy), "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another store" in err
    assert main(["restore", str(copy), "--yes", "--force"]) == 0
    assert _titles(resolve()) == ["The other store's case"]
