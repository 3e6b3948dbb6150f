"""The Follow-ups page driven through its widgets against a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import recurrence
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import NewFollowUp
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.followups import dialogs
from spocdesk.ui.followups import page as page_module
from spocdesk.ui.followups.dialogs import NewFollowUpDialog, RepeatChoice, build_rule
from spocdesk.ui.followups.model import HEADER, KIND_ROLE, AgendaModel
from spocdesk.ui.followups.page import FollowUpsPage


def _add(store: Store, title: str, due: datetime | None, **kw: object) -> str:
    return followups.add_followup(store, NewFollowUp(title=title, due_at=due, **kw)).value  # type: ignore[arg-type]


@pytest.fixture
def filled(store: Store, clock: FixedClock) -> Store:
    now = clock.now()
    ref = cases.add_case(store, cases.NewCase(title="Invoice dispute", status="open")).value
    with store.session() as session:
        case_id = followups.case_id_for_ref(session, ref)
    person = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Greta Weber")).value
    _add(store, "Call Greta back", now - timedelta(hours=3), case_id=case_id,
         stakeholder_id=person)
    _add(store, "Send the contract", now + timedelta(hours=2))
    _add(store, "Weekly check-in", now + timedelta(days=1), rrule="FREQ=WEEKLY", tzid="UTC")
    _add(store, "Someday", None)
    cases.add_case(store, cases.NewCase(title="Nobody chases this", status="open"))
    return store


@pytest.fixture
def page(qtbot, filled: Store) -> FollowUpsPage:
    widget = FollowUpsPage(ChangeBus())
    widget.tz = recurrence.parse_zone("UTC")
    qtbot.addWidget(widget)
    widget.set_store(filled)
    widget.resize(1100, 700)
    return widget


def _titles(page: FollowUpsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())
            if model.data(model.index(r, 0), KIND_ROLE) != HEADER]


def _select(page: FollowUpsPage, title: str) -> None:
    for row in range(page.model.rowCount()):
        if title in (page.model.data(page.model.index(row, 0)) or ""):
            page._select_row(row)
            return
    raise AssertionError(f"{title} not listed")


def test_model_passes_qt_model_tester(qtmodeltester, filled: Store) -> None:
    model = AgendaModel()
    model.set_agenda(followups.agenda(filled, recurrence.parse_zone("UTC")))
    qtmodeltester.check(model)
    model.set_agenda(None)
    qtmodeltester.check(model)


def test_sections_counts_and_overdue_marking(page: FollowUpsPage) -> None:
    model = page.model
    assert model.count("overdue") == 1 and model.count("today") == 1
    assert model.count("tomorrow") == 1 and model.count("no_date") == 1
    assert model.count("no_followup") == 1
    headers = [model.data(model.index(r, 0)) for r in range(model.rowCount())
               if model.data(model.index(r, 0), KIND_ROLE) == HEADER]
    assert headers[0] == "⚠ Overdue  (1)"
    assert "Cases with no follow-up planned  (1)" in headers
    assert "Stakeholders due for contact  (0)" in headers
    row = model.row_of(page.selected_id() or "")
    assert model.data(model.index(row, 0)) == "⚠ Call Greta back"  # first item selected
    assert model.data(model.index(row, 1)).startswith("overdue · ")
    assert model.data(model.index(row, 2)).startswith("C-")
    assert model.data(model.index(row, 3)) == "Greta Weber"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) == fmt.OVERDUE_COLOUR
    weekly = model.row_of(next(r.item.id for r in model._rows
                               if r.item is not None and "Weekly" in getattr(r.item, "title", "")))
    assert model.data(model.index(weekly, 4)) == "every week"
    assert "Nobody chases this" in _titles(page)
    assert page.summary.text().count("overdue") == 1


def test_done_leaves_the_list_and_ctrl_z_restores_it(qtbot, page: FollowUpsPage) -> None:
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    _select(page, "Send the contract")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "Send the contract" not in _titles(page)
    assert page.model.count("today") == 0
    assert page.selected_id() is not None  # the selection moved to a neighbour
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Send the contract" in _titles(page)
    assert page.model.count("today") == 1
    row = page.model.row_of(page.selected_id() or "")
    assert page.model.data(page.model.index(row, 0)) == "Send the contract"
    # Space marks done too
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert "Send the contract" not in _titles(page)


def test_done_on_a_series_moves_it_and_undo_brings_it_back(page: FollowUpsPage) -> None:
    _select(page, "Weekly check-in")
    page.mark_done()
    assert page.model.count("tomorrow") == 0
    assert page.model.count("later") == 1  # the next occurrence, a week on
    assert "Next time" in page.status.text()
    page.undo_done()
    assert page.model.count("tomorrow") == 1 and page.model.count("later") == 0


def test_skip_is_for_series_only(page: FollowUpsPage) -> None:
    _select(page, "Send the contract")
    assert not page.skip_button.isEnabled()
    _select(page, "Weekly check-in")
    assert page.skip_button.isEnabled()
    page.skip()
    assert page.model.count("tomorrow") == 0 and page.model.count("later") == 1


def test_snooze_preset_leaves_the_list(page: FollowUpsPage, clock: FixedClock) -> None:
    _select(page, "Call Greta back")
    page._fill_snooze_menu()
    keys = [a.objectName() for a in page.snooze_menu.actions()]
    assert keys == ["snooze_15m", "snooze_1h", "snooze_tomorrow", "snooze_monday",
                    "snooze_chosen"]
    page.snooze_menu.actions()[2].trigger()  # tomorrow 09:00
    assert page.model.count("overdue") == 0
    assert page.model.count("tomorrow") == 2
    assert "Snoozed" in page.status.text()
    assert "⚠ Call Greta back" not in _titles(page)


def test_snooze_to_a_chosen_time(page: FollowUpsPage, clock: FixedClock,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _select(page, "Call Greta back")
    monkeypatch.setattr(dialogs.SnoozeDialog, "ask", classmethod(
        lambda cls, now, parent=None: now + timedelta(days=30)))
    page.snooze_chosen()
    assert page.model.count("overdue") == 0 and page.model.count("later") == 1


def test_errors_are_one_sentence(page: FollowUpsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(page_module, "show_warning", lambda _p, _t, text: said.append(text))
    _select(page, "Call Greta back")
    page.snooze_until(datetime(2000, 1, 1, tzinfo=UTC))
    assert said == ["A follow-up can only be snoozed until a moment in the future."]


def test_new_recurring_followup_through_the_dialog(page: FollowUpsPage,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   clock: FixedClock) -> None:
    due = clock.now() + timedelta(days=3)
    rule = build_rule(RepeatChoice(kind="monthly_nth", nth=2, nth_weekday=1, count=6))
    assert rule == "FREQ=MONTHLY;COUNT=6;BYDAY=2TU"
    monkeypatch.setattr(dialogs.NewFollowUpDialog, "ask", classmethod(
        lambda cls, store, parent=None, case_ref="", person="": NewFollowUp(
            title="Board report", due_at=due, rrule=rule, tzid="UTC")))
    page.new_followup()
    row = page.model.row_of(page.selected_id() or "")
    assert page.model.data(page.model.index(row, 0)) == "Board report"
    assert page.model.data(page.model.index(row, 4)) == \
        "every month on the second Tuesday, 6 times"


def test_enter_on_an_item_with_a_case_opens_it(qtbot, page: FollowUpsPage) -> None:
    _select(page, "Call Greta back")
    with qtbot.waitSignal(page.open_case, timeout=1000) as blocker:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert blocker.args and blocker.args[0]


def test_empty_state_and_lock_clear(qtbot, store: Store) -> None:
    bus = ChangeBus()
    widget = FollowUpsPage(bus)
    qtbot.addWidget(widget)
    widget.set_store(store)
    assert widget.stack.currentWidget() is widget.empty
    _add(store, "Something", None)
    bus.publish(followups.add_followup(store, NewFollowUp("Other", None)).changes)
    assert widget.stack.currentWidget() is widget.view
    widget.set_store(None)
    assert widget.model.rowCount() == 0 and widget.status.text() == ""


# -- the dialog itself ------------------------------------------------------


def test_rule_builder() -> None:
    assert build_rule(RepeatChoice()) == ""
    assert build_rule(RepeatChoice(kind="daily", interval=2)) == "FREQ=DAILY;INTERVAL=2"
    assert build_rule(RepeatChoice(kind="weekdays")) == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert build_rule(RepeatChoice(kind="weekly", weekdays=[3, 0])) == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert build_rule(RepeatChoice(kind="monthly_day", monthday=15)) == \
        "FREQ=MONTHLY;BYMONTHDAY=15"
    assert build_rule(RepeatChoice(kind="yearly", until=datetime(2030, 1, 1).date())) == \
        "FREQ=YEARLY;UNTIL=20300101"


def test_dialog_describes_rule_and_explains_a_bad_one(qtbot, filled: Store) -> None:
    dialog = NewFollowUpDialog(filled)
    qtbot.addWidget(dialog)
    dialog.tz = recurrence.parse_zone("UTC")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no title yet
    dialog.title.setText("Team sync")
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    assert any(box.isChecked() for box in dialog.days)  # the due date's weekday
    for box in dialog.days:
        box.setChecked(False)
    assert dialog.preview.text() == "Choose at least one day of the week."
    assert not ok.isEnabled()
    dialog.days[0].setChecked(True)
    dialog.days[3].setChecked(True)
    dialog.interval.setValue(2)
    assert dialog.preview.text().startswith("Repeats every 2 weeks on Mon, Thu at 09:00")
    assert ok.isEnabled()
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("custom"))
    dialog.custom.setText("FREQ=FORTNIGHTLY")
    assert "FREQ=FORTNIGHTLY is not supported" in dialog.preview.text()
    assert not ok.isEnabled()
    dialog.custom.setText("FREQ=MONTHLY;BYDAY=2TU")
    assert dialog.preview.text().startswith("Repeats every month on the second Tuesday")
    dialog.case_ref.setText("C-9999")
    assert dialog.preview.text() == "There is no case C-9999."
    dialog.case_ref.setText("C-0001")
    value = dialog.value()
    assert value.title == "Team sync" and value.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert value.case_id is not None and value.due_has_time and value.tzid == "UTC"
    assert value.due_at is not None and value.due_at.hour == 9
    dialog.has_time.setChecked(False)
    dialog.repeat.setCurrentIndex(0)
    assert dialog.value().due_has_time is False and dialog.value().rrule == ""
