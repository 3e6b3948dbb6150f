"""The dashboard's record lists (feedback pending, Net Promoter answers due, the cases
behind a figure) page in SQL like the case list: the first screen's ids and the count
up front, the rest when scrolled on; no cap at 500 (issue 21)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.model import Case, CaseParticipant, Stakeholder
from spocdesk.core.store import Store
from spocdesk.ui.dashboard.drill import DrillModel, NpsDueModel, PendingModel

MANY = 640  # more than the 500 the lists used to stop at


@pytest.fixture(autouse=True)
def utc_days(monkeypatch) -> None:
    monkeypatch.setattr(recurrence, "local_zone", lambda: ZoneInfo("UTC"))


@pytest.fixture
def busy(store: Store, clock: FixedClock) -> Store:
    """MANY cases resolved over the last days, each with its own client, no answers."""
    now = clock.now()
    with store.unit_of_work() as uow:
        s = uow.session
        for k in range(MANY):
            person = Stakeholder(display_name=f"Client {k:03d}", sort_name=f"client {k:03d}",
                                 created_at=now)
            resolved = now - timedelta(minutes=20 * (k + 1))
            case = Case(ref=f"C-{k + 1:04d}", ref_number=k + 1, title=f"Request {k:03d}",
                        status="resolved", opened_at=resolved - timedelta(hours=3),
                        resolved_at=resolved, created_at=now)
            s.add_all([person, case])
            s.flush()
            s.add(CaseParticipant(case_id=case.id, stakeholder_id=person.id, is_main=True,
                                  created_at=now))
        uow.commit()
    return store


def test_feedback_pending_pages_past_500(qtbot, qtmodeltester, busy: Store) -> None:
    model = PendingModel()
    model.set_store(busy)
    assert model.rowCount() == MANY
    assert model.loaded_ids == 100  # the first screen; the count came from SQL
    qtmodeltester.check(model)
    last = model.row_data(MANY - 1)  # scrolled to the end: the other ids, that page
    assert last is not None and last.ref == f"C-{MANY:04d}"  # resolved longest ago
    assert model.loaded_ids == MANY
    assert feedback.pending(busy, limit=0).total == MANY


def test_nps_due_pages_past_500(qtbot, qtmodeltester, busy: Store) -> None:
    model = NpsDueModel()
    model.set_store(busy)
    assert model.rowCount() == MANY == feedback.nps_due_count(busy)
    assert model.loaded_ids == 100
    qtmodeltester.check(model)
    assert model.row_data(MANY - 1).name == f"Client {MANY - 1:03d}"


def test_the_cases_behind_a_figure_page_past_500(qtbot, qtmodeltester, busy: Store,
                                                 clock: FixedClock) -> None:
    drill = figures.Drill("resolved", clock.now() - timedelta(days=30), clock.now())
    model = DrillModel(drill)
    model.set_store(busy)
    assert model.rowCount() == MANY == figures.drill_count(busy, drill)
    assert model.loaded_ids == 100
    qtmodeltester.check(model)
    assert model.row_data(0).ref == f"C-{MANY:04d}"  # the figure's order: oldest first
    assert model.row_data(MANY - 1).ref == "C-0001"
