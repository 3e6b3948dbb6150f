"""New case, fast and right: focus on the title, a tab order that follows the form,
the person typed ranked first, Enter picks and never creates, a new stakeholder made
from inside the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import dialogs
from spocdesk.ui.stakeholders.detail import NewStakeholderDialog, NewStakeholderInput


@pytest.fixture
def people(store: Store) -> dict[str, str]:
    """Greta Weber, and two people at Weber GmbH whose names sort before hers."""
    found = {name: add_stakeholder(store, NewStakeholder(
        display_name=name, organisation="Weber GmbH", family_name=name.split()[1])).value
        for name in ("Alma Adler", "Bert Brandt")}
    found["Greta Weber"] = add_stakeholder(store, NewStakeholder(
        display_name="Greta Weber", family_name="Weber")).value
    return found


def shown(qtbot, store: Store, bus: ChangeBus | None = None) -> dialogs.NewCaseDialog:
    dialog = dialogs.NewCaseDialog(store, bus=bus)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_focus_starts_on_the_title_and_tab_follows_the_form(qtbot, store: Store) -> None:
    dialog = shown(qtbot, store)
    assert focused() is dialog.title
    order = [dialog.stakeholder.query, dialog.priority, dialog.category, dialog.description,
             dialog.template]
    for expected in order:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is expected, (focused(), expected)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the template is reachable, and then more
    assert focused() is dialog.new_stakeholder_button


def test_the_person_named_comes_first(qtbot, store: Store, people: dict[str, str]) -> None:
    dialog = shown(qtbot, store)
    search = dialog.stakeholder
    search.query.setText("weber")
    search.run_search()
    names = [search.results.item(r).data(Qt.ItemDataRole.UserRole + 1)
             for r in range(search.results.count())]
    assert names[0] == "Greta Weber"
    assert set(names[1:]) >= {"Alma Adler", "Bert Brandt"}
    assert search.chosen_id() == people["Greta Weber"]
    assert "Greta Weber" in search.chosen.text()


def test_enter_in_the_search_picks_and_never_creates(qtbot, store: Store,
                                                     people: dict[str, str]) -> None:
    dialog = shown(qtbot, store)
    qtbot.keyClicks(dialog.title, "Invoice dispute")
    dialog.stakeholder.query.setFocus()
    qtbot.keyClicks(dialog.stakeholder.query, "weber")
    qtbot.keyClick(dialog.stakeholder.query, Qt.Key.Key_Return)  # before the search ran
    assert dialog.isVisible() and dialog.result() == 0  # not accepted
    assert dialog.stakeholder.chosen_id() == people["Greta Weber"]
    assert focused() is dialog.priority  # on to the next field
    # Down moves through the matches from the search box; Enter takes that one
    dialog.stakeholder.query.setFocus()
    qtbot.keyClick(dialog.stakeholder.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.stakeholder.query, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    second = dialog.stakeholder.chosen_id()
    assert second == dialog.stakeholder.results.item(1).data(Qt.ItemDataRole.UserRole)
    assert second != people["Greta Weber"]
    assert dialog.value().stakeholder_id == second
    assert dialog.value().title == "Invoice dispute"


def test_new_stakeholder_from_inside_the_dialog(qtbot, store: Store, people: dict[str, str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bus = ChangeBus()
    dialog = shown(qtbot, store, bus)
    dialog.stakeholder.query.setText("Hanna Kuhn")
    asked: list[str] = []

    def ask(cls, parent=None, name: str = "") -> NewStakeholderInput:
        asked.append(name)
        return NewStakeholderInput(name=name, kind="person", organisation="", title="",
                                   email="hanna@kuhn.example", phone="")

    monkeypatch.setattr(NewStakeholderDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(bus.changed) as published:
        dialog.new_stakeholder_button.click()
    assert asked == ["Hanna Kuhn"]  # named as typed in the search
    hanna = dialog.stakeholder.chosen_id()
    assert hanna is not None and hanna not in people.values()
    assert stakeholders.details(store, hanna).display_name == "Hanna Kuhn"
    assert "stakeholder" in published.args[0]
    assert "Hanna Kuhn" in dialog.stakeholder.chosen.text()
    assert dialog.isVisible()


def test_new_stakeholder_dialog_starts_with_the_name(qtbot) -> None:
    dialog = NewStakeholderDialog()
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("Ada")
    assert dialog.value().name == "Ada"


def test_picker_enter_picks_then_enter_adds(qtbot, store: Store, people: dict[str, str]) -> None:
    picker = dialogs.StakeholderPicker(store)
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker, timeout=3000)
    picker.search.query.setFocus()
    qtbot.keyClicks(picker.search.query, "greta")
    qtbot.keyClick(picker.search.query, Qt.Key.Key_Return)
    assert picker.isVisible() and focused() is picker.role
    assert picker.search.chosen_id() == people["Greta Weber"]
    qtbot.keyClick(picker.role, Qt.Key.Key_Return)
    assert picker.result() == picker.DialogCode.Accepted
