"""One sentence and a non-zero exit for every OS error; a quiet exit for a closed pipe;
a failed ``handover export --from/--to`` leaves no absence behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core.handover import absence
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE, needs_tmpfs

REPO = Path(__file__).resolve().parents[2]
PACK_PASSPHRASE = "a pack passphrase that is long enough and strong"


@pytest.fixture
def cli_store(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    for i in range(3):
        assert main(["case", "add", "--title", f"Case {i}"]) == 0
    capsys.readouterr()


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "SPOCDESK_HOME": str(home),
            "SPOCDESK_PASSPHRASE": PASSPHRASE}


def test_a_closed_pipe_is_a_quiet_exit(cli_store: None, isolated: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first line: `spocdesk case list | true`
    try:
        done = subprocess.run([sys.executable, "-m", "spocdesk", "case", "list"],
                              stdout=writer, stderr=subprocess.PIPE, text=True,
                              env=_env(isolated), cwd=str(REPO), timeout=120)
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 141


def test_report_csv_to_a_full_device(cli_store: None, capsys) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    assert main(["report", "--csv", "/dev/full"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the disk is full" in err
    assert Path("/dev/full").is_char_device()  # written in place, never replaced


def test_an_os_error_is_one_sentence(cli_store: None, capsys, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-body.txt"
    code = main(["template", "add", "--kind", "note", "--name", "N",
                 "--body-file", str(missing)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err and "Traceback" not in err


def _live_absences() -> int:
    with Store.open(resolve(), PASSPHRASE) as store:
        return len(absence.list_absences(store))


def test_export_into_a_missing_folder_plans_nothing(cli_store: None, capsys, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    out = tmp_path / "gone" / "h.spocpack"
    argv = ["handover", "export", "--out", str(out), "--from", "2026-03-09",
            "--to", "2026-03-13", "--deputy", "Dana"]
    assert main(argv) == 1
    assert "does not exist" in capsys.readouterr().err
    assert _live_absences() == 0


@needs_tmpfs
def test_a_pack_on_a_full_disk_leaves_no_absence(cli_store: None, capsys, small_tmpfs: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    (small_tmpfs / "filler").write_bytes(b"\0" * (240 * 1024))
    argv = ["handover", "export", "--out", str(small_tmpfs / "h.spocpack"),
            "--from", "2026-03-09", "--to", "2026-03-13", "--deputy", "Dana"]
    for _ in range(2):  # again: still no absence, so never a duplicate
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert _live_absences() == 0
