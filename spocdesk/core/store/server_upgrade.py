"""``spocdesk server upgrade URL``: move a team server's schema to this spocdesk's head.

A server's schema is not made by the file's migrations: ``server init`` builds it from
the models at the head revision of its day. The revisions up to the *baseline*
(:data:`~spocdesk.core.store.server.SERVER_BASELINE`) are SQLite's own DDL and never
run on a server; every revision after it runs on both databases (``op`` calls, or raw
SQL per dialect through ``op.get_bind().dialect``). So a server made at the baseline
or later is moved on by Alembic like a file, on the schema owner's connection, and then
gets the server's own parts again
(:func:`spocdesk.core.store.server.install_server_parts`: policies, grants, triggers
and search documents for whatever the revisions added).

PostgreSQL's DDL is transactional: the revisions and the server parts run in one
transaction, so an upgrade that fails anywhere leaves the server as it was. Members'
clients wait for the upgrade's locks and then find the newer revision (an older
spocdesk among them says it is too old for the store)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spocdesk.core.errors import NotAStore, StoreTooNew
from spocdesk.core.store import backend, migrate, server

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upgraded:
    server: str
    before: str
    after: str

    def to_json(self) -> dict[str, str]:
        return {"server": self.server, "from_revision": self.before, "to_revision": self.after}


def upgrade_schema(url: str, password: str | None) -> Upgraded | None:
    """Move the server at ``url`` to the head revision, as the schema's owner; None when
    it is there already. All or nothing."""
    from alembic import command

    where = backend.display_url(url)
    engine = server.server_engine(url, password)
    try:
        with server.translate_server_error(url), engine.begin() as conn:
            state, before = server.schema_state(conn)
            if state is migrate.SchemaState.CURRENT:
                return None
            if state is migrate.SchemaState.TOO_NEW:
                raise StoreTooNew(where)
            if before is None:
                raise NotAStore(where, server.NO_SCHEMA)
            if before < server.SERVER_BASELINE:
                raise NotAStore(where, server.BEFORE_BASELINE)
            cfg = migrate.config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            server.install_server_parts(conn)
    finally:
        engine.dispose()
    after = migrate.head()
    log.info("upgraded a team server's schema from %s to %s", before, after)
    return Upgraded(where, before, after)
