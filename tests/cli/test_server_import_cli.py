"""``spocdesk server import URL --from-store FILE``: two secrets (the role's password as
for every server command, the file's passphrase as SPOCDESK_STORE_PASSPHRASE or
--store-passphrase-file), one line of what was done, JSON on request; a second run adds
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core.cases import service as cases
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.pg_server import PASSWORD


@pytest.fixture
def store_file(store: Store) -> Path:
    cases.add_case(store, cases.NewCase(title="Printer on fire"))
    path = store.location.store
    store.close()
    return path


def test_import_then_again(store_file: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    monkeypatch.setenv("SPOCDESK_STORE_PASSPHRASE", PASSPHRASE)
    assert main(["server", "import", pg_url, "--from-store", str(store_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Copied ") and "; 0 were there already." in out
    assert main(["--store", pg_url, "case", "list", "--json"]) == 0
    assert [c["title"] for c in json.loads(capsys.readouterr().out)] == ["Printer on fire"]
    assert main(["server", "import", pg_url, "--from-store", str(store_file), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["total_added"] == 0 and again["already_there"]["case_record"] == 1


def test_the_files_passphrase_from_a_file(store_file: Path, pg_url: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    secret = tmp_path / "store-pass"
    secret.write_text(PASSPHRASE + "\n")
    assert main(["server", "import", pg_url, "--from-store", str(store_file),
                 "--store-passphrase-file", str(secret)]) == 0
    assert "Copied " in capsys.readouterr().out


def test_errors_are_one_sentence(store_file: Path, pg_url: str,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    monkeypatch.setenv("SPOCDESK_STORE_PASSPHRASE", "not the passphrase")
    assert main(["server", "import", pg_url, "--from-store", str(store_file)]) == 1
    err = capsys.readouterr().err
    assert "passphrase is not correct" in err and err.count("\n") == 1
    assert main(["server", "import", pg_url, "--from-store", "/nowhere/store.db"]) == 1
    assert "There is no store at /nowhere/store.db" in capsys.readouterr().err
