"""The GUI benchmark probes run on a small store and measure what they say they do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spocdesk.core import demo
from spocdesk.core.store import Store
from spocdesk.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
gui_probe = pytest.importorskip("gui_probe")


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:
    demo.generate(store, "small")
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.set_store(store)
    win.show()
    return win


def test_scroll_reaches_the_bottom_a_frame_a_page(window: MainWindow) -> None:
    frames = gui_probe.scroll_frames(window)
    table = gui_probe._cases_page(window).table
    bar = table.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    assert len(frames) >= bar.maximum() // bar.pageStep()
    assert all(f > 0 for f in frames)


def test_typing_into_the_quick_log_saves_the_summary(window: MainWindow, store: Store) -> None:
    with store.connection() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()
    keys, saved = gui_probe.type_quick_log(window)
    assert len(keys) == len(gui_probe.SUMMARY) == 60
    assert saved > 0
    with store.connection() as conn:
        found = conn.exec_driver_sql("SELECT count(*) FROM interaction WHERE summary = ?",
                                     (gui_probe.SUMMARY,)).scalar_one()
        after = conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()
    assert found == 1 and after == before + 1
