"""The inbox by ids agrees with the inbox by pages (order, rows) — what the GUI's
lazy list model relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from spocdesk.core.mail import inbox, inbox_ids
from spocdesk.core.mail.capture import capture
from spocdesk.core.store import Store
from tests.core.mail.helpers import message

pytestmark = pytest.mark.both_backends  # the file store and a team server


def test_ids_and_rows_agree_with_the_pages(store: Store) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    batch = [message(f"Question {n}", sender=f"p{n % 4}@example.org", name=f"P{n % 4}",
                     message_id=f"m{n}@x", date=start + timedelta(minutes=7 * n % 31),
                     text=f"Body {n}") for n in range(13)]
    capture(store, batch, source="file")
    pages = inbox.list_unfiled(store, limit=100)
    ids = inbox_ids.unfiled_ids(store)
    assert ids == [r.id for r in pages]
    assert inbox_ids.unfiled_ids(store, limit=5) == ids[:5]
    rows = inbox_ids.unfiled_rows(store, ids[3:9])
    assert [rows[i] for i in ids[3:9]] == pages[3:9]
    assert inbox_ids.is_unfiled(store, ids[0])
    inbox.dismiss(store, ids[0])
    assert not inbox_ids.is_unfiled(store, ids[0])
    assert ids[0] not in inbox_ids.unfiled_rows(store, ids[:2])
