"""``spocdesk server init URL`` and ``spocdesk --store postgresql://…``: the role's password
comes as a store's passphrase does; errors are one sentence on stderr."""

from __future__ import annotations

import json

import pytest

from spocdesk.cli import main
from tests.conftest import MemoryKeyring
from tests.pg_server import PASSWORD, PgServer


@pytest.fixture
def fresh_url(pg_server: PgServer) -> str:
    return pg_server.plain_url(pg_server.create_database())


def test_init_then_use_the_server_by_url(fresh_url: str, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    assert main(["server", "init", fresh_url]) == 0
    assert "Created spocdesk's schema on postgresql://spoc_admin@127.0.0.1:" in \
        capsys.readouterr().out
    assert main(["server", "init", fresh_url]) == 0
    assert "nothing was changed" in capsys.readouterr().out
    assert main(["--store", fresh_url, "case", "add", "--title", "Printer on fire"]) == 0
    assert capsys.readouterr().out.strip() == "C-0001"
    assert main(["--store", fresh_url, "stakeholder", "add", "--name", "Ada Lovelace"]) == 0
    capsys.readouterr()
    assert main(["--store", fresh_url, "case", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["ref"] for c in listed] == ["C-0001"]


def test_the_password_from_a_file_or_the_keyring(
        fresh_url: str, tmp_path, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n")
    assert main(["--passphrase-file", str(secret), "server", "init", fresh_url,
                 "--remember"]) == 0
    assert memory_keyring.secrets  # kept under the URL, never with the password in it
    assert all(PASSWORD not in account for _service, account in memory_keyring.secrets)
    capsys.readouterr()
    assert main(["--store", fresh_url, "case", "list"]) == 0  # from the keyring


def test_errors_are_one_sentence(fresh_url: str, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "wrong")
    assert main(["server", "init", fresh_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spocdesk: The team server ") and "refused" in err
    assert err.count("\n") == 1
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    assert main(["--store", fresh_url, "case", "list"]) == 1  # no schema yet
    assert "run 'spocdesk server init'" in capsys.readouterr().err
    assert main(["server", "init", "/home/anna/store.db"]) == 1
    assert "is not a team server's address" in capsys.readouterr().err


def test_without_any_password_it_asks_for_one(fresh_url: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "init", fresh_url]) == 1  # no terminal: cannot prompt
    assert "SPOCDESK_PASSPHRASE" in capsys.readouterr().err
