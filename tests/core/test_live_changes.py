"""Changes by colleagues on a team server arrive by themselves (issue 22 item 5): the
server's triggers notify, a client's :class:`ChangeListener` turns the notifications
into change-sets by id, its own writes are no news, and it stops promptly."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as wf
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.store.notify import BATCH_SECONDS, MAX_IDS, ChangeListener, changes_of
from spocdesk.core.store.server import ServerStore
from spocdesk.core.uow import EXTERNAL_KINDS, ChangeSet
from tests.pg_server import PASSWORD

WAIT = 5.0  # seconds: far more than a notification needs over loopback


@pytest.fixture
def mine(pg_url: str, clock: FixedClock) -> Iterator[ServerStore]:
    s = ServerStore.connect(pg_url, PASSWORD, clock=clock)
    yield s
    s.close()


@pytest.fixture
def theirs(pg_url: str, clock: FixedClock) -> Iterator[ServerStore]:
    s = ServerStore.connect(pg_url, PASSWORD, clock=clock)
    yield s
    s.close()


@pytest.fixture
def heard(mine: ServerStore) -> Iterator[queue.Queue[ChangeSet]]:
    arrived: queue.Queue[ChangeSet] = queue.Queue()
    listener = ChangeListener(mine, arrived.put).start()
    assert listener.wait_listening()
    yield arrived
    listener.stop()


def next_changes(arrived: queue.Queue[ChangeSet]) -> ChangeSet:
    return arrived.get(timeout=WAIT)


def test_a_colleagues_new_case_and_edit_arrive_by_id(theirs: ServerStore,
                                                      heard: queue.Queue[ChangeSet]) -> None:
    ref = cases.add_case(theirs, cases.NewCase(title="Boiler")).value
    added = next_changes(heard)
    case_id = next(iter(added.ids["case"]))
    assert "search" in added
    wf.update_case(theirs, ref, next_step="Call the plumber")
    edited = next_changes(heard)
    assert edited.ids["case"] == {case_id}


def test_a_follow_up_names_itself_and_its_case(theirs: ServerStore,
                                                heard: queue.Queue[ChangeSet]) -> None:
    cases.add_case(theirs, cases.NewCase(title="Boiler"))
    case_id = next(iter(next_changes(heard).ids["case"]))
    followup_id = followups.add_followup(theirs, followups.NewFollowUp(
        title="Chase the part", due_at=None, case_id=case_id)).value
    got = next_changes(heard)
    assert got.ids["followup"] == {followup_id}
    assert case_id in got.ids["case"]


def test_own_writes_are_no_news(mine: ServerStore, theirs: ServerStore,
                                heard: queue.Queue[ChangeSet]) -> None:
    cases.add_case(mine, cases.NewCase(title="Mine"))
    time.sleep(4 * BATCH_SECONDS)
    assert heard.empty()
    cases.add_case(theirs, cases.NewCase(title="Theirs"))
    assert "case" in next_changes(heard)


def test_a_rolled_back_write_says_nothing(theirs: ServerStore,
                                          heard: queue.Queue[ChangeSet]) -> None:
    from spocdesk.core.model import Case

    case_id = next(iter(cases_added(theirs, heard)))
    with theirs.unit_of_work() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        case.title = "Never saved"
        uow.session.flush()
        uow.rollback()
    time.sleep(4 * BATCH_SECONDS)
    assert heard.empty()


def cases_added(store: ServerStore, heard: queue.Queue[ChangeSet]) -> set[str]:
    cases.add_case(store, cases.NewCase(title="Boiler"))
    return next_changes(heard).ids["case"]


def test_stop_is_prompt(mine: ServerStore) -> None:
    listener = ChangeListener(mine, lambda _c: None).start()
    assert listener.wait_listening()
    started = time.monotonic()
    listener.stop()
    assert not listener.running
    assert time.monotonic() - started < 3 * BATCH_SECONDS + 0.5


def test_payloads_become_kinds_and_ids() -> None:
    got = changes_of([("case_record", "c1", "", ""), ("contact_point", "p1", "", "s1"),
                      ("interaction", "i1", "c2", ""), ("audit_event", "a1", "", ""),
                      ("nonsense", "", "", "")])
    assert got.ids["case"] == {"c1", "c2"}
    assert got.ids["stakeholder"] == {"s1"}
    assert got.ids["interaction"] == {"i1"}
    assert "audit_event" not in got
    flood = changes_of([("case_record", f"c{i}", "", "") for i in range(MAX_IDS + 1)])
    assert flood.kinds() == set(EXTERNAL_KINDS)  # too many to name: every view reloads
