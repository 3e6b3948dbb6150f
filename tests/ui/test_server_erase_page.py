"""*Erase…* on a person in the app, on a team server as a SPOC: the person goes, or the
server's refusal is one sentence and the person stays."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from spocdesk.core.cases import service as cases
from spocdesk.core.people import stakeholders
from spocdesk.core.store import policies
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders import page as page_mod
from spocdesk.ui.stakeholders.page import StakeholdersPage
from tests.core.test_row_security import Team, db, team  # noqa: F401
from tests.pg_server import PgServer


@pytest.fixture
def crew(pg_server: PgServer, db: str) -> Iterator[Team]:  # noqa: F811
    t = Team(pg_server, db)
    yield t
    t.close()


def test_erase_on_a_team_server_from_the_page(qtbot: Any, crew: Team,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    anna = crew.app("anna")
    gone = stakeholders.add_stakeholder(anna, stakeholders.NewStakeholder(
        display_name="Greta Meyer")).value
    kept = stakeholders.add_stakeholder(anna, stakeholders.NewStakeholder(
        display_name="Karl Kept")).value
    policies.share(anna, "bert", stakeholder_id=kept)
    cases.add_case(crew.app("bert"), cases.NewCase(title="Bert's", stakeholders=[
        (kept, "client")]))
    page = StakeholdersPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.set_store(anna)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    monkeypatch.setattr(page_mod.EraseDialog, "ask", classmethod(lambda c, parent, name: True))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a: warned.append(text)))

    page.select_stakeholder(gone)
    page.erase_person(gone)
    assert warned == [] and page.model.row_of(gone) < 0
    assert page.count_label.text() == "The person was erased."

    page.select_stakeholder(kept)
    page.erase_person(kept)
    assert warned == ["This person is also in colleagues' records that you cannot change, so "
                      "nothing was erased; a lead can erase them for the whole team."]
    assert page.model.row_of(kept) >= 0
