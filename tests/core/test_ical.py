"""Calendar export: parsed back with the independent ``icalendar`` library."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.ical import escape_text, fold, vtimezone
from spocdesk.core.followups.service import NewFollowUp
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

BERLIN = ZoneInfo("Europe/Berlin")


def todos(path: Path) -> dict[str, icalendar.Todo]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(t["SUMMARY"]): t for t in cal.walk("VTODO")}


@pytest.fixture
def filled(store: Store) -> dict[str, str]:
    ref = cases.add_case(store, cases.NewCase(
        title="Leaking roof at Mrs Smith's", description="SECRET-CASE-NOTES")).value
    with store.unit_of_work() as uow:
        case_id = followups.case_id_for_ref(uow.session, ref)
    ids = {
        "ref": ref,
        "one": followups.add_followup(store, NewFollowUp(
            "Call back", datetime(2026, 3, 3, 10, tzinfo=UTC), case_id=case_id,
            notes="SECRET-FOLLOWUP-NOTES")).value,
        "weekly": followups.add_followup(store, NewFollowUp(
            "Weekly check; roof, gutter", datetime(2026, 3, 16, 9, tzinfo=BERLIN),
            rrule="FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231", tzid="Europe/Berlin")).value,
        "day": followups.add_followup(store, NewFollowUp(
            "Send letter", datetime(2026, 3, 5, tzinfo=BERLIN), due_has_time=False,
            tzid="Europe/Berlin")).value,
        "undated": followups.add_followup(store, NewFollowUp("Someday", None)).value,
    }
    done = followups.add_followup(store, NewFollowUp("Done one", datetime(2026, 3, 1, tzinfo=UTC)))
    followups.complete(store, done.value)
    return ids


def test_export_parses_back_with_rrule_valarm_and_no_details(
        store: Store, filled: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "followups.ics"
    outcome = followups.export_followups(store, path)
    assert outcome.value == 4
    raw = path.read_bytes()
    assert b"SECRET" not in raw and b"Leaking roof" not in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    items = todos(path)
    assert set(items) == {f"Call back ({filled['ref']})", "Weekly check; roof, gutter",
                          "Send letter", "Someday"}
    one = items[f"Call back ({filled['ref']})"]
    assert str(one["UID"]) == f"{filled['one']}@spocdesk"
    assert one["DUE"].dt == datetime(2026, 3, 3, 10, tzinfo=UTC)
    assert "DESCRIPTION" not in one
    alarm = one.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt.total_seconds() == 0

    weekly = items["Weekly check; roof, gutter"]
    start = weekly["DTSTART"].dt
    assert start == datetime(2026, 3, 16, 9, tzinfo=BERLIN)
    assert weekly["DTSTART"].params["TZID"] == "Europe/Berlin"
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO"]
    assert rule["UNTIL"][0] == datetime(2026, 12, 31, 22, 59, 59, tzinfo=UTC)
    assert weekly.walk("VALARM")
    assert "DUE" not in weekly

    letter = items["Send letter"]
    assert letter["DUE"].dt == date(2026, 3, 5)
    assert "DUE" not in items["Someday"] and not items["Someday"].walk("VALARM")

    cal = icalendar.Calendar.from_ical(raw)
    zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    assert "Europe/Berlin" in zones


def test_uids_stay_the_same_across_exports_and_occurrences(
        store: Store, filled: dict[str, str], tmp_path: Path, clock: FixedClock) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    followups.export_followups(store, first)
    clock.set(datetime(2026, 3, 16, 9, 30, tzinfo=BERLIN))
    followups.complete(store, filled["weekly"])  # the series moves on to 23 March
    followups.export_followups(store, second)
    uids_a = {str(t["UID"]) for t in todos(first).values()}
    uids_b = {str(t["UID"]) for t in todos(second).values()}
    assert uids_a == uids_b
    assert f"{filled['weekly']}@spocdesk" in uids_b
    weekly = todos(second)["Weekly check; roof, gutter"]
    assert weekly["DTSTART"].dt == datetime(2026, 3, 23, 9, tzinfo=BERLIN)


def test_include_details_writes_notes_and_case_text(
        store: Store, filled: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "detailed.ics"
    followups.export_followups(store, path, include_details=True)
    one = todos(path)[f"Call back ({filled['ref']})"]
    text = str(one["DESCRIPTION"])
    assert "SECRET-FOLLOWUP-NOTES" in text and "SECRET-CASE-NOTES" in text
    assert "Leaking roof" in text


def test_count_is_reduced_when_a_series_has_moved_on(store: Store, tmp_path: Path) -> None:
    fid = followups.add_followup(store, NewFollowUp(
        "Five times", datetime(2026, 3, 2, 9, tzinfo=UTC), rrule="FREQ=DAILY;COUNT=5",
        tzid="UTC")).value
    followups.complete(store, fid)
    followups.complete(store, fid)
    path = tmp_path / "c.ics"
    followups.export_followups(store, path)
    todo = todos(path)["Five times"]
    assert todo["RRULE"]["COUNT"] == [3]
    assert todo["DTSTART"].dt == datetime(2026, 3, 4, 9, tzinfo=UTC)


def test_write_is_atomic_and_reports_missing_folder(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "cal.ics"
    path.write_text("old")
    followups.export_followups(store, path)
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert [p.name for p in folder.iterdir()] == ["cal.ics"]  # no temporary file left
    with pytest.raises(InvalidInput, match="does not exist"):
        followups.export_followups(store, tmp_path / "missing" / "cal.ics")


def test_text_helpers() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("SUMMARY:" + "ü" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "ü" * 80
    berlin = "\n".join(vtimezone(BERLIN, 2026))
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in berlin
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in berlin
    assert "DTSTART:20260329T020000" in berlin and "DTSTART:20261025T030000" in berlin
    assert "TZOFFSETTO:+0000" in "\n".join(vtimezone(ZoneInfo("UTC"), 2026))
