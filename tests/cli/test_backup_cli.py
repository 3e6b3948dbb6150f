"""``spocdesk backup``, ``restore``, ``passphrase change`` and ``check``'s backup offer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.cli import main
from spocdesk.commands import backup_cmds
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

NEW = "another long passphrase for the store"


@pytest.fixture(autouse=True)
def with_backup_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until ``backup_cmds`` is listed in ``spocdesk.commands``, add it here."""
    if backup_cmds not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, backup_cmds])


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def no_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)


def _titles(capsys: pytest.CaptureFixture[str], passphrase: str = PASSPHRASE) -> list[str]:
    store = Store.open(resolve(), passphrase)
    try:
        return sorted(row.title for row in cases.list_cases(store))
    finally:
        store.close()


def _case(title: str) -> None:
    store = Store.open(resolve(), PASSPHRASE)
    try:
        cases.add_case(store, cases.NewCase(title=title))
    finally:
        store.close()


def test_backup_and_restore(env_passphrase: None, isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    _case("Before")
    capsys.readouterr()
    assert main(["backup"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wrote an encrypted backup to ")
    made = list((isolated / "backups").glob("spocdesk-*.spocdesk-backup"))
    assert len(made) == 1 and str(made[0]) in out
    _case("After")
    assert _titles(capsys) == ["After", "Before"]

    assert main(["restore", str(made[0]), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept at" in out
    assert _titles(capsys) == ["Before"]
    assert len(list(isolated.glob("spocdesk.db.replaced-*"))) == 1


def test_backup_to_a_file_as_json(env_passphrase: None, tmp_path: Path, capsys) -> None:
    assert main(["init"]) == 0
    target = tmp_path / "out" / "copy.spocdesk-backup"
    capsys.readouterr()
    assert main(["backup", "--to", str(target), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backup"] == str(target) and data["size"] == target.stat().st_size
    assert main(["backup", "--to", str(target)]) == 1
    assert "will not overwrite" in capsys.readouterr().err


def test_restore_needs_yes_without_a_terminal(env_passphrase: None, no_tty: None,
                                              isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    assert main(["backup", "--to", str(isolated / "b.spocdesk-backup")]) == 0
    before = (isolated / "spocdesk.db").read_bytes()
    capsys.readouterr()
    assert main(["restore", str(isolated / "b.spocdesk-backup")]) == 1
    assert "add --yes" in capsys.readouterr().err
    assert (isolated / "spocdesk.db").read_bytes() == before


def test_restore_refuses_wrong_passphrase_and_damage(env_passphrase: None, isolated: Path,
                                                     monkeypatch, capsys) -> None:
    assert main(["init"]) == 0
    backup = isolated / "b.spocdesk-backup"
    assert main(["backup", "--to", str(backup)]) == 0
    before = (isolated / "spocdesk.db").read_bytes()
    capsys.readouterr()

    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "not the passphrase")
    assert main(["restore", str(backup), "--yes"]) == 1
    assert capsys.readouterr().err == "spocdesk: The passphrase is not correct for this store.\n"

    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    data = bytearray(backup.read_bytes())
    data[-200] ^= 0xFF
    backup.write_bytes(bytes(data))
    assert main(["restore", str(backup), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "nothing was restored" in err
    assert main(["restore", str(isolated / "missing"), "--yes"]) == 1
    assert "There is no backup" in capsys.readouterr().err
    assert (isolated / "spocdesk.db").read_bytes() == before
    assert not list(isolated.glob("*.replaced-*"))


def test_restore_refuses_while_the_store_is_open(env_passphrase: None, isolated: Path,
                                                 capsys) -> None:
    from spocdesk.core.paths import resolve
    from spocdesk.core.store import Store

    assert main(["init"]) == 0
    assert main(["backup", "--to", str(isolated / "b.spocdesk-backup")]) == 0
    store = Store.open(resolve(data_dir=isolated), PASSPHRASE)
    try:
        capsys.readouterr()
        assert main(["restore", str(isolated / "b.spocdesk-backup"), "--yes"]) == 1
        assert "already open" in capsys.readouterr().err
    finally:
        store.close()


def test_passphrase_change_from_env(env_passphrase: None, isolated: Path, monkeypatch,
                                    capsys) -> None:
    assert main(["init"]) == 0
    _case("Kept")
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", NEW)
    capsys.readouterr()
    assert main(["passphrase", "change"]) == 0
    assert "Changed the passphrase" in capsys.readouterr().out
    assert main(["check"]) == 1  # the old passphrase no longer opens it
    assert "not correct" in capsys.readouterr().err
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", NEW)
    assert main(["check"]) == 0
    assert _titles(capsys, NEW) == ["Kept"]


def test_passphrase_change_from_file_and_its_errors(env_passphrase: None, isolated: Path,
                                                    tmp_path: Path, no_tty: None,
                                                    monkeypatch, capsys) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["passphrase", "change"]) == 1
    assert "A passphrase is needed" in capsys.readouterr().err
    weak = tmp_path / "weak.txt"
    weak.write_text("short\n", encoding="utf-8")
    assert main(["passphrase", "change", "--new-passphrase-file", str(weak)]) == 1
    assert "Too short" in capsys.readouterr().err
    good = tmp_path / "new.txt"
    good.write_text(NEW + "\n", encoding="utf-8")
    assert main(["passphrase", "change", "--new-passphrase-file", str(good)]) == 0
    monkeypatch.delenv("SPOCDESK_PASSPHRASE")  # the environment wins over the file
    assert main(["--passphrase-file", str(good), "check"]) == 0


def test_passphrase_change_updates_the_keyring(env_passphrase: None, isolated: Path,
                                               monkeypatch, memory_keyring, capsys) -> None:
    from spocdesk.core.store import vault

    assert main(["init", "--remember"]) == 0
    monkeypatch.delenv("SPOCDESK_PASSPHRASE")  # the old one now comes from the keyring
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", NEW)
    capsys.readouterr()
    assert main(["passphrase", "change"]) == 0
    assert "keyring was updated" in capsys.readouterr().out
    assert vault.recall(isolated / "spocdesk.db") == NEW


def _flip_a_bit_in_the_last_page(store: Path) -> Path:
    """Damage a page of records (not the schema): the store opens nothing now."""
    data = bytearray(store.read_bytes())
    data[len(data) - 4096 + 300] ^= 0x01
    store.write_bytes(bytes(data))
    return store


def test_check_offers_the_newest_good_backup(env_passphrase: None, isolated: Path,
                                             capsys) -> None:
    assert main(["init"]) == 0
    assert main(["demo-data"]) == 0
    assert main(["backup"]) == 0
    _flip_a_bit_in_the_last_page(isolated / "spocdesk.db")
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "The newest good backup is" in err and "taken" in err
    assert main(["check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["newest_good_backup"].endswith(".spocdesk-backup")


def test_check_without_a_good_backup_points_to_restore(env_passphrase: None, isolated: Path,
                                                       capsys) -> None:
    assert main(["init"]) == 0
    assert main(["demo-data"]) == 0
    store = _flip_a_bit_in_the_last_page(isolated / "spocdesk.db")
    before = store.read_bytes()
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err
    assert "No backup in" in err and "'spocdesk restore FILE'" in err
    assert store.read_bytes() == before
