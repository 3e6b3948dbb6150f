"""One way for a view to run a user's action (Anki's ``CollectionOp``): call the
service, publish its change-set on the bus so every view refreshes, or show the
service's one sentence. The cases detail uses it; the handover and follow-ups
pages still have helpers of their own to fold into it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from spocdesk.core.errors import SpocError
from spocdesk.core.outcome import Outcome
from spocdesk.ui.bus import ChangeBus

T = TypeVar("T")


def run_op(parent: QWidget, bus: ChangeBus, action: Callable[[], Outcome[T]],
           title: str) -> Outcome[T] | None:
    """Run ``action`` (one service call, one unit of work) and publish its change-set;
    when the service refuses, or the disk does, show its sentence in a box headed
    ``title`` and return ``None``."""
    try:
        outcome = action()
    except (SpocError, OSError) as exc:
        warn(parent, title, str(exc))
        return None
    bus.publish(outcome.changes)
    return outcome


def warn(parent: QWidget, title: str, text: str) -> None:
    """One sentence to the user (tests replace this function)."""
    QMessageBox.warning(parent, title, text)
