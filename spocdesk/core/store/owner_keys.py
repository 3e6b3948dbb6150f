"""Values unique per person on a team server, not across the team.

On the store file a captured e-mail is stored once: its ``dedupe_key`` (the
Message-ID, else a hash of its content) is unique. On a team server two people may
well receive and capture the same message; each captures it as their own, so there
the key is unique per ``owner``. Capture still skips a message that its person sees
already (their own copy, or a colleague's filed on a case they share), so a shared
case's log does not get it twice; and a colleague's copy one cannot see neither
refuses one's own nor tells one that it exists.

:func:`install` (``spocdesk server init``, also on a server made before) gives each
such index its per-owner definition under the same name; idempotent.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

log = logging.getLogger(__name__)

#: index name → (table, columns unique per owner)
PER_OWNER: dict[str, tuple[str, tuple[str, ...]]] = {
    "ix_mail_message_key": ("mail_message", ("dedupe_key",)),
}


def install(conn: sa.Connection) -> None:
    for index, (table, columns) in PER_OWNER.items():
        wanted = f"({', '.join(('owner', *columns))})"
        definition = conn.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = :index"), {"index": index}).scalar()
        if definition is not None and str(definition).endswith(wanted):
            continue
        conn.execute(sa.text(f"DROP INDEX IF EXISTS {index}"))
        conn.execute(sa.text(f"CREATE UNIQUE INDEX {index} ON {table} {wanted}"))
        log.info("%s is unique per person on the team server", index)
