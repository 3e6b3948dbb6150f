"""The dashboard's Quality part (issue 21 item 5): satisfaction, first-contact
resolution and the times for the period with its change, per week, each figure
opening the records behind it; "no feedback yet" on a store without answers.

The store's clock stands at Monday 2026-03-02 09:00 UTC (see ``tests/conftest.py``)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import feedback
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewStakeholder
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.dashboard import page as page_module
from spocdesk.ui.dashboard.drill import DrillModel, RecordsDialog
from spocdesk.ui.dashboard.page import DashboardPage

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def utc_days(monkeypatch) -> None:
    monkeypatch.setattr(recurrence, "local_zone", lambda: ZoneInfo("UTC"))


@pytest.fixture
def shown(monkeypatch) -> list[RecordsDialog]:
    """The record lists the page opened (not shown on screen)."""
    dialogs: list[RecordsDialog] = []
    monkeypatch.setattr(page_module, "open_records", lambda d: dialogs.append(d) or d)
    return dialogs


def _page(qtbot, store: Store) -> DashboardPage:
    page = DashboardPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.set_store(store)
    return page


def _resolved_case(store: Store, clock: FixedClock, title: str, person: str) -> str:
    """Opened, answered once by phone, resolved: resolved at first contact."""
    ref = cases.add_case(store, cases.NewCase(title=title, status="open",
                                              stakeholders=[(person, "client")])).value
    clock.advance(timedelta(hours=2))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Sorted it", minutes=12))
    clock.advance(timedelta(hours=1))
    workflow.update_case(store, ref, status="resolved")
    return ref


def test_a_store_without_feedback_says_so_not_zero(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    tiles = page.quality.tiles
    for key in ("csat", "csat_4_5", "nps"):
        assert tiles[key].number.text() == "no feedback yet"
    assert tiles["fcr"].number.text() == "–"
    assert "nothing to compare" in tiles["csat"].detail.text()
    assert page.quality.pending_tile.number.text() == "0"
    assert page.quality.weeks.rowCount() == 4  # the four weeks of the period


def test_figures_open_the_cases_behind_them(qtbot, store: Store, clock: FixedClock,
                                            shown: list[RecordsDialog]) -> None:
    greta = stakeholders.add_stakeholder(store, NewStakeholder(display_name="Greta")).value
    ref = _resolved_case(store, clock, "Boiler repair", greta)
    other = _resolved_case(store, clock, "Invoice", greta)
    feedback.record_csat(store, ref, 5, via="phone")
    feedback.record_nps(store, greta, 9)
    page = _page(qtbot, store)
    tiles = page.quality.tiles
    assert tiles["csat"].number.text() == "5.0 of 5"
    assert tiles["csat"].detail.text() == (
        "from 1 answer\nnothing to compare with the period before")
    assert tiles["csat_4_5"].number.text() == "100 %"
    assert tiles["nps"].number.text() == "+100"
    assert tiles["nps"].detail.text().startswith("promoters 1 · passives 0 · detractors 0")
    assert tiles["fcr"].number.text() == "100 %"
    assert tiles["fcr"].detail.text().startswith("2 of 2 resolved")
    assert tiles["first_response"].number.text() == "2.0 h"
    assert page.quality.pending_tile.number.text() == "1"  # the invoice
    opened: list[str] = []
    page.open_case.connect(opened.append)
    tiles["csat"].activated.emit()
    rows = shown[-1].model
    assert isinstance(rows, DrillModel) and rows.rowCount() == 1
    assert rows.index(0, 0).data() == ref
    shown[-1].table.activated.emit(rows.index(0, 1))
    assert len(opened) == 1
    # the NPS figures list stakeholders; choosing one asks for their page
    people: list[str] = []
    page.open_stakeholder.connect(people.append)
    tiles["nps"].activated.emit()
    assert shown[-1].model.index(0, 0).data() == "Greta"
    shown[-1].table.activated.emit(shown[-1].model.index(0, 0))
    assert people == [greta]
    # feedback pending: the case resolved without an answer
    page.quality.pending_tile.activated.emit()
    assert shown[-1].model.rowCount() == 1
    assert shown[-1].model.index(0, 0).data() == other


def test_a_week_cell_opens_that_weeks_records(qtbot, store: Store, clock: FixedClock,
                                              shown: list[RecordsDialog],
                                              qtmodeltester) -> None:
    greta = stakeholders.add_stakeholder(store, NewStakeholder(display_name="Greta")).value
    ref = _resolved_case(store, clock, "Boiler repair", greta)
    page = _page(qtbot, store)
    weeks = page.quality.weeks
    qtmodeltester.check(weeks)
    assert weeks.index(0, 0).data().startswith("W10")  # the current week first
    assert weeks.index(0, 4).data() == "100 %" and weeks.index(1, 4).data() == "–"
    page.quality.weeks_table.activated.emit(weeks.index(0, 4))
    model = shown[-1].model
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [ref]
    assert "W10" in shown[-1].windowTitle()
    page.quality.weeks_table.activated.emit(weeks.index(0, 0))  # the week's name: nothing
    assert len(shown) == 1


def test_the_period_changes_the_figures(qtbot, store: Store, clock: FixedClock) -> None:
    page = _page(qtbot, store)
    page.set_period("quarter")
    assert page.quality.weeks.rowCount() == 13
    assert page.quality.measures is not None and page.quality.measures.period == "quarter"


def test_the_weekly_table_fits_a_small_window(qtbot, store: Store, clock: FixedClock,
                                              qtmodeltester) -> None:
    """At 800x600 the page is some 620 pixels wide beside the sidebar: the weeks fit it
    without scrolling sideways, each time one column "median · 90 %"."""
    greta = stakeholders.add_stakeholder(store, NewStakeholder(display_name="Greta")).value
    _resolved_case(store, clock, "Boiler repair", greta)
    page = _page(qtbot, store)
    page.resize(620, 560)
    page.show()
    qtbot.waitExposed(page)
    table = page.quality.weeks_table
    weeks = page.quality.weeks
    qtmodeltester.check(weeks)
    assert weeks.columnCount() == 7
    assert weeks.index(0, 5).data() == "2.0 · 2.0 h"  # answered after two hours
    assert weeks.index(0, 6).data() == "0.1 · 0.1 days"
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
