"""Every command that writes a file the user names refuses the store, its WAL/SHM, its
backups and a handover pack (even with ``--force``), refuses an existing file without
``--force``, and writes atomically and owner-only."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core.paths import resolve
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store, backup, check_file
from tests.conftest import PASSPHRASE


@pytest.fixture
def person(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    with Store.open(resolve(), PASSPHRASE) as store:
        pid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
            display_name="Anna Müller")).value
        backup.backup_now(store)
    capsys.readouterr()
    return pid


# each: the command line for a target file
COMMANDS: dict[str, Callable[[str, str], list[str]]] = {
    "export contacts": lambda pid, f: ["export", "contacts", f],
    "export followups": lambda pid, f: ["export", "followups", f],
    "report --csv": lambda pid, f: ["report", "--csv", f],
    "stakeholder export-data": lambda pid, f: ["stakeholder", "export-data", pid, f],
    "export briefing": lambda pid, f: ["export", "briefing", f],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _protected(kind: str) -> Path:
    where = resolve()
    if kind == "backup":
        return backup.list_backups(where)[0].path
    return Path(f"{where.store}{kind}")


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", ["", "-wal", "-shm", "backup"])
def test_never_onto_the_store_or_a_backup(person: str, command: str, kind: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = _protected(kind)
    before = digest(target) if target.exists() else None
    argv = [*COMMANDS[command](person, str(target)), "--force"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "never writes an export onto it" in err
    assert (digest(target) if target.exists() else None) == before
    assert check_file(resolve().store, PASSPHRASE).ok


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "export briefing"])
def test_existing_file_needs_force_and_is_replaced_atomically(
        person: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "file.txt"
    target.parent.mkdir()
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o644)
    assert main(COMMANDS[command](person, str(target))) == 1
    assert "exists already" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main([*COMMANDS[command](person, str(target)), "--force"]) == 0
    assert target.read_text(encoding="utf-8") != "keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]  # no temp file left


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "export briefing"])
def test_a_new_file_is_owner_only(person: str, command: str, tmp_path: Path) -> None:
    target = tmp_path / "new-file"
    assert main(COMMANDS[command](person, str(target))) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_pack_is_never_overwritten(person: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "handover.spocpack"
    pack.write_bytes(b"\x01" * 4096)
    assert main(["export", "contacts", str(pack), "--force"]) == 1
    assert pack.read_bytes() == b"\x01" * 4096
