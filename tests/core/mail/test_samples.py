"""The demo store's sample e-mails: in the Inbox, and the cases left as they were."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from spocdesk.core import demo
from spocdesk.core.mail import inbox, samples
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # demo data fills a team server too


def _case_state(store: Store) -> list[tuple[object, ...]]:
    with store.connection() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT id, revision, status, first_response_at, last_interaction_at "
            "FROM case_record ORDER BY id")]


def _interactions(store: Store) -> int:
    with store.connection() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM interaction")).scalar_one())


def test_demo_mail_waits_in_the_inbox_and_leaves_the_cases_alone(store: Store) -> None:
    demo.generate(store, "small")
    cases_before, logged_before = _case_state(store), _interactions(store)
    report = samples.add_samples(store).value
    assert len(report.items) == 3 and report.duplicates == 0
    rows = inbox.list_unfiled(store)
    assert {r.subject for r in rows} == {"Question about respite care for my father",
                                         "Care sector news — December", "Change of address"}
    known = next(r for r in rows if r.subject == "Change of address")
    with store.connection() as conn:  # from a person of the directory
        assert conn.execute(sa.text("SELECT count(*) FROM contact_point WHERE lower(value) = "
                                    ":e"), {"e": known.sender_email}).scalar_one() == 1
    assert all(r.occurred_at <= store.now() for r in rows)
    assert _case_state(store) == cases_before and _interactions(store) == logged_before
    again = samples.add_samples(store).value  # the same Message-IDs: nothing new
    assert again.items == () and again.duplicates == 3
    assert len(inbox.list_unfiled(store)) == 3
