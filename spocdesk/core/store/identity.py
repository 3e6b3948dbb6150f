"""A store's identity: the ``store_id`` setting (revision 0002 gives a file one).

A handover pack names the store it was made from, and its hand-back is taken only
into that store (:func:`spocdesk.core.handover.merge.plan_merge`). A team server's
schema is made from the models, not from the file's migrations, so it gets its
identity when it first needs one (:func:`ensure`, when its first pack is written),
unless ``server import`` brought a file's along before (settings are the team's).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa

KEY = "store_id"


def read(conn: sa.Connection) -> str:
    """The store's identity; "" when it has none."""
    text = conn.execute(sa.text("SELECT value FROM setting WHERE key = :key "
                                "AND deleted_at IS NULL"), {"key": KEY}).scalar()
    if text is None:
        return ""
    try:
        return str(json.loads(text))
    except ValueError:
        return str(text)


def ensure(conn: sa.Connection) -> str:
    """A team server's identity, made now when it has none (two people writing their
    first packs at once get the same one); in the caller's transaction."""
    found = read(conn)
    if found:
        return found
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(sa.text(
        "INSERT INTO setting (id, key, value, created_at, updated_at, revision) "
        "VALUES (:id, :key, :value, :now, :now, 1) ON CONFLICT DO NOTHING"),
        {"id": str(uuid.uuid4()), "key": KEY, "value": json.dumps(str(uuid.uuid4())),
         "now": now})
    return read(conn)
