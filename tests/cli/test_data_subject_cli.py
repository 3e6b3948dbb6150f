"""``stakeholder export-data ID FILE.json`` and ``stakeholder erase ID --yes``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import spocdesk.cli
from spocdesk.cli import main
from spocdesk.commands import COMMAND_MODULES, stakeholder_cmds
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def cli_store(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if stakeholder_cmds not in COMMAND_MODULES:
        monkeypatch.setattr(spocdesk.cli, "COMMAND_MODULES", [*COMMAND_MODULES, stakeholder_cmds])
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    capsys.readouterr()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "stakeholder", "add", "--name", "Erin Erasable",
                       "--email", "erin@e.example", "--phone", "+1 555 0100")
    assert code == 0
    return out.strip()


def test_export_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sid = add(capsys)
    target = tmp_path / "erin.json"
    code, out, err = run(capsys, "stakeholder", "export-data", sid, str(target))
    assert code == 0 and err == "" and str(target) in out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["stakeholder"]["display_name"] == "Erin Erasable"
    assert {p["value"] for p in data["contact_points"]} == {"erin@e.example", "+1 555 0100"}


def test_export_data_of_unknown_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "stakeholder", "export-data", "nobody", str(tmp_path / "x"))
    assert code != 0 and "nobody" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_erase_needs_yes(capsys: pytest.CaptureFixture[str]) -> None:
    sid = add(capsys)
    code, out, err = run(capsys, "stakeholder", "erase", sid)
    assert code == 2 and out == ""
    assert "--yes" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "stakeholder", "list", "--json")
    assert [row["id"] for row in json.loads(out)] == [sid]


def test_erase(capsys: pytest.CaptureFixture[str]) -> None:
    sid = add(capsys)
    code, out, err = run(capsys, "stakeholder", "erase", sid, "--yes")
    assert code == 0 and err == "" and sid in out
    code, out, _ = run(capsys, "stakeholder", "list", "--json", "--search", "Erin")
    assert json.loads(out) == []
    code, _out, err = run(capsys, "stakeholder", "show", sid)
    assert code != 0 and sid in err
    code, _out, err = run(capsys, "stakeholder", "erase", sid, "--yes")
    assert code != 0 and "Traceback" not in err
