"""The calendar export only writes, so its input is fuzzed: any text typed into a
follow-up, a case or a name (control characters, CR/LF, long lines, non-ASCII,
commas, semicolons, backslashes) comes back unchanged when the file is read by the
independent ``icalendar`` package, apart from the characters RFC 5545 forbids in
TEXT (controls other than tab), which are dropped, and line breaks, which become LF."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.ical import (
    CRLF,
    TodoItem,
    _description,
    _summary,
    calendar_lines,
    escape_text,
    fold,
)
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

NASTY = st.sampled_from([
    "\r\n", "\r", "\n", ",", ";", "\\", "\\n", ":", "\"", "\t", " ", "\x00", "\x0b", "\x1b",
    "\x7f", "\x85", "\u2028", "\u2029", "ü", "Ω", "🙂", "e\u0301", "\ufeff", "ﬁ", "\u200b",
    "BEGIN:VTODO", "END:VCALENDAR", "x" * 80, "é" * 40,
])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=12)), max_size=12).map("".join)


def expected(text: str) -> str:
    return FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _item(title: str, notes: str, ref: str | None, case_title: str | None,
          case_description: str | None, name: str | None, due: bool) -> TodoItem:
    return TodoItem(id="00000000-0000-4000-8000-000000000001", title=title, notes=notes,
                    due_at=NOW if due else None, due_has_time=True, snoozed_until=None,
                    rrule="", dtstart_local="", tzid="UTC", case_ref=ref,
                    case_title=case_title, case_description=case_description,
                    stakeholder_name=name)


def _render(items: list[TodoItem], include_details: bool) -> bytes:
    lines = calendar_lines(items, {}, now=NOW, include_details=include_details)
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")


@given(title=TEXT, notes=TEXT, ref=st.one_of(st.none(), TEXT), case_title=st.one_of(
    st.none(), TEXT), case_description=st.one_of(st.none(), TEXT),
    name=st.one_of(st.none(), TEXT), due=st.booleans())
@settings(max_examples=400, deadline=None)
def test_any_text_parses_back_unchanged(title: str, notes: str, ref: str | None,
                                        case_title: str | None, case_description: str | None,
                                        name: str | None, due: bool) -> None:
    item = _item(title, notes, ref, case_title, case_description, name, due)
    data = _render([item], include_details=True)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75  # folded at 75 octets
        assert not FORBIDDEN.search(line.decode("utf-8"))
    cal = icalendar.Calendar.from_ical(data)
    [todo] = cal.walk("VTODO")
    assert str(todo["SUMMARY"]) == expected(_summary(item))
    description = expected(_description(item))
    if _description(item):
        assert str(todo["DESCRIPTION"]) == description
    else:
        assert "DESCRIPTION" not in todo
    if due:
        [alarm] = todo.walk("VALARM")
        assert str(alarm["DESCRIPTION"]) == expected(_summary(item))


@given(st.lists(TEXT, min_size=1, max_size=5))
@settings(max_examples=100, deadline=None)
def test_many_items_stay_separate(titles: list[str]) -> None:
    items = [_item(t, "", None, None, None, None, True) for t in titles]
    items = [TodoItem(**{**item.__dict__, "id": f"id-{n}"}) for n, item in enumerate(items)]
    cal = icalendar.Calendar.from_ical(_render(items, include_details=False))
    todos = cal.walk("VTODO")
    assert [str(t["SUMMARY"]) for t in todos] == [expected(t) for t in titles]
    assert [str(t["UID"]) for t in todos] == [f"id-{n}@spocdesk" for n in range(len(titles))]


def test_escape_drops_forbidden_controls_and_keeps_tabs() -> None:
    assert escape_text("a\x00b\x1bc\td\x7fe\r\nf") == "abc\td" + "e\\nf"


@given(title=TEXT, notes=TEXT, name=TEXT)
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_written_file_parses_back(store: Store, tmp_path: Path, title: str, notes: str,
                                      name: str) -> None:
    """The same through the store and the file the export writes."""
    title = f"T {title}"  # a title may not be blank
    ref = cases.add_case(store, cases.NewCase(title=title, description=notes)).value
    with store.unit_of_work() as uow:
        case_id = cases.by_ref(uow.session, ref).id
    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=name.strip() or "n")).value
    fid = followups.add_followup(store, followups.NewFollowUp(
        title=title, notes=notes, due_at=NOW, case_id=case_id, stakeholder_id=sid)).value
    path = tmp_path / "out.ics"
    followups.export_followups(store, path, include_details=True)
    todos = {str(t["UID"]): t for t in
             icalendar.Calendar.from_ical(path.read_bytes()).walk("VTODO")}
    todo = todos[f"{fid}@spocdesk"]
    with store.connection() as conn:
        stored_title = conn.execute(sa.text(
            "SELECT title FROM followup WHERE id = :id"), {"id": fid}).scalar()
    assert str(todo["SUMMARY"]) == expected(f"{stored_title} ({ref})")
    followups.complete(store, fid)
