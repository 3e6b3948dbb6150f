"""The templates dialog and the quick log's note templates, driven through their widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import templates
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.cases.templates_dialog import TemplatesDialog


@pytest.fixture
def published() -> list[ChangeSet]:
    return []


@pytest.fixture
def dialog(qtbot, store: Store, published: list[ChangeSet]) -> TemplatesDialog:
    bus = ChangeBus()
    bus.changed.connect(published.append)
    dlg = TemplatesDialog(store, bus)
    dlg._bus_keepalive = bus  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    return dlg


def names(dlg: TemplatesDialog) -> list[str]:
    return [dlg.list.item(i).text() for i in range(dlg.list.count())]


def test_empty_state_says_what_to_do(dialog: TemplatesDialog) -> None:
    assert dialog.pages.currentWidget() is dialog.empty
    assert dialog.empty.headline.text() == "No case templates yet"
    assert "Press New (Ctrl+N)" in dialog.empty.hint.text()
    assert not dialog.copy_button.isEnabled() and not dialog.delete_button.isEnabled()
    dialog.kinds.setCurrentIndex(1)
    assert dialog.empty.headline.text() == "No note templates yet"
    assert "quick log" in dialog.empty.hint.text()


def test_create_a_case_template_with_a_live_preview(
        dialog: TemplatesDialog, store: Store, published: list[ChangeSet]) -> None:
    dialog.new_button.click()
    assert dialog.pages.currentIndex() == 1
    assert not dialog.save_button.isEnabled()  # no name yet
    dialog.name.setText("Discharge")
    dialog.title_pattern.setText("Discharge of {stakeholder}")
    assert dialog.preview_title.text() == "Discharge of Alex Example"
    dialog.category.setText("care")
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    dialog.body.setPlainText("{ref}: {title}\n- [ ] GP letter on {today}")
    assert dialog.preview_body.text() == (
        "C-0001: Discharge of Alex Example\n- [ ] GP letter on 2026-03-02")
    assert dialog.problem.isHidden()
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    [row] = templates.list_templates(store)
    assert (row.kind, row.name, row.title_pattern, row.category, row.priority, row.body) == (
        "case", "Discharge", "Discharge of {stakeholder}", "care", "high",
        "{ref}: {title}\n- [ ] GP letter on {today}")
    assert names(dialog) == ["Discharge"] and dialog.current is not None
    assert "template" in published[-1].kinds()
    assert not dialog.save_button.isEnabled()  # nothing left to save


def test_unknown_placeholder_is_shown_and_cannot_be_saved(dialog: TemplatesDialog,
                                                          store: Store) -> None:
    dialog.new_template()
    dialog.name.setText("Call")
    dialog.title_pattern.setText("Call {stakholder}")
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text() == ("⚠ {stakholder} is not a placeholder; use {stakeholder}, "
                                     "{today}, {ref} or {title}.")
    assert dialog.preview_title.text() == "Call {stakholder}"
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert templates.list_templates(store) == []


def test_edit_duplicate_delete(dialog: TemplatesDialog, store: Store,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("Intake", "Referral"):
        templates.create_template(store, templates.TemplateData(kind="case", name=name))
    dialog.reload()
    assert names(dialog) == ["Intake", "Referral"]
    assert dialog.name.text() == "Intake"
    dialog.name.setText("Intake call")
    # switching away with unsaved changes asks first; "cancel" keeps them
    monkeypatch.setattr(TemplatesDialog, "ask_discard", lambda self: False)
    dialog.list.setCurrentRow(1)
    assert dialog.list.currentRow() == 0 and dialog.name.text() == "Intake call"
    assert dialog.save()
    assert names(dialog) == ["Intake call", "Referral"]
    dialog.duplicate()
    assert names(dialog) == ["Intake call", "Intake call (copy)", "Referral"]
    assert dialog.name.text() == "Intake call (copy)"
    asked: list[str] = []
    def ask_delete(self: TemplatesDialog, name: str) -> bool:
        asked.append(name)
        return True

    monkeypatch.setattr(TemplatesDialog, "ask_delete", ask_delete)
    dialog.delete()
    assert asked == ["Intake call (copy)"]
    assert [t.name for t in templates.list_templates(store)] == ["Intake call", "Referral"]
    # a name taken by another template: one sentence, nothing saved
    dialog.list.setCurrentRow(1)
    dialog.name.setText("intake call")
    assert not dialog.save()
    assert dialog.problem.text() == "⚠ There is already a case template called 'intake call'."
    assert [t.name for t in templates.list_templates(store)] == ["Intake call", "Referral"]


def test_note_templates_hide_case_fields(dialog: TemplatesDialog, store: Store) -> None:
    dialog.kinds.setCurrentIndex(1)
    dialog.new_template()
    assert dialog.category.isHidden() and dialog.priority.isHidden()
    label = dialog.form.labelForField(dialog.title_pattern)
    assert isinstance(label, QLabel) and label.text() == "&Summary:"
    dialog.name.setText("Call back")
    dialog.title_pattern.setText("Called {stakeholder} back about {title}")
    assert dialog.preview_title.text() == "Called Alex Example back about {title}"
    assert dialog.save()
    assert [(t.kind, t.name) for t in templates.list_templates(store)] == [
        ("interaction", "Call back")]
    dialog.kinds.setCurrentIndex(0)
    assert names(dialog) == [] and dialog.pages.currentWidget() is dialog.empty
    dialog.new_template()
    assert not dialog.category.isHidden() and not dialog.priority.isHidden()


def test_keyboard_only(qtbot, dialog: TemplatesDialog, store: Store) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.name.hasFocus()
    qtbot.keyClicks(dialog.name, "Welcome")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in templates.list_templates(store)] == ["Welcome"]
    for widget in (dialog.list, dialog.new_button, dialog.copy_button, dialog.delete_button,
                   dialog.name, dialog.title_pattern, dialog.body, dialog.save_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert widget.objectName()


def test_quick_log_offers_note_templates(qtbot, store: Store) -> None:
    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    ref = cases.add_case(store, cases.NewCase(title="Renewal",
                                              stakeholders=[(anna, "client")])).value
    bus = ChangeBus()
    panel = CaseDetailPanel(bus)
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_case(ref)  # the quick log is for a case (it may be docked outside the panel)
    assert not panel.quick_log.template.isEnabledTo(panel)  # none yet; the tooltip says where
    assert "File → Templates" in panel.quick_log.template.toolTip()
    outcome = templates.create_template(store, templates.TemplateData(
        kind="interaction", name="Call back", title_pattern="Called {stakeholder} about {ref}",
        body="{title}: agreed on {today}."))
    bus.publish(outcome.changes)
    assert panel.quick_log.template.count() == 2 and panel.quick_log.template.isEnabledTo(panel)
    panel.quick_log.template.activated.emit(1)
    assert panel.quick_log.summary.text() == f"Called Anna Nowak about {ref}"
    assert panel.quick_log.body.toPlainText() == "Renewal: agreed on 2026-03-02."
    assert panel.quick_log.template.currentIndex() == 0
    panel.set_store(None)  # locked: no template names left in the widget
    assert panel.quick_log.template.count() == 1


def test_new_case_dialog_prefills_from_a_template_and_keeps_the_edits(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from spocdesk.core.cases.detail import get_case
    from spocdesk.ui.cases import dialogs
    from spocdesk.ui.cases.page import CasesPage

    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    tid = templates.create_template(store, templates.TemplateData(
        kind="case", name="Discharge", title_pattern="Discharge of {stakeholder}",
        category="care", priority="high", body="- [ ] GP letter")).value
    dlg = dialogs.NewCaseDialog(store)
    qtbot.addWidget(dlg)
    dlg.template.setCurrentIndex(dlg.template.findData(tid))
    assert (dlg.title.text(), dlg.category.text(), dlg.priority.currentData(),
            dlg.description.toPlainText()) == (
        "Discharge of {stakeholder}", "care", "high", "- [ ] GP letter")
    dlg.priority.setCurrentIndex(dlg.priority.findData("urgent"))
    dlg.description.setPlainText("{ref}: {title}\n- [ ] GP letter\n- [ ] Transport")
    answer = dlg.value()
    answer.stakeholder_id = anna
    monkeypatch.setattr(dialogs.NewCaseDialog, "ask", classmethod(lambda cls, *a: answer))
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(store)
    page.new_case()
    case = get_case(store, "C-0001")
    assert case.title == "Discharge of Anna Nowak"
    assert case.description == "C-0001: Discharge of Anna Nowak\n- [ ] GP letter\n- [ ] Transport"
    assert (case.priority, case.category) == ("urgent", "care")
