"""The Ctrl+K palette: type, arrows, Enter opens the right record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from spocdesk.core.cases import service as cases
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.search.palette import HIT_ROLE, SearchPalette, marked_html


def _fill(store: Store) -> dict[str, str]:
    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Jürgen Müller", contact_points=[
            stakeholders.NewContactPoint("phone", "+49 30 1234567")])).value
    ref = cases.add_case(store, cases.NewCase(title="Müller pension claim",
                                              stakeholders=[(sid, "client")])).value
    other = cases.add_case(store, cases.NewCase(title="Unrelated renewal")).value
    return {"sid": sid, "ref": ref, "other": other}


def test_palette_groups_moves_and_opens(qtbot, qtmodeltester, store: Store) -> None:
    ids = _fill(store)
    palette = SearchPalette(store)
    qtbot.addWidget(palette)
    opened: list[tuple[str, str, str]] = []
    palette.open_record.connect(lambda *a: opened.append(a))

    qtbot.keyClicks(palette.query, "muller")  # accents do not matter
    palette.run_search()
    qtmodeltester.check(palette.model)
    kinds = [kind for kind, hit in palette.model.rows if hit is None]
    assert set(kinds) == {"case", "stakeholder"}
    first = palette.results.currentIndex().data(HIT_ROLE)
    assert first is not None

    qtbot.keyClick(palette.query, Qt.Key.Key_Down)  # skips the next group's header
    second = palette.results.currentIndex().data(HIT_ROLE)
    assert second is not None and second.id != first.id
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert opened == [(second.kind, second.id, second.case_id or "")]
    assert ids["sid"] in {first.id, second.id}


def test_phone_digits_and_no_results(qtbot, store: Store) -> None:
    ids = _fill(store)
    palette = SearchPalette(store)
    qtbot.addWidget(palette)
    palette.query.setText("301234567")
    palette.run_search()
    hits = [hit for _k, hit in palette.model.rows if hit is not None]
    assert [h.id for h in hits] == [ids["sid"]]
    palette.query.setText("zzzqqq")
    palette.run_search()
    assert palette.model.rowCount() == 0
    assert "Nothing matches" in palette.status.text()


def test_marked_html_escapes_user_text() -> None:
    assert marked_html("<b>x</b> \x02y\x03") == "&lt;b&gt;x&lt;/b&gt; <b>y</b>"


def test_enter_on_a_case_selects_it_in_the_cases_page(qtbot, store: Store) -> None:
    _fill(store)
    window = MainWindow(store.location)
    qtbot.addWidget(window)
    window.set_store(store)
    with store.session() as session:
        target = cases.by_ref(session, "C-0002").id
    window.open_record("case", target, target)
    assert window.current_page().title == "Cases"
    assert window.current_page().selected_case_id() == target  # type: ignore[attr-defined]


def test_an_unfiled_email_is_found_and_enter_opens_the_inbox_on_it(qtbot, store: Store) -> None:
    """Issue 20: the e-mail waiting in the Inbox is in global search (sender, subject,
    the start of its text); Enter opens the Inbox with it chosen, ready to file."""
    from datetime import UTC, datetime, timedelta

    from spocdesk.core.mail.capture import capture
    from tests.core.mail.helpers import message

    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    report = capture(store, [message(f"Question {n}", sender=f"p{n}@example.org",
                                     name=f"Person {n}", message_id=f"q{n}@test",
                                     date=start + timedelta(minutes=n),
                                     text="Hello" if n != 3 else "About the cormorant")
                             for n in range(6)], source="file").value
    wanted = next(item.mail_id for item in report.items if item.subject == "Question 3")
    window = MainWindow(store.location)
    qtbot.addWidget(window)
    window.show()
    window.set_store(store)  # the Inbox page is not loaded until it is shown
    palette = SearchPalette(store, window)
    qtbot.addWidget(palette)
    palette.open_record.connect(window.open_record)
    palette.query.setText("cormorant")
    palette.run_search()
    assert [(kind, hit is None) for kind, hit in palette.model.rows] == [
        ("mail", True), ("mail", False)]
    header = palette.model.index(0, 0).data()
    assert header == "E-mail to file (Inbox)"
    hit = palette.results.currentIndex().data(HIT_ROLE)
    assert hit.id == wanted and "Person 3" in hit.plain_snippet
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    page = window.current_page()
    assert page.title == "Inbox"
    assert page.current_id() == wanted  # type: ignore[attr-defined]
