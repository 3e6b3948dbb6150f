"""``spocdesk feedback …``, ``case log --minutes`` and the report's new figures
(issue 21), run in-process on a store whose clock stands at Monday 2026-03-02."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest

from spocdesk import cli
from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TZ", "UTC")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def world(store: Store, clock: FixedClock,
          monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A case and a stakeholder, one case resolved last week and one open case; the
    store is closed for the command line, which opens it on the same fixed clock."""
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def on_our_clock(cls: type[Store], location: Any, secret: str, _clock: Any = None,
                     **kwargs: Any) -> Store:
        return real_open(cls, location, secret, clock, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(on_our_clock))
    ada = add_stakeholder(store, NewStakeholder(display_name="Ada Berg",
                                                contact_points=[])).value
    clock.set(datetime(2026, 2, 23, 9, tzinfo=UTC))
    first = add_case(store, NewCase(title="Invoice question", status="open",
                                    category="billing", stakeholders=[(ada, "client")])).value
    second = add_case(store, NewCase(title="Password reset", status="open")).value
    still_open = add_case(store, NewCase(title="Still open", status="open")).value
    clock.set(datetime(2026, 2, 24, 9, tzinfo=UTC))
    update_case(store, second, status="resolved")
    clock.set(datetime(2026, 3, 2, 9, tzinfo=UTC))
    store.close()
    return {"first": first, "second": second, "open": still_open, "ada": ada}


def test_case_log_minutes_then_feedback_and_the_report(
        world: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = world["first"]
    code, out, err = run(capsys, "case", "log", first, "--channel", "phone", "--direction",
                         "in", "--summary", "Called about the invoice", "--minutes", "12",
                         "--json")
    assert code == 0, err
    assert json.loads(out)["minutes"] == 12
    code, _, err = run(capsys, "case", "log", first, "--channel", "phone", "--direction",
                       "out", "--summary", "Called back", "--minutes", "2000")
    assert code == 1 and "from 0 to 1440" in err and err.count("\n") == 1
    assert run(capsys, "case", "log", first, "--channel", "phone", "--direction", "out",
               "--summary", "Called back", "--minutes", "8")[0] == 0
    # no feedback yet: the report says so, and JSON carries nulls, never zeros
    code, out, err = run(capsys, "report")
    assert code == 0, err
    assert "CSAT: no feedback yet" in out and "NPS: no feedback yet" in out
    doc = json.loads(run(capsys, "report", "--json")[1])
    assert doc["satisfaction"]["csat_average"] is None
    assert doc["satisfaction"]["csat_count"] == 0
    # unresolved: refused in one sentence
    code, _, err = run(capsys, "feedback", "add", world["open"], "--csat", "5")
    assert code == 1 and "not resolved yet" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:  # argparse: bad usage
        run(capsys, "feedback", "add", world["second"], "--csat", "9")
    assert usage.value.code == 2 and "invalid choice: 9" in capsys.readouterr().err
    # pending: the resolved case without an answer
    code, out, _ = run(capsys, "feedback", "pending", "--json")
    assert [c["ref"] for c in json.loads(out)["cases"]] == [world["second"]]
    code, out, err = run(capsys, "case", "set", first, "--status", "resolved")
    assert code == 0, err
    code, out, err = run(capsys, "feedback", "add", first.lower(), "--csat", "4", "--via",
                         "phone", "--comment", "Sorted in one call")
    assert code == 0, err
    assert out.strip() == f"Recorded satisfaction 4 of 5 on {first}."
    code, out, _ = run(capsys, "feedback", "pending")
    assert world["second"] in out and first not in out
    code, out, err = run(capsys, "feedback", "nps", "Ada Berg", "9", "--json")
    assert code == 0, err
    assert json.loads(out)["quarter"] == "2026-Q1"
    assert json.loads(out)["next_due"] == "2026-04-01"
    code, _, err = run(capsys, "feedback", "nps", "Ada Berg", "10")
    assert code == 1 and "already gave a Net Promoter answer in 2026-Q1" in err

    doc = json.loads(run(capsys, "report", "--json")[1])
    sat = doc["satisfaction"]
    assert (sat["csat_average"], sat["csat_count"], sat["csat_share_4_5"]) == (4.0, 1, 1.0)
    assert (sat["nps"], sat["promoters"], sat["passives"], sat["detractors"]) == (
        100.0, 1, 0, 0)
    assert sat["previous"]["csat_average"] is None and sat["change"]["csat_average"] is None
    assert [w["week"] for w in sat["weeks"]] == ["2026-W07", "2026-W08", "2026-W09",
                                                 "2026-W10"]
    assert sat["drill"]["csat"]["target"] == "cases"
    assert doc["fcr"]["rate"] == 1.0 and doc["fcr"]["resolved"] == 2
    assert doc["fcr"]["at_first_contact"] == 2
    assert doc["fcr"]["by_channel"]["phone"]["rate"] == 1.0
    assert doc["effort_minutes"]["minutes"] == 20
    assert [w["minutes"] for w in doc["effort_minutes"]["weeks"]] == [0, 0, 0, 20]
    assert doc["effort_minutes"]["by_category"][0] == {
        "key": "billing", "label": "billing", "count": 1, "minutes": 20}
    assert doc["demand"]["requests"] == 3
    assert "median_first_response_hours" in doc["trends"]["months"][0]  # the old keys stay

    target = tmp_path / "report.csv"
    assert run(capsys, "report", "--csv", str(target))[0] == 0
    rows = list(csv.reader(io.StringIO(target.read_text())))
    assert ["satisfaction", "csat_average", "period", "4.0"] in rows
    assert ["satisfaction", "csat_average", "previous", ""] in rows
    assert ["effort", "minutes", "2026-W10", "20"] in rows
    assert ["fcr", "rate", "period", "1.0"] in rows


def test_report_pdf_reads_without_spocdesk(world: dict[str, str], qapp: Any,
                                           capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    code, stdout, err = run(capsys, "report", "--pdf", str(out), "--period", "quarter")
    assert code == 0, err
    assert stdout.strip() == f"Wrote the report to {out}."
    assert "not encrypted" in err
    assert out.stat().st_mode & 0o077 == 0
    reader = pypdf.PdfReader(str(out))
    assert 1 <= len(reader.pages) <= 3
    text = unicodedata.normalize("NFKC", " ".join(  # NFKC: the "fi" ligature
        " ".join(p.extract_text() for p in reader.pages).split()))
    for words in ("Service report", "Headline figures", "no feedback yet",
                  "First-contact resolution", "Top categories", "billing",
                  "Open cases furthest past their SLA", "Ada Berg"):
        assert words in text, words
    assert sum(len(page.images) for page in reader.pages) == 6  # the charts
    code, _, err = run(capsys, "report", "--pdf", str(out))
    assert code == 1 and "exists already" in err
