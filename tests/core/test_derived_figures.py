"""Derived data the dashboard reads (revision 0008) stays equal to what it summarises.

``stakeholder.last_contact_at`` / ``contact_due_at`` and ``interaction_hourly`` are
kept by triggers; every test here compares them with the answer computed the slow
way from the source rows, after the writes a user can make.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import sla
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.model import Case, Interaction, InteractionParticipant, Stakeholder
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def person(store: Store, name: str, cadence: int | None = None) -> str:
    with store.unit_of_work() as uow:
        row = Stakeholder(display_name=name, sort_name=name.casefold(), cadence_days=cadence)
        uow.session.add(row)
        uow.commit()
        return row.id


def log(store: Store, who: list[str], when: datetime, channel: str = "phone") -> str:
    with store.unit_of_work() as uow:
        entry = Interaction(occurred_at=when, channel=channel, direction="out", summary="x")
        uow.session.add(entry)
        uow.session.flush()
        for sid in who:
            uow.session.add(InteractionParticipant(interaction_id=entry.id, stakeholder_id=sid))
        uow.commit()
        return entry.id


def contact(store: Store, sid: str) -> tuple[Any, Any]:
    c = Stakeholder.__table__.c
    with store.connection() as conn:
        row = conn.execute(sa.select(c.last_contact_at, c.contact_due_at)
                           .where(c.id == sid)).one()
    return row[0], row[1]


def execute(store: Store, sql: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def test_last_contact_and_cadence_deadline_follow_every_write(store: Store) -> None:
    ada = person(store, "Ada", cadence=14)
    bob = person(store, "Bob")
    with store.connection() as conn:
        created = conn.execute(sa.select(Stakeholder.created_at)
                               .where(Stakeholder.id == ada)).scalar_one()
    assert contact(store, ada) == (None, created + timedelta(days=14))
    assert contact(store, bob) == (None, None)  # no cadence, no deadline

    first = log(store, [ada, bob], T0 - timedelta(days=3))
    log(store, [ada], T0 - timedelta(days=10))  # an older entry does not move it back
    assert contact(store, ada) == (T0 - timedelta(days=3), T0 + timedelta(days=11))
    assert contact(store, bob) == (T0 - timedelta(days=3), None)

    execute(store, "UPDATE stakeholder SET cadence_days = 30 WHERE id = :id", id=ada)
    assert contact(store, ada)[1] == T0 + timedelta(days=27)

    # the newest entry withdrawn (soft delete of its link): back to the older one
    execute(store, "UPDATE interaction_participant SET deleted_at = :now "
            "WHERE interaction_id = :i", now="2026-03-02 09:00:00.000000", i=first)
    assert contact(store, ada) == (T0 - timedelta(days=10), T0 + timedelta(days=20))
    assert contact(store, bob) == (None, None)

    # links moved to another person (a merge): both people recomputed
    carol = person(store, "Carol", cadence=7)
    execute(store, "UPDATE interaction_participant SET stakeholder_id = :to "
            "WHERE stakeholder_id = :from", to=carol, **{"from": ada})
    assert contact(store, carol) == (T0 - timedelta(days=10), T0 - timedelta(days=3))
    assert contact(store, ada)[0] is None

    # a value written directly is replaced by the true one
    execute(store, "UPDATE stakeholder SET contact_due_at = '2099-01-01 00:00:00.000000', "
            "last_contact_at = NULL WHERE id = :id", id=carol)
    assert contact(store, carol) == (T0 - timedelta(days=10), T0 - timedelta(days=3))

    execute(store, "DELETE FROM interaction_participant WHERE stakeholder_id = :id", id=carol)
    assert contact(store, carol)[0] is None


def hourly(store: Store) -> dict[tuple[str, str], int]:
    with store.connection() as conn:
        rows = conn.execute(sa.text("SELECT hour, channel, n FROM interaction_hourly "
                                    "WHERE n != 0")).all()
    return {(h, c): n for h, c, n in rows}


def counted(store: Store) -> dict[tuple[str, str], int]:
    with store.connection() as conn:
        # the UTC hour as the file stores moments (text) and as a server's timestamps
        hour = ("to_char(occurred_at, 'YYYY-MM-DD HH24')"
                if conn.dialect.name == "postgresql" else "substr(occurred_at, 1, 13)")
        rows = conn.execute(sa.text(
            f"SELECT {hour}, channel, count(*) FROM interaction "
            "WHERE deleted_at IS NULL GROUP BY 1, 2")).all()
    return {(h, c): n for h, c, n in rows}


def test_hourly_summary_equals_the_log_after_inserts_edits_and_deletes(store: Store) -> None:
    ada = person(store, "Ada")
    ids = [log(store, [ada], T0 + timedelta(minutes=17 * k), channel)
           for k, channel in enumerate(["phone", "email", "phone", "chat"] * 5)]
    assert hourly(store) == counted(store)
    execute(store, "UPDATE interaction SET channel = 'letter' WHERE id = :id", id=ids[0])
    execute(store, "UPDATE interaction SET occurred_at = '2026-04-01 10:30:00.000000' "
            "WHERE id = :id", id=ids[1])
    execute(store, "UPDATE interaction SET deleted_at = '2026-04-01 10:30:00.000000' "
            "WHERE id = :id", id=ids[2])
    execute(store, "DELETE FROM interaction_participant WHERE interaction_id = :id", id=ids[3])
    execute(store, "DELETE FROM interaction WHERE id = :id", id=ids[3])
    assert hourly(store) == counted(store)
    assert sum(hourly(store).values()) == len(ids) - 2


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 6 * 24 * 60), min_size=0, max_size=40),
       st.integers(0, 6 * 24 * 60), st.integers(0, 6 * 24 * 60))
def test_channel_counts_are_exact_at_any_period_edges(
        store: Store, minutes: list[int], a: int, b: int) -> None:
    execute(store, "DELETE FROM interaction")
    execute(store, "DELETE FROM interaction_hourly")
    with store.unit_of_work() as uow:
        for k, m in enumerate(minutes):
            uow.session.add(Interaction(
                occurred_at=T0 + timedelta(minutes=m, seconds=k % 60),
                channel=["phone", "email", "note"][k % 3], direction="in", summary="x"))
        uow.commit()
    lo, hi = sorted((T0 + timedelta(minutes=a, seconds=7), T0 + timedelta(minutes=b)))
    expected: dict[str, int] = {}
    for k, m in enumerate(minutes):
        moment = T0 + timedelta(minutes=m, seconds=k % 60)
        if lo <= moment < hi:
            channel = ["phone", "email", "note"][k % 3]
            expected[channel] = expected.get(channel, 0) + 1
    with store.connection() as conn:
        got = {k: v for k, v in metrics.channel_counts(conn, lo, hi).items() if v}
    assert got == expected


def test_sla_tiles_equal_the_case_list_rank(store: Store) -> None:
    """The Today tiles' at-risk and breached counts (cheap comparisons first) agree with
    ``SlaSql.rank()`` over a spread of open and closed cases."""
    rng = random.Random(7)
    now = store.now()
    with store.unit_of_work() as uow:
        for n in range(1, 400):
            opened = now - timedelta(hours=rng.uniform(0, 24 * 40))
            responded = (opened + timedelta(hours=rng.uniform(0, 80))
                         if rng.random() < 0.6 else None)
            status = rng.choice(["new", "open", "waiting", "escalated", "resolved", "closed"])
            resolved = (opened + timedelta(days=rng.uniform(0, 35))
                        if status in ("resolved", "closed") else None)
            uow.session.add(Case(
                ref=f"C-{n:04d}", ref_number=n, title="t", opened_at=opened,
                priority=rng.choice(["low", "normal", "high", "urgent", "odd"]), status=status,
                first_response_at=responded if responded is None or responded < now else None,
                resolved_at=resolved if resolved is None or resolved < now else None))
        uow.commit()
    board = metrics.today(store)
    sql = sla.SlaSql(Settings(), now)
    rank = sql.rank()
    active = sa.and_(sql.c.deleted_at.is_(None), sql.c.status.in_(case_query.ACTIVE))
    with store.connection() as conn:
        ranks = [r for (r,) in conn.execute(sa.select(rank).where(active))]
    assert board.sla_at_risk == ranks.count(3)
    assert board.sla_breached == ranks.count(4)
    assert board.sla_breached > 0 and board.sla_at_risk > 0
