"""The dashboard page, driven through its widgets against a hand-built store.

The store's clock stands at Monday 2026-03-02 09:00 UTC (see ``tests/conftest.py``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QChart, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from spocdesk.core import preferences
from spocdesk.core.cases import service as cases
from spocdesk.core.followups import recurrence
from spocdesk.core.followups import service as followups
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
from spocdesk.ui import i18n
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.dashboard import page as page_module
from spocdesk.ui.dashboard.page import CountsModel, DashboardPage, OldestModel
from spocdesk.ui.main_window import MainWindow

TITLES = ("Invoice dispute with Müller GmbH", "Urgent call-back for Ms Okafor",
          "Replacement device shipped")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc_days(monkeypatch) -> None:
    """Cut days and weeks in UTC, whatever the computer's zone."""
    monkeypatch.setattr(recurrence, "local_zone", lambda: ZoneInfo("UTC"))


@pytest.fixture
def known(store: Store) -> dict[str, str]:
    """Three cases and two follow-ups; returns the case ids by letter.

    * A — normal, open, opened a week ago, no next step: response SLA breached;
    * B — urgent, waiting, opened 50 minutes ago, with a next step: SLA at risk;
    * C — high, resolved two days after it was opened on Tuesday 2026-02-24;
    * a follow-up overdue since yesterday, and one due this afternoon.

    SLA clocks run around the clock here, as the letters count them.
    """
    now = store.now()
    preferences.save_settings(store, Settings(sla_business_hours=False))
    with store.unit_of_work() as uow:
        s = uow.session

        def case(title: str, priority: str, status: str, opened: datetime,
                 next_step: str = "") -> str:
            row = cases.add_in_session(s, cases.NewCase(
                title=title, priority=priority, status=status, opened_at=opened,
                next_step=next_step), now=now, author="owner")
            s.flush()
            return row.id

        ids = {
            "A": case(TITLES[0], "normal", "open", at("2026-02-23 09:00")),
            "B": case(TITLES[1], "urgent", "waiting", at("2026-03-02 08:10"),
                      next_step="Call back before noon"),
            "C": case(TITLES[2], "high", "open", at("2026-02-24 09:00")),
        }
        resolved = s.get(cases.Case, ids["C"])
        assert resolved is not None
        resolved.status = "resolved"
        resolved.first_response_at = at("2026-02-24 10:00")
        resolved.resolved_at = at("2026-02-26 09:00")
        followups.add_in_session(s, followups.NewFollowUp(
            title="Chase the courier", due_at=now - timedelta(days=1)), now=now, author="owner")
        followups.add_in_session(s, followups.NewFollowUp(
            title="Send the summary", due_at=now + timedelta(hours=6)), now=now, author="owner")
        uow.commit()
    return ids


@pytest.fixture
def page(qtbot, store: Store, known: dict[str, str]) -> DashboardPage:
    dashboard = DashboardPage(ChangeBus())
    qtbot.addWidget(dashboard)
    dashboard.resize(1100, 800)
    dashboard.set_store(store)
    return dashboard


def _line_points(page: DashboardPage, chart: str) -> dict[str, list[float]]:
    view = page.charts[chart]
    return {s.name(): [p.y() for p in s.points()]
            for s in view.chart().series() if isinstance(s, QLineSeries)}


def _bars(page: DashboardPage, chart: str) -> list[float]:
    series = page.charts[chart].chart().series()[0]
    assert isinstance(series, QAbstractBarSeries)
    bar_set = series.barSets()[0]
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_today_tiles_show_the_metrics(page: DashboardPage, store: Store) -> None:
    today = metrics.today(store)
    for key, tile in page.tiles.items():
        assert tile.number.text() == str(getattr(today, key)), key
    # the hand-built answers
    assert page.tiles["followups_overdue"].number.text() == "1"
    assert page.tiles["followups_due_today"].number.text() == "1"
    assert page.tiles["sla_at_risk"].number.text() == "1"  # B
    assert page.tiles["sla_breached"].number.text() == "1"  # A
    assert page.tiles["cases_without_next_step"].number.text() == str(
        today.cases_without_next_step)
    assert page.tiles["followups_overdue"].accessibleName() == "Follow-ups overdue: 1"


def test_workload_tables_and_oldest_cases(page: DashboardPage, known: dict[str, str]) -> None:
    status = page.status_model
    by_status = {status.data(status.index(r, 0)): status.data(status.index(r, 1))
                 for r in range(status.rowCount())}
    assert by_status == {"New": "0", "Open": "1", "Waiting": "1", "Escalated": "0"}
    priority = page.priority_model
    by_priority = {priority.data(priority.index(r, 0)): priority.data(priority.index(r, 1))
                   for r in range(priority.rowCount())}
    assert by_priority == {"▲▲ Urgent": "1", "▲ High": "0", "Normal": "1", "Low": "0"}
    oldest = page.oldest_model
    assert [oldest.case_id(r) for r in range(oldest.rowCount())] == [known["A"], known["B"]]
    assert oldest.data(oldest.index(0, 1)) == TITLES[0]
    assert page.open_total.text() == "2 open cases"


def test_oldest_case_opens_on_enter_and_double_click(qtbot, page: DashboardPage,
                                                     known: dict[str, str]) -> None:
    table = page.oldest_table
    table.setCurrentIndex(page.oldest_model.index(1, 1))
    with qtbot.waitSignal(page.open_case, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [known["B"]]
    with qtbot.waitSignal(page.open_case, timeout=1000) as blocker:
        table.doubleClicked.emit(page.oldest_model.index(0, 0))
    assert blocker.args == [known["A"]]


def test_tiles_open_their_list_by_click_and_keyboard(qtbot, page: DashboardPage) -> None:
    tile = page.tiles["cases_without_followup"]
    assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
    with qtbot.waitSignal(page.open_view, timeout=1000) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == ["Cases", "no_followup"]
    with qtbot.waitSignal(page.open_view, timeout=1000) as blocker:
        qtbot.keyClick(page.tiles["followups_overdue"], Qt.Key.Key_Space)
    assert blocker.args == ["Follow-ups", "overdue"]
    with qtbot.waitSignal(page.open_view, timeout=1000) as blocker:
        qtbot.keyClick(page.tiles["stakeholders_due_for_contact"], Qt.Key.Key_Return)
    assert blocker.args == ["Stakeholders", "due_for_contact"]
    with qtbot.waitSignal(page.open_view, timeout=1000) as blocker:
        qtbot.keyClick(page.tiles["sla_breached"], Qt.Key.Key_Enter)
    assert blocker.args == ["Cases", "sla_breached"]
    with qtbot.waitSignal(page.open_view, timeout=1000) as blocker:
        qtbot.keyClick(page.tiles["cases_without_next_step"], Qt.Key.Key_Enter)
    assert blocker.args == ["Cases", "no_next_step"]


def test_trend_charts_match_the_metrics(page: DashboardPage, store: Store) -> None:
    trends = metrics.trends(store, "4w")
    lines = _line_points(page, "opened_resolved")
    assert lines == {"Opened": [float(w.opened) for w in trends.weeks],
                     "Resolved": [float(w.resolved) for w in trends.weeks]}
    assert sum(lines["Opened"]) == 3 and sum(lines["Resolved"]) == 1
    # C was resolved within its high-priority targets: no breach, 0 % over 1 case
    assert trends.resolved_with_target == 1 and trends.breached == 0
    assert "0 % overall (0 of 1)" in page.charts["breach_rate"].chart().title()
    resolution = _bars(page, "resolution")
    assert resolution == [m.median_resolution_days or 0.0 for m in trends.months]
    assert 2.0 in resolution  # C: resolved two days after it was opened
    assert page.charts["opened_resolved"].accessibleDescription() == (
        "3 cases opened and 1 resolved in the period")
    assert "2 days" in page.charts["resolution"].accessibleDescription()
    channels = _bars(page, "channels")
    assert sum(channels) == sum(trends.interactions_by_channel.values())


def test_period_selector_changes_the_trends(page: DashboardPage) -> None:
    assert len(_line_points(page, "opened_resolved")["Opened"]) == 4
    page.set_period("quarter")
    assert page.period == "quarter"
    assert page.trends_data is not None and page.trends_data.period == "quarter"
    assert len(_line_points(page, "opened_resolved")["Opened"]) == 13
    page.period_box.setCurrentIndex(page.period_box.findData("year"))
    assert len(_line_points(page, "opened_resolved")["Opened"]) == 52
    assert len(_bars(page, "resolution")) >= 12


def test_export_writes_the_figures_as_csv(page: DashboardPage, store: Store, tmp_path: Path,
                                          monkeypatch) -> None:
    target = tmp_path / "figures.csv"
    asked: list[Path] = []

    def ask(parent, title: str, default: Path) -> Path:
        asked.append(default)
        return target

    monkeypatch.setattr(page_module, "ask_csv_path", ask)
    page.set_period("quarter")
    page.export_button.click()
    assert asked and asked[0].suffix == ".csv"
    written = target.read_bytes().decode("utf-8")
    assert written == metrics.to_csv(metrics.dashboard(store, "quarter"))
    assert "trends,opened_per_week,2026-W09,2" in written.splitlines()


def test_export_cancelled_writes_nothing(page: DashboardPage, tmp_path: Path,
                                         monkeypatch) -> None:
    monkeypatch.setattr(page_module, "ask_csv_path", lambda *a: None)
    page.export_csv()
    assert list(tmp_path.glob("*.csv")) == []


def test_lock_clears_every_figure(page: DashboardPage) -> None:
    page.set_store(None)
    assert {t.number.text() for t in page.tiles.values()} == {"–"}
    assert page.status_model.rowCount() == 0
    assert page.priority_model.rowCount() == 0
    assert page.oldest_model.rowCount() == 0
    assert page.trends_data is None
    assert all(chart.series_count() == 0 and not chart.chart().axes()
               and not chart.accessibleDescription()
               for chart in page.charts.values())
    texts = [label.text() for label in page.findChildren(QLabel)]
    texts += [w.toolTip() + w.accessibleName() + w.accessibleDescription()
              for w in page.findChildren(QAbstractItemView)]
    for title in TITLES:
        assert not any(title in text for text in texts)


def test_empty_store_shows_zeros(qtbot, store: Store) -> None:
    dashboard = DashboardPage(ChangeBus())
    qtbot.addWidget(dashboard)
    dashboard.set_store(store)
    assert {t.number.text() for t in dashboard.tiles.values()} == {"0"}
    assert dashboard.oldest_model.rowCount() == 0
    assert dashboard.oldest_empty.isVisibleTo(dashboard)
    assert "no resolved cases" in dashboard.charts["breach_rate"].chart().title()


def test_models_pass_the_model_tester(qtmodeltester, page: DashboardPage) -> None:
    qtmodeltester.check(page.status_model)
    qtmodeltester.check(page.priority_model)
    qtmodeltester.check(page.oldest_model)
    qtmodeltester.check(CountsModel("Empty"))
    qtmodeltester.check(OldestModel())


def test_charts_follow_a_dark_palette(page: DashboardPage) -> None:
    assert all(c.chart().theme() == QChart.ChartTheme.ChartThemeLight
               or c.palette().color(QPalette.ColorRole.Window).lightness() < 128
               for c in page.charts.values())
    dark = QPalette(page.palette())
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2b2c2f"),
                         (QPalette.ColorRole.Text, "#e8eaed")):
        dark.setColor(role, QColor(colour))
    page.setPalette(dark)
    for chart in page.charts.values():
        assert chart.chart().theme() == QChart.ChartTheme.ChartThemeDark
        assert chart.chart().backgroundBrush().color() == QColor("#2b2c2f")


@pytest.mark.parametrize("language", ["de", "en"])
def test_fits_an_800x600_window_without_sideways_scrolling(
        qtbot, qapp: QApplication, store: Store, known: dict[str, str], language: str) -> None:
    """German is the longest: the tiles, the workload and the trends' controls reflow
    into the width of an 800x600 window instead of scrolling sideways."""
    i18n.install(qapp, language)
    try:
        window = MainWindow(store.location)
        qtbot.addWidget(window)
        window.resize(800, 600)
        window.set_store(store)
        window.show()
        dashboard = window.show_page("Dashboard")
        assert isinstance(dashboard, DashboardPage)
        qtbot.waitUntil(lambda: dashboard.scroll_area.viewport().width() > 0)
        qapp.processEvents()
        scroll = dashboard.scroll_area
        content = scroll.widget()
        assert content.minimumSizeHint().width() <= scroll.viewport().width()
        assert not scroll.horizontalScrollBar().isVisible()
        window.set_store(None)
    finally:
        i18n.uninstall(qapp)
