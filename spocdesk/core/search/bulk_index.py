"""Bulk writes to the directory and the mail without the per-row index triggers.

The search index (revisions 0003 and 0025) and the directory's lookup (revision
0007) follow every write through triggers, one row at a time: fine for a user's
edit, slow for an import of 10,000 people (each new contact point and stakeholder
rewrites a document) or the first sync of a mailbox (each unfiled message writes
one: FTS5 makes a segment of every row and merges them again and again).
:func:`stakeholders_in_bulk` and :func:`mail_in_bulk` drop those triggers inside
the caller's transaction, let the caller insert, then index the touched records
in a few set-based ``INSERT … SELECT`` statements and put the triggers back, word
for word as they were.

SQLite DDL is transactional and the store emits ``BEGIN`` itself, so when the
caller's unit of work rolls back (an error, a cancel), the dropped triggers come
back with everything else. Other connections never see the store without them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import ModuleType

import sqlalchemy as sa

# Derived-data triggers on the directory tables that a bulk write may suspend: the
# search index (revision 0003) and the directory's lookup (revision 0007).
SUSPENDABLE = ("search_index_", "stakeholder_lookup_")
TABLES = ("stakeholder", "contact_point")
_IDS = "temp.bulk_index_ids"


def _revision(name: str) -> ModuleType:
    return importlib.import_module(f"spocdesk.core.store.migrations.versions.{name}")


def _triggers(conn: sa.Connection,
              tables: tuple[str, ...] | None = TABLES) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the suspendable triggers on ``tables`` (on every
    table when ``None``)."""
    rows = conn.exec_driver_sql(
        "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'trigger' "
        "ORDER BY name").all()
    return [(str(name), str(sql)) for name, sql, table in rows
            if str(name).startswith(SUSPENDABLE) and (tables is None or table in tables)]


def drop_index_triggers(conn: sa.Connection) -> None:
    """Drop every search-index and lookup trigger (on all tables) in this transaction,
    for a writer that rebuilds the whole index afterwards (``search.indexed_afterwards``)."""
    for name, _sql in _triggers(conn, None):
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')


def reindex_stakeholders(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Rewrite the search and lookup documents of the stakeholders ``ids`` (and drop
    those of the ones no longer live) in a few set-based statements."""
    chosen = _chosen_ids(conn, ids)
    if chosen is None:
        return
    script = _revision("0003_search_index")._rewrite("stakeholder", chosen,
                                                     f"r.id IN ({chosen})")
    statements = [s for s in script.split(";\n") if s.strip()]
    lookup = _revision("0007_stakeholder_lookup")
    # The lookup's secure-delete (an erased name leaves the index at once) costs about
    # 3 ms per replaced document; a merge import replaces hundreds, none of them erased.
    # The setting lives in the lookup's config table, so it is part of this transaction.
    secure = conn.exec_driver_sql(
        f"SELECT v FROM {lookup.LOOKUP}_config WHERE k = 'secure-delete'").scalar()
    toggle = f"INSERT INTO {lookup.LOOKUP} ({lookup.LOOKUP}, rank) VALUES ('secure-delete', "
    statements += [toggle + "0)"] if secure else []
    statements += lookup.rewrite(chosen)
    statements += [toggle + "1)"] if secure else []
    for statement in statements:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(f"DROP TABLE {_IDS}")


@contextmanager
def stakeholders_in_bulk(conn: sa.Connection) -> Iterator[set[str]]:
    """Suspend the index triggers on stakeholders and contact points for the block.

    Yields a set the block fills with the ids of every stakeholder it inserted or
    changed (contact points included, by their owner). When the block ends normally
    those are indexed and the triggers recreated; when it raises, nothing is put
    back here: the caller's transaction must roll back (a unit of work does)."""
    saved = _triggers(conn)
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    touched: set[str] = set()
    yield touched
    reindex_stakeholders(conn, touched)
    for _name, sql in saved:
        conn.exec_driver_sql(sql)


def _chosen_ids(conn: sa.Connection, ids: Iterable[str]) -> str | None:
    """The ids in a temporary table; a SELECT of them (``None`` when there are none)."""
    wanted = sorted(set(ids))
    if not wanted:
        return None
    conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {_IDS} (id TEXT PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {_IDS}")
    conn.exec_driver_sql(f"INSERT INTO {_IDS} (id) VALUES (?)", [(i,) for i in wanted])
    return f"SELECT id FROM {_IDS}"


def reindex_mail(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Rewrite the search documents of the captured e-mails ``ids`` (those waiting
    in the Inbox get one, the others none) in a few set-based statements."""
    chosen = _chosen_ids(conn, ids)
    if chosen is None:
        return
    mail = _revision("0025_search_unfiled_mail")
    script = _revision("0003_search_index")._rewrite(mail.KIND, chosen, f"r.id IN ({chosen})",
                                                     mail.spec())
    for statement in [s for s in script.split(";\n") if s.strip()]:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(f"DROP TABLE {_IDS}")


@contextmanager
def mail_in_bulk(conn: sa.Connection) -> Iterator[set[str]]:
    """Suspend the search index's triggers on captured mail for the block (as
    :func:`stakeholders_in_bulk`); the block fills the yielded set with the ids of
    the e-mails it stored, flushed before it ends."""
    saved = _triggers(conn, ("mail_message",))
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    touched: set[str] = set()
    yield touched
    if saved:  # an older schema (before revision 0025) has no mail documents
        reindex_mail(conn, touched)
    for _name, sql in saved:
        conn.exec_driver_sql(sql)
