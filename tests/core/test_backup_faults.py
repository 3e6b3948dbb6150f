"""A backup that cannot be written names its cause and leaves the session working.

The full disk is a real one (a 256 KB tmpfs, root only); on it ``sqlcipher_export``
fails with "database or disk is full" and the ``DETACH`` after it with "database disk
image is malformed". The first error must win, the store must not be called damaged,
and the connection that held the broken attachment must not go back to the pool.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core import preferences
from spocdesk.core.cases import service as cases
from spocdesk.core.errors import DamagedStore, DiskFull
from spocdesk.core.store import BackupNotWritten, Store, backup, check_file
from tests.conftest import PASSPHRASE, fill_store, needs_tmpfs


def _still_working(store: Store, before: int) -> None:
    assert not store.damaged
    assert cases.count_cases(store) == before
    assert len(cases.list_cases(store)) == before  # a list query, every column
    cases.add_case(store, cases.NewCase(title="After the failed backup"))
    assert cases.count_cases(store) == before + 1
    assert store.integrity_problems() == []


@needs_tmpfs
def test_full_disk_is_named_and_the_session_goes_on(store: Store, small_tmpfs: Path) -> None:
    fill_store(store)
    before = cases.count_cases(store)
    with pytest.raises(BackupNotWritten) as info:
        backup.backup_now(store, small_tmpfs)
    assert isinstance(info.value, DiskFull)
    assert not isinstance(info.value, DamagedStore)
    assert "the disk is full" in str(info.value)
    assert "damaged" not in str(info.value)
    assert list(small_tmpfs.iterdir()) == [], "a partial backup was left behind"
    _still_working(store, before)
    assert check_file(store.location.store, PASSPHRASE).ok


@needs_tmpfs
def test_daily_backup_on_a_full_stick(store: Store, small_tmpfs: Path) -> None:
    fill_store(store)
    prefs = preferences.get_settings(store)
    preferences.save_settings(store, dataclasses.replace(prefs, backup_dir=str(small_tmpfs)))
    before = cases.count_cases(store)
    for _ in range(2):  # and again: the first failure left nothing that breaks the second
        with pytest.raises(DiskFull) as info:
            backup.daily_backup_if_due(store)
        assert "the disk is full" in str(info.value)
    _still_working(store, before)


@needs_tmpfs
def test_read_only_folder_is_named(store: Store, small_tmpfs: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    with pytest.raises(BackupNotWritten) as info:
        backup.backup_now(store, small_tmpfs / "b.spocdesk-backup")
    assert "read-only" in str(info.value)
    _still_working(store, 0)


def test_a_vanished_folder_is_named_and_not_recreated(store: Store, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "STICK"
    with pytest.raises(BackupNotWritten) as info:
        backup.backup_now(store, stick / "backups" / "b.spocdesk-backup")
    assert "was a drive removed?" in str(info.value)
    assert not stick.exists()
    _still_working(store, 0)


@needs_tmpfs
def test_cli_backup_on_a_full_disk(isolated: Path, small_tmpfs: Path, capsys,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    from spocdesk.core.paths import resolve

    with Store.open(resolve(), PASSPHRASE) as store:
        fill_store(store)
    capsys.readouterr()
    assert main(["backup", "--to", str(small_tmpfs)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the disk is full" in err and "damaged" not in err
    assert main(["check"]) == 0
