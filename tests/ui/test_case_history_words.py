"""A case's history in words: field labels, translated values, local dates with
four-digit years, and the owner's and deputy's names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import words as case_words
from spocdesk.core.cases import workflow as case_workflow
from spocdesk.core.cases.detail import case_history
from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.handover import absence
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui import i18n
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import words
from spocdesk.ui.cases.detail import CaseDetailPanel

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture
def ref(store: Store) -> str:
    greta = stakeholders.add_stakeholder(
        store, stakeholders.NewStakeholder(display_name="Greta Weber")).value
    ref = add_case(store, NewCase(title="Boiler")).value
    case_workflow.update_case(store, ref, status="waiting", priority="urgent",
                              next_step="Call the plumber",
                              due_at=datetime(2026, 12, 5, 16, 44, 57, 964054, tzinfo=UTC))
    case_workflow.add_participant(store, ref, greta, "client")
    return ref


def history(qtbot, store: Store, ref: str) -> list[str]:
    panel = CaseDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_case(ref)
    return [panel.history.item(i).text() for i in range(panel.history.count())]


def name_people(store: Store) -> None:
    with store.unit_of_work() as uow:
        value = settings_mod.load(uow.session)
        value.owner_name = "Maria Sommer"
        settings_mod.save(uow.session, value)
        uow.commit()
    absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 20), deputy_name="Jonas Berg"))


def test_history_reads_in_words(qtbot, store: Store, ref: str) -> None:
    name_people(store)
    lines = history(qtbot, store, ref)
    text = "\n".join(lines)
    assert "Next step “(empty)” → “Call the plumber”" in text
    assert "Status “New” → “Waiting”" in text
    assert "Priority “Normal” → “▲▲ Urgent”" in text
    assert "Maria Sommer: Greta Weber (client) added to People" in text
    assert "Maria Sommer: case opened" in text
    assert not ISO.search(text), text  # no raw timestamps
    assert "2026" in next(line for line in lines if "Due date" in line).split("→")[1]
    assert not re.search(r"\b(owner|deputy)\b", text)
    for raw in ("next_step", "participant", "due_at", "waiting", "urgent"):
        assert raw not in text


def test_deputy_by_name_and_you_when_unnamed(store: Store, ref: str) -> None:
    events = case_history(store, ref)
    unnamed = case_words.author_names(store)
    assert words.author(unnamed, "owner") == "You"
    assert words.author(unnamed, "deputy") == "Your stand-in"
    name_people(store)
    named = case_words.author_names(store)
    deputy_event = events[0].__class__(**{**vars(events[0]), "author": "deputy"})
    assert words.history_line(deputy_event, named).split(" · ")[1].startswith("Jonas Berg: ")
    in_pack = case_words.AuthorNames(owner="", deputy="", me="deputy")
    assert words.author(in_pack, "deputy") == "You"
    assert words.author(in_pack, "owner") == "The regular contact"


@pytest.fixture
def german() -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "de")
    yield
    i18n.uninstall(app)


def test_history_in_german(qtbot, store: Store, ref: str, german: None) -> None:
    name_people(store)
    text = "\n".join(history(qtbot, store, ref))
    assert "Nächster Schritt" in text and "Wartend" in text and "Beteiligte" in text
    assert "next_step" not in text and not ISO.search(text)
