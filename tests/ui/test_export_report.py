"""File → Export report… (issue 21 item 7): the period, the place, and a PDF written
there by the report module; never onto the store itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from spocdesk.core.store import Store
from spocdesk.ui import main_window as main_window_module
from spocdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.set_store(store)
    return win


def test_the_report_is_written_where_the_user_chose(window: MainWindow, tmp_path: Path,
                                                    monkeypatch) -> None:
    asked: list[str] = []

    def ask(_parent, period: str, default: Path) -> tuple[str, Path]:
        asked.append(period)
        assert default.name.startswith("spocdesk-report-") and default.suffix == ".pdf"
        return "quarter", tmp_path / "report.pdf"

    monkeypatch.setattr(main_window_module, "ask_report", ask)
    assert window.report_action.isEnabled()
    window.report_action.trigger()
    assert asked == ["4w"]  # the dashboard's period is offered first
    written = tmp_path / "report.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert (written.stat().st_mode & 0o777) == 0o600
    assert window.statusBar().currentMessage() == f"Report written to {written}"


def test_the_store_itself_is_refused(window: MainWindow, store: Store, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(main_window_module, "ask_report",
                        lambda _p, _period, _d: ("4w", store.location.store))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, _text: said.append(title))
    before = store.location.store.read_bytes()[:64]
    window.report_action.trigger()
    assert said == ["Report not written"]
    assert store.location.store.read_bytes()[:64] == before


def test_locked_there_is_no_report(window: MainWindow) -> None:
    window.set_store(None)
    assert not window.report_action.isEnabled()
