"""``spocdesk search``, ``spocdesk report`` and ``spocdesk check --rebuild-index``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk import cli
from spocdesk.commands import search_cmds
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture
def filled(location: Location, monkeypatch: pytest.MonkeyPatch) -> Iterator[Location]:
    """A store with a person and a case, closed again, unlocked through the environment."""
    if search_cmds not in cli.COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, search_cmds])
    store = Store.create(location, PASSPHRASE)
    try:
        stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
            display_name="Jörg Müller", contact_points=[
                stakeholders.NewContactPoint("phone", "+49 30 1234567")]))
        ref = cases.add_case(store, cases.NewCase(title="Müller renewal terms",
                                                  next_step="Send the quote")).value
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="phone", direction="out", summary="Quote discussed with Mr Muller"))
    finally:
        store.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    yield location


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json(filled: Location, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "muller", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["query"] == "muller" and data["count"] == 3
    kinds = [h["kind"] for h in data["hits"]]
    assert sorted(kinds) == ["case", "interaction", "stakeholder"]
    hit = next(h for h in data["hits"] if h["kind"] == "interaction")
    assert hit["case_ref"] == "C-0001" and hit["title"] == "Quote discussed with Mr Muller"
    start, end = hit["highlights"][0] if hit["highlights"] else (0, 0)
    assert set(hit) == {"kind", "id", "title", "snippet", "highlights", "case_id", "case_ref",
                        "at", "score", "exact"}
    assert hit["snippet"][start:end] in ("", "Muller")


def test_search_kind_words_and_phone_digits(filled: Location,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", "Müller", "--kind", "case", "--json")
    assert [h["kind"] for h in json.loads(out)["hits"]] == ["case"]
    _, out, _ = run(capsys, "search", "030", "1234567", "--json")
    assert [h["title"] for h in json.loads(out)["hits"]] == ["Jörg Müller"]
    _, out, _ = run(capsys, "search", "C-0001", "--json")
    first = json.loads(out)["hits"][0]
    assert (first["case_ref"], first["exact"], first["title"]) == (
        "C-0001", True, "C-0001 Müller renewal terms")


def test_search_text_output_and_nothing(filled: Location,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "quote")
    assert code == 0
    assert "[Quote] discussed with Mr Muller (C-0001)" in out
    assert run(capsys, "search", '"(', "--json")[1].count('"count": 0') == 1
    assert run(capsys, "search", "nobody")[1] == "Nothing matches.\n"


def test_search_rejects_an_unknown_kind(filled: Location,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["search", "x", "--kind", "planet"])
    assert info.value.code == 2


def test_report_json_text_and_csv(filled: Location, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "--json", "--period", "quarter")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["period"] == "quarter"
    assert data["workload"]["open_cases"] == 1
    assert len(data["trends"]["weeks"]) == 13
    assert data["trends"]["interactions_by_channel"]["phone"] == 1
    assert set(data["today"]) == {"followups_overdue", "followups_due_today",
                                  "cases_without_followup", "cases_without_next_step",
                                  "sla_at_risk", "sla_breached",
                                  "stakeholders_due_for_contact"}
    assert data["views"]["open"] == 1  # the case list's views beside the tiles
    target = tmp_path / "figures.csv"
    code, out, _ = run(capsys, "report", "--csv", str(target))
    assert code == 0 and "Workload: 1 open cases" in out
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["section", "figure", "key", "value"]
    assert ["workload", "open_cases", "", "1"] in rows
    code, out, _ = run(capsys, "report", "--csv", "-")
    assert out.startswith("section,figure,key,value")


def test_check_rebuilds_the_index(filled: Location, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(filled, PASSPHRASE)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM search_index"))
    finally:
        store.close()
    assert json.loads(run(capsys, "search", "muller", "--json")[1])["count"] == 0
    code, out, _ = run(capsys, "check", "--rebuild-index")
    assert code == 0
    assert "Rebuilt the search index (3 records)." in out
    assert json.loads(run(capsys, "search", "muller", "--json")[1])["count"] == 3
