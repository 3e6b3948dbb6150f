"""Moving in (issue 22 item 6): ``server import`` copies one person's encrypted store onto
a team server with every id, revision and time; a second run adds nothing; an import
that stops midway leaves nothing; a colleague's case references, settings and e-mails
already on the server are never overwritten."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from spocdesk.core import demo
from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.mail import samples
from spocdesk.core.store import Store
from spocdesk.core.store.server_import import import_store, tables


def counts(store: Store) -> dict[str, int]:
    with store.connection() as conn:
        return {t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                            or 0) for t in tables()}


def rows(store: Store, table: str) -> set[tuple[object, ...]]:
    """Every record of a table as comparable values (ids, revisions and times too)."""
    t = next(t for t in tables() if t.name == table)
    with store.connection() as conn:
        return {tuple(row) for row in conn.execute(sa.select(t))}


@pytest.fixture
def filled(store: Store) -> Store:
    demo.generate(store, "small")
    samples.add_samples(store)  # e-mails and their attachments too
    return store


def test_everything_moves_once(filled: Store, server_store: Store) -> None:
    report = import_store(filled, server_store)
    mine = counts(filled)
    assert counts(server_store) == mine
    assert report.total_added == sum(mine.values())
    assert report.renamed == {} and report.kept_theirs == {}
    for table in ("case_record", "stakeholder", "interaction", "followup", "mail_message",
                  "audit_event"):
        assert rows(server_store, table) == rows(filled, table), table

    again = import_store(filled, server_store)  # idempotent by record ids
    assert again.total_added == 0
    assert again.total_present == sum(mine.values())
    assert counts(server_store) == mine


def test_an_import_stopped_midway_leaves_nothing(filled: Store, server_store: Store) -> None:
    def interrupt(table: str, _added: int) -> None:
        if table == "interaction":
            raise KeyboardInterrupt  # Ctrl+C, or the connection lost, after some tables

    with pytest.raises(KeyboardInterrupt):
        import_store(filled, server_store, progress=interrupt)
    assert set(counts(server_store).values()) == {0}
    assert import_store(filled, server_store).total_added == sum(counts(filled).values())


def test_a_colleagues_references_settings_and_mail_stay(store: Store,
                                                        server_store: Store) -> None:
    theirs = cases.add_case(server_store, cases.NewCase(title="Colleague's case")).value
    for title in ("My first", "My second"):
        cases.add_case(store, cases.NewCase(title=title))
    samples.add_samples(store)
    samples.add_samples(server_store)  # the same e-mails, captured by the colleague
    mail_before = rows(server_store, "mail_message")

    report = import_store(store, server_store)
    assert report.renamed == {"C-0001": "C-0003"}  # the server's C-0001 is the colleague's
    assert detail.get_case(server_store, theirs).title == "Colleague's case"
    assert detail.get_case(server_store, "C-0003").title == "My first"
    assert detail.get_case(server_store, "C-0002").title == "My second"
    assert rows(server_store, "mail_message") == mail_before
    assert report.kept_theirs["mail_message"] == len(mail_before)
    assert import_store(store, server_store).total_added == 0  # and again: nothing new
