"""A stakeholder's Net Promoter answer from their card (issue 21 item 1): once a
quarter, the button off until the next one is due; the dialog takes digits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from spocdesk.core.metrics import feedback
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewStakeholder
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders.detail import StakeholderDetailPanel
from spocdesk.ui.stakeholders.nps import NpsDialog, NpsInput


def test_the_card_records_one_answer_a_quarter(qtbot, store: Store, monkeypatch) -> None:
    greta = stakeholders.add_stakeholder(store, NewStakeholder(display_name="Greta")).value
    panel = StakeholderDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_stakeholder(greta)
    line = panel.nps_line
    assert line.text.text() == "Net Promoter: no answer yet."
    assert line.button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(NpsDialog, "ask",
                        lambda name, _p=None: asked.append(name) or NpsInput(9, "Reliable"))
    line.button.click()
    assert asked == ["Greta"]
    status = feedback.nps_status(store, greta)
    assert (status.last_score, status.last_quarter) == (9, "2026-Q1")
    assert line.text.text() == "Net Promoter: 9 in 2026-Q1."
    assert not line.button.isEnabled()
    assert "the next from" in line.button.toolTip()


def test_the_dialog_takes_digits_and_ten(qtbot) -> None:
    dialog = NpsDialog("Greta")
    qtbot.addWidget(dialog)
    assert dialog.answer() is None and not dialog.save_button.isEnabled()
    first = dialog.score_buttons[0]
    qtbot.keyClick(first, Qt.Key.Key_7)
    assert dialog.answer() == NpsInput(7, "")
    qtbot.keyClick(first, Qt.Key.Key_1)
    qtbot.keyClick(first, Qt.Key.Key_0)
    assert dialog.scores.checkedId() == 10 and dialog.save_button.isEnabled()
    qtbot.keyClick(first, Qt.Key.Key_0)
    assert dialog.scores.checkedId() == 0
    dialog.comment.setPlainText("  Would recommend  ")
    assert dialog.answer() == NpsInput(0, "Would recommend")
