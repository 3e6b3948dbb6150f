"""``spocdesk dashboard``: the dashboard's figures from a store file, and from a team
server as each member may see them."""

from __future__ import annotations

import json

import pytest

from spocdesk.cli import main
from spocdesk.core.paths import Location
from tests.cli.test_server_cli import _members
from tests.conftest import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_dashboard_of_a_store_file(location: Location, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    assert main(["case", "add", "--title", "Printer on fire", "--priority", "urgent"]) == 0
    assert main(["case", "log", "C-0001", "--channel", "phone", "--direction", "in",
                 "--summary", "It smokes"]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "dashboard", "--json", "--period", "quarter")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["period"] == "quarter" and len(data["trends"]["weeks"]) == 13
    assert data["workload"]["by_priority"]["urgent"] == 1
    assert data["trends"]["interactions_by_channel"]["phone"] == 1
    assert "satisfaction" not in data  # the report's quality figures are report's
    code, out, _ = run(capsys, "dashboard")
    assert code == 0
    assert "Workload: 1 open cases" in out and "interactions: phone 1," in out
    assert "C-0001" in out  # the oldest open case


def test_each_member_reads_their_own_dashboard_from_the_server(
        pg_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (_anna, anna_url), (_bert, bert_url) = _members(pg_url, monkeypatch, "anna", "bert")
    for title in ("Anna's first", "Anna's second"):
        assert main(["--store", anna_url, "case", "add", "--title", title]) == 0
    assert main(["--store", anna_url, "case", "log", "C-0001", "--channel", "email",
                 "--direction", "out", "--summary", "Written"]) == 0
    assert main(["--store", bert_url, "case", "add", "--title", "Bert's own"]) == 0
    capsys.readouterr()
    boards = {}
    for who, url in (("anna", anna_url), ("bert", bert_url)):
        code, out, err = run(capsys, "--store", url, "dashboard", "--json")
        assert code == 0 and err == ""
        boards[who] = json.loads(out)
    assert boards["anna"]["workload"]["open_cases"] == 2
    assert sorted(c["title"] for c in boards["anna"]["workload"]["oldest"]) == [
        "Anna's first", "Anna's second"]
    assert boards["anna"]["trends"]["interactions_by_channel"]["email"] == 1
    assert boards["bert"]["workload"]["open_cases"] == 1
    assert [c["title"] for c in boards["bert"]["workload"]["oldest"]] == ["Bert's own"]
    assert boards["bert"]["trends"]["interactions_by_channel"]["email"] == 0
    assert sum(w["opened"] for w in boards["bert"]["trends"]["weeks"]) == 1
