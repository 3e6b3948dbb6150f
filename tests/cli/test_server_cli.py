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


def _login(url: str, password: str) -> list[tuple[object, ...]]:
    """Log in as the URL's role with ``password``; its groups."""
    import psycopg
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    with psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                         password=password, dbname=parsed.database) as conn:
        return list(conn.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = session_user").fetchall())


def test_add_user_makes_a_login_role_in_the_teams_group(
        pg_url: str, pg_server: PgServer, tmp_path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import uuid

    name = f"spoc{uuid.uuid4().hex[:8]}"  # roles belong to the whole server
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)  # the administrator's
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", "the new member's passphrase")
    assert main(["--store", pg_url, "server", "add-user", name, "--role", "spoc",
                 "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added == {"name": name, "role": "spoc", "group": "spocdesk_spoc",
                     "server": pg_url}
    member_url = pg_url.replace("spoc_admin@", f"{name}@")
    assert _login(member_url, "the new member's passphrase") == [("spocdesk_spoc",)]
    # the password never reached the server as text: it keeps a SCRAM verifier
    with pg_server.admin() as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (name,)).fetchone()
    assert stored is not None and str(stored[0]).startswith("SCRAM-SHA-256$")

    # a lead, the password from a file; the member logs in and works as themselves
    monkeypatch.delenv("SPOCDESK_NEW_PASSPHRASE")
    secret = tmp_path / "new"
    secret.write_text("a lead's long passphrase\n")
    lead = f"lead{uuid.uuid4().hex[:8]}"
    assert main(["--store", pg_url, "server", "add-user", lead, "--role", "lead",
                 "--new-passphrase-file", str(secret)]) == 0
    assert capsys.readouterr().out.startswith(f"Added {lead} as a lead on postgresql://")
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "the new member's passphrase")
    assert main(["--store", member_url, "case", "add", "--title", "First case"]) == 0
    assert capsys.readouterr().out.strip() == "C-0001"

    # the same name twice: one sentence, the password left alone
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", "another long passphrase")
    assert main(["--store", pg_url, "server", "add-user", name, "--role", "lead"]) == 1
    assert "already has a role called" in capsys.readouterr().err
    assert _login(member_url, "the new member's passphrase") == [("spocdesk_spoc",)]


def test_add_user_refuses_what_it_cannot_do(
        pg_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import uuid

    member = f"member{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", "the new member's passphrase")
    for name in ("Anna", "pg_anna", "spocdesk_spoc", "anna; DROP TABLE case_record"):
        assert main(["--store", pg_url, "server", "add-user", name, "--role", "spoc"]) == 1
        assert "cannot be a team member's role" in capsys.readouterr().err
    assert main(["server", "add-user", "anna", "--role", "spoc"]) == 1  # which server?
    assert "needs the team server" in capsys.readouterr().err
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", "short")
    assert main(["--store", pg_url, "server", "add-user", "anna", "--role", "spoc"]) == 1
    capsys.readouterr()
    # a member is no administrator: the server refuses, in one sentence
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", "the new member's passphrase")
    assert main(["--store", pg_url, "server", "add-user", member, "--role", "spoc"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "the new member's passphrase")
    member_url = pg_url.replace("spoc_admin@", f"{member}@")
    assert main(["--store", member_url, "server", "add-user", member + "z", "--role",
                 "lead"]) == 1
    err = capsys.readouterr().err
    assert "lacks the rights" in err and err.count("\n") == 1


def _members(pg_url: str, monkeypatch: pytest.MonkeyPatch,
             *names: str) -> list[tuple[str, str]]:
    """New SPOC roles (unique on the server: roles outlive a test's database), each with
    its URL; afterwards the environment holds their common password."""
    import uuid

    secret = "a team member's passphrase"
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    monkeypatch.setenv("SPOCDESK_NEW_PASSPHRASE", secret)
    made = []
    for name in (f"{n}{uuid.uuid4().hex[:6]}" for n in names):
        assert main(["--store", pg_url, "server", "add-user", name, "--role", "spoc"]) == 0
        made.append((name, pg_url.replace("spoc_admin@", f"{name}@")))
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", secret)
    return made


def test_a_live_deputy_from_the_command_line(pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Anna plans her absence with Dora's role as deputy; from the first day Dora lists
    and works Anna's case with her own login, and the day after it ends it is gone."""
    from datetime import UTC, datetime, timedelta

    (_anna, anna_url), (dora, dora_url) = _members(pg_url, monkeypatch, "anna", "dora")
    assert main(["--store", anna_url, "case", "add", "--title", "Anna's client"]) == 0
    today = datetime.now(UTC).date()
    capsys.readouterr()
    assert main(["--store", anna_url, "handover", "plan", "--from",
                 str(today - timedelta(days=1)), "--to", str(today + timedelta(days=1)),
                 "--deputy", "Dora", "--deputy-role", dora, "--case", "C-0001", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deputy_role"] == dora
    assert main(["--store", dora_url, "case", "list", "--json"]) == 0
    assert [c["title"] for c in json.loads(capsys.readouterr().out)] == ["Anna's client"]
    assert main(["--store", dora_url, "case", "log", "C-0001", "--channel", "phone",
                 "--direction", "out", "--summary", "Dora called"]) == 0
    capsys.readouterr()
    with psycopg_admin(pg_url) as conn:  # the absence ended yesterday
        conn.execute("UPDATE absence SET starts_on = starts_on - 5, ends_on = ends_on - 2")
    assert main(["--store", dora_url, "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def psycopg_admin(url: str):  # -> psycopg.Connection
    import psycopg
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    return psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                           password=PASSWORD, dbname=parsed.database, autocommit=True)


def test_share_a_case_with_a_colleague(pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (anna, anna_url), (bert, bert_url) = _members(pg_url, monkeypatch, "anna", "bert")
    assert main(["--store", anna_url, "case", "add", "--title", "Shared work"]) == 0
    capsys.readouterr()
    assert main(["--store", anna_url, "server", "share", "--case", "C-0001", "--with", bert,
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "record": "C-0001", "with": bert, "shared": True, "changed": True}
    assert main(["--store", bert_url, "case", "list", "--json"]) == 0
    assert [c["title"] for c in json.loads(capsys.readouterr().out)] == ["Shared work"]
    assert main(["--store", bert_url, "server", "share", "--case", "C-0001", "--with",
                 anna]) == 1
    assert "Only its owner or a lead can share" in capsys.readouterr().err
    assert main(["--store", anna_url, "server", "share", "--case", "C-0001", "--with", bert,
                 "--remove"]) == 0
    assert capsys.readouterr().out == f"C-0001 is no longer shared with {bert}.\n"
    assert main(["--store", bert_url, "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("command", [["check"], ["init"], ["restore", "x.spocdesk-backup"],
                                     ["passphrase", "change"], ["backup"]])
def test_the_files_own_commands_say_so_for_a_server(
        fresh_url: str, command: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Not "no store at …/postgresql:/…" (a path made of the URL): one sentence."""
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    assert main(["server", "init", fresh_url]) == 0
    capsys.readouterr()
    assert main(["--store", fresh_url, *command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spocdesk: This works on a store file only: on a team server"), err
    assert err.count("\n") == 1 and "postgresql:/" not in err
