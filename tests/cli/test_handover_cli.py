"""``spocdesk handover export|merge``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.commands import handover_cmds
from spocdesk.core.clock import FixedClock
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    build_world,
    deputy_edits,
    fast_kdf,
)

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture(autouse=True)
def ready(store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The owner's store with cases, closed again; its passphrase in the environment."""
    build_world(store, clock)
    store.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    if handover_cmds not in cli.COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, handover_cmds])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pack-pass.txt"
    path.write_text(PACK_PASSPHRASE + "\n", encoding="utf-8")
    return path


def test_export_then_merge(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                           pass_file: Path, clock: FixedClock,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "for-dana.spocpack"
    code, stdout, err = run(capsys, "handover", "export", "--out", str(out), "--from",
                            "2026-12-01", "--to", "2026-12-14", "--deputy", "Dana Deputy",
                            "--pack-passphrase-file", str(pass_file))
    assert code == 0, err
    assert "Wrote a handover pack with 3 case(s)" in stdout
    assert out.is_file() and sorted(p.name for p in tmp_path.iterdir()) == [
        "for-dana.spocpack", "home", "pack-pass.txt"]
    deputy_edits(out, clock)
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    code, stdout, err = run(capsys, "handover", "merge", str(out), "--dry-run")
    assert code == 0, err
    assert "would be merged" in stdout and "status: open → waiting" in stdout
    code, stdout, err = run(capsys, "handover", "merge", str(out), "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert not data["nothing_to_do"] and data["conflicts"] == []
    by_ref = {c["ref"]: c for c in data["cases"]}
    assert by_ref["C-0002"]["status_changes"] == [["open", "waiting"]]
    assert by_ref["C-0001"]["followups_completed"] == ["Call the roofer"]
    assert data["added"]["interaction"] == 1
    code, stdout, _ = run(capsys, "handover", "merge", str(out))
    assert code == 0 and stdout.startswith("Nothing to merge")


def test_export_needs_a_pack_passphrase(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    code, _, err = run(capsys, "handover", "export", "--out", str(tmp_path / "p"), "--from",
                       "2026-12-01", "--to", "2026-12-14")
    assert code == 1
    assert err.strip() == ("spocdesk: The handover pack needs its own passphrase: set "
                           "SPOCDESK_PACK_PASSPHRASE, use --pack-passphrase-file, or run "
                           "from a terminal.")
    assert not (tmp_path / "p").exists()


def test_export_refuses_a_weak_passphrase_and_an_existing_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", "short")
    code, _, err = run(capsys, "handover", "export", "--out", str(tmp_path / "p"), "--from",
                       "2026-12-01", "--to", "2026-12-14")
    assert code == 1 and "Too short" in err
    taken = tmp_path / "taken"
    taken.write_text("x")
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    code, _, err = run(capsys, "handover", "export", "--out", str(taken))
    assert code == 1 and "will not overwrite it" in err


def test_export_without_an_absence(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    code, _, err = run(capsys, "handover", "export", "--out", str(tmp_path / "p"))
    assert code == 1 and "No absence is planned" in err
    code, _, err = run(capsys, "handover", "export", "--out", str(tmp_path / "p"),
                       "--from", "2026-12-01")
    assert code == 1 and "both --from and --to" in err
    code, _, err = run(capsys, "handover", "export", "--out", str(tmp_path / "p"),
                       "--from", "tomorrow", "--to", "2026-12-14")
    assert code == 1 and "wants a date" in err


def test_merge_with_the_wrong_passphrase(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         pass_file: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack"
    assert run(capsys, "handover", "export", "--out", str(out), "--from", "2026-12-01",
               "--to", "2026-12-14", "--pack-passphrase-file", str(pass_file))[0] == 0
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", "something else entirely")
    code, _, err = run(capsys, "handover", "merge", str(out))
    assert code == 1 and "passphrase is not correct" in err
    code, _, err = run(capsys, "handover", "merge", str(tmp_path / "missing"))
    assert code == 1 and "There is no file" in err


def test_the_deputy_opens_the_pack_as_a_store(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path, pass_file: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack"
    assert run(capsys, "handover", "export", "--out", str(out), "--from", "2026-12-01",
               "--to", "2026-12-14", "--pack-passphrase-file", str(pass_file))[0] == 0
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PACK_PASSPHRASE)
    code, stdout, err = run(capsys, "--store", str(out), "check")
    assert code == 0, err
    assert stdout.strip() == "The store is sound."


def test_the_round_trip_through_the_cli_with_send_back(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, pass_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Owner exports, deputy works with ``--store PACK`` (nothing appears beside the
    pack), sends a verified copy back, owner verifies and merges it."""
    out = tmp_path / "travel" / "pack.spocpack"
    out.parent.mkdir()
    assert run(capsys, "handover", "export", "--out", str(out), "--from", "2026-12-01",
               "--to", "2026-12-14", "--pack-passphrase-file", str(pass_file))[0] == 0
    with monkeypatch.context() as deputy:
        deputy.setenv("SPOCDESK_PASSPHRASE", PACK_PASSPHRASE)
        code, _, err = run(capsys, "--store", str(out), "case", "log", "C-0001", "--channel",
                           "phone", "--direction", "out", "--summary", "Deputy called")
        assert code == 0, err
        assert run(capsys, "--store", str(out), "case", "list")[0] == 0
        assert sorted(p.name for p in out.parent.iterdir()) == ["pack.spocpack"]
        back = tmp_path / "back.spocpack"
        code, stdout, err = run(capsys, "--store", str(out), "handover", "send-back",
                                "--out", str(back))
        assert code == 0, err
        assert "verified copy" in stdout
        code, _, err = run(capsys, "--store", str(out), "handover", "send-back",
                           "--out", str(back))
        assert code == 1 and "already" in err.lower()
        assert run(capsys, "--store", str(out), "handover", "send-back", "--out", str(back),
                   "--replace")[0] == 0
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    code, stdout, err = run(capsys, "handover", "verify", str(back))
    assert code == 0, err
    assert "is sound: 3 case(s)" in stdout
    code, stdout, err = run(capsys, "handover", "merge", "--json", str(back))
    assert code == 0, err
    assert json.loads(stdout)["added"]["interaction"] == 1


def test_export_refuses_the_owners_passphrase_and_a_weak_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack.spocpack"
    args = ("handover", "export", "--out", str(out), "--from", "2026-12-01", "--to",
            "2026-12-14")
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PASSPHRASE)  # the store's own
    code, _, err = run(capsys, *args)
    assert code == 1 and "not your store's passphrase" in err
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", "Only8chr!x")
    code, _, err = run(capsys, *args)
    assert code == 1 and "must be strong" in err
    assert not out.exists()
    monkeypatch.delenv("SPOCDESK_PACK_PASSPHRASE")
    code, stdout, err = run(capsys, *args, "--generate-passphrase")
    assert code == 0, err
    secret = stdout.split("The pack's passphrase: ", 1)[1].splitlines()[0]
    assert len(secret.split()) == 6
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", secret)
    assert run(capsys, "handover", "verify", str(out))[0] == 0


def test_export_keeps_prefilled_notes_as_drafts(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path, pass_file: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from spocdesk.core.handover import absence
    from spocdesk.core.handover import pack as packmod

    out = tmp_path / "pack.spocpack"
    assert run(capsys, "handover", "export", "--out", str(out), "--from", "2026-12-01",
               "--to", "2026-12-14", "--pack-passphrase-file", str(pass_file))[0] == 0
    with packmod.open_pack(out, PACK_PASSPHRASE) as pack:
        absence_id = packmod.latest_absence_id(pack) or absence.list_absences(pack)[0].id
        notes = absence.notes(pack, absence_id)
    assert notes and not any(n.reviewed for n in notes)


def test_a_wrong_passphrase_for_a_pack_given_with_store_names_the_pack(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, pass_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "travel" / "pack.spocpack"
    out.parent.mkdir()
    assert run(capsys, "handover", "export", "--out", str(out), "--from", "2026-12-01",
               "--to", "2026-12-14", "--pack-passphrase-file", str(pass_file))[0] == 0
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "not the pack's passphrase at all")
    code, _, err = run(capsys, "--store", str(out), "case", "list")
    assert code == 1
    assert "handover pack" in err and "this store" not in err
    assert sorted(p.name for p in out.parent.iterdir()) == ["pack.spocpack"]


def test_plan_an_absence_with_draft_notes(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(capsys, "handover", "plan", "--from", "2026-12-01", "--to",
                            "2026-12-14", "--deputy", "Dana Deputy", "--json")
    assert code == 0, err
    planned = json.loads(stdout)
    assert planned["starts_on"] == "2026-12-01" and planned["deputy_name"] == "Dana Deputy"
    assert planned["deputy_role"] == "" and len(planned["case_ids"]) == 3
    code, stdout, err = run(capsys, "handover", "plan", "--from", "2026-12-14", "--to",
                            "2026-12-01")
    assert code == 1 and "cannot end before it starts" in err
    code, stdout, err = run(capsys, "handover", "plan", "--from", "2026-12-01", "--to",
                            "2026-12-14", "--case", "C-9999")
    assert code == 1 and "There is no case C-9999" in err
