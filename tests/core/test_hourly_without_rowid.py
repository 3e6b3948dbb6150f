"""Revision 0023: the per-hour interaction counts live in their key's B-tree, and an
upgrade keeps every count and the triggers that keep them."""

from __future__ import annotations

from spocdesk.core import demo
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


def _hourly(store: Store) -> dict[tuple[str, str], int]:
    with store.connection() as conn:
        return {(str(h), str(c)): int(n) for h, c, n in conn.exec_driver_sql(
            "SELECT hour, channel, n FROM interaction_hourly")}


def _recounted(store: Store) -> dict[tuple[str, str], int]:
    with store.connection() as conn:
        return {(str(h), str(c)): int(n) for h, c, n in conn.exec_driver_sql(
            "SELECT substr(occurred_at, 1, 13), channel, count(*) FROM interaction "
            "WHERE deleted_at IS NULL GROUP BY 1, 2")}


def test_upgrade_keeps_the_counts_and_the_triggers(location: Location) -> None:
    Store.create(location, PASSPHRASE, revision="0021").close()
    old = Store.open(location, PASSPHRASE, upgrade=False)
    try:
        demo.generate(old, "small")
        before = _hourly(old)
    finally:
        old.close()
    store = Store.open(location, PASSPHRASE)
    try:
        with store.connection() as conn:
            sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master "
                                       "WHERE name = 'interaction_hourly'").scalar_one()
            plan = " ".join(str(r[3]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT sum(n) FROM interaction_hourly WHERE channel = "
                "'phone' AND hour >= '2026-01-01 00' AND hour < '2027-01-01 00'"))
        assert str(sql).rstrip().endswith("WITHOUT ROWID")
        assert "PRIMARY KEY (channel=? AND hour>? AND hour<?)" in plan  # one range, no sort
        assert _hourly(store) == before == _recounted(store) and before
        ref = cases.add_case(store, cases.NewCase(title="Counted")).value
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="phone", direction="in", summary="After the upgrade"))
        assert _hourly(store) == _recounted(store) != before
    finally:
        store.close()
