"""Load the heavy parts of the app while the user types the passphrase.

Importing SQLAlchemy, the ORM model and every page of the main window takes over
a second on a modest machine. Cold start stays fast because none of that is
imported before the unlock dialog is on screen; this module imports it in small
steps once the dialog has been painted, each step on its own event-loop turn so
that typing stays responsive between them. Whatever is not loaded yet when the
user presses Unlock is simply imported then.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def _orm() -> None:
    from spocdesk.core.store import warm_up

    warm_up()  # configure the mappers, which the first ORM query would otherwise pay


#: In order: what opening the store needs, then the main window and its pages.
STEPS: tuple[Callable[[], object], ...] = (
    _orm,
    lambda: importlib.import_module("spocdesk.ui.safety"),
    lambda: importlib.import_module("spocdesk.ui.main_window"),
    lambda: importlib.import_module("spocdesk.ui.followups.notifier"),
)


class WarmUp:
    """Runs :data:`STEPS`, then ``then`` (e.g. building the hidden main window), one per
    event-loop turn. A dialog calls :meth:`start` from its ``paintEvent``: the steps
    begin once it is on screen, and stop if it is deleted (it is the timers' context).

    A plain object rather than an event filter: a filter's Python side can be gone while
    Qt still calls it during the dialog's destruction.
    """

    def __init__(self, then: Callable[[], object] | None = None) -> None:
        self._steps = [*STEPS, *([then] if then is not None else [])]
        self._context: QObject | None = None

    def start(self, context: QObject) -> None:
        """Begin on the next event-loop turn; later calls do nothing."""
        if self._context is None:
            self._context = context
            QTimer.singleShot(0, context, self._next)

    def _next(self) -> None:
        if not self._steps or self._context is None:
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception:  # a failed warm-up must not stop the unlock
            log.exception("warm-up step failed; it will run again when needed")
            self._steps.clear()
            return
        QTimer.singleShot(0, self._context, self._next)
