"""One GUI measurement in a fresh process, for ``benchmarks/run.py``.

    python benchmarks/gui_probe.py dialog [STORE]  # prints shown_at=<epoch s> when the
                                            # unlock dialog is on screen (cold start)
    python benchmarks/gui_probe.py window   # prints ms=<unlock → main window painted with
                                            # rows> and settled_ms=<… → the work put off
                                            # until after that paint done, e.g. counts>
    python benchmarks/gui_probe.py scroll   # prints frames_ms=<ms,ms,…>: the "all" case
                                            # list scrolled a page at a time, top to bottom
    python benchmarks/gui_probe.py typing   # prints keys_ms=<ms,…> for a 60-character
                                            # summary typed into the quick log, save_ms=<Log>

All print rss_mb=<peak resident memory>. The store is the cached large one ("typing"
logs one interaction into it per run). ``scroll_frames`` and ``type_quick_log`` take
any main window showing a store (``tests/test_benchmark_probes.py`` runs them on the
small demo store).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spocdesk.core.store import Store
    from spocdesk.ui.cases.page import CasesPage
    from spocdesk.ui.main_window import MainWindow

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _rss() -> str:
    """This process's own peak: ``VmHWM`` of its address space. (``ru_maxrss`` is not:
    on Linux a child started by a big parent reports the parent's peak, so the GUI row
    once showed the 1,158 MB of the process that had just built the large store.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return f"rss_mb={int(line.split()[1]) / 1024:.1f}"
    except OSError:
        pass
    return f"rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}"


def dialog() -> None:
    """The real start-up path, ``spocdesk --store <large store>``, up to the painted
    unlock dialog; the dialog then answers "Quit" by itself."""
    os.environ.pop("SPOCDESK_PASSPHRASE", None)
    from PySide6.QtWidgets import QDialog, QWidget

    from spocdesk import app, cli
    from spocdesk.ui.unlock import UnlockDialog

    def shown(dialog: UnlockDialog) -> int:
        dialog.show()
        dialog.grab()  # painted
        print(f"shown_at={time.time():.6f}", _rss())
        return QDialog.DialogCode.Rejected.value

    def failed(parent: QWidget | None, title: str, text: str) -> None:
        del parent, title
        raise SystemExit(f"the unlock dialog did not show: {text}")

    UnlockDialog.exec = shown  # type: ignore[method-assign, assignment]
    app.show_error = failed
    store = sys.argv[2] if len(sys.argv) > 2 else str(HERE / ".cache" / "large.spocdesk")
    cli.main(["--store", store])


def window() -> None:
    import json
    from datetime import datetime

    import case_list
    from PySide6.QtWidgets import QTableView

    from spocdesk.app import make_application
    from spocdesk.core.clock import FixedClock
    from spocdesk.core.store import Store, warm_up
    from spocdesk.ui.main_window import MainWindow

    app = make_application()
    where = case_list._location()
    now = json.loads(case_list.META.read_text())["now"]
    window = MainWindow(where)
    warm_up()  # what the unlock dialog does while the passphrase is typed
    started = time.perf_counter()
    store = Store.open(where, case_list.PASSPHRASE, clock=FixedClock(datetime.fromisoformat(now)))
    window.set_store(store)
    window.show()
    views = [v for v in window.findChildren(QTableView) if v.isVisible()]
    if not any(v.model() is not None and v.model().rowCount() > 0 for v in views):
        raise SystemExit("the main window shows no rows")
    window.grab()  # painted with the first screen of rows
    ms = (time.perf_counter() - started) * 1000
    for _ in range(3):  # the work pages put off until after the first paint
        app.processEvents()
    window.grab()
    settled = (time.perf_counter() - started) * 1000
    print(f"ms={ms:.1f}", f"settled_ms={settled:.1f}", _rss())
    store.close()


SUMMARY = "Called back about the renewal terms; forms follow on Friday."  # 60 characters


def _cases_page(window: MainWindow) -> CasesPage:
    from spocdesk.ui.cases.page import CasesPage

    page = window.show_page("Cases")
    assert isinstance(page, CasesPage)
    return page


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def scroll_frames(window: MainWindow) -> list[float]:
    """Milliseconds per frame: the case table's scroll bar stepped a page at a time from
    the top to the bottom of the "all" view, each step with its events and the
    viewport's paint (``repaint()`` paints at once, as the next frame would)."""
    from PySide6.QtWidgets import QAbstractSlider

    page = _cases_page(window)
    page.views.select_view("all")
    _settle()
    table = page.table
    bar = table.verticalScrollBar()
    bar.setValue(0)
    _settle()
    table.viewport().repaint()
    frames: list[float] = []
    while bar.value() < bar.maximum():
        started = time.perf_counter()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        _settle()
        table.viewport().repaint()
        frames.append((time.perf_counter() - started) * 1000)
    return frames


def type_quick_log(window: MainWindow, text: str = SUMMARY) -> tuple[list[float], float]:
    """(ms per keystroke, ms of the Log click): ``text`` typed key by key into the quick
    log of the first case of the list, each key with its events and the field's paint,
    then Log clicked and the window repainted (the history shows the new entry)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    page = _cases_page(window)
    page.table.selectRow(0)
    _settle()
    composer = page.detail.quick_log
    if not composer.isEnabled():
        raise SystemExit("the quick log is not enabled: no case is shown")
    composer.summary.setFocus()
    keys: list[float] = []
    for char in text:
        started = time.perf_counter()
        QTest.keyClicks(composer.summary, char)  # one key: press and release
        _settle()
        composer.summary.repaint()
        keys.append((time.perf_counter() - started) * 1000)
    if composer.summary.text() != text:
        raise SystemExit(f"typed {composer.summary.text()!r}, not {text!r}")
    started = time.perf_counter()
    QTest.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    _settle()
    window.repaint()
    saved = (time.perf_counter() - started) * 1000
    if composer.summary.text():
        raise SystemExit("the Log click did not save")
    return keys, saved


def _large_window() -> tuple[MainWindow, Store]:
    """The main window on the cached large store, 1100 x 700, rows painted."""
    import json
    from datetime import datetime

    import case_list

    from spocdesk.app import make_application
    from spocdesk.core.clock import FixedClock
    from spocdesk.core.store import Store
    from spocdesk.ui.main_window import MainWindow

    make_application()
    where = case_list._location()
    now = json.loads(case_list.META.read_text())["now"]
    window = MainWindow(where)
    window.resize(1100, 700)
    store = Store.open(where, case_list.PASSPHRASE, clock=FixedClock(datetime.fromisoformat(now)))
    window.set_store(store)
    window.show()
    for _ in range(3):  # the work put off until after the first paint
        _settle()
    window.grab()
    return window, store


def scroll() -> None:
    window, store = _large_window()
    frames = scroll_frames(window)
    print("frames_ms=" + ",".join(f"{f:.2f}" for f in frames), _rss())
    store.close()


def typing() -> None:
    window, store = _large_window()
    keys, saved = type_quick_log(window)
    print("keys_ms=" + ",".join(f"{k:.2f}" for k in keys), f"save_ms={saved:.1f}", _rss())
    store.close()


if __name__ == "__main__":
    {"dialog": dialog, "window": window, "scroll": scroll, "typing": typing}[sys.argv[1]]()
