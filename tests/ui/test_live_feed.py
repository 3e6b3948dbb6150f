"""A team server in the window (issue 22 items 5 and 7): a colleague's save reaches the
change-set bus and the case detail shows it by itself; a lost connection keeps the
typed text, says in one sentence that the server cannot be reached, and once the
server answers again the text is saved without the user doing anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMainWindow

from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as wf
from spocdesk.core.clock import FixedClock
from spocdesk.core.store import notify
from spocdesk.core.store.server import ServerStore
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.live import LiveFeed
from tests.net_cut import Relay
from tests.pg_server import ADMIN, PASSWORD, PgServer


@pytest.fixture
def relay(pg_server: PgServer) -> Iterator[Relay]:
    r = Relay(pg_server.port)
    yield r
    r.cut()


@pytest.fixture
def mine(relay: Relay, pg_url: str, clock: FixedClock) -> Iterator[ServerStore]:
    """This window's login, through a network cable the test can pull."""
    s = ServerStore.connect(relay.url(pg_url.rsplit("/", 1)[1], ADMIN), PASSWORD, clock=clock)
    yield s
    s.close()


@pytest.fixture
def theirs(pg_url: str, clock: FixedClock) -> Iterator[ServerStore]:
    s = ServerStore.connect(pg_url, PASSWORD, clock=clock)
    yield s
    s.close()


class Window(QMainWindow):
    def __init__(self, store: ServerStore) -> None:
        super().__init__()
        self.bus = ChangeBus(self)
        self.detail = CaseDetailPanel(self.bus, self)
        self.setCentralWidget(self.detail)
        self.detail.set_store(store)
        self.bus.changed.connect(lambda _changes: self.detail.refresh())
        self.live = LiveFeed(self.bus, self.statusBar(), self.detail.flush, self)
        self.live.set_store(store)


@pytest.fixture
def window(qtbot, mine: ServerStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[Window]:
    monkeypatch.setattr(notify, "RETRY_SECONDS", 0.3)
    w = Window(mine)
    qtbot.addWidget(w)
    assert w.live._listener is not None and w.live._listener.wait_listening()
    yield w
    w.live.stop()


def test_a_colleagues_save_shows_by_itself(qtbot, window: Window, theirs: ServerStore,
                                           mine: ServerStore) -> None:
    ref = cases.add_case(mine, cases.NewCase(title="Boiler")).value
    window.detail.show_case(ref)
    wf.update_case(theirs, ref, next_step="Call the plumber")
    qtbot.waitUntil(lambda: window.detail.next_step.text() == "Call the plumber", timeout=3000)


def test_a_lost_connection_keeps_the_text_and_saves_it_when_back(
        qtbot, window: Window, relay: Relay, mine: ServerStore, theirs: ServerStore) -> None:
    ref = cases.add_case(mine, cases.NewCase(title="Boiler")).value
    window.detail.show_case(ref)
    window.detail.next_step.setText("Order a part")
    relay.cut()
    assert not window.detail.flush()
    assert window.detail.next_step.text() == "Order a part"  # the typed text stays
    assert "cannot be reached" in window.detail.save_state.text()
    qtbot.waitUntil(lambda: "cannot be reached" in window.statusBar().currentMessage(),
                    timeout=3000)
    assert "keeps trying" in window.statusBar().currentMessage()
    assert detail.get_case(theirs, ref).next_step == ""  # nothing half-written

    relay.restore()
    qtbot.waitUntil(lambda: detail.get_case(theirs, ref).next_step == "Order a part",
                    timeout=5000)
    assert window.statusBar().currentMessage() == "The team server answers again."
    assert not window.detail.dirty
