"""The words of a case's history: labels for fields, value kinds, authors by name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import words as case_words
from spocdesk.core.cases.detail import case_history
from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.handover import absence
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def test_every_audited_case_field_has_a_label(store: Store) -> None:
    ref = add_case(store, NewCase(title="Boiler")).value
    update_case(store, ref, status="open", priority="high", next_step="Call back",
                category="x", tags=["a"], due_at=datetime(2026, 12, 5, 16, 0, tzinfo=UTC))
    fields = {e.field for e in case_history(store, ref) if e.action == "update"}
    assert fields and fields <= set(case_words.FIELD_LABELS)
    assert case_words.field_label("next_step") == "Next step"
    assert case_words.field_label("participant") == "People"
    assert case_words.field_label("some_new_field") == "Some new field"
    assert case_words.value_kind("status") == "status"
    assert case_words.value_kind("due_at") == "moment"
    assert case_words.value_kind("title") == "text"
    assert case_words.action_label("create") == "case opened"


def test_moments_parse_from_the_audit_text() -> None:
    moment = case_words.parse_moment("2026-12-05T16:44:57.964054+00:00")
    assert moment == datetime(2026, 12, 5, 16, 44, 57, 964054, tzinfo=UTC)
    assert case_words.parse_moment("soon") is None
    assert case_words.parse_moment(None) is None


def test_authors_by_name(store: Store) -> None:
    names = case_words.author_names(store)
    assert (names.owner, names.deputy, names.me) == ("", "", "owner")  # nobody named yet
    with store.unit_of_work() as uow:
        settings = settings_mod.load(uow.session)
        settings.owner_name = "Maria Sommer"
        settings_mod.save(uow.session, settings)
        uow.commit()
    absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 1, 5), ends_on=date(2026, 1, 9), deputy_name="Old Deputy"))
    absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 20), deputy_name=" Jonas Berg "))
    names = case_words.author_names(store)
    assert names.name("owner") == "Maria Sommer"
    assert names.name("deputy") == "Jonas Berg"
    assert names.name("import") == "import"
