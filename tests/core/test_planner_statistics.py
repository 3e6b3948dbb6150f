"""Revision 0013: the planner reads the statistics of a store of real size."""

from __future__ import annotations

import importlib

from spocdesk.core import demo
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

pinned = importlib.import_module("spocdesk.core.store.migrations.versions.0013_planner_statistics")


def _statistics(store: Store) -> dict[tuple[str, str], str]:
    with store.connection() as conn:
        return {(str(t), str(i)): str(s) for t, i, s in conn.exec_driver_sql(
            "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL")}


def test_a_new_store_has_the_figures_of_a_store_of_real_size(store: Store) -> None:
    stats = _statistics(store)
    for table, index, stat in pinned.STATISTICS:
        assert stats[(table, index)] == stat


def test_every_index_of_the_schema_has_figures(store: Store) -> None:
    """A revision that adds an index must add its figures too. The search index and
    the directory's lookup (FTS5 tables, rebuilt whole) and the one-row tables keep
    whatever ANALYZE found."""
    with store.connection() as conn:
        indexes = {(str(t), str(n)) for t, n in conn.exec_driver_sql(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name NOT LIKE 'search_index%' AND tbl_name NOT LIKE 'stakeholder_lookup%' "
            "AND tbl_name NOT IN ('alembic_version', 'setting')")}
        # a WITHOUT ROWID table is its own key index: its figures go by its name
        indexes |= {(str(t), str(t)) for t, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'search_index%' AND name NOT LIKE 'stakeholder_lookup%'")
            if str(sql).rstrip().upper().endswith("WITHOUT ROWID")}
    assert indexes == {(t, i) for t, i, _s in pinned.STATISTICS}


def test_the_figures_survive_data_and_an_upgrade(location: Location) -> None:
    Store.create(location, PASSPHRASE, revision="0012").close()
    old = Store.open(location, PASSPHRASE, upgrade=False)
    try:
        demo.generate(old, "small")
    finally:
        old.close()
    store = Store.open(location, PASSPHRASE)  # upgrades to 0013
    try:
        stats = _statistics(store)
        assert stats[("case_record", "ix_case_list")] == "100000 1 1 1 1 1 1 1 1 1 1"
        with store.connection() as conn:
            plan = " ".join(str(r[3]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM followup "
                "WHERE done_at IS NULL AND due_at < '2026-01-01'"))
        assert "ix_followup_open_due" not in plan or "due_at<" in plan.replace(" ", "")
    finally:
        store.close()
