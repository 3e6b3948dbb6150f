"""Audit events: who changed what, when, with before and after values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from spocdesk.core.model import AuditEvent


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def event(*, entity: str, entity_id: str, action: str, author: str, at: datetime,
          field: str = "", before: Any = None, after: Any = None) -> dict[str, Any]:
    """One audit event's column values, as :func:`record` writes them (a bulk insert of
    generated data writes the same)."""
    return {"entity": entity, "entity_id": entity_id, "action": action, "author": author,
            "at": at, "field": field, "before": _text(before), "after": _text(after)}


def record(session: Session, *, entity: str, entity_id: str, action: str, author: str,
           at: datetime, field: str = "", before: Any = None, after: Any = None) -> None:
    session.add(AuditEvent(**event(entity=entity, entity_id=entity_id, action=action,
                                   author=author, at=at, field=field, before=before,
                                   after=after)))


def record_changes(session: Session, *, entity: str, entity_id: str, author: str,
                   at: datetime, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One ``update`` event per field whose value differs; returns the fields."""
    changed = [name for name in after if before.get(name) != after[name]]
    for name in changed:
        record(session, entity=entity, entity_id=entity_id, action="update", author=author,
               at=at, field=name, before=before.get(name), after=after[name])
    return changed
