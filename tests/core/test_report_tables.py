"""The report's tables (revisions 0024 and 0027: read from indexes, in the order of
their groups) give the same rows as a straightforward join, group and sort of every
row.

Stores of a few dozen cases and log entries, with what a long-used store holds: cases
without a category or a main stakeholder, entries without a case or a participant,
soft-deleted cases, entries and participants, and entries changed after they were
written (deleted, minutes changed or cleared, moved in time), which the triggers of
revision 0027 copy onto the participants. The periods are those of the report in
Berlin around the change to summer time, each with the period before it.
"""

from __future__ import annotations

import importlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import demo
from spocdesk.core.clock import FixedClock
from spocdesk.core.metrics import figures
from spocdesk.core.model import (
    Case,
    CaseParticipant,
    Interaction,
    InteractionParticipant,
    Stakeholder,
)
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backend
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.both_backends

BERLIN = ZoneInfo("Europe/Berlin")
# a Friday after the clocks went forward (2026-03-29): the four weeks from Monday
# 2026-03-16 cross the change, the quarter's previous period starts in December
NOW = datetime(2026, 4, 10, 15, 0, tzinfo=UTC)
START = datetime(2025, 12, 1, tzinfo=UTC)
revision = importlib.import_module(
    "spocdesk.core.store.migrations.versions.0027_report_tables_in_group_order")

# every row joined, then grouped and sorted: what each table means
REFERENCE = {
    "_EFFORT_BY_CATEGORY": """
SELECT coalesce(c.category, ''), total(x.minutes), count(DISTINCT x.case_id)
  FROM interaction AS x LEFT JOIN case_record AS c ON c.id = x.case_id
 WHERE x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.minutes IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1""",
    "_EFFORT_BY_STAKEHOLDER": """
SELECT s.id, s.display_name, total(x.minutes) AS m, count(*)
  FROM interaction AS x
  JOIN interaction_participant AS p ON p.interaction_id = x.id AND p.deleted_at IS NULL
  JOIN stakeholder AS s ON s.id = p.stakeholder_id
 WHERE x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.minutes IS NOT NULL GROUP BY s.id ORDER BY m DESC, s.display_name, s.id
 LIMIT :top""",
    "_EFFORT_BY_CASE": """
SELECT c.id, c.ref, total(x.minutes) AS m, count(*)
  FROM interaction AS x JOIN case_record AS c ON c.id = x.case_id
 WHERE x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.minutes IS NOT NULL GROUP BY c.id ORDER BY m DESC, c.ref_number LIMIT :top""",
    "_BY_STAKEHOLDER": """
SELECT s.id, s.display_name, count(*) AS n FROM case_record AS c
  JOIN case_participant AS p ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
  JOIN stakeholder AS s ON s.id = p.stakeholder_id
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
 GROUP BY s.id ORDER BY n DESC, s.display_name, s.id LIMIT :top""",
    "_BY_ORGANISATION": """
SELECT o.id, o.display_name, count(*) AS n FROM case_record AS c
  JOIN case_participant AS p ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
  JOIN stakeholder AS s ON s.id = p.stakeholder_id
  JOIN stakeholder AS o ON o.id = (CASE WHEN s.kind = 'organisation' THEN s.id
                                        ELSE s.organisation_id END)
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
 GROUP BY o.id ORDER BY n DESC, o.display_name, o.id LIMIT :top""",
    "_VOLUME_BY_CATEGORY": """
SELECT c.category, count(*) FROM case_record AS c
 WHERE c.opened_at >= :lo AND c.opened_at < :hi AND c.deleted_at IS NULL
 GROUP BY c.category ORDER BY 2 DESC, 1""",
}
CONTACTS = """
SELECT count(*), count(*) - count(DISTINCT x.case_id) - (count(*) - count(x.case_id))
  FROM interaction AS x
 WHERE x.occurred_at >= :lo AND x.occurred_at < :hi AND x.deleted_at IS NULL
   AND x.direction = 'in'"""
STALE = """
SELECT p.id FROM interaction_participant AS p JOIN interaction AS x ON x.id = p.interaction_id
 WHERE p.minutes IS DISTINCT FROM (CASE WHEN x.deleted_at IS NULL THEN x.minutes END)
    OR p.occurred_at IS DISTINCT FROM x.occurred_at"""


def run(conn: sa.Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """The file's words on the file or a server (as :mod:`figures` runs them)."""
    return figures._query(conn, sql, params).all()


def _periods(top: int) -> list[dict[str, Any]]:
    """The spans the report reads: 4 weeks and a quarter, each with the one before."""
    spans = []
    for period in ("4w", "quarter"):
        plan = figures._plan(NOW, period, BERLIN, top)
        spans += [plan.span, plan.prev_span]
    return spans


def assert_tables_equal_the_reference(store: Store, top: int) -> None:
    with store.connection() as conn:
        assert conn.exec_driver_sql(STALE).all() == []
        for span in _periods(top):
            for name, reference in REFERENCE.items():
                got = run(conn, getattr(figures, name), span)
                want = run(conn, reference, span)
                assert got == want, (name, span)
        for period in ("4w", "quarter"):
            plan = figures._plan(NOW, period, BERLIN, top)
            demands = figures._demands(conn, plan)
            for span, demand in zip((plan.span, plan.prev_span), demands, strict=True):
                (inbound, repeats), = run(conn, CONTACTS, span)
                assert (demand.inbound_contacts, demand.repeat_contacts) == (inbound, repeats)


def _moment(rng: Any) -> datetime:
    """Any moment of the stretch, or one right at a bound of a report's week."""
    if rng.random() < 0.15:
        plan = figures._plan(NOW, rng.choice(["4w", "quarter"]), BERLIN, 10)
        edge = rng.choice([*plan.bounds, plan.prev])
        return edge + timedelta(microseconds=rng.choice([-1, 0, 0, 1]))
    return START + timedelta(minutes=rng.randint(0, 60 * 24 * 135))


def _fill(store: Store, rng: Any) -> None:
    with store.unit_of_work() as uow:
        orgs = [Stakeholder(display_name=f"Org {k % 2}", sort_name="o", kind="organisation")
                for k in range(3)]
        uow.session.add_all(orgs)
        uow.session.flush()
        people = [Stakeholder(display_name=f"P{k % 4}", sort_name="p",
                              organisation_id=rng.choice([None, *[o.id for o in orgs]]))
                  for k in range(10)]
        uow.session.add_all(people)
        uow.session.flush()
        everyone = orgs + people
        cases = []
        for n in range(1, 15):
            case = Case(ref=f"C-{n:04d}", ref_number=n, title="t",
                        category=rng.choice(["", "billing", "access"]),
                        opened_at=_moment(rng),
                        deleted_at=NOW if rng.random() < 0.1 else None)
            uow.session.add(case)
            uow.session.flush()
            cases.append(case)
            if rng.random() < 0.8:  # some have no main stakeholder
                uow.session.add(CaseParticipant(case_id=case.id, is_main=True,
                                                stakeholder_id=rng.choice(everyone).id))
        for _ in range(50):
            entry = Interaction(
                case_id=rng.choice([None, *[c.id for c in cases]]), channel="phone",
                direction=rng.choice(["in", "in", "out", "internal"]), summary="x",
                occurred_at=_moment(rng), minutes=rng.choice([None, 0, 5, 10, 15]),
                deleted_at=NOW if rng.random() < 0.1 else None)
            uow.session.add(entry)
            uow.session.flush()
            for who in rng.sample(everyone, rng.randint(0, 2)):
                uow.session.add(InteractionParticipant(
                    interaction_id=entry.id, stakeholder_id=who.id,
                    deleted_at=NOW if rng.random() < 0.1 else None))
        uow.commit()


EDITS = {  # what a merge, an erasure or a repair may do to rows after they were written
    "delete entry": "UPDATE interaction SET deleted_at = :now WHERE id = :id",
    "restore entry": "UPDATE interaction SET deleted_at = NULL WHERE id = :id",
    "clear minutes": "UPDATE interaction SET minutes = NULL WHERE id = :id",
    "set minutes": "UPDATE interaction SET minutes = 7 WHERE id = :id",
    "move entry": "UPDATE interaction SET occurred_at = :moment WHERE id = :id",
    "delete participant": "UPDATE interaction_participant SET deleted_at = :now "
                          "WHERE interaction_id = :id",
    "forget participant": "DELETE FROM interaction_participant WHERE interaction_id = :id",
    "recategorise case": "UPDATE case_record SET category = 'access' "
                         "WHERE id = (SELECT case_id FROM interaction WHERE id = :id)",
}


def _edit(store: Store, rng: Any, edits: list[str]) -> None:
    with store.engine.begin() as conn:
        ids = [str(r[0]) for r in conn.exec_driver_sql("SELECT id FROM interaction")]
        for name in edits:
            backend.query(conn, EDITS[name], {"id": rng.choice(ids), "now": NOW,
                                              "moment": _moment(rng)})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.integers(0, 5),
       st.lists(st.sampled_from(sorted(EDITS)), max_size=8))
def test_the_tables_equal_a_join_group_and_sort_of_every_row(
        store: Store, rng: Any, top: int, edits: list[str]) -> None:
    """Ties at the edge of a top list included: few distinct minutes and names."""
    with store.engine.begin() as conn:
        for table in ("interaction_participant", "interaction", "case_participant",
                      "case_record", "stakeholder"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    _fill(store, rng)
    _edit(store, rng, edits)
    assert_tables_equal_the_reference(store, top)


def test_the_report_of_a_period_carries_the_reference_rows(store: Store,
                                                           clock: FixedClock) -> None:
    """measures(): the tables as the report and the PDF read them."""
    clock.set(NOW)
    _fill(store, random.Random(21))
    plan = figures._plan(NOW, "4w", BERLIN, 3)
    m = figures.measures(store, "4w", tz=BERLIN, top=3)
    with store.connection() as conn:
        def rows(name: str) -> list[Any]:
            return run(conn, REFERENCE[name], plan.span)

        assert [(c.key, c.minutes, c.count) for c in m.effort_by_category] == \
            rows("_EFFORT_BY_CATEGORY")
        assert [(c.key, c.label, c.minutes, c.count) for c in m.effort_by_stakeholder] \
            == rows("_EFFORT_BY_STAKEHOLDER")
        assert [(c.key, c.label, c.minutes, c.count) for c in m.effort_by_case] == \
            rows("_EFFORT_BY_CASE")
        assert [(c.key, c.count) for c in m.volume_by_category] == \
            rows("_VOLUME_BY_CATEGORY")
        for span, demand in ((plan.span, m.demand), (plan.prev_span, m.previous_demand)):
            assert (demand.inbound_contacts, demand.repeat_contacts) == \
                tuple(run(conn, CONTACTS, span)[0])
    assert m.effort_by_category and m.demand.inbound_contacts, "the store has figures"


@pytest.mark.file_only("SQLite's query plans")
def test_the_tables_read_their_indexes_in_group_order(store: Store) -> None:
    """No sort of a period's rows: the groups come in index order (a top ten and the
    few categories are sorted, nothing else)."""
    span = {"lo": "2026", "hi": "2027", "prev": "2025", "top": 10, "above": 9}
    expected = {
        "_EFFORT_BY_CATEGORY": "ix_case_category_cases",
        "_EFFORT_BY_CASE": "ix_case_category_cases",
        "_EFFORT_BY_STAKEHOLDER": "ix_interaction_participant_effort",
        "_VOLUME_BY_CATEGORY": "ix_case_opened_category",
        "_CASES_CONTACTED": "ix_interaction_inbound_case",
    }
    with store.connection() as conn:
        for name, index in expected.items():
            plan = [str(r[3]) for r in conn.execute(
                sa.text("EXPLAIN QUERY PLAN " + getattr(figures, name)), span)]
            assert any(index in line for line in plan), (name, plan)
            assert not any("TEMP B-TREE FOR GROUP BY" in line for line in plan
                           if name != "_EFFORT_BY_CATEGORY"), (name, plan)


def test_the_upgrade_copies_the_minutes_onto_the_participants(location: Location) -> None:
    Store.create(location, PASSPHRASE, revision="0026").close()
    old = Store.open(location, PASSPHRASE, upgrade=False)
    try:
        demo.generate(old, "small")  # revision 0026: participants without minutes
        with old.engine.begin() as conn:  # and one entry moved after it was written
            conn.exec_driver_sql(
                "UPDATE interaction SET occurred_at = '2026-01-05 10:00:00.000000' "
                "WHERE id = (SELECT interaction_id FROM interaction_participant "
                "JOIN interaction AS x ON x.id = interaction_id "
                "WHERE x.minutes IS NOT NULL LIMIT 1)")
    finally:
        old.close()
    store = Store.open(location, PASSPHRASE)  # upgrades to 0027
    try:
        with store.connection() as conn:
            timed = conn.exec_driver_sql(
                "SELECT count(*) FROM interaction_participant WHERE minutes IS NOT NULL"
            ).scalar_one()
            assert timed > 0, "the small demo store logs minutes"
            assert conn.exec_driver_sql(STALE).all() == []
            indexes = {str(r[1]) for table in ("case_record", "interaction",
                                               "interaction_participant")
                       for r in conn.exec_driver_sql(f"PRAGMA index_list({table})")}
        assert {name for _t, name, _c, _w in revision.INDEXES} <= indexes
        assert revision.REPLACED[1] not in indexes
    finally:
        store.close()


def test_server_init_puts_right_the_copies_of_an_older_server(server_store: Store,
                                                              pg_url: str) -> None:
    """A server made before the report's triggers kept stale minutes on the
    participants; ``server init`` on it repairs them (and then the triggers keep them)."""
    from spocdesk.core.store.server import init_schema
    from tests.pg_server import PASSWORD

    _fill(server_store, random.Random(5))
    with server_store.engine.begin() as conn:  # as an older server left them
        conn.exec_driver_sql("ALTER TABLE interaction DISABLE TRIGGER spocdesk_effort_entry")
        conn.exec_driver_sql("UPDATE interaction SET minutes = 3 WHERE minutes IS NULL")
        conn.exec_driver_sql("ALTER TABLE interaction ENABLE TRIGGER spocdesk_effort_entry")
        assert conn.exec_driver_sql(STALE).all() != []
    assert init_schema(pg_url, PASSWORD) is False  # the schema was there
    with server_store.connection() as conn:
        assert conn.exec_driver_sql(STALE).all() == []
