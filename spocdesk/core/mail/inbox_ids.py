"""The inbox by ids, for a list model that holds only the ids of its query and the rows
it shows (``ui/lazy_model.py``): the same order as :func:`inbox.list_unfiled` — the
sender with the newest message first, each sender's messages newest first — as ids,
and rows fetched by id. Refreshing by id keeps the user's place while they triage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from spocdesk.core.mail.inbox import _UNFILED, PREVIEW, InboxRow
from spocdesk.core.model import StoredAttachment, StoredMail
from spocdesk.core.store import Store

_CHUNK = 500


def _ordered() -> Any:
    group = (StoredMail.sender_email,)
    newest = sa.func.max(StoredMail.occurred_at).over(partition_by=group).label("newest")
    count = sa.func.count().over(partition_by=group).label("sender_count")
    return (sa.select(StoredMail.id, StoredMail.sender_email, StoredMail.occurred_at,
                      newest, count).where(_UNFILED).subquery())


def unfiled_ids(store: Store, limit: int | None = None) -> list[str]:
    """The ids of the unfiled messages in the inbox's order, at most ``limit``."""
    inner = _ordered()
    query = (sa.select(inner.c.id).order_by(inner.c.newest.desc(), inner.c.sender_email,
                                            inner.c.occurred_at.desc(), inner.c.id))
    if limit is not None:
        query = query.limit(max(limit, 0))
    with store.connection() as conn:
        return [str(i) for i in conn.execute(query).scalars()]


def unfiled_rows(store: Store, ids: Sequence[str]) -> dict[str, InboxRow]:
    """The inbox rows of ``ids`` (those still unfiled), by id."""
    inner = _ordered()
    attachments = (sa.select(sa.func.count()).select_from(StoredAttachment)
                   .where(StoredAttachment.mail_id == StoredMail.id,
                          StoredAttachment.deleted_at.is_(None))
                   .correlate(StoredMail).scalar_subquery())
    found: dict[str, InboxRow] = {}
    with store.connection() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start:start + _CHUNK])
            rows = conn.execute(
                sa.select(StoredMail.id, StoredMail.sender_name, StoredMail.sender_email,
                          StoredMail.subject,
                          sa.func.substr(StoredMail.body, 1, PREVIEW * 4).label("start"),
                          StoredMail.occurred_at, inner.c.sender_count,
                          attachments.label("attachments"))
                .join(inner, inner.c.id == StoredMail.id)
                .where(StoredMail.id.in_(chunk))).mappings()
            for r in rows:
                found[str(r["id"])] = InboxRow(
                    id=r["id"], sender_name=r["sender_name"], sender_email=r["sender_email"],
                    subject=r["subject"],
                    preview=" ".join(str(r["start"] or "").split())[:PREVIEW],
                    occurred_at=r["occurred_at"], attachments=int(r["attachments"]),
                    sender_count=int(r["sender_count"]))
    return found


def is_unfiled(store: Store, mail_id: str) -> bool:
    with store.connection() as conn:
        return conn.execute(sa.select(StoredMail.id).where(
            StoredMail.id == mail_id, _UNFILED)).first() is not None
