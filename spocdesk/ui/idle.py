"""Auto-lock after N idle minutes: one single-shot timer armed for the moment the
limit would pass, re-armed when it fires early (no polling loop). User input is
only noted (a timestamp), so mouse moves cost nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from spocdesk.core.clock import Clock, SystemClock

ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, minutes: int, clock: Clock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock: Clock = clock or SystemClock()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.last_activity: datetime = self.clock.now()
        self.limit = timedelta(0)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """0 turns auto-lock off."""
        self.limit = timedelta(minutes=max(0, minutes))
        self.note_activity()

    def note_activity(self) -> None:
        self.last_activity = self.clock.now()
        if self.limit and not self.timer.isActive():
            self._arm(self.limit)

    def pause(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if not self.limit:
            return
        left = self.limit - (self.clock.now() - self.last_activity)
        if left <= timedelta(0):
            self.timer.stop()
            self.idle.emit()
        else:
            self._arm(left)

    def _arm(self, delay: timedelta) -> None:
        self.timer.start(max(1, int(delay.total_seconds() * 1000)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_activity = self.clock.now()
        return False
