"""Benchmark the case list: views, sorts and counts on a store of real-life size.

    python benchmarks/case_list.py            # builds the store once, then times
    python benchmarks/case_list.py --build    # only build (or reuse) the cached store

The store (100,000 cases, 1,000,000 interactions) is generated once with
``demo.generate(store, 'large')`` and kept under ``benchmarks/.cache/``; its
"now" is frozen at build time so SLA states and "this week" stay comparable
between runs. Prints median and p95 in milliseconds for each figure.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from spocdesk.core.clock import FixedClock  # noqa: E402
from spocdesk.core.paths import Location  # noqa: E402
from spocdesk.core.store import Store  # noqa: E402

CACHE = HERE / ".cache"
PASSPHRASE = "benchmark passphrase, not a secret"
META = CACHE / "meta.json"
PAGE = 50
TARGETS_MS = {"view": 100.0, "sort": 200.0, "counts": 100.0}
# Indexes proposed for the schema (a migration adds them); --indexes creates them here.
PROPOSED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_case_list ON case_record (ref_number, status, priority, "
    "opened_at, first_response_at, resolved_at, next_followup_at, last_interaction_at, id, "
    "deleted_at) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_case_participant_main ON case_participant "
    "(case_id, stakeholder_id) WHERE is_main = 1 AND deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_stakeholder_id_sort ON stakeholder (id, sort_name, "
    "display_name)",
]


def _location() -> Location:
    return Location(store=CACHE / "large.spocdesk", data_dir=CACHE)


def build() -> datetime:
    """Generate the large store once; returns its frozen "now"."""
    if META.is_file() and _location().store.is_file():
        return datetime.fromisoformat(json.loads(META.read_text())["now"])
    from spocdesk.core import demo

    CACHE.mkdir(parents=True, exist_ok=True)
    where = _location()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{where.store}{suffix}").unlink(missing_ok=True)
    now = datetime.now(UTC).replace(microsecond=0)
    started = time.perf_counter()
    store = Store.create(where, PASSPHRASE, clock=FixedClock(now))
    try:
        last = [""]

        def progress(label: str, done: int, total: int) -> None:
            if label != last[0] or done == total:
                print(f"  {label}: {done:,}/{total:,}", flush=True)
                last[0] = label

        demo.generate(store, "large", progress=progress)
    finally:
        store.close()
    META.write_text(json.dumps({"now": now.isoformat()}))
    print(f"built the store in {time.perf_counter() - started:.0f} s", flush=True)
    return now


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    """(first, median, p95) in milliseconds; the first (cold) run is not in the median."""
    samples = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    warm = sorted(samples[1:])
    p95 = warm[min(len(warm) - 1, math.ceil(0.95 * len(warm)) - 1)]
    return samples[0], statistics.median(warm), p95


def _report(label: str, figures: tuple[float, float, float], target: float,
            extra: str = "") -> bool:
    first, median, p95 = figures
    ok = p95 < target
    print(f"{label:<44} {median:8.1f} {p95:8.1f} {first:8.1f}  {'ok' if ok else 'SLOW'}"
          f"  {extra}", flush=True)
    return ok


def run(store: Store, repeat: int) -> bool:
    from spocdesk.core.cases import query as q

    def first_screen(flt: q.CaseFilter, sort: q.CaseSort) -> Callable[[], int]:
        def go() -> int:
            ctx = q.context(store)
            ids = q.case_ids(store, flt, sort, ctx=ctx)
            q.case_rows(store, ids[:PAGE], ctx=ctx)
            return len(ids)
        return go

    ok = True
    _report("calibration: plain SQLite, 100k ids to Python", _time(_calibrate(False), repeat),
            1e9, "(machine speed; no target)")
    _report("calibration: plain SQLite, sort 100k + fetch", _time(_calibrate(True), repeat),
            1e9, "(machine speed; no target)")
    print(f"{'figure (ms)':<44} {'median':>8} {'p95':>8} {'cold':>8}")
    for view in q.VIEWS:
        go = first_screen(q.CaseFilter(view=view), q.CaseSort())
        ok &= _report(f"view {view}: ids + first {PAGE} rows", _time(go, repeat),
                      TARGETS_MS["view"], f"{go():,} ids")
    someone = store_person(store)
    for label, flt in (
        ("filter text 'renewal' (open)", q.CaseFilter(view="open", text="renewal")),
        ("filter tag vip + priority high (all)", q.CaseFilter(view="all", tag="vip",
                                                              priority="high")),
        ("filter stakeholder (all)", q.CaseFilter(view="all", stakeholder_id=someone)),
        ("filter category care + status waiting", q.CaseFilter(view="all", category="care",
                                                              status="waiting")),
    ):
        go = first_screen(flt, q.CaseSort())
        ok &= _report(label, _time(go, repeat), TARGETS_MS["view"], f"{go():,} ids")
    for column in q.SORT_COLUMNS:
        for descending in (False, True):
            go = first_screen(q.CaseFilter(view="all"), q.CaseSort(column, descending))
            ok &= _report(f"sort all by {column} {'desc' if descending else 'asc'}",
                          _time(go, repeat), TARGETS_MS["sort"])
    go = first_screen(q.CaseFilter(view="open"), q.CaseSort("sla"))
    ok &= _report("sort open by sla asc", _time(go, repeat), TARGETS_MS["sort"])
    ids = q.case_ids(store, q.CaseFilter(view="all"))
    ok &= _report("rows of the last page (scrolled to the end)",
                  _time(lambda: q.case_rows(store, ids[-PAGE:]), repeat), TARGETS_MS["view"])
    ok &= _report("view counts", _time(lambda: q.view_counts(store), repeat),
                  TARGETS_MS["counts"], str(q.view_counts(store)))
    return ok


def _calibrate(sort: bool) -> Callable[[], int]:
    """How fast this machine moves 100,000 ids out of an unencrypted in-memory SQLite."""
    import sqlite3
    import uuid

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT, k TEXT, n INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)",
                     [(str(uuid.uuid4()), f"2026-03-{n % 28 + 1:02d} {n % 24:02d}:00:00", n)
                      for n in range(100_000)])
    sql = "SELECT id FROM t ORDER BY k, n" if sort else "SELECT id FROM t"
    return lambda: len(conn.execute(sql).fetchall())


def store_person(store: Store) -> str:
    with store.connection() as conn:
        return str(conn.exec_driver_sql(
            "SELECT stakeholder_id FROM case_participant ORDER BY rowid LIMIT 1").scalar_one())


def _prepare(store: Store, indexes: str, cache_mb: int) -> None:
    from sqlalchemy import event

    with store.engine.begin() as conn:
        for ddl in PROPOSED_INDEXES:
            name = ddl.split(" IF NOT EXISTS ")[1].split()[0]
            if indexes == "add":
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
                conn.exec_driver_sql(ddl)
            elif indexes == "drop":
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        if indexes == "add":
            conn.exec_driver_sql("ANALYZE")
        present = [row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
            "('ix_case_list', 'ix_case_participant_main', 'ix_stakeholder_id_sort')")]
    print(f"proposed indexes present: {', '.join(present) or 'none'}")
    if cache_mb:
        def pragma(dbapi: Any, _record: Any) -> None:
            dbapi.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")

        event.listen(store.engine, "connect", pragma)
        store.engine.dispose()
        print(f"cache_size: {cache_mb} MB per connection")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="only build the cached store")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per figure")
    parser.add_argument("--indexes", choices=("keep", "add", "drop"), default="keep",
                        help="add or drop the proposed indexes before timing")
    parser.add_argument("--cache-mb", type=int, default=0,
                        help="set PRAGMA cache_size on each connection (0: the store's own)")
    args = parser.parse_args(argv)
    now = build()
    if args.build:
        return 0
    store = Store.open(_location(), PASSPHRASE, clock=FixedClock(now))
    try:
        _prepare(store, args.indexes, args.cache_mb)
        ok = run(store, args.repeat)
    finally:
        store.close()
    print("all figures within target" if ok else "some figures miss their target")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
