"""One way for a view to run a user's action (Anki's ``CollectionOp``): call the
service, publish its change-set on the bus so every view refreshes, or show the
service's one sentence.

- :func:`run_op` runs a quick action on the GUI thread.
- :func:`run_op_in_background` runs a long one (reading mail files, talking to a
  mail server) in a worker thread behind a progress dialog with *Cancel*; the
  window keeps painting, and the change-set is published on the GUI thread when the
  action is done. The action gets a :class:`Ticket` to report progress and to learn
  of a cancel: it raises :class:`Cancelled` (:meth:`Ticket.check`) before it commits,
  and its unit of work rolls back, so a cancelled action wrote nothing.
- :func:`stop_background_ops` cancels and waits for every running one (the main
  window calls it before the store is locked or closed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import Shiboken

from spocdesk.core.errors import SpocError
from spocdesk.core.outcome import Outcome
from spocdesk.ui.bus import ChangeBus

log = logging.getLogger(__name__)
T = TypeVar("T")
SHOW_AFTER_MS = 400  # a background action that takes longer shows its progress dialog
STOP_WAIT_MS = 30_000  # at most this long for a worker to notice a stop (a network timeout)


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


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """One sentence to the user (tests replace this function)."""
    QMessageBox.warning(parent, title, text)


class Cancelled(Exception):
    """The user cancelled a background action (it rolls back what it began)."""


class Ticket:
    """What a background action holds: whether it was cancelled, and where its
    progress goes. Safe to use from the worker thread."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.on_progress: Callable[[int, int, str], None] = lambda _d, _t, _s: None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` once the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; ``True`` (at once) when cancelled meanwhile."""
        return self._cancel.wait(seconds)

    def progress(self, done: int, total: int, text: str = "") -> None:
        """``done`` of ``total`` (``total`` 0: unknown), with a line saying what."""
        self.on_progress(done, total, text)


class Job(QThread, Generic[T]):
    """``work(ticket)`` in a thread of its own; :attr:`outcome` or :attr:`error` once
    :meth:`isFinished`. Progress reaches the GUI thread through :attr:`progressed`."""

    progressed = Signal(int, int, str)

    def __init__(self, work: Callable[[Ticket], T], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.ticket = Ticket()
        self.ticket.on_progress = self.progressed.emit  # queued to the GUI thread
        self.outcome: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        _running.add(self)
        try:
            self.outcome = self.work(self.ticket)
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.error = exc
        finally:
            _running.discard(self)

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel and wait for the thread; ``False`` when it is still running."""
        self.ticket.cancel()
        return self.wait(wait_ms)


_running: set[Job[Any]] = set()


def stop_background_ops() -> None:
    """Cancel every running background action and wait for it (before a lock)."""
    for job in list(_running):
        if not job.stop():
            log.warning("a background action did not stop in time")


class JobProgress(QProgressDialog):
    """The progress of a background action: shown after a moment (a quick one never
    shows it), *Cancel* cancels, the window behind it blocked but painted."""

    def __init__(self, label: str, title: str, parent: QWidget | None,
                 cancellable: bool) -> None:
        super().__init__(label, QCoreApplication.translate("Ops", "Cancel"), 0, 0, parent)
        self.setObjectName("jobProgress")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self.base_label = label
        if not cancellable:
            self.setCancelButton(None)
        self.setValue(0)  # the clock of the minimum duration starts

    def step(self, done: int, total: int, text: str) -> None:
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total else 0)
        self.setLabelText(f"{self.base_label}\n{text}" if text else self.base_label)


def run_op_in_background(parent: QWidget | None, bus: ChangeBus,
                         action: Callable[[Ticket], Outcome[T]], title: str, label: str, *,
                         cancellable: bool = True, quiet: bool = False) -> Outcome[T] | None:
    """Run ``action`` in a worker thread while a progress dialog (``label``) shows how
    far it got; publish its change-set on the GUI thread. ``None`` when cancelled, or
    when the service refused (its sentence in a box headed ``title``; ``quiet``: the
    exception is raised instead, for a dialog that shows it itself)."""
    job: Job[Outcome[T]] = Job(action)
    progress = JobProgress(label, title, parent, cancellable)
    job.progressed.connect(progress.step)
    progress.canceled.connect(job.ticket.cancel)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    # a moment in which clicks and keys wait (a quick action never shows the dialog
    # and no other action can start meanwhile), then the dialog, whose Cancel works
    QTimer.singleShot(SHOW_AFTER_MS, loop.quit)
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if not job.isFinished():
        progress.show()
        loop.exec()
    job.wait()
    if Shiboken.isValid(progress):  # a lock meanwhile closed and deleted it
        progress.reset()
        progress.close()
        progress.deleteLater()
    job.deleteLater()
    if isinstance(job.error, Cancelled):
        return None
    if job.error is not None:
        if quiet or not isinstance(job.error, SpocError | OSError):
            raise job.error
        warn(parent, title, str(job.error))
        return None
    assert job.outcome is not None
    bus.publish(job.outcome.changes)
    return job.outcome
