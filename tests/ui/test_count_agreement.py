"""The same numbers everywhere: on a generated store, the case list's sidebar, the
dashboard's Today tiles and ``spocdesk report --json`` give one count per view, and
each count is the length of the list it opens."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from spocdesk import cli
from spocdesk.commands import search_cmds
from spocdesk.core import clock as clock_mod
from spocdesk.core import demo
from spocdesk.core.cases import query as case_query
from spocdesk.core.followups import recurrence
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.sidebar import ViewList
from spocdesk.ui.dashboard.page import DashboardPage
from tests.conftest import PASSPHRASE

NOW = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)  # a Wednesday afternoon
TILE_VIEWS = {"cases_without_followup": "no_followup", "cases_without_next_step": "no_next_step",
              "sla_at_risk": "sla_at_risk", "sla_breached": "sla_breached"}


@pytest.fixture
def generated(location: Location, monkeypatch: pytest.MonkeyPatch) -> Iterator[Location]:
    """The small generated store, closed; every clock (the CLI's too) stands at ``NOW``."""
    monkeypatch.setattr(clock_mod.SystemClock, "now", lambda _self: NOW)
    monkeypatch.setattr(recurrence, "local_zone", lambda: ZoneInfo("UTC"))
    if search_cmds not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, search_cmds])
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    store = Store.create(location, PASSPHRASE)
    try:
        demo.generate(store, "small")
    finally:
        store.close()
    yield location


def test_sidebar_tiles_and_report_agree(qtbot, generated: Location,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    store = Store.open(generated, PASSPHRASE)
    try:
        _compare(qtbot, store, report)
    finally:
        store.close()


def _compare(qtbot, store: Store, report: dict[str, Any]) -> None:
    sidebar = ViewList()
    qtbot.addWidget(sidebar)
    sidebar.update_counts(store)
    dashboard = DashboardPage(ChangeBus())
    qtbot.addWidget(dashboard)
    dashboard.set_store(store)

    assert set(sidebar.counts) == set(case_query.VIEWS)
    assert report["views"] == sidebar.counts
    for key, view in TILE_VIEWS.items():
        shown = int(dashboard.tiles[key].number.text().replace(",", ""))
        assert shown == sidebar.counts[view] == report["today"][key], key
        assert {"key": key, "target": "cases", "filter": view}.items() <= next(
            t for t in report["tiles"] if t["key"] == key).items()
    for view, count in sidebar.counts.items():  # each count is its list
        assert len(case_query.case_ids(store, case_query.CaseFilter(view=view))) == count
    # the store is varied enough for the comparison to mean something
    assert all(sidebar.counts[view] > 0 for view in TILE_VIEWS.values()), sidebar.counts
