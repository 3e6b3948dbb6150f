"""Render every page and the main dialogs of spocdesk on a demo store, as PNG files.

    python scripts/screenshots.py OUT_DIR [--size 1100x700 …] [--theme light|dark …]
                                          [--language en|de …] [--case C-0001]

Without options: 1100x700 (the first-run size), 1280x800 and 800x600, light and dark,
English and German. Each file is ``<language>-<theme>-<size>-<what>.png``; pages are
``cases``, ``cases-timeline``, ``cases-history``, ``stakeholders``, ``followups``,
``handover``, ``dashboard`` and ``dashboard-quality``; dialogs are ``settings``,
``new-case``, ``feedback``,
``stakeholder-edit``, ``escalate``, ``outcome``, ``absence``, ``unlock`` and
``connect`` (a dialog
larger than the window is shrunk to it, as a small screen would). A window or dialog
that cannot shrink that far (its minimum size is larger) is listed on stderr.

Offscreen rendering (the default without a display) can hide what a real window
shows; for a real look run it under Xvfb::

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \\
        python scripts/screenshots.py /tmp/shots

The demo store lives in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from spocdesk.core import demo, paths, preferences
from spocdesk.core.mail import samples
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui import style

SIZES = ("1100x700", "1280x800", "800x600")
THEMES = ("light", "dark")
LANGUAGES = ("en", "de")
PAGE_NAMES = {"Cases": "cases", "Stakeholders": "stakeholders", "Follow-ups": "followups",
              "Handover": "handover", "Dashboard": "dashboard"}


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#2f6f8f",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#7fb8e6", QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def settle(app: QApplication, seconds: float = 0.25) -> None:
    """Let deferred work (first paint, then the detail, counts after the paint) run."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def add_activity(store: Store, ref: str = "C-0001") -> None:
    """A day of work on one case through the services, so its timeline and history
    have something of every kind to show (the demo generator writes no audit trail)."""
    from datetime import timedelta

    from spocdesk.core.cases import detail as case_detail
    from spocdesk.core.cases import escalation as case_escalation
    from spocdesk.core.cases import service as cases
    from spocdesk.core.cases import workflow as case_workflow
    from spocdesk.core.followups import service as fu

    case = case_detail.get_case(store, ref)
    people = [p.stakeholder_id for p in case.participants[:1]]
    case_workflow.update_case(store, ref, status="waiting", next_step="Wait for the pharmacy")
    cases.log_interaction(store, ref, cases.NewInteraction(
        "phone", "in", "Asked whether the new dosage is confirmed", stakeholder_ids=people,
        body="Wants a call back before Friday.\nPrefers mornings; mobile number on file."))
    escalation = case_escalation.escalate(store, ref, "Pharmacy team", "Dosage unclear").value
    case_escalation.record_escalation_outcome(store, escalation, "Dosage confirmed by phone")
    cases.log_interaction(store, ref, cases.NewInteraction(
        "email", "out", "Sent the confirmed dosage", stakeholder_ids=people))
    fu.add_followup(store, fu.NewFollowUp(title="Check the dosage was picked up",
                                          due_at=store.now() + timedelta(days=2),
                                          case_id=case.id))


def add_feedback(store: Store) -> None:
    """Satisfaction on two thirds of the recently resolved cases and a dozen Net
    Promoter answers, so the dashboard's Quality part has figures to show (the demo
    generator records none)."""
    import random

    from spocdesk.core.metrics import feedback

    rng = random.Random(7)
    pending = feedback.pending(store, days=120, limit=400).cases
    for case in pending[: len(pending) * 2 // 3]:
        feedback.record_csat(store, case.id, rng.choice((2, 3, 4, 4, 5, 5, 5)),
                             via=rng.choice(feedback.VIA))
    for due in feedback.nps_due(store, limit=12):
        feedback.record_nps(store, due.stakeholder_id, rng.choice((3, 6, 7, 8, 9, 10, 10)))


def size_of(text: str) -> QSize:
    width, height = (int(part) for part in text.lower().split("x"))
    return QSize(width, height)


class Shooter:
    """Writes the PNGs of one language and theme at each size."""

    def __init__(self, app: QApplication, store: Store, out: Path, case: str | None) -> None:
        self.app, self.store, self.out, self.case = app, store, out, case
        self.written: list[Path] = []
        self.overflows: list[str] = []

    def save(self, widget: QWidget, prefix: str, name: str) -> None:
        settle(self.app, 0.05)
        path = self.out / f"{prefix}-{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        self.written.append(path)

    def pages(self, prefix: str, size: QSize) -> None:
        from spocdesk.ui.main_window import MainWindow

        window = MainWindow(self.store.location, demo=True)
        window.resize(size)
        window.set_store(self.store)
        window.show()
        settle(self.app, 0.5)
        try:
            for page in window.pages:
                window.show_page(page.title)
                settle(self.app, 0.4)
                name = PAGE_NAMES.get(page.title, page.title.lower())
                self.save(window, prefix, name)
                self.check_fits(window, size, f"{prefix}-{name}")
                if name == "cases":
                    self._case_tabs(window, page, prefix, size)
                if name == "dashboard":
                    page.scroll_area.ensureWidgetVisible(page.quality, 0, 0)
                    settle(self.app, 0.2)
                    self.save(window, prefix, "dashboard-quality")
            self.dialogs(window, prefix, size)
        finally:
            window.set_store(None)
            window.close()
            window.deleteLater()
            settle(self.app, 0.05)

    def check_fits(self, widget: QWidget, size: QSize, what: str) -> None:
        """Say so when a window cannot shrink to the size asked for (its minimum is larger)."""
        if widget.width() > size.width() or widget.height() > size.height():
            self.overflows.append(f"{what}: {widget.width()}x{widget.height()} does not fit "
                                  f"{size.width()}x{size.height()}")

    def _case_tabs(self, window: QWidget, page: QWidget, prefix: str, size: QSize) -> None:
        detail = getattr(page, "detail", None)
        if detail is None:
            return
        if self.case:
            detail.show_case(self.case)
        tabs = detail.tabs
        for tab, name in ((2, "cases-timeline"), (3, "cases-history")):
            tabs.setCurrentIndex(tab)
            settle(self.app, 0.2)
            self.save(window, prefix, name)
            self.check_fits(window, size, f"{prefix}-{name}")
        tabs.setCurrentIndex(0)

    def dialogs(self, window: QWidget, prefix: str, size: QSize) -> None:
        for name, make in self._dialog_factories(window).items():
            dialog = make()
            dialog.show()  # at the size it opens with, as exec() would show it
            if dialog.size().boundedTo(size) != dialog.size():
                dialog.resize(dialog.size().boundedTo(size))
            settle(self.app, 0.15)
            self.save(dialog, prefix, name)
            self.check_fits(dialog, size, f"{prefix}-{name}")
            dialog.reject()
            dialog.deleteLater()
        settle(self.app, 0.05)

    def _dialog_factories(self, window: QWidget) -> dict[str, Callable[[], QDialog]]:
        from spocdesk.core.cases import detail as case_detail
        from spocdesk.core.metrics import feedback
        from spocdesk.ui.cases.dialogs import EscalateDialog, NewCaseDialog, OutcomeDialog
        from spocdesk.ui.cases.feedback import FeedbackDialog
        from spocdesk.ui.connect_dialog import ConnectDialog
        from spocdesk.ui.handover.dialogs import AbsenceDialog
        from spocdesk.ui.settings_dialog import SettingsDialog
        from spocdesk.ui.stakeholders.edit_dialog import StakeholderEditDialog
        from spocdesk.ui.unlock import UnlockDialog

        store = self.store
        person = next((row.id for row in stakeholders.list_stakeholders(store, limit=20)
                       if row.kind == "person"), None)
        found: dict[str, Callable[[], QDialog]] = {
            "settings": lambda: SettingsDialog(preferences.get_settings(store), window),
            "new-case": lambda: NewCaseDialog(store, window),
            "escalate": lambda: EscalateDialog(window),
            "outcome": lambda: OutcomeDialog("Billing team", window),
            "absence": lambda: AbsenceDialog(window),
            "unlock": lambda: UnlockDialog(store.location, window),
            "connect": lambda: ConnectDialog(
                window, "postgresql://anna@db.example.org:5432/spoc"),
        }
        resolved = feedback.pending(store, days=3650, limit=1).cases
        if resolved:
            found["feedback"] = lambda: FeedbackDialog(
                store, case_detail.get_case(store, resolved[0].id), window)
        if person is not None:
            found["stakeholder-edit"] = lambda: StakeholderEditDialog(
                store, stakeholders.details(store, person), window)
        return found


@contextmanager
def look(app: QApplication, theme: str, language: str) -> Iterator[None]:
    from spocdesk.ui import i18n

    i18n.install(app, language)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    try:
        yield
    finally:
        i18n.uninstall(app)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files (created)")
    parser.add_argument("--size", action="append", choices=SIZES, help="repeatable")
    parser.add_argument("--theme", action="append", choices=THEMES, help="repeatable")
    parser.add_argument("--language", action="append", choices=LANGUAGES, help="repeatable")
    parser.add_argument("--case", default=None, help="the case whose timeline is shown "
                        "(default: the one the list selects)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(["spocdesk-screenshots"])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")  # the same look offscreen, under Xvfb and on a bare desktop
    style.install(app)  # as the app corrects it
    folder = Path(tempfile.mkdtemp(prefix="spocdesk-shots-"))
    store = Store.create(paths.resolve(data_dir=folder), secrets.token_urlsafe(24))
    try:
        demo.generate(store, "small")
        add_activity(store)
        add_feedback(store)
        samples.add_samples(store)  # the Inbox as `spocdesk --demo` shows it
        shooter = Shooter(app, store, args.out, args.case)
        for language in args.language or LANGUAGES:
            for theme in args.theme or THEMES:
                with look(app, theme, language):
                    for size in args.size or SIZES:
                        shooter.pages(f"{language}-{theme}-{size}", size_of(size))
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(shooter.written)} screenshots in {args.out}")
    for line in shooter.overflows:
        print(f"too large: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
