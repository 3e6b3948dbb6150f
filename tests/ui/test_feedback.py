"""Satisfaction on the record from the case detail (issue 21 item 1): resolving a case
offers to record it, *Later* leaves it pending, the dialog takes 1–5 by key, and *Ask
for feedback* opens a mail with the case's reference."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote

import pytest
from PySide6.QtCore import Qt, QUrl

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import templates
from spocdesk.core.cases.detail import get_case
from spocdesk.core.metrics import feedback
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store
from spocdesk.ui import ops
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import feedback as feedback_ui
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.cases.feedback import FeedbackAnswer, FeedbackDialog


def _case(store: Store, status: str = "open") -> str:
    greta = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Greta Weber", contact_points=[
            NewContactPoint("email", "old@example.org"),
            NewContactPoint("email", "greta@example.org", preferred=True)])).value
    return cases.add_case(store, cases.NewCase(
        title="Boiler repair", status=status, stakeholders=[(greta, "client")])).value


def _panel(qtbot, store: Store, ref: str) -> CaseDetailPanel:
    panel = CaseDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.bus.changed.connect(lambda _c: panel.refresh())  # as the cases page does
    panel.set_store(store)
    panel.show_case(ref)
    return panel


def _resolve(panel: CaseDetailPanel) -> None:
    status = panel.fields.status
    status.setCurrentIndex(status.findData("resolved"))
    assert panel.flush()


def test_resolving_offers_to_record_satisfaction(qtbot, store: Store, monkeypatch) -> None:
    ref = _case(store)
    panel = _panel(qtbot, store, ref)
    assert panel.feedback_bar.isHidden()  # an open case has nothing to rate
    asked: list[str] = []

    def ask(_store: Store, case, _parent=None) -> FeedbackAnswer:
        asked.append(case.ref)
        return FeedbackAnswer(4, "phone", "Quick and friendly")

    monkeypatch.setattr(FeedbackDialog, "ask", ask)
    _resolve(panel)
    qtbot.waitUntil(lambda: asked == [ref], timeout=2000)
    answer = feedback.feedback_of(store, ref)
    assert answer is not None and (answer.csat, answer.via) == (4, "phone")
    assert answer.comment == "Quick and friendly"
    assert not panel.feedback_bar.isHidden()
    assert panel.feedback_bar.text.text() == (
        "Client satisfaction: ★★★★☆ 4 of 5 by phone — “Quick and friendly”")
    assert panel.feedback_bar.record_button.text() == "Change…"


def test_later_leaves_the_case_pending(qtbot, store: Store, monkeypatch) -> None:
    ref = _case(store)
    panel = _panel(qtbot, store, ref)
    asked: list[str] = []
    monkeypatch.setattr(FeedbackDialog, "ask",
                        lambda _s, case, _p=None: asked.append(case.ref))
    _resolve(panel)
    qtbot.waitUntil(lambda: asked == [ref], timeout=2000)
    assert feedback.feedback_of(store, ref) is None
    assert [c.ref for c in feedback.pending(store).cases] == [ref]
    assert panel.feedback_bar.text.text() == "Client satisfaction: no feedback yet."
    # a save that does not resolve (the title) asks nothing again
    panel.fields.title.setText("Boiler repair, done")
    assert panel.flush()
    qtbot.wait(20)
    assert asked == [ref]


def test_another_case_shown_by_then_is_not_interrupted(qtbot, store: Store,
                                                       monkeypatch) -> None:
    ref = _case(store)
    other = cases.add_case(store, cases.NewCase(title="Other", status="open")).value
    panel = _panel(qtbot, store, ref)
    asked: list[str] = []
    monkeypatch.setattr(FeedbackDialog, "ask",
                        lambda _s, case, _p=None: asked.append(case.ref))
    _resolve(panel)
    panel.show_case(other)  # the user moved on in the same turn (a click in the list)
    qtbot.wait(20)
    assert asked == []


def test_the_dialog_takes_a_score_by_key_and_shows_the_answer_on_record(
        qtbot, store: Store) -> None:
    ref = _case(store, status="resolved")
    case = get_case(store, ref)
    dialog = FeedbackDialog(store, case)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.answer() is None and not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.comment, Qt.Key.Key_5)  # a digit in the comment is text
    assert dialog.comment.toPlainText() == "5" and dialog.answer() is None
    dialog.comment.clear()
    dialog.score_buttons[4].setFocus()  # where the dialog starts
    qtbot.keyClick(dialog.score_buttons[4], Qt.Key.Key_2)
    assert dialog.scores.checkedId() == 2
    assert dialog.save_button.isEnabled()
    dialog.via.setCurrentIndex(dialog.via.findData("survey"))
    assert dialog.answer() == FeedbackAnswer(2, "survey", "")
    feedback.record_csat(store, ref, 3, via="email", comment="Slow start")
    again = FeedbackDialog(store, case)
    qtbot.addWidget(again)
    assert again.answer() == FeedbackAnswer(3, "email", "Slow start")


def _mail(url: QUrl) -> tuple[str, dict[str, list[str]]]:
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    assert text.startswith("mailto:")
    to, _, query = text[len("mailto:"):].partition("?")
    return unquote(to), parse_qs(query)


def test_ask_for_feedback_opens_a_mail_with_the_reference(qtbot, store: Store,
                                                          monkeypatch) -> None:
    ref = _case(store, status="resolved")
    panel = _panel(qtbot, store, ref)
    opened: list[QUrl] = []
    monkeypatch.setattr(feedback_ui, "open_url", lambda url: opened.append(url) or True)
    panel.feedback_bar.ask_button.click()
    to, fields = _mail(opened[0])
    assert to == "greta@example.org"  # the preferred address
    assert ref in fields["subject"][0] and "Greta Weber" in fields["body"][0]
    # a template whose name says feedback is used, its placeholders filled
    templates.create_template(store, templates.TemplateData(
        kind="interaction", name="Feedback request", title_pattern="Your view on {ref}",
        body="Dear {stakeholder}, how did we do on {title}?"))
    panel.ask_for_feedback()
    _to, fields = _mail(opened[1])
    assert fields["subject"] == [f"Your view on {ref}"]
    assert fields["body"] == ["Dear Greta Weber, how did we do on Boiler repair?"]


def test_no_mail_program_is_said(qtbot, store: Store, monkeypatch) -> None:
    ref = _case(store, status="resolved")
    panel = _panel(qtbot, store, ref)
    said: list[str] = []
    monkeypatch.setattr(feedback_ui, "open_url", lambda _url: False)
    monkeypatch.setattr(feedback_ui, "warn", lambda _p, _t, text: said.append(text))
    panel.ask_for_feedback()
    assert said == ["No mail program took the link; is one set up on this computer?"]


@pytest.mark.parametrize("status", ["open", "waiting"])
def test_a_case_not_resolved_refuses_a_score(qtbot, store: Store, status: str,
                                             monkeypatch) -> None:
    ref = _case(store, status=status)
    panel = _panel(qtbot, store, ref)
    said: list[str] = []
    monkeypatch.setattr(ops, "warn", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(FeedbackDialog, "ask",
                        lambda _s, _c, _p=None: FeedbackAnswer(5, "", ""))
    panel.record_feedback()
    assert said and "not resolved yet" in said[0]
