"""The dashboard page on a team server: the hand-built store of ``test_dashboard_page``
made on the test session's PostgreSQL, and the page shows the figures the metrics
compute there (which ``tests/core/test_metrics.py`` proves equal to the file's)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.dashboard.page import DashboardPage
from tests.ui.test_dashboard_page import (  # noqa: F401 (fixtures)
    _bars,
    _line_points,
    known,
    utc_days,
)


@pytest.fixture
def store(server_store: Store) -> Store:
    """The hand-built store of ``test_dashboard_page``, on a team server."""
    return server_store


@pytest.fixture
def logged(store: Store, known: dict[str, str]) -> dict[str, str]:  # noqa: F811
    """…with two calls and an e-mail on case A this week."""
    ref = detail.get_case(store, known["A"]).ref
    for channel, hours in (("phone", 30), ("phone", 20), ("email", 10)):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel=channel, direction="out", summary=channel,
            occurred_at=store.now() - timedelta(hours=hours)))
    return known


def _page(qtbot, store: Store) -> DashboardPage:
    page = DashboardPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.set_store(store)
    return page


def test_the_dashboard_page_shows_the_servers_figures(
        qtbot, store: Store, logged: dict[str, str]) -> None:
    page = _page(qtbot, store)
    today = metrics.today(store)
    for key, tile in page.tiles.items():
        assert tile.number.text() == str(getattr(today, key)), key
    assert page.tiles["followups_overdue"].number.text() == "1"
    assert page.tiles["sla_at_risk"].number.text() == "1"  # B
    assert page.tiles["sla_breached"].number.text() == "1"  # A
    oldest = page.oldest_model
    assert oldest.rowCount() == 2
    assert "2 open cases" in page.open_total.text()
    trends = metrics.trends(store, "4w")
    assert _line_points(page, "opened_resolved") == {
        "Opened": [float(w.opened) for w in trends.weeks],
        "Resolved": [float(w.resolved) for w in trends.weeks]}
    assert sum(w.opened for w in trends.weeks) == 3
    assert _bars(page, "resolution") == [m.median_resolution_days or 0.0
                                         for m in trends.months]
    assert 2.0 in _bars(page, "resolution")  # C: resolved two days after it was opened
    assert sorted(_bars(page, "channels")) == [0.0] * 4 + [1.0, 2.0]
    assert "3 in all" in page.charts["channels"].chart().title()
    page.set_period("year")
    assert len(_line_points(page, "opened_resolved")["Opened"]) == 52


def test_the_whole_page_with_its_quality_row_loads_on_a_server(
        qtbot, store: Store, logged: dict[str, str]) -> None:
    page = _page(qtbot, store)
    assert page.tiles["sla_breached"].number.text() == "1"
