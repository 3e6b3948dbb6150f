"""``spocdesk followup …`` and ``export followups``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from spocdesk import cli
from spocdesk.commands import followup_cmds
from spocdesk.core.cases import service as cases
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def ready(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store with one case, closed again; the passphrase in the environment."""
    cases.add_case(store, cases.NewCase(title="Roof", description="SECRET-CASE-NOTES"))
    store.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    if followup_cmds not in cli.COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, followup_cmds])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_done_undo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "followup", "add", "--title", "Call back", "--due",
                       "2099-03-05T09:00", "--case", "C-0001")
    assert code == 0
    fid = out.strip()
    assert len(fid) == 36
    code, out, _ = run(capsys, "followup", "list", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["case_ref"], r["due"]) for r in rows] == [
        (fid, "C-0001", "2099-03-05T08:00:00+00:00")]  # 09:00 in Berlin
    code, out, _ = run(capsys, "followup", "list", "--due", "overdue", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "followup", "list")
    assert "Call back [C-0001]" in out and "2099-03-05 09:00" in out
    assert run(capsys, "followup", "done", fid)[1].strip() == "Done."
    assert json.loads(run(capsys, "followup", "list", "--json")[1]) == []
    assert run(capsys, "followup", "undo", fid)[0] == 0
    assert len(json.loads(run(capsys, "followup", "list", "--json")[1])) == 1


def test_recurring_done_and_snooze(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "followup", "add", "--title", "Weekly", "--due",
                         "2099-03-16T09:00", "--rrule", "FREQ=WEEKLY;BYDAY=MO",
                         "--tz", "Europe/Berlin")
    assert code == 0, err
    fid = out.strip()
    code, out, _ = run(capsys, "followup", "done", fid)
    assert out.strip() == "Done; next time: 2099-03-23 09:00."
    code, out, _ = run(capsys, "followup", "snooze", fid, "--until", "2099-03-24T10:00")
    assert code == 0 and "2099-03-24 10:00" in out
    row = json.loads(run(capsys, "followup", "list", "--json")[1])[0]
    assert row["due"] == "2099-03-24T09:00:00+00:00" and row["rrule"] == "FREQ=WEEKLY;BYDAY=MO"


@pytest.mark.parametrize(("argv", "words"), [
    (["followup", "add", "--title", "x", "--due", "Fry 10:00"],
     "‘Fry 10:00’ is not a date spocdesk understands; try ‘Fri 10:00’ or"),
    (["followup", "add", "--title", "x", "--stakeholder", "Nobody"],
     "No stakeholder is called or reachable at 'Nobody'"),
    (["followup", "add", "--title", "x", "--due", "2099-01-01", "--rrule", "FREQ=NEVER"],
     "FREQ=NEVER is not supported"),
    (["followup", "add", "--title", "x", "--tz", "Mars/Base"], "not a known time zone"),
    (["followup", "add", "--title", "x", "--case", "C-0999"], "There is no case C-0999"),
    (["followup", "done", "no-such-id"], "There is no follow-up"),
    (["followup", "snooze", "no-such-id", "--until", "2099-01-01T09:00"], "no follow-up"),
])
def test_errors_are_one_sentence(capsys: pytest.CaptureFixture[str], argv: list[str],
                                 words: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("spocdesk: ") and words in err and err.count("\n") == 1


def test_export_followups(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "followup", "add", "--title", "Call", "--due", "2099-03-05", "--case", "C-0001")
    target = tmp_path / "f.ics"
    code, out, _ = run(capsys, "export", "followups", str(target))
    assert code == 0 and "Wrote 1 follow-up(s)" in out
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    [todo] = cal.walk("VTODO")
    assert str(todo["SUMMARY"]) == "Call (C-0001)"
    assert b"SECRET" not in target.read_bytes()
    code, _, err = run(capsys, "export", "followups", str(target), "--include-details")
    assert code == 1 and "exists already" in err  # an existing file needs --force
    run(capsys, "export", "followups", str(target), "--include-details", "--force")
    assert b"SECRET-CASE-NOTES" in target.read_bytes()


@pytest.mark.parametrize(("words", "weekday", "at"), [
    ("Fri 10:00", 4, "10:00"), ("Fr 10:00", 4, "10:00"), ("tomorrow 9:00", None, "09:00"),
    ("morgen 9:00", None, "09:00"), ("+3 working days", None, "09:00"),
    ("nächste Woche", 0, "09:00"), ("2099-03-05", 3, "09:00")])
def test_due_as_people_say_it(capsys: pytest.CaptureFixture[str], words: str,
                              weekday: int | None, at: str) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    code, _, err = run(capsys, "followup", "add", "--title", "Call", "--due", words)
    assert code == 0, err
    [row] = json.loads(run(capsys, "followup", "list", "--json")[1])
    due = datetime.fromisoformat(row["due"]).astimezone(ZoneInfo("Europe/Berlin"))
    assert f"{due:%H:%M}" == at and row["due_has_time"]
    if weekday is not None:
        assert due.weekday() == weekday
    if words != "2099-03-05":
        assert due - datetime.now(due.tzinfo) < timedelta(days=8)
    if "working" in words:
        assert due.weekday() < 5  # never on the weekend
