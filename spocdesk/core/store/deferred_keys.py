"""Foreign keys a transaction may check at its commit, on a team server.

The file checks a unit of work's foreign keys at commit when it asks to
(``PRAGMA defer_foreign_keys``): the hand-back of a handover pack copies the
deputy's records as they are, and a new organisation may come after the person who
works there. PostgreSQL defers only keys declared ``DEFERRABLE``, and the models'
``create_all`` declares none, so :func:`install` (``spocdesk server init``, also on a
server made before) makes every foreign key of the schema ``DEFERRABLE INITIALLY
IMMEDIATE``: checked row by row as before, unless a transaction says ``SET
CONSTRAINTS ALL DEFERRED`` (:func:`spocdesk.core.store.backend.defer_foreign_keys`).
Idempotent.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from spocdesk.core.store.roles import quote

log = logging.getLogger(__name__)


def install(conn: sa.Connection) -> int:
    """Make the schema's foreign keys deferrable; how many were not yet."""
    rows = conn.execute(sa.text(
        "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint AS c "
        "JOIN pg_namespace AS n ON n.oid = c.connamespace "
        "WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema() "
        "ORDER BY 1, 2")).all()
    for table, name in rows:
        conn.execute(sa.text(
            f"ALTER TABLE {table} ALTER CONSTRAINT {quote(name)} DEFERRABLE INITIALLY IMMEDIATE"))
    if rows:
        log.info("%d foreign keys on the team server may now be checked at commit", len(rows))
    return len(rows)
