"""One GUI measurement in a fresh process, for ``benchmarks/run.py``.

    python benchmarks/gui_probe.py dialog [STORE]  # prints shown_at=<epoch s> when the
                                            # unlock dialog is on screen (cold start)
    python benchmarks/gui_probe.py window   # prints ms=<unlock → main window painted with
                                            # rows> and settled_ms=<… → the work put off
                                            # until after that paint done, e.g. counts>

Both print rss_mb=<peak resident memory>. The store is the cached large one.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

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


if __name__ == "__main__":
    {"dialog": dialog, "window": window}[sys.argv[1]]()
