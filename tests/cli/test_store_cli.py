"""The command-line skeleton: --version, init, check, demo-data and their errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spocdesk import __version__
from spocdesk.cli import main
from tests.conftest import PASSPHRASE


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"spocdesk {__version__}"


def test_init_check_and_demo_data(env_passphrase, isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    assert (isolated / "spocdesk.db").is_file()
    assert main(["demo-data", "--size", "small"]) == 0
    assert "50 cases" in capsys.readouterr().out
    assert main(["check"]) == 0
    assert "sound" in capsys.readouterr().out


def test_init_refuses_existing_store(env_passphrase, isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    before = (isolated / "spocdesk.db").read_bytes()
    assert main(["init"]) == 1
    assert "will not overwrite" in capsys.readouterr().err
    assert (isolated / "spocdesk.db").read_bytes() == before


def test_init_with_data_dir_and_passphrase_file(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    target = tmp_path / "elsewhere"
    assert main(["--data-dir", str(target), "--passphrase-file", str(secret), "init"]) == 0
    assert (target / "spocdesk.db").is_file()
    assert main(["--store", str(target / "spocdesk.db"),
                 "--passphrase-file", str(secret), "check"]) == 0


def test_init_rejects_a_weak_passphrase(monkeypatch, isolated: Path, capsys) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "short")
    assert main(["init"]) == 1
    assert "Too short" in capsys.readouterr().err
    assert not (isolated / "spocdesk.db").exists()


def test_wrong_passphrase_exit_code_and_message(env_passphrase, monkeypatch, capsys) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "not the right one")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == "spocdesk: The passphrase is not correct for this store.\n"


def test_missing_store_and_missing_passphrase(monkeypatch, capsys) -> None:
    assert main(["check"]) == 1
    assert "There is no store" in capsys.readouterr().err
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    monkeypatch.delenv("SPOCDESK_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert main(["check"]) == 1
    assert "A passphrase is needed" in capsys.readouterr().err


def test_check_reports_a_damaged_schema(env_passphrase, isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    store = isolated / "spocdesk.db"
    data = bytearray(store.read_bytes())
    data[4096 + 100] ^= 0xFF  # flip a byte inside page 2, part of the schema
    store.write_bytes(bytes(data))
    assert main(["check"]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_check_reports_a_damaged_data_page(env_passphrase, isolated: Path, capsys) -> None:
    assert main(["init"]) == 0
    assert main(["demo-data"]) == 0
    store = isolated / "spocdesk.db"
    data = bytearray(store.read_bytes())
    data[len(data) - 4096 + 200] ^= 0xFF  # the last page holds records, not schema
    store.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "integrity problem" in capsys.readouterr().err


def test_cli_does_not_import_qt_and_starts_fast() -> None:
    code = ("import sys, spocdesk.cli; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_entry_point_runs_as_module() -> None:
    out = subprocess.run([sys.executable, "-m", "spocdesk", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("spocdesk ")
