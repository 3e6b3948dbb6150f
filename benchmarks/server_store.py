"""The large store on a team server: the case list and search over PostgreSQL.

    python benchmarks/server_store.py                # a private server, started here
    python benchmarks/server_store.py --rounds 5
    python benchmarks/server_store.py --only report   # the report with its tables
    python benchmarks/server_store.py --url postgresql://me@127.0.0.1:5432/bench
    python benchmarks/server_store.py --as admin    # the schema's owner, as before
    python benchmarks/server_store.py --only dashboard   # some figures (as run.py's)

Issue 22's figures: the large store of ``benchmarks/case_list.py`` (100,000 cases,
50,000 stakeholders, 1,000,000 interactions) on PostgreSQL over loopback, with the
store workload of ``benchmarks/run.py`` — case list first screen, filter and sort
under 100 ms, search p95 under 50 ms — in the same table. A figure the server
cannot answer yet is printed with its error instead of a time.

Without ``--url`` a throwaway PostgreSQL cluster is started as the tests start
theirs (``tests/pg_server.py``: ``initdb`` and ``pg_ctl`` on a free port of
127.0.0.1), with ``shared_buffers`` sized for the data, and removed afterwards.
The records are copied from the encrypted benchmark store table by table
(``COPY``, the schema of ``spocdesk server init``), the stored search documents are
written in bulk, then ``VACUUM (ANALYZE)``; the copy takes a few minutes and is made
afresh on every run.

The figures are a SPOC's (``--as spoc``, the default): every owned record is copied
as that person's (``owner``), who is added as a team member (``server add-user``) and
connects with their own role, so each query carries the server's row-level security
as it does for a user. ``--as lead`` measures a lead's view of the same records;
``--as admin`` the role that ran ``server init``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import case_list  # noqa: E402
import run  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from spocdesk.core.clock import FixedClock  # noqa: E402
from spocdesk.core.model import Base  # noqa: E402
from spocdesk.core.store import (  # noqa: E402
    Store,
    case_owner,
    roles,
    search_documents,
    server_hourly,
)
from spocdesk.core.store.server import ServerStore, init_schema  # noqa: E402

# the figures of run.py's workload that issue 22 names (the rest are the file's)
SERVER_FIGURES = ("case list", "global search", "stakeholder search", "agenda", "dashboard")
BATCH = 20_000
BUDGET_S = 30.0  # seconds of samples per figure, at most (past its three)
MEMBER = "bench_member"  # the team member whose records the copy holds
MEMBER_PASSWORD = "bench-member-secret"
# the report with its tables (the quality figures a SPOC hands over), and what each
# of its parts costs
REPORT_FIGURES = ("quality figures, report", "quality, quarter: ")


def copy_store(source: Store, url: str, password: str | None,
               owner: str | None = None) -> dict[str, int]:
    """Every live table of ``source`` into the (empty, initialised) server; rows a table.
    ``owner``: the role every owned record belongs to (the file's are NULL)."""
    counts: dict[str, int] = {}
    target = sa.create_engine(_driver_url(url, password))
    try:
        raw = target.raw_connection()
        pg: Any = raw.driver_connection
        with source.connection() as conn, pg.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # no FK checks
            for table in Base.metadata.sorted_tables:
                columns = [c.name for c in table.columns]
                names = ", ".join(f'"{name}"' for name in columns)
                started = time.perf_counter()
                selected = [sa.literal(owner, sa.Text).label(c.name)
                            if c.name == "owner" and owner is not None else c
                            for c in table.columns]
                result = conn.execution_options(stream_results=True).execute(
                    sa.select(*selected))
                n = 0
                with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                    for rows in result.partitions(BATCH):
                        for row in rows:
                            copy.write_row(tuple(row))
                        n += len(rows)
                counts[table.name] = n
                print(f"  {table.name:<32} {n:>9,} rows  "
                      f"{time.perf_counter() - started:6.1f} s", flush=True)
            pg.commit()
        raw.close()
        with target.begin() as conn:  # what the triggers keep, for rows copied without
            case_owner.fill(conn)
            server_hourly.fill(conn)
        with target.begin() as conn:  # likewise the search documents, in bulk
            started = time.perf_counter()
            n = search_documents.rebuild(conn)
            print(f"  {search_documents.TABLE:<32} {n:>9,} rows  "
                  f"{time.perf_counter() - started:6.1f} s", flush=True)
        raw = target.raw_connection()
        pg = raw.driver_connection
        pg.autocommit = True
        with pg.cursor() as cursor:
            # as autovacuum does after a bulk load: without the visibility map it sets,
            # every index-only scan (the list's counts) reads the table too (2x slower)
            cursor.execute("VACUUM (ANALYZE)")
        raw.close()
    finally:
        target.dispose()
    return counts


def _driver_url(url: str, password: str | None) -> sa.URL:
    from spocdesk.core.store import backend

    return backend.server_url(url, password)


def _as_member(url: str) -> str:
    """``url`` with the team member as its user."""
    from spocdesk.core.store import backend

    parts = backend.url_parts(url)
    assert parts is not None
    return backend.build_url(parts.host, parts.port or 5432, parts.database, MEMBER,
                             parts.ca_file)


def server_rows(store: Store, rounds: int, only: tuple[str, ...] = ()) -> list[run.Row]:
    rows: list[run.Row] = []
    for label, target, fn in run.workload(store):
        if not label.startswith(SERVER_FIGURES + REPORT_FIGURES) or (
                only and not any(word in label for word in only)):
            continue
        try:
            cold, samples = run.measure_figure(fn, rounds, BUDGET_S)
        except Exception as exc:  # a figure the server cannot answer yet
            reason = str(exc).strip().splitlines()[0][:100] if str(exc).strip() else type(
                exc).__name__
            print(f"  {label:<48} FAILS: {reason}", flush=True)
            if os.environ.get("SPOCDESK_BENCH_TRACE"):
                traceback.print_exc()
            continue
        rows.append(run.Row(label, target, samples, cold))
        print(f"  {label:<48} {statistics.median(samples):8.1f} ms", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an empty database on a server you run (postgresql://…)")
    parser.add_argument("--password", default=os.environ.get("SPOCDESK_BENCH_PG_PASSWORD"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--as", dest="who", choices=("spoc", "lead", "admin"), default="spoc",
                        help="whose view is measured (default: a SPOC's, under row security)")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="only the figures whose label holds WORDS (repeatable)")
    args = parser.parse_args(argv)
    now = case_list.build()
    server = None
    url, password = args.url, args.password
    if url is None:
        from tests import pg_server

        server = pg_server.start_server(extra_options="-c shared_buffers=2GB -c work_mem=64MB")
        url, password = server.plain_url(server.create_database()), pg_server.PASSWORD
    try:
        init_schema(url, password)
        owner = None
        if args.who != "admin":
            roles.add_user(url, password, MEMBER, args.who, MEMBER_PASSWORD)
            owner = MEMBER
        source = Store.open(case_list._location(), case_list.PASSPHRASE, clock=FixedClock(now))
        try:
            print("copying the large store to the server:", flush=True)
            started = time.perf_counter()
            copy_store(source, url, password, owner)
            print(f"  copied in {time.perf_counter() - started:.0f} s", flush=True)
        finally:
            source.close()
        if owner is not None:
            url, password = _as_member(url), MEMBER_PASSWORD
        store = ServerStore.connect(url, password, clock=FixedClock(now))
        try:
            print(f"team server (PostgreSQL over loopback), as {args.who}:", flush=True)
            rows = server_rows(store, args.rounds, tuple(args.only))
        finally:
            store.close()
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.root, ignore_errors=True)
    run.print_table(rows, plain_rows=False)
    return 0 if rows and all(r.p95 <= r.target_ms for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
