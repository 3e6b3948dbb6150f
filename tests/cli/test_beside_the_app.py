"""The command line beside the open store (issue 18.10): SQLite's locking serialises
writers, so concurrent commands all succeed while a store is open elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spocdesk.cli import main
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


def test_four_concurrent_case_adds_beside_an_open_store(isolated: Path, capsys,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPOCDESK_HOME": str(isolated)}
    app = Store.open(resolve(), PASSPHRASE)  # the app has the store open meanwhile
    try:
        runs = [subprocess.Popen([sys.executable, "-m", "spocdesk", "case", "add",
                                  "--title", f"Scripted {i}"], env=env, cwd=str(REPO),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for i in range(4)]
        results = [(run.wait(timeout=180), *run.communicate()) for run in runs]
        assert [code for code, _, _ in results] == [0, 0, 0, 0], results
        refs = sorted(out.strip() for _, out, _ in results)
        assert refs == ["C-0001", "C-0002", "C-0003", "C-0004"]
        assert sorted(c.title for c in cases.list_cases(app)) == [
            f"Scripted {i}" for i in range(4)]
    finally:
        app.close()
    assert main(["check"]) == 0


def test_restore_is_still_refused_while_open(isolated: Path, capsys,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    assert main(["backup", "--to", str(isolated / "b.spocdesk-backup")]) == 0
    with Store.open(resolve(), PASSPHRASE):
        capsys.readouterr()
        assert main(["restore", str(isolated / "b.spocdesk-backup"), "--yes"]) == 1
        assert "already open" in capsys.readouterr().err
