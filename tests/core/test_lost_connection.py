"""A lost connection to the team server loses nothing (issue 22 item 7): the unit of
work in flight is rolled back on the server (nothing half-written), the service says
in one sentence that the server cannot be reached, the next action works on a new
connection, and the change feed says it is gone and comes back by itself."""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as wf
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import ServerUnreachable
from spocdesk.core.model import Case
from spocdesk.core.store import notify
from spocdesk.core.store.server import ServerStore
from spocdesk.core.uow import EXTERNAL_KINDS, ChangeSet
from tests.pg_server import PASSWORD, PgServer


@pytest.fixture
def store(pg_url: str, clock: FixedClock) -> Iterator[ServerStore]:
    s = ServerStore.connect(pg_url, PASSWORD, clock=clock)
    yield s
    s.close()


def terminate(pg_server: PgServer, database: str, where: str = "true") -> int:
    """``pg_terminate_backend`` on every client backend of ``database``: what a server
    restart or a dropped network does to the connections."""
    with pg_server.admin() as conn:
        return len(conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
            f"AND pid <> pg_backend_pid() AND ({where})", (database,)).fetchall())


def database_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_a_unit_of_work_cut_off_midway_writes_nothing(store: ServerStore, pg_url: str,
                                                      pg_server: PgServer) -> None:
    ref = cases.add_case(store, cases.NewCase(title="Boiler")).value
    with pytest.raises(ServerUnreachable) as lost, store.unit_of_work() as uow:
        case = uow.session.scalars(sa.select(Case).where(Case.ref == ref)).one()
        case.title = "Half written"
        uow.session.flush()  # the UPDATE is on the server, not committed
        assert terminate(pg_server, database_of(pg_url)) >= 1
        uow.commit()
    assert "cannot be reached" in str(lost.value)
    assert "nothing was changed" in str(lost.value)
    # the next action gets a new connection (the pool pings first) and sees no trace
    assert detail.get_case(store, ref).title == "Boiler"
    wf.update_case(store, ref, title="Saved after the cut")
    assert detail.get_case(store, ref).title == "Saved after the cut"


def test_connections_lost_while_idle_are_replaced_unnoticed(
        store: ServerStore, pg_url: str, pg_server: PgServer) -> None:
    """A restart of the server between two actions: the pool tests a connection before
    handing it out and opens a new one, so the user's next save just works."""
    ref = cases.add_case(store, cases.NewCase(title="Boiler")).value
    seen = detail.get_case(store, ref)
    assert terminate(pg_server, database_of(pg_url)) >= 1
    wf.update_case(store, ref, seen=seen, title="Kept")
    assert detail.get_case(store, ref).title == "Kept"


def test_the_change_feed_says_it_is_lost_and_comes_back(
        store: ServerStore, pg_url: str, pg_server: PgServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "RETRY_SECONDS", 0.2)
    states: queue.Queue[tuple[bool, str]] = queue.Queue()
    arrived: queue.Queue[ChangeSet] = queue.Queue()
    listener = notify.ChangeListener(store, arrived.put,
                                     lambda up, why: states.put((up, why))).start()
    try:
        assert listener.wait_listening()
        assert terminate(pg_server, database_of(pg_url), "query LIKE 'LISTEN%%'") == 1
        up, why = states.get(timeout=5)
        assert not up and why
        assert states.get(timeout=5) == (True, "")
        assert arrived.get(timeout=5).kinds() == set(EXTERNAL_KINDS)  # reload everything
        assert listener.wait_listening()
    finally:
        listener.stop()
