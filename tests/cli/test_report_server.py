"""``spocdesk report --json --store postgresql://…``: the quality figures and the
report's tables on a team server, each person's counting only what they may read
(row-level security), the schema's owner (full access) everyone's."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest

from spocdesk.cli import main
from tests.cli.test_server_cli import _members
from tests.pg_server import PASSWORD


def _run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> str:
    code = main(["--store", url, *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _caseload(capsys: pytest.CaptureFixture[str], url: str, title: str, category: str,
              minutes: int, csat: int) -> str:
    """One case opened, answered (minutes logged on the call), resolved and rated."""
    _run(capsys, url, "stakeholder", "add", "--name", f"Client of {title}")
    ref = _run(capsys, url, "case", "add", "--title", title, "--category", category,
               "--stakeholder", f"Client of {title}").strip()
    _run(capsys, url, "case", "log", ref, "--channel", "phone", "--direction", "in",
         "--summary", "called", "--minutes", str(minutes))
    _run(capsys, url, "case", "set", ref, "--status", "resolved")
    _run(capsys, url, "feedback", "add", ref, "--csat", str(csat))
    return ref


def _report(capsys: pytest.CaptureFixture[str], url: str) -> dict[str, Any]:
    return json.loads(_run(capsys, url, "report", "--json", "--period", "quarter"))


def test_each_member_s_report_counts_only_what_they_may_read(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        qapp: Any, tmp_path: Path) -> None:
    (_anna, anna), (_bert, bert) = _members(pg_url, monkeypatch, "anna", "bert")
    capsys.readouterr()
    anna_ref = _caseload(capsys, anna, "Anna's invoice", "billing", 12, 5)
    bert_ref = _caseload(capsys, bert, "Bert's login", "access", 30, 2)
    assert anna_ref != bert_ref

    mine = _report(capsys, anna)
    assert (mine["satisfaction"]["csat_count"], mine["satisfaction"]["csat_average"]) == (1, 5.0)
    assert (mine["fcr"]["resolved"], mine["fcr"]["at_first_contact"]) == (1, 1)
    assert mine["effort_minutes"]["minutes"] == 12
    assert [(c["key"], c["minutes"]) for c in mine["effort_minutes"]["by_category"]] == [
        ("billing", 12)]
    assert [c["label"] for c in mine["effort_minutes"]["by_case"]] == [anna_ref]
    assert mine["demand"]["requests"] == 1 and mine["demand"]["inbound_contacts"] == 1
    assert [c["key"] for c in mine["demand"]["by_category"]] == ["billing"]
    assert [c["label"] for c in mine["demand"]["by_stakeholder"]] == [
        "Client of Anna's invoice"]
    assert mine["times"]["resolutions"] == 1

    _run(capsys, anna, "report", "--period", "quarter", "--csv", str(tmp_path / "anna.csv"))
    rows = list(csv.reader((tmp_path / "anna.csv").open()))
    assert ["effort", "minutes", "period", "12"] in rows
    assert ["effort", "minutes_by_category", "access", "30"] not in rows  # Bert's
    _run(capsys, anna, "report", "--period", "quarter", "--pdf", str(tmp_path / "anna.pdf"))
    reader = pypdf.PdfReader(str(tmp_path / "anna.pdf"))
    text = unicodedata.normalize("NFKC", " ".join(  # NFKC: the "fi" ligature
        " ".join(p.extract_text() for p in reader.pages).split()))
    assert "Client of Anna's invoice" in text and "Bert" not in text

    theirs = _report(capsys, bert)
    assert (theirs["satisfaction"]["csat_count"],
            theirs["satisfaction"]["csat_average"]) == (1, 2.0)
    assert theirs["effort_minutes"]["minutes"] == 30
    assert [c["label"] for c in theirs["effort_minutes"]["by_case"]] == [bert_ref]
    assert [c["key"] for c in theirs["demand"]["by_category"]] == ["access"]

    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)  # the schema's owner sees all
    everyone = _report(capsys, pg_url)
    assert (everyone["satisfaction"]["csat_count"],
            everyone["satisfaction"]["csat_average"]) == (2, 3.5)
    assert everyone["effort_minutes"]["minutes"] == 42
    assert [c["label"] for c in everyone["effort_minutes"]["by_case"]] == [bert_ref, anna_ref]
    assert everyone["demand"]["requests"] == 2
    assert len(everyone["demand"]["by_stakeholder"]) == 2
