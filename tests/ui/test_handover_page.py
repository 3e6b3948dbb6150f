"""The Handover page driven through its widgets: plan, write and acknowledge notes,
export the deputy's pack and merge it back, with every dialog's ask() replaced."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import absence
from spocdesk.core.handover.absence import AbsencePlan
from spocdesk.core.handover.merge import MergePlan
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.handover import dialogs, open_pack
from spocdesk.ui.handover import page as page_module
from spocdesk.ui.handover.model import HandoverCaseModel, handover_rows
from spocdesk.ui.handover.page import HandoverPage
from tests.core.test_handover_support import (  # noqa: F401
    CANARY,
    PACK_PASSPHRASE,
    World,
    build_world,
    deputy_edits,
    fast_kdf,
)
from tests.ui.test_lock import visible_text


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


@pytest.fixture
def no_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any warning box fails the test with its sentence."""
    seen: list[str] = []

    def warn(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        seen.append(text)
        raise AssertionError(f"{title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warn))
    return seen


def make_page(qtbot: Any, store: Store | None) -> HandoverPage:
    page = HandoverPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.set_store(store)
    return page


def test_model_passes_qt_model_tester(qtmodeltester: Any, world: World) -> None:
    model = HandoverCaseModel()
    model.set_rows(handover_rows(world.store, world.absence_id))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


@pytest.mark.both_backends  # the pack is written from a team server too
def test_empty_state_then_plan_an_absence(qtbot: Any, store: Store, monkeypatch: Any,
                                          no_warnings: list[str]) -> None:
    for title in ("Roof leak", "Invoice dispute"):
        cases.add_case(store, cases.NewCase(title=title))
    cases.add_case(store, cases.NewCase(title="Old matter", status="closed"))
    page = make_page(qtbot, store)
    assert page.stack.currentWidget() is page.empty_box
    assert page.empty.headline.text() == "No absence planned"
    assert page.empty_plan.isEnabled()

    monkeypatch.setattr(dialogs.AbsenceDialog, "ask", classmethod(
        lambda cls, parent=None, members=None: AbsencePlan(
            starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13), deputy_name="Dana Deputy")))
    page.empty_plan.click()
    assert page.stack.currentWidget() is page.content
    assert page.model.rowCount() == 2  # every case not closed
    assert page.deputy_name.text() == "Dana Deputy"
    assert page.completeness_label.text().startswith("2 of 2 cases have no handover note.")
    assert "2 of 2 cases have no contingency" in page.completeness_label.text()
    # the first case is shown with its draft, prefilled from the case
    assert page.editor.case_id == page.model.row_at(0).case_id  # type: ignore[union-attr]
    assert "Status: new, priority normal." in page.editor.summary.toPlainText()
    assert "not saved yet" in page.editor.state.text()

    # the planner saves changed details
    page.deputy_contact.setText("dana@example.org")
    page.save_absence_button.click()
    assert absence.list_absences(store)[0].deputy_contact == "dana@example.org"


def test_edit_save_and_acknowledge_a_note(qtbot: Any, world: World,
                                          no_warnings: list[str]) -> None:
    store = world.store
    page = make_page(qtbot, store)
    assert page.model.rowCount() == 3
    assert page.completeness_label.text().startswith("2 of 3 cases have no contingency.")
    page.select_case(world.case_ids["C-0002"])
    editor = page.editor
    assert editor.case_id == world.case_ids["C-0002"]
    editor.severity.setCurrentIndex(editor.severity.findData("watch"))
    assert editor.severity.currentText() == "▲ Watch"  # text and symbol, not colour alone
    editor.contingencies.setPlainText("If Bob calls about the invoice, then resend it.")
    editor.add_action_button.click()
    row = editor.action_table.rowCount() - 1
    for column, value in enumerate(("Resend the corrected invoice", "Dana Deputy",
                                    "2026-03-05")):
        cell = editor.action_table.item(row, column)
        assert cell is not None
        cell.setText(value)
    assert editor.dirty
    editor.save_button.click()
    assert not editor.dirty
    note = absence.get_note(store, world.absence_id, world.case_ids["C-0002"])
    assert note is not None and note.severity == "watch"
    assert note.contingencies.startswith("If Bob calls")
    assert ("Resend the corrected invoice", "Dana Deputy", "2026-03-05") in [
        (a.text, a.owner, a.due) for a in note.actions]
    assert page.completeness_label.text().startswith("1 of 3 cases have no contingency.")
    assert page.progress.value() == 2

    # the receiver acknowledges with a synthesis in their own words
    editor.receiver.setText("Dana Deputy")
    editor.synthesis.setPlainText("Invoice: resend on the 5th.")
    editor.ack_button.click()
    note = absence.get_note(store, world.absence_id, world.case_ids["C-0002"])
    assert note is not None and note.acknowledged_by == "Dana Deputy"
    assert note.synthesis == "Invoice: resend on the 5th."
    assert "Acknowledged by Dana Deputy" in page.editor.ack_state.text()
    assert "2 of 3 cases are not acknowledged" in page.completeness_label.text()


def test_switching_cases_keeps_unsaved_edits(qtbot: Any, world: World,
                                             no_warnings: list[str]) -> None:
    page = make_page(qtbot, world.store)
    page.select_case(world.case_ids["C-0004"])
    page.editor.situation.setPlainText("Vendor promised a fix by Friday.")
    page.select_case(world.case_ids["C-0001"])  # moving on saves the note
    note = absence.get_note(world.store, world.absence_id, world.case_ids["C-0004"])
    assert note is not None and note.situation == "Vendor promised a fix by Friday."


def test_add_and_drop_cases(qtbot: Any, world: World, monkeypatch: Any,
                            no_warnings: list[str]) -> None:
    page = make_page(qtbot, world.store)
    page.select_case(world.case_ids["C-0002"])
    page.drop_button.click()
    assert page.model.case_ids() == [world.case_ids["C-0001"], world.case_ids["C-0004"]]
    offered: list[list[str]] = []

    def fake_ask(cls: Any, store: Store, handed_over: list[str], parent: Any = None
                 ) -> list[str]:
        offered.append([c.ref for c in dialogs.cases_outside(store, handed_over)])
        return [world.case_ids["C-0002"], world.case_ids["C-0003"]]

    monkeypatch.setattr(dialogs.AddCasesDialog, "ask", classmethod(fake_ask))
    page.add_cases()
    assert offered == [["C-0003", "C-0002"]]
    assert page.model.rowCount() == 4
    assert page.case_count.text() == "4 cases handed over"


def test_pack_passphrase_dialog_checks_twice_with_a_hint(qtbot: Any) -> None:
    dialog = dialogs.PackPassphraseDialog(True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.first.setText("short")
    assert dialog.hint.text().startswith("Too short")
    dialog.first.setText("four words make a pack")
    dialog.second.setText("four words make a pac")
    assert not ok.isEnabled()
    assert dialog.hint.text() == "The two passphrases are not the same."
    dialog.second.setText("four words make a pack")
    assert ok.isEnabled()
    assert dialog.meter.value() >= 3
    once = dialogs.PackPassphraseDialog(False)
    qtbot.addWidget(once)
    assert once.second.isHidden()
    once.first.setText("x")
    assert once.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


@pytest.mark.both_backends  # the pack is written from a team server too
def test_export_pack_and_merge_it_back_through_the_page(
        qtbot: Any, world: World, tmp_path: Path, clock: FixedClock, monkeypatch: Any,
        no_warnings: list[str]) -> None:
    store = world.store
    page = make_page(qtbot, store)
    out = tmp_path / "handover.spocpack"
    monkeypatch.setattr(dialogs.PackPassphraseDialog, "ask",
                        classmethod(lambda cls, new, parent=None: PACK_PASSPHRASE))
    monkeypatch.setattr(dialogs.FileChooser, "ask_save",
                        classmethod(lambda cls, parent, title, default, filters: out))
    monkeypatch.setattr(dialogs.FileChooser, "ask_open",
                        classmethod(lambda cls, parent, title, filters: out))
    listed: list[list[tuple[str, str]]] = []
    answers = iter(["review", "export"])

    def before_export(cls: Any, lines: list[tuple[str, str]], parent: Any = None) -> str:
        listed.append(lines)
        return next(answers)

    monkeypatch.setattr(dialogs.ReviewBeforeExportDialog, "ask", classmethod(before_export))
    offered: list[bool] = []
    monkeypatch.setattr(HandoverPage, "offer_finish", lambda self: offered.append(True))
    page.pack_button.click()  # "Review": nothing written, the first unready case shown
    assert not out.exists()
    assert [line.split(":")[0] for _id, line in listed[0]] == [
        "C-0002  Invoice dispute", "C-0004  Server down"]  # no contingency
    assert page.selected_case_id() == listed[0][0][0]
    page.pack_button.click()  # "Export anyway"
    assert out.is_file()
    assert CANARY.encode() not in out.read_bytes()
    assert "Handover pack with 3 cases written" in page.message.text()

    deputy_edits(out, clock)  # the deputy's week on the pack
    with store.unit_of_work() as uow:  # meanwhile the owner changed the same field
        cases.by_ref(uow.session, "C-0002").status = "escalated"
        uow.commit()
    clock.advance(timedelta(days=12))

    reviewed: list[MergePlan] = []

    def review(cls: Any, plan: MergePlan, parent: Any = None) -> dict[str, str]:
        reviewed.append(plan)
        dialog = dialogs.MergeDialog(plan)
        qtbot.addWidget(dialog)
        text = dialog.summary_text.toPlainText()
        assert "logged: 2026-03-04 phone out: Called Alice, roofer comes Thursday" in text
        assert "follow-up done: Call the roofer" in text
        [conflict] = plan.conflicts
        assert conflict.label == "case C-0002 Invoice dispute"
        assert [f.field for f in conflict.fields] == ["status"]
        assert dialog.choices() == {conflict.field_key("status"): "owner"}  # default
        dialog.choose_all("deputy")
        return dialog.choices()

    monkeypatch.setattr(dialogs.MergeDialog, "ask", classmethod(review))
    page.merge_button.click()
    assert len(reviewed) == 1
    assert "The handover pack was merged" in page.message.text()
    assert "1 conflict." in page.message.text() and "1 conflicts" not in page.message.text()
    assert offered == [True]  # Finish absence is offered after the hand-back
    with store.unit_of_work() as uow:
        assert cases.by_ref(uow.session, "C-0002").status == "waiting"  # deputy's value chosen
    note = absence.get_note(store, world.absence_id, world.case_ids["C-0001"])
    assert note is not None and note.acknowledged_by == "Dana Deputy"
    assert "✓ Acknowledged" in visible_text(page)

    # merging the same pack again changes nothing and says so
    page.merge_button.click()
    assert len(reviewed) == 1
    assert page.message.text().startswith("Nothing to merge")


def test_wrong_pack_passphrase_is_one_sentence(qtbot: Any, world: World, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    page = make_page(qtbot, world.store)
    out = tmp_path / "p.spocpack"
    from spocdesk.core.handover import pack as packmod

    packmod.export_pack(world.store, world.absence_id, out, PACK_PASSPHRASE)
    monkeypatch.setattr(dialogs.FileChooser, "ask_open",
                        classmethod(lambda cls, parent, title, filters: out))
    monkeypatch.setattr(dialogs.PackPassphraseDialog, "ask",
                        classmethod(lambda cls, new, parent=None: "not the passphrase"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a: warnings.append(text)))
    page.merge_pack()
    assert len(warnings) == 1 and "passphrase" in warnings[0].lower()
    assert warnings[0].count(".") <= 2


def test_open_handover_pack_dialog(qtbot: Any, world: World, tmp_path: Path) -> None:
    from spocdesk.core.handover import pack as packmod

    out = tmp_path / "p.spocpack"
    packmod.export_pack(world.store, world.absence_id, out, PACK_PASSPHRASE)
    dialog = open_pack.OpenPackDialog()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(out))
    dialog.passphrase.setText("wrong one")
    dialog.try_open()
    assert dialog.store is None and not dialog.error.isHidden()
    assert "passphrase" in dialog.error.text().lower()
    dialog.passphrase.setText(PACK_PASSPHRASE)
    dialog.try_open()
    assert dialog.store is not None
    try:
        assert dialog.store.author == "deputy"
        assert [a.deputy_name for a in absence.list_absences(dialog.store)] == ["Dana Deputy"]
        # the deputy's view of the page: notes to read and acknowledge, no packing
        page = make_page(qtbot, dialog.store)
        assert page.deputy_mode and page.model.rowCount() == 3
        assert page.pack_button.isHidden() and page.merge_button.isHidden()
        assert page.plan_button.isHidden() and page.deputy_name.isReadOnly()
        assert page.editor.receiver.text() == "Dana Deputy"
        page.editor.synthesis.setPlainText("Got it.")
        page.editor.ack_button.click()
        note = absence.get_note(dialog.store, world.absence_id, page.editor.case_id or "")
        assert note is not None and note.acknowledged_by == "Dana Deputy"
        page.set_store(None)
        assert not page.deputy_mode
    finally:
        dialog.store.close()


def test_lock_leaves_no_case_text(qtbot: Any, world: World) -> None:
    page = make_page(qtbot, world.store)
    page.select_case(world.case_ids["C-0001"])
    assert "Roof leak" in visible_text(page)
    page.set_store(None)
    text = visible_text(page)
    assert "Roof leak" not in text and "Dana Deputy" not in text and CANARY not in text
    assert page.stack.currentWidget() is page.empty_box


def test_busy_helper_restores_the_cursor(qtbot: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    assert page_module.busy(lambda: 42) == 42
    assert QGuiApplication.overrideCursor() is None


def test_pack_passphrase_dialog_wants_a_strong_one_and_offers_words(qtbot: Any) -> None:
    dialog = dialogs.PackPassphraseDialog(True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.first.setText("Only8chr!x")
    dialog.second.setText("Only8chr!x")
    assert not ok.isEnabled()
    assert "must be strong" in dialog.hint.text()
    dialog.generate_button.click()
    words = dialog.first.text().split()
    assert len(words) == 6 and dialog.second.text() == dialog.first.text()
    assert dialog.first.echoMode() == dialog.first.EchoMode.Normal  # readable to pass on
    assert ok.isEnabled()
    once = dialogs.PackPassphraseDialog(False)
    qtbot.addWidget(once)
    assert once.generate_button.isHidden()


def test_drop_many_cases_at_once_and_finish_the_absence(qtbot: Any, world: World,
                                                        no_warnings: list[str]) -> None:
    page = make_page(qtbot, world.store)
    assert page.finish_button.isHidden()  # not before the absence has begun
    world.clock.advance(timedelta(days=2))
    page.load()
    assert page.model.rowCount() == 3
    page.table.selectAll()
    assert len(page.selected_case_ids()) == 3
    page.table.clearSelection()
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(2, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    page.drop_button.click()
    assert page.model.rowCount() == 1
    assert not page.finish_button.isHidden()
    page.finish_button.click()
    assert page.current is not None and page.current.finished_at is not None
    assert page.finish_button.isHidden()
    assert "finished" in page.absence_choice.currentText()


def test_a_draft_says_not_reviewed_until_the_owner_saves_it(qtbot: Any, world: World,
                                                            no_warnings: list[str]) -> None:
    ids = world.case_ids
    absence.set_cases(world.store, world.absence_id, add=[ids["C-0003"]])
    draft = absence.prefill_note(world.store, world.absence_id, ids["C-0003"])
    absence.save_note(world.store, world.absence_id, ids["C-0003"], draft, reviewed=False)
    page = make_page(qtbot, world.store)
    page.select_case(ids["C-0003"])
    assert "Draft — not reviewed" in page.editor.state.text()
    row = page.model.row_of(ids["C-0003"])
    assert any("Draft, not reviewed" in str(page.model.index(row, col).data())
               for col in range(page.model.columnCount()))
    page.editor.dirty = True
    assert page.save_note()
    assert "Saved note" in page.editor.state.text()


def test_the_note_editor_has_room_from_the_first_use(qtbot: Any, store: Store,
                                                     no_warnings: list[str]) -> None:
    """At 1100x700 the editor takes at least 45% of the page the first time it is
    needed (the page was shown empty, then an absence is planned), and the action
    columns are readable."""
    for title in ("Roof leak", "Invoice dispute"):
        cases.add_case(store, cases.NewCase(title=title, priority="high"))
    page = make_page(qtbot, store)
    page.resize(916, 640)  # the page's share of a 1100x700 window
    page.show()
    qtbot.waitExposed(page)
    assert page.stack.currentWidget() is page.empty_box
    absence_id = absence.plan_absence(store, AbsencePlan(
        starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13), deputy_name="Dana")).value
    page.current = absence.get_absence(store, absence_id)
    page.load()
    qtbot.wait(10)
    editor_box = page.splitter.widget(1)
    assert editor_box.width() >= 0.45 * page.width()
    table = page.editor.action_table
    action, owner, due = (table.columnWidth(i) for i in range(3))
    assert action >= 150 and owner >= 80
    assert due >= table.fontMetrics().horizontalAdvance("2026-03-16T09:00")
