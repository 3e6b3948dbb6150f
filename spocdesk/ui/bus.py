"""The one Qt-side signal views listen on: a service's change-set after each action."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from spocdesk.core.uow import ChangeSet


class ChangeBus(QObject):
    changed = Signal(object)  # ChangeSet

    def publish(self, changes: ChangeSet) -> None:
        if changes:
            self.changed.emit(changes)
