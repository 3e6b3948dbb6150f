"""Column mappings the user chose for a CSV layout, remembered per header.

A mapping is kept in the store's settings table (so encrypted, like every
setting) under a key made from a hash of the file's header row: the next file
with the same columns starts from the same choices. Nothing of the file's
content is kept, only its column names and which field each one feeds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa

from spocdesk.core.model import Setting
from spocdesk.core.people.formats.contacts_csv import FIELDS
from spocdesk.core.store import Store

PREFIX = "csv_mapping:"


def _key(headers: Sequence[str]) -> str:
    digest = hashlib.sha256("\x1f".join(headers).encode("utf-8")).hexdigest()
    return PREFIX + digest[:40]


def remembered(store: Store, headers: Sequence[str]) -> dict[str, str] | None:
    """The mapping last used for exactly these columns, or None; entries that no longer
    fit (an unknown field, a column the header lacks) are left out."""
    with store.session() as session:
        raw = session.scalar(sa.select(Setting.value).where(Setting.key == _key(headers)))
    if raw is None:
        return None
    try:
        stored = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(stored, dict):
        return None
    return {str(target): str(column) for target, column in stored.items()
            if target in FIELDS and column in headers}


def remember(store: Store, headers: Sequence[str], mapping: dict[str, str]) -> None:
    """Keep ``mapping`` for files with these columns (no change-set: no view shows it)."""
    value = json.dumps(mapping, sort_keys=True)
    with store.unit_of_work() as uow:
        row = uow.session.scalar(sa.select(Setting).where(Setting.key == _key(headers)))
        if row is None:
            uow.session.add(Setting(key=_key(headers), value=value))
        elif row.value != value:
            row.value = value
        uow.commit()
