"""The inbox by ids, for a list model that holds only the ids of its query and the rows
it shows (``ui/lazy_model.py``): the ids in the order of :func:`inbox.list_unfiled`
(declared once there: :func:`inbox.ranked` and :func:`inbox.inbox_order`), and rows
fetched by id. Refreshing by id keeps the user's place while they triage.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from spocdesk.core.mail.inbox import (
    _UNFILED,
    InboxRow,
    inbox_order,
    inbox_row,
    ranked,
    row_columns,
)
from spocdesk.core.model import StoredMail
from spocdesk.core.store import Store

_CHUNK = 500


def unfiled_ids(store: Store, limit: int | None = None) -> list[str]:
    """The ids of the unfiled messages in the inbox's order, at most ``limit``."""
    inner = ranked()
    query = sa.select(inner.c.id).order_by(*inbox_order(inner.c))
    if limit is not None:
        query = query.limit(max(limit, 0))
    with store.connection() as conn:
        return [str(i) for i in conn.execute(query).scalars()]


def unfiled_rows(store: Store, ids: Sequence[str]) -> dict[str, InboxRow]:
    """The inbox rows of ``ids`` (those still unfiled), by id."""
    inner = ranked()
    found: dict[str, InboxRow] = {}
    with store.connection() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start:start + _CHUNK])
            rows = conn.execute(
                sa.select(inner, *row_columns(StoredMail.id))
                .join(StoredMail, StoredMail.id == inner.c.id)
                .where(StoredMail.id.in_(chunk))).mappings()
            for r in rows:
                found[str(r["id"])] = inbox_row(r)
    return found


def is_unfiled(store: Store, mail_id: str) -> bool:
    with store.connection() as conn:
        return conn.execute(sa.select(StoredMail.id).where(
            StoredMail.id == mail_id, _UNFILED)).first() is not None
