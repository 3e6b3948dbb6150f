"""*Log a call*: a stopwatch beside the quick log. Started when the call starts, it
shows the time running; stopped (or when the entry is saved while it runs), it
gives the call's start and its minutes, which the quick log records with the
interaction as its moment and its effort (issue 20 item 6, issue 21 item 3).

The clock is a monotonic one (a change of the wall clock or of daylight saving
never shortens a call); tests pass their own."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from spocdesk.core.cases.service import MAX_MINUTES


def call_minutes(seconds: float) -> int:
    """A call's minutes as a timesheet counts them: every started minute, at least
    one, at most a day (the most one log entry holds)."""
    return max(1, min(MAX_MINUTES, math.ceil(max(0.0, seconds) / 60.0)))


def clock_text(seconds: float) -> str:
    """``4:07`` or ``1:02:07``."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class CallTimer(QWidget):
    """A *Log a call* / *End call* button and the time running beside it."""

    started = Signal()
    stopped = Signal(int)  # the call's minutes

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("callTimer")
        self.clock = clock
        self.wall_clock: Callable[[], datetime | None] = lambda: None  # the call's moment
        self._began: float | None = None  # the monotonic start of the running call
        self.began_at: datetime | None = None  # the call's start on the wall clock
        self.button = QPushButton(self)
        self.button.setObjectName("callTimerButton")
        self.button.clicked.connect(self.toggle)
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("callTimerElapsed")
        self.elapsed.setAccessibleName(self.tr("Call duration"))
        self.elapsed.setTextFormat(Qt.TextFormat.PlainText)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.elapsed)
        self._show_state()

    @property
    def running(self) -> bool:
        return self._began is not None

    def seconds(self) -> float:
        return 0.0 if self._began is None else self.clock() - self._began

    def start(self, now: datetime | None = None) -> None:
        """The call starts (``now``: its moment on the wall clock, for the log)."""
        if self.running:
            return
        self._began = self.clock()
        self.began_at = now or self.wall_clock()
        self._tick.start()
        self._show_state()
        self.started.emit()

    def stop(self) -> int | None:
        """The call ends: its minutes (``None`` when none was running)."""
        if self._began is None:
            return None
        minutes = call_minutes(self.seconds())
        self._began = None
        self._tick.stop()
        self._show_state()
        self.elapsed.setText(self.tr("%n min", "", minutes))
        self.stopped.emit(minutes)
        return minutes

    def reset(self) -> None:
        """Forget the call (the entry was saved, or another case is shown)."""
        self._began = None
        self.began_at = None
        self._tick.stop()
        self._show_state()

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def _show_state(self) -> None:
        if self.running:
            self.button.setText(self.tr("End call"))
            self.button.setToolTip(self.tr("Stop the timer: its minutes go into the entry "
                                           "(Ctrl+Shift+L)"))
            self._show_time()
        else:
            self.button.setText(self.tr("Log a call"))
            self.button.setToolTip(self.tr("Start a timer as the call starts; the entry gets "
                                           "the call's time and minutes (Ctrl+Shift+L)"))
            self.elapsed.clear()
        self.button.setAccessibleName(self.button.text())

    def _show_time(self) -> None:
        if self.running:
            self.elapsed.setText("● " + clock_text(self.seconds()))
