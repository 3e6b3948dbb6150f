"""Editing a stakeholder through the detail's edit dialog (F2), against a real store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTableWidgetItem,
)

from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders import edit_dialog
from spocdesk.ui.stakeholders.edit_dialog import LABEL, PREFERRED, VALUE, StakeholderEditDialog
from spocdesk.ui.stakeholders.page import StakeholdersPage
from tests.core import test_stakeholder_edit as core_edit

anna = core_edit.anna  # the same person as the service tests


@pytest.fixture
def page(qtbot, store: Store, anna: str) -> StakeholdersPage:
    widget = StakeholdersPage(ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.set_store(store)
    widget.select_stakeholder(anna)
    return widget


def cell(dialog: StakeholderEditDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.points.item(row, column)
    assert item is not None
    return item


def save_button(dialog: StakeholderEditDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert isinstance(button, QPushButton)
    return button


def fill(dialog: StakeholderEditDialog) -> None:
    """What a user does in the dialog: rename, retitle, tag, note, cadence, and a new
    mobile number made the preferred phone."""
    dialog.name.setText("Anna Schmidt")
    dialog.family.setText("Schmidt")
    dialog.title.setText("Head of Finance")
    dialog.tags.setText("client, board")
    dialog.notes.setPlainText("Prefers calls before ten.")
    dialog.cadence.setValue(30)
    dialog.add_button.click()
    row = dialog.points.rowCount() - 1
    dialog.set_kind(row, "phone")
    cell(dialog, row, LABEL).setText("mobile")
    cell(dialog, row, VALUE).setText("0170 555 0101")
    cell(dialog, row, PREFERRED).setCheckState(Qt.CheckState.Checked)


def test_edit_through_the_page_shortcut(qtbot, page: StakeholdersPage, store: Store,
                                        anna: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[StakeholderEditDialog] = []

    def run(dialog: StakeholderEditDialog) -> int:
        opened.append(dialog)
        fill(dialog)
        # one preferred phone in the table: checking the new one unchecked the old one
        stars = [cell(dialog, r, PREFERRED).checkState() for r in
                 range(dialog.points.rowCount()) if dialog.kind_of(r) == "phone"]
        assert stars.count(Qt.CheckState.Checked) == 1
        save_button(dialog).click()
        return int(dialog.result())

    monkeypatch.setattr(StakeholderEditDialog, "exec", run)
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert len(opened) == 1 and opened[0].result() == QDialog.DialogCode.Accepted

    info = stakeholders.details(store, anna)
    assert info.display_name == "Anna Schmidt" and info.title == "Head of Finance"
    assert info.tags == ["board", "client"] and info.cadence_days == 30
    assert info.notes == "Prefers calls before ten."
    phones = {p.value: p.preferred for p in info.contact_points if p.kind == "phone"}
    assert phones == {"0170 555 0101": True, "+49 30 1234567": False}
    # the page and the detail show the edit; search finds the new name, not the old
    assert page.detail.name.text() == "Anna Schmidt"
    assert anna in {h.id for h in search.search(store, "Schmidt")}
    assert anna not in {h.id for h in search.search(store, "Müller", kinds=["stakeholder"])}
    assert sq.stakeholder_ids(store, sq.StakeholderFilter(text="0170 555")) == [anna]


def test_bad_email_is_one_sentence_and_nothing_is_written(qtbot, store: Store,
                                                          anna: str) -> None:
    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    dialog.name.setText("Changed Name")
    dialog.add_button.click()
    row = dialog.points.rowCount() - 1
    dialog.set_kind(row, "email")
    cell(dialog, row, VALUE).setText("anna at home")
    save_button(dialog).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()
    assert "“anna at home” is not an e-mail address" in dialog.error.text()
    assert dialog.points.currentRow() == row  # the bad value is selected
    assert stakeholders.details(store, anna).display_name == "Anna Müller"
    # fixed, it saves; an added row left empty is ignored
    cell(dialog, row, VALUE).setText("anna@home.example")
    dialog.add_button.click()
    save_button(dialog).click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes
    emails = [p.value for p in stakeholders.details(store, anna).contact_points
              if p.kind == "email"]
    assert emails == ["anna@acme.example", "anna@home.example"]


def test_remove_a_point_and_rename_an_organisation(qtbot, store: Store, anna: str) -> None:
    acme = stakeholders.details(store, anna).organisation_id
    assert acme is not None
    dialog = StakeholderEditDialog(store, stakeholders.details(store, acme))
    qtbot.addWidget(dialog)
    assert dialog.organisation.isHidden()  # an organisation has no organisation
    dialog.name.setText("Acme Holding")
    save_button(dialog).click()
    assert stakeholders.details(store, anna).organisation == "Acme Holding"

    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    phone_row = next(r for r in range(dialog.points.rowCount()) if dialog.kind_of(r) == "phone")
    dialog.points.setCurrentCell(phone_row, VALUE)
    dialog.remove_button.click()
    save_button(dialog).click()
    assert [p.kind for p in stakeholders.details(store, anna).contact_points] == ["email"]


def test_stale_copy_says_so(qtbot, store: Store, anna: str) -> None:
    """A save on a copy someone changed since: the case detail's conflict bar, naming
    what changed; the typed text stays and the dialog stays open."""
    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    name = dialog.detail.display_name
    edit_dialog.stakeholder_edit.update_fields(store, anna, title="Changed elsewhere")
    dialog.title.setText("Mine")
    save_button(dialog).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.conflict_bar.isHidden() and dialog.error.text() == ""
    assert dialog.conflict_bar.text.text() == (
        f"{name} was changed meanwhile (role / title); your text is still here: keep "
        "yours, or take theirs?")
    assert dialog.title.text() == "Mine"
    assert stakeholders.details(store, anna).title == "Changed elsewhere"


def test_keep_mine_saves_the_typed_fields_over_the_other_change(
        qtbot, store: Store, anna: str) -> None:
    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    edit_dialog.stakeholder_edit.update_fields(store, anna, notes="Their note.",
                                               title="Their title")
    edit_dialog.stakeholder_edit.add_contact_point(store, anna, "web", "https://their.example")
    dialog.title.setText("My title")
    save_button(dialog).click()
    assert "(role / title, notes, contact points)" in dialog.conflict_bar.text.text()
    dialog.conflict_bar.keep_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes
    after = stakeholders.details(store, anna)
    assert (after.title, after.notes) == ("My title", "Their note.")  # neither lost
    assert "https://their.example" in {p.value for p in after.contact_points}


def test_take_theirs_shows_the_saved_stakeholder(qtbot, store: Store, anna: str) -> None:
    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    edit_dialog.stakeholder_edit.update_fields(store, anna, notes="Their note.")
    dialog.notes.setPlainText("My note.")
    save_button(dialog).click()
    dialog.conflict_bar.take_button.click()
    assert dialog.conflict_bar.isHidden() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.notes.toPlainText() == "Their note."
    dialog.title.setText("Then mine")  # the dialog goes on from the saved copy
    save_button(dialog).click()
    after = stakeholders.details(store, anna)
    assert (after.title, after.notes) == ("Then mine", "Their note.")


def test_every_widget_is_named(qtbot, store: Store, anna: str) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QSpinBox, QTableWidget

    dialog = StakeholderEditDialog(store, stakeholders.details(store, anna))
    qtbot.addWidget(dialog)
    for kind in (QComboBox, QLineEdit, QPushButton, QSpinBox, QTableWidget):
        for widget in dialog.findChildren(kind):
            if isinstance(widget.parent(), QComboBox | QSpinBox) or \
                    widget.objectName().startswith("qt_"):
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()
