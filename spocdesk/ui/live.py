"""A team server's change feed in the window: colleagues' changes reach the change-set
bus (the views refresh those rows by id), and a lost connection is one sentence in
the status bar until the server answers again.

:class:`~spocdesk.core.store.notify.ChangeListener` runs in a thread of its own; its
callbacks emit this object's signals, which Qt delivers on the GUI thread (queued).
When the server is back, whatever the user typed meanwhile is saved (``retry``, the
main window's ``flush``) and every view reads its rows again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar

from spocdesk.core.store import Store
from spocdesk.core.store.backend import POSTGRESQL
from spocdesk.core.store.notify import ChangeListener
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus

log = logging.getLogger(__name__)
BACK_MESSAGE_MS = 8000


class LiveFeed(QObject):
    """Listens while a team server is open; does nothing for the store file."""

    arrived = Signal(object)  # ChangeSet, from the listener's thread
    reachable = Signal(bool, str)  # up?, why not (from the listener's thread)

    def __init__(self, bus: ChangeBus, status: QStatusBar, retry: Callable[[], object],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.status = status
        self.retry = retry
        self.up = True
        self._listener: ChangeListener | None = None
        self.arrived.connect(self._publish)
        self.reachable.connect(self._show_state)

    def set_store(self, store: Store | None) -> None:
        """Start listening on a team server (stop first: lock, another store)."""
        self.stop()
        self.up = True
        if store is None or store.backend != POSTGRESQL:
            return
        self._listener = ChangeListener(store, self.arrived.emit, self.reachable.emit).start()

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()

    def _publish(self, changes: ChangeSet) -> None:
        if self._listener is not None:
            self.bus.publish(changes)

    def _show_state(self, up: bool, why: str) -> None:
        if self._listener is None:
            return
        self.up = up
        if not up:
            log.info("the team server cannot be reached")
            self.status.showMessage(self.tr(
                "The team server cannot be reached ({why}); spocdesk keeps trying, and "
                "what you type stays in the form until it is saved.").format(why=why))
            return
        log.info("the team server answers again")
        self.status.showMessage(self.tr("The team server answers again."), BACK_MESSAGE_MS)
        self.retry()  # typed text that could not be saved meanwhile
