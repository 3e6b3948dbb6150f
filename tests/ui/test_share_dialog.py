"""*Share with…* and the absence's deputy role, where a user meets them (issue 22): on a
team server the case detail and the stakeholder card offer *Share with…*, the *Plan an
absence* dialog asks for the deputy's role; on a store file neither shows. Real roles on
the test PostgreSQL; what a share gives is checked with the colleague's own SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from spocdesk.core.handover import absence
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.handover import dialogs
from spocdesk.ui.handover.dialogs import AbsenceDialog
from spocdesk.ui.handover.page import HandoverPage
from spocdesk.ui.share_dialog import ShareDialog
from spocdesk.ui.stakeholders.detail import StakeholderDetailPanel
from tests.core.test_row_security import (  # noqa: F401 - fixtures
    Team,
    _annas_caseload,
    db,
    people_,
    team,
)


@pytest.fixture
def annas(people_: Team) -> dict[str, str]:  # noqa: F811
    return _annas_caseload(people_)


def share_dialog(qtbot: Any, t: Team, who: str, case_id: str) -> ShareDialog:
    dialog = ShareDialog(t.app(who), "C-0001 Anna's case", case_id=case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def test_the_owner_shares_a_case_and_takes_it_back(
        qtbot: Any, people_: Team, annas: dict[str, str]) -> None:  # noqa: F811
    dialog = share_dialog(qtbot, people_, "anna", annas["case"])
    roles = [dialog.role.itemText(i) for i in range(dialog.role.count())]
    # the team, without Anna herself, in order (other tests' members share the server)
    assert {"bert", "dora", "lena"} <= set(roles) and "anna" not in roles
    assert roles == sorted(roles)
    assert dialog.shared.item(0).text() == "Nobody yet"
    assert dialog.role.hasFocus() and not dialog.share_button.isEnabled()

    qtbot.keyClicks(dialog.role, "bret")  # a slip: no such role, nothing to share with
    assert dialog.state.text() == "The team server has no role called bret."
    assert not dialog.share_button.isEnabled()
    dialog.role.clearEditText()
    qtbot.keyClicks(dialog.role, "bert")
    assert dialog.state.text() == "" and dialog.share_button.isEnabled()
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)  # Enter shares
    assert dialog.state.text() == "Shared with bert." and dialog.isVisible()
    assert dialog.grantees() == ["bert"]
    assert dialog.shared.item(0).text().startswith("bert, shared by anna on ")
    assert people_.rows("bert", "SELECT title FROM case_record") == [("Anna's case",)]

    dialog.shared.setFocus()
    dialog.shared.setCurrentRow(0)
    qtbot.keyClick(dialog.shared, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Take back
    qtbot.waitUntil(lambda: dialog.state.text() == "bert no longer sees it.")  # 100 ms on
    assert dialog.grantees() == []
    assert people_.count("bert", "case_record") == 0


def test_every_widget_is_named_and_reached_by_tab(
        qtbot: Any, people_: Team, annas: dict[str, str]) -> None:  # noqa: F811
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget

    dialog = share_dialog(qtbot, people_, "anna", annas["case"])
    dialog.role.setEditText("bert")
    dialog.share_now()
    for kind in (QAbstractButton, QComboBox, QListWidget):
        for widget in dialog.findChildren(kind):
            assert widget.objectName() and widget.accessibleName(), widget
    dialog.role.setFocus()
    reached = []
    for _ in range(5):
        focus = QApplication.focusWidget()
        assert focus is not None
        # (the combo box's own line edit stands for the combo box)
        reached.append(focus.objectName() or focus.parent().objectName())
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    # Share is off while no colleague is typed; Tab comes round to the role again
    assert reached == ["shareRole", "shareList", "shareTakeBack", "shareClose", "shareRole"]


def test_a_colleague_sees_with_whom_but_cannot_share(
        qtbot: Any, people_: Team, annas: dict[str, str]) -> None:  # noqa: F811
    people_.sql("anna").execute(
        "INSERT INTO spocdesk_share (case_id, grantee) VALUES (%s, 'bert')", (annas["case"],))
    dialog = share_dialog(qtbot, people_, "bert", annas["case"])
    assert dialog.grantees() == ["bert"]
    assert dialog.state.text() == "Only its owner or a lead can share this record."
    assert not dialog.role.isEnabled() and not dialog.share_button.isEnabled()
    assert not dialog.take_back_button.isEnabled()


def test_a_lead_shares_a_stakeholder_from_the_card(
        qtbot: Any, people_: Team, annas: dict[str, str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    card = StakeholderDetailPanel(ChangeBus())
    qtbot.addWidget(card)
    card.set_store(people_.app("lena"))
    card.show_stakeholder(annas["client"])
    assert card.share_button.isVisibleTo(card)
    opened: list[ShareDialog] = []
    monkeypatch.setattr(ShareDialog, "ask", classmethod(
        lambda cls, store, what, *, case_id=None, stakeholder_id=None, parent=None:
        opened.append(cls(store, what, case_id=case_id, stakeholder_id=stakeholder_id,
                          parent=parent))))
    card.share_button.click()
    dialog = opened[0]
    assert dialog.stakeholder_id == annas["client"] and dialog.allowed
    dialog.role.setEditText("dora")
    dialog.share_now()
    assert people_.rows("dora", "SELECT display_name FROM stakeholder") == [("Clara Client",)]
    dialog.deleteLater()


def test_the_case_detail_offers_sharing_on_a_server_only(
        qtbot: Any, people_: Team, annas: dict[str, str], store: Store,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    detail = CaseDetailPanel(ChangeBus())
    qtbot.addWidget(detail)
    detail.set_store(store)  # the encrypted file: one user, nobody to share with
    assert not detail.share_button.isVisibleTo(detail)
    detail.set_store(people_.app("anna"))
    detail.show_case(annas["case"])
    assert detail.share_button.isVisibleTo(detail) and detail.share_button.isEnabled()
    asked: list[tuple[str, str | None]] = []
    monkeypatch.setattr(ShareDialog, "ask", classmethod(
        lambda cls, store, what, *, case_id=None, stakeholder_id=None, parent=None:
        asked.append((what, case_id))))
    detail.share_button.click()
    assert asked == [(f"{annas['ref']} Anna's case", annas["case"])]


def test_the_absence_dialog_asks_for_the_deputys_role_on_a_server(qtbot: Any) -> None:
    on_file = AbsenceDialog(today=date(2026, 3, 2))
    qtbot.addWidget(on_file)
    assert not on_file.deputy_role.isVisibleTo(on_file)
    assert on_file.value().deputy_role is None

    dialog = AbsenceDialog(today=date(2026, 3, 2), members=["bert", "dora"])
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.deputy_role.isVisible()
    dialog.deputy_role.setFocus()
    qtbot.keyClicks(dialog.deputy_role, "dorra")
    assert dialog.error.text() == "The team server has no role called dorra."
    assert not ok.isEnabled()
    dialog.deputy_role.clearEditText()
    qtbot.keyClicks(dialog.deputy_role, "dora")
    assert dialog.error.text() == "" and ok.isEnabled()
    assert dialog.value().deputy_role == "dora"
    dialog.deputy_role.clearEditText()  # none: the deputy works from a pack
    assert ok.isEnabled() and dialog.value().deputy_role == ""


@pytest.fixture
def handover_page(qtbot: Any, people_: Team) -> Iterator[HandoverPage]:  # noqa: F811
    page = HandoverPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(people_.app("anna"))
    yield page


def test_planning_on_a_server_offers_the_team_and_hands_the_cases_to_the_deputy(
        qtbot: Any, people_: Team, annas: dict[str, str],  # noqa: F811
        handover_page: HandoverPage, monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[list[str] | None] = []
    monkeypatch.setattr(dialogs.AbsenceDialog, "ask", classmethod(
        lambda cls, parent=None, members=None: offered.append(members)))  # then cancelled
    handover_page.plan_absence()
    assert len(offered) == 1 and offered[0] is not None  # the team, without Anna herself
    assert {"bert", "dora", "lena"} <= set(offered[0]) and "anna" not in offered[0]

    anna = people_.app("anna")
    today = anna.now().date()
    dialog = AbsenceDialog(handover_page, today=today - 8 * date.resolution,
                           members=offered[0])
    qtbot.addWidget(dialog)
    dialog.deputy_role.setEditText("dora")
    plan = dialog.value()
    assert (plan.starts_on, plan.deputy_role) == (today - date.resolution, "dora")
    # (the page's own call hands over the cases that need cover: the SLA functions
    # that choice reads come to the server with their own change)
    absence.plan_absence(anna, plan, [annas["case"]])
    assert people_.rows("dora", "SELECT title FROM case_record") == [("Anna's case",)]


def test_the_planner_shows_and_changes_the_deputys_role(
        qtbot: Any, people_: Team, annas: dict[str, str],  # noqa: F811
        handover_page: HandoverPage, store: Store) -> None:
    anna = people_.app("anna")
    today = anna.now().date()
    absence.plan_absence(anna, absence.AbsencePlan(
        starts_on=today, ends_on=today + 3 * date.resolution, deputy_name="Dora",
        deputy_role="dora"), [annas["case"]])
    handover_page.load()
    role = handover_page.deputy_role
    assert role.isVisibleTo(handover_page) and role.role() == "dora"
    # the team without Anna (other tests' members share the server)
    assert {"bert", "dora", "lena"} <= set(role.members) and "anna" not in role.members

    role.setEditText("nobody")  # a slip is said, and nothing is saved
    handover_page.save_absence()
    assert handover_page.message.text() == "The team server has no role called nobody."
    assert people_.count("dora", "case_record") == 1
    role.setEditText("bert")
    handover_page.save_absence()
    assert handover_page.message.text() == "Absence saved."
    assert people_.count("dora", "case_record") == 0
    assert people_.rows("bert", "SELECT title FROM case_record") == [("Anna's case",)]

    on_file = HandoverPage(ChangeBus())  # one user: no roles
    qtbot.addWidget(on_file)
    on_file.set_store(store)
    on_file.load()
    assert not on_file.deputy_role.isVisibleTo(on_file)
    assert on_file.planner_value().deputy_role is None
