"""Changing the passphrase: the old one fails afterwards, the data is intact, and the
old file stays untouched until the re-encrypted one is verified."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from spocdesk.core.cases import service as cases
from spocdesk.core.errors import DiskFull, StoreError, WeakPassphrase, WrongPassphrase
from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store, backup, change_passphrase, check, keying, rekey, vault
from tests.conftest import PASSPHRASE, all_bytes_under
from tests.core.test_no_plaintext import _canary_variants, _write_canaries

NEW = "a brand new passphrase of five words"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(location: Location, n: int = 30) -> list[str]:
    store = Store.create(location, PASSPHRASE)
    refs = [cases.add_case(store, cases.NewCase(title=f"Case {i}", description="d" * 300)).value
            for i in range(n)]
    store.close()
    return refs


def _titles(location: Location, passphrase: str) -> list[str]:
    store = Store.open(location, passphrase)
    try:
        return sorted(r.title for r in cases.list_cases(store))
    finally:
        store.close()


def test_rekey_a_closed_store(location: Location) -> None:
    _filled(location)
    before = _titles(location, PASSPHRASE)
    old_salt = keying.read_salt(location.store)

    result = change_passphrase(location, PASSPHRASE, NEW)

    assert result.keyring == "none"
    assert keying.read_salt(location.store) != old_salt
    with pytest.raises(WrongPassphrase):
        Store.open(location, PASSPHRASE)
    assert _titles(location, NEW) == before
    leftovers = [p.name for p in location.data_dir.iterdir()
                 if "partial" in p.name or p.name.endswith(("-wal", "-shm"))]
    assert leftovers == []
    report = check.check_file(location.store, NEW)
    assert report.ok, report.problems


def test_rekey_an_open_store_keeps_it_open_and_writable(store: Store) -> None:
    cases.add_case(store, cases.NewCase(title="Before"))
    store.change_passphrase(PASSPHRASE, NEW)
    cases.add_case(store, cases.NewCase(title="After"))  # new connections use the new key
    assert sorted(r.title for r in cases.list_cases(store)) == ["After", "Before"]
    location = store.location
    store.close()
    assert _titles(location, NEW) == ["After", "Before"]
    with pytest.raises(WrongPassphrase):
        Store.open(location, PASSPHRASE)


def test_rekeyed_store_opens_with_the_standard_pragma(location: Location) -> None:
    _filled(location, 2)
    change_passphrase(location, PASSPHRASE, NEW)
    conn = sqlcipher3.connect(str(location.store))
    conn.execute(f"PRAGMA key = '{NEW}'")
    assert conn.execute("SELECT count(*) FROM case_record").fetchone()[0] == 2
    conn.close()


def test_wrong_old_or_weak_new_passphrase_changes_nothing(location: Location) -> None:
    _filled(location, 3)
    before = digest(location.store)
    with pytest.raises(WrongPassphrase):
        change_passphrase(location, "not the old one", NEW)
    with pytest.raises(WeakPassphrase):
        change_passphrase(location, PASSPHRASE, "short")
    assert digest(location.store) == before
    assert len(_titles(location, PASSPHRASE)) == 3


def test_old_file_untouched_when_the_new_one_fails_verification(
        location: Location, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(location, 5)
    store = Store.open(location, PASSPHRASE)
    real = rekey.check_key

    def failing(path: Path, key: keying.RawKey, **kw: bool) -> check.CheckReport:
        report = real(path, key, **kw)
        report.problems.append("simulated damage")
        return report

    monkeypatch.setattr(rekey, "check_key", failing)
    store.checkpoint()
    before = digest(location.store)
    with pytest.raises(StoreError, match="could not be verified"):
        store.change_passphrase(PASSPHRASE, NEW)
    assert digest(location.store) == before
    assert not Path(f"{location.store}.rekey-partial").exists()
    assert len(cases.list_cases(store)) == 5  # still open, still the old key
    store.close()
    monkeypatch.undo()
    assert len(_titles(location, PASSPHRASE)) == 5


def test_full_disk_during_rekey_changes_nothing(location: Location,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(location, 5)

    def full(self: Store, partial: Path, key: keying.RawKey) -> None:
        partial.write_bytes(b"half")
        raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_export_to", full)
    before = digest(location.store)
    with pytest.raises(DiskFull):
        change_passphrase(location, PASSPHRASE, NEW)
    monkeypatch.undo()
    assert digest(location.store) == before
    assert not Path(f"{location.store}.rekey-partial").exists()
    assert len(_titles(location, PASSPHRASE)) == 5


def test_rekey_updates_a_remembered_passphrase(location: Location, memory_keyring) -> None:
    _filled(location, 1)
    vault.remember(location.store, PASSPHRASE)
    assert change_passphrase(location, PASSPHRASE, NEW).keyring == "updated"
    assert vault.recall(location.store) == NEW


def test_rekey_forgets_when_the_keyring_refuses(location: Location, memory_keyring,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(location, 1)
    vault.remember(location.store, PASSPHRASE)
    monkeypatch.setattr(vault, "remember", lambda store, secret: False)
    assert change_passphrase(location, PASSPHRASE, NEW).keyring == "forgotten"
    assert vault.recall(location.store) is None


def test_rekey_leaves_no_keyring_entry_when_none_was_kept(location: Location,
                                                          memory_keyring) -> None:
    _filled(location, 1)
    change_passphrase(location, PASSPHRASE, NEW)
    assert memory_keyring.secrets == {}


def test_older_backups_keep_the_old_passphrase(location: Location) -> None:
    store = Store.create(location, PASSPHRASE)
    old_backup = backup.backup_now(store)
    store.change_passphrase(PASSPHRASE, NEW)
    new_backup = backup.backup_now(store)
    store.close()
    assert backup.verify_backup(old_backup, PASSPHRASE).ok
    assert backup.verify_backup(new_backup, NEW).ok
    with pytest.raises(WrongPassphrase):
        backup.verify_backup(old_backup, NEW)


def test_no_plaintext_after_rekey(location: Location, tmp_path: Path) -> None:
    store = Store.create(location, PASSPHRASE)
    _write_canaries(store)
    store.change_passphrase(PASSPHRASE, NEW)
    _write_canaries(store)  # written under the new key, through the WAL
    store.close()
    blob = all_bytes_under(location.data_dir)
    for needle in _canary_variants():
        assert needle not in blob
    assert len(_titles(resolve(store=location.store), NEW)) == 2
