"""Two clients editing the same case (issue 22 item 5): the record's revision is an
optimistic lock, so neither edit is lost and the second save is refused with a
:class:`Conflict` that names what changed meanwhile; the user then keeps theirs on top
of the other edit (a new save on the fresh revision) or takes the other one.

The second client is a second connection to the same store: another ``Store.open`` of
the same encrypted file, or another login to the same team server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as wf
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import Conflict, InvalidInput
from spocdesk.core.model import Case
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.pg_server import PASSWORD

pytestmark = pytest.mark.both_backends  # two connections to the file, or to a server


@pytest.fixture
def colleague(store: Store, store_backend: str, location: Location,
              clock: FixedClock, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A second client of the same store."""
    if store_backend == "postgresql":
        from spocdesk.core.store.server import ServerStore

        other: Store = ServerStore.connect(request.getfixturevalue("pg_url"), PASSWORD,
                                           clock=clock)
    else:
        other = Store.open(location, PASSPHRASE, clock=clock)
    yield other
    other.close()


def _case(store: Store) -> str:
    return cases.add_case(store, cases.NewCase(title="Boiler", description="")).value


def test_the_second_save_is_refused_and_names_what_changed(
        store: Store, colleague: Store) -> None:
    case_id = _case(store)
    mine = detail.get_case(store, case_id)
    theirs = detail.get_case(colleague, case_id)

    wf.update_case(colleague, case_id, seen=theirs, title="Boiler leaks",
                   next_step="Call the plumber")
    with pytest.raises(Conflict) as refused:
        wf.update_case(store, case_id, seen=mine, next_step="Order a part")
    conflict = refused.value
    assert conflict.fields == ("title", "next step")
    assert conflict.revision == mine.revision + 1
    assert str(conflict) == (f"Case {mine.ref} was changed meanwhile (title, next step); "
                             "nothing was saved.")
    assert isinstance(conflict, InvalidInput)  # still "a value that cannot be used"
    now = detail.get_case(store, case_id)
    assert (now.title, now.next_step) == ("Boiler leaks", "Call the plumber")


def test_keep_mine_saves_on_top_of_theirs_and_neither_edit_is_lost(
        store: Store, colleague: Store) -> None:
    case_id = _case(store)
    mine = detail.get_case(store, case_id)
    theirs = detail.get_case(colleague, case_id)
    wf.update_case(colleague, case_id, seen=theirs, title="Boiler leaks")
    with pytest.raises(Conflict):
        wf.update_case(store, case_id, seen=mine, description="Since Monday")
    fresh = detail.get_case(store, case_id)  # "Keep mine": saved on what is there now
    wf.update_case(store, case_id, seen=fresh, description="Since Monday")
    both = detail.get_case(colleague, case_id)
    assert (both.title, both.description) == ("Boiler leaks", "Since Monday")
    assert both.revision == mine.revision + 2


def test_the_same_field_is_not_overwritten_silently(store: Store, colleague: Store) -> None:
    case_id = _case(store)
    mine = detail.get_case(store, case_id)
    wf.update_case(colleague, case_id, expected_revision=mine.revision, title="Theirs")
    with pytest.raises(Conflict, match="title"):
        wf.update_case(store, case_id, seen=mine, title="Mine")
    assert detail.get_case(colleague, case_id).title == "Theirs"


def test_a_save_without_a_revision_is_a_plain_update(store: Store, colleague: Store) -> None:
    """The command line's ``case update`` has no revision it saw: it writes as ever."""
    case_id = _case(store)
    wf.update_case(colleague, case_id, title="One")
    wf.update_case(store, case_id, title="Two")
    assert detail.get_case(colleague, case_id).title == "Two"


def test_a_save_that_loses_the_race_in_the_database_is_a_conflict(
        store: Store, colleague: Store, store_backend: str) -> None:
    """On a server two units of work run side by side: both read revision 1 and pass
    the check in Python; the database's ``WHERE revision = 1`` stops the later one."""
    if store_backend == "sqlite":
        pytest.skip("the file's writers queue for its write lock (BEGIN IMMEDIATE)")
    seen = detail.get_case(store, _case(store))
    case_id = seen.id
    with pytest.raises(Conflict) as refused, store.unit_of_work() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None and case.revision == seen.revision  # read, check passed
        wf.update_case(colleague, case_id, seen=detail.get_case(colleague, case_id),
                       title="Theirs, first")
        case.title = "Mine, second"
        uow.commit()
    assert refused.value.fields == ()  # a bare unit of work knows no more
    with store.connection() as conn:
        assert conn.execute(sa.select(Case.title, Case.revision)
                            .where(Case.id == case_id)).one() == ("Theirs, first",
                                                                  seen.revision + 1)


def test_update_case_losing_the_race_names_the_winners_change(
        store: Store, colleague: Store, store_backend: str) -> None:
    """A colleague's save holds the row while ours reads it (our check in Python passes)
    and commits while our UPDATE waits for the row: ``WHERE revision = :seen`` then
    matches nothing, and the sentence names the colleague's change."""
    if store_backend == "sqlite":
        pytest.skip("the file's writers queue for its write lock (BEGIN IMMEDIATE)")
    seen = detail.get_case(store, _case(store))
    outcome: dict[str, BaseException | None] = {}

    def ours() -> None:
        try:
            wf.update_case(store, seen.id, seen=seen, next_step="Mine")
            outcome["error"] = None
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    with colleague.engine.connect() as conn:
        conn.execute(sa.update(Case).where(Case.id == seen.id).values(
            title="Theirs", revision=Case.revision + 1))  # not committed: holds the row
        racer = threading.Thread(target=ours)
        racer.start()
        deadline = time.monotonic() + 10
        while not _waiting_for_a_lock(colleague) and time.monotonic() < deadline:
            time.sleep(0.05)
        conn.commit()
    racer.join(10)
    error = outcome["error"]
    assert isinstance(error, Conflict) and error.fields == ("title",)
    now = detail.get_case(store, seen.id)
    assert (now.title, now.next_step) == ("Theirs", "")


def _waiting_for_a_lock(store: Store) -> bool:
    with store.connection() as conn:
        return bool(conn.execute(sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()")).scalar())
