"""The card's "Remind me every year" button beside a birthday or anniversary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from spocdesk.core.followups import yearly
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders.detail import StakeholderDetailPanel


@pytest.fixture(autouse=True)
def berlin_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def test_remind_button_adds_the_reminder_once_and_then_says_so(qtbot, store: Store) -> None:
    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Anna Nowak", birthday="--04-14")).value
    bus = ChangeBus()
    published = []
    bus.changed.connect(published.append)
    panel = StakeholderDetailPanel(bus)
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_stakeholder(sid)
    panel.show()

    button = panel.findChild(QPushButton, "remind_birthday")
    assert button is not None and button.isVisible() and button.isEnabled()
    assert button.text() == "Remind me every year"
    assert not panel.findChild(QPushButton, "remind_anniversary").isVisible()  # no date

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert yearly.has_reminder(store, sid, "birthday")
    assert published and "followup" in published[-1]
    assert not button.isEnabled()
    assert button.toolTip() == "A yearly reminder is already among the follow-ups"

    panel.show_stakeholder(sid)  # shown again later: still disabled
    assert not panel.findChild(QPushButton, "remind_birthday").isEnabled()
