"""Revision 0024: a period's figures from index ranges, the same numbers as before.

* ``case_record.sla_breached``, kept by triggers, equals the SLA verdict worked out
  the slow way (``SlaSql.rank()``) after any writes and settings changes;
* the medians and 90th percentiles read through the times' bins
  (:mod:`spocdesk.core.metrics.percentiles`) equal a sort of every value.

The report's tables are compared with a join, group and sort of every row in
``test_report_tables.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import sla
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.metrics import figures, percentiles
from spocdesk.core.model import Case
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store, backend

pytestmark = pytest.mark.both_backends

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STATUSES = ["new", "open", "waiting", "escalated", "resolved", "closed"]
PRIORITIES = ["low", "normal", "high", "urgent", "odd"]
SETTINGS = [
    Settings(),
    Settings(sla_business_hours=False),
    Settings(sla={"urgent": SlaTarget(2, 1), "normal": SlaTarget(8, 3)}),
    Settings(working_days="1234", working_hours_start="08:00", working_hours_end="12:30"),
]
revision = importlib.import_module(
    "spocdesk.core.store.migrations.versions.0024_period_figures")


def execute(store: Store, sql: str, **params: Any) -> None:
    """``sql`` with aware moments among ``params``, on the file or a server."""
    with store.engine.begin() as conn:
        backend.query(conn, sql, params)


def stored_verdicts(store: Store) -> dict[str, int | None]:
    with store.connection() as conn:
        return {str(i): v for i, v in conn.execute(sa.text(
            "SELECT id, sla_breached FROM case_record"))}


def recounted_verdicts(store: Store) -> dict[str, int | None]:
    """The verdict the slow way: the trends' old rank expression over every case."""
    with store.session() as session:
        current = settings_mod.load(session)
    judge = sla.SlaSql(current, store.now(), calendar_bounds=True)
    c = judge.c
    stopped = sa.and_(c.status.in_(["resolved", "closed"]), c.resolved_at.is_not(None))
    verdict = sa.case((sa.and_(stopped, judge._known()),
                       sa.case((judge.rank() == 4, 1), else_=0)), else_=None)
    with store.connection() as conn:
        return {str(i): v for i, v in conn.execute(sa.select(c.id, verdict))}


case_rows = st.lists(st.tuples(
    st.integers(0, 60 * 24 * 40),  # opened, minutes after T0
    st.one_of(st.none(), st.integers(-60, 60 * 24 * 10)),  # answered, minutes after
    st.one_of(st.none(), st.integers(0, 60 * 24 * 40)),  # resolved, minutes after
    st.sampled_from(STATUSES), st.sampled_from(PRIORITIES)), min_size=1, max_size=25)
edits = st.lists(st.tuples(
    st.integers(0, 24), st.sampled_from(["status", "priority", "resolve", "reopen", "delete",
                                         "answer", "settings"]),
    st.integers(0, 60 * 24 * 20)), max_size=12)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case_rows, edits)
def test_the_stored_sla_verdict_equals_a_recount_after_any_writes(
        store: Store, rows: list[tuple[int, int | None, int | None, str, str]],
        changes: list[tuple[int, str, int]]) -> None:
    execute(store, "DELETE FROM case_record")
    with store.unit_of_work() as uow:
        settings_mod.save(uow.session, Settings())
        uow.commit()
    ids = []
    with store.unit_of_work() as uow:
        for n, (opened, answered, resolved, status, priority) in enumerate(rows, 1):
            start = T0 + timedelta(minutes=opened, seconds=n)
            case = Case(ref=f"C-{n:04d}", ref_number=n, title="t", opened_at=start,
                        status=status, priority=priority,
                        first_response_at=None if answered is None
                        else start + timedelta(minutes=answered),
                        resolved_at=None if resolved is None
                        else start + timedelta(minutes=resolved, microseconds=n))
            uow.session.add(case)
            uow.session.flush()
            ids.append(case.id)
        uow.commit()
    assert stored_verdicts(store) == recounted_verdicts(store)
    for k, what, minutes in changes:
        cid = ids[k % len(ids)]
        moment = T0 + timedelta(minutes=minutes, microseconds=7)
        if what == "status":
            execute(store, "UPDATE case_record SET status = :s WHERE id = :id",
                    s=STATUSES[minutes % len(STATUSES)], id=cid)
        elif what == "priority":
            execute(store, "UPDATE case_record SET priority = :p WHERE id = :id",
                    p=PRIORITIES[minutes % len(PRIORITIES)], id=cid)
        elif what == "resolve":
            execute(store, "UPDATE case_record SET status = 'resolved', resolved_at = "
                    "CASE WHEN opened_at > :m THEN opened_at ELSE :m END WHERE id = :id",
                    m=moment, id=cid)
        elif what == "reopen":
            execute(store, "UPDATE case_record SET status = 'open', resolved_at = NULL "
                    "WHERE id = :id", id=cid)
        elif what == "answer":
            execute(store, "UPDATE case_record SET first_response_at = :m WHERE id = :id",
                    m=moment, id=cid)
        elif what == "delete":
            execute(store, "UPDATE case_record SET deleted_at = :m WHERE id = :id",
                    m=moment, id=cid)
        else:
            with store.unit_of_work() as uow:
                settings_mod.save(uow.session, SETTINGS[minutes % len(SETTINGS)])
                uow.commit()
        # a value written directly is replaced by the true one
        execute(store, "UPDATE case_record SET sla_breached = 7 WHERE id = :id",
                id=ids[minutes % len(ids)])
        assert stored_verdicts(store) == recounted_verdicts(store), what


def test_a_settings_change_moves_the_weekly_breach_counts(store: Store) -> None:
    """Resolved in 30 hours around the clock: in time for a 2-day target, late for a
    1-day one; the trends follow the stored settings."""
    now = store.now()
    with store.unit_of_work() as uow:
        uow.session.add(Case(ref="C-0001", ref_number=1, title="t", priority="normal",
                             status="resolved", opened_at=now - timedelta(hours=40),
                             first_response_at=now - timedelta(hours=39),
                             resolved_at=now - timedelta(hours=10)))
        uow.commit()

    def breached() -> tuple[int, int]:
        t = metrics.trends(store, "4w", tz=ZoneInfo("UTC"))
        return t.resolved_with_target, t.breached

    for days, expected in ((2, (1, 0)), (1, (1, 1))):
        chosen = replace(Settings(sla_business_hours=False),
                         sla={"normal": SlaTarget(24, days)})
        with store.unit_of_work() as uow:
            settings_mod.save(uow.session, chosen)
            uow.commit()
        assert breached() == expected
    execute(store, "UPDATE case_record SET priority = 'odd'")
    assert breached() == (0, 0)  # no target for its priority


# -- percentiles -------------------------------------------------------------------

_SORTED = """
WITH d AS (SELECT {value} AS v FROM case_record
            WHERE {where} AND {moment} >= :lo AND {moment} < :hi),
r AS (SELECT v, row_number() OVER (ORDER BY v) AS n, count(*) OVER () AS total FROM d)
SELECT max(total), avg(CASE WHEN n IN ((total + 1) / 2, (total + 2) / 2) THEN v END),
       max(CASE WHEN n = (9 * total + 9) / 10 THEN v END) FROM r"""


def sorted_stats(store: Store, d: percentiles.Duration, lo: datetime,
                 hi: datetime) -> tuple[Any, ...]:
    with store.connection() as conn:
        server = conn.dialect.name == backend.POSTGRESQL
        sql = _SORTED.format(value=d.value_on(server), where=d.where, moment=d.moment)
        total, median, p90 = backend.query(conn, sql, {"lo": lo, "hi": hi}).one()
    # floats, as percentiles.stats gives them (a server's epoch arithmetic is numeric)
    return (int(total or 0), None if median is None else float(median),
            None if p90 is None else float(p90))


durations = st.one_of(
    st.integers(-120, 200),  # minutes: answered before opening, the first 100 minutes
    st.integers(0, 60 * 24 * 400),  # up to a year and more
    st.sampled_from([0, 59, 60, 99, 100, 109, 110, 999, 1000, 1440]),  # bins' edges
)


timed_cases = st.lists(st.tuples(st.integers(0, 60 * 24 * 30), durations, st.booleans(),
                                 st.integers(0, 59)), max_size=60)
windows_of = st.lists(st.tuples(st.integers(0, 60 * 24 * 31), st.integers(0, 60 * 24 * 31)),
                      min_size=1, max_size=4)


def timed(store: Store, rows: list[tuple[int, int, bool, int]],
          windows: list[tuple[int, int]]) -> list[tuple[datetime, datetime]]:
    """Cases opened, answered and resolved as ``rows`` say; the stretches of ``windows``."""
    execute(store, "DELETE FROM case_record")
    with store.unit_of_work() as uow:
        for n, (opened, duration, resolved, seconds) in enumerate(rows, 1):
            start = T0 + timedelta(minutes=opened, seconds=seconds)
            end = start + timedelta(minutes=duration, seconds=seconds, microseconds=n)
            uow.session.add(Case(
                ref=f"C-{n:04d}", ref_number=n, title="t", opened_at=start,
                status="resolved" if resolved else "open", first_response_at=end,
                resolved_at=end if resolved and duration >= 0 else None))
        uow.commit()
    return [(T0 + timedelta(minutes=min(a, b)), T0 + timedelta(minutes=max(a, b)))
            for a, b in windows]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(timed_cases, windows_of)
def test_binned_percentiles_equal_a_sort_of_every_value(
        store: Store, rows: list[tuple[int, int, bool, int]],
        windows: list[tuple[int, int]]) -> None:
    stretches = timed(store, rows, windows)
    kinds = (percentiles.RESPONSE_HOURS, percentiles.RESOLUTION_DAYS)
    with store.connection() as conn:
        got = percentiles.stats(conn, *((d, stretches) for d in kinds))
    for d, results in zip(kinds, got, strict=True):
        for (lo, hi), found in zip(stretches, results, strict=True):
            assert (found.count, found.median, found.p90) == sorted_stats(store, d, lo, hi)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(timed_cases, windows_of)
def test_the_figures_times_are_the_bins_numbers(
        store: Store, rows: list[tuple[int, int, bool, int]],
        windows: list[tuple[int, int]]) -> None:
    """The report's times are :func:`percentiles.stats`' (which equal a sort of every
    value: the test above), week by week and for the period."""
    stretches = timed(store, rows, windows)
    with store.connection() as conn:
        response, resolution = figures._times(conn, stretches)
        bins = percentiles.stats(conn, *((d, stretches) for d in (
            percentiles.RESPONSE_HOURS, percentiles.RESOLUTION_DAYS)))
    assert [response, resolution] == [
        {i: (t.count, t.median, t.p90) for i, t in enumerate(found) if t.count}
        for found in bins]


@pytest.mark.file_only("SQLite's query plans")
def test_the_queries_use_the_revision_s_indexes(store: Store) -> None:
    """The expressions of :mod:`percentiles` are the indexes' own, word for word (or
    ``INDEXED BY`` would fail), and the bins are read in order, without a sort."""
    for d in (percentiles.RESPONSE_HOURS, percentiles.RESOLUTION_DAYS):
        columns, where = revision.TIME_INDEXES[d.index]
        assert columns.startswith(d.bin) and where == d.where
        with store.connection() as conn:
            plan = " ".join(str(r[3]) for r in conn.execute(sa.text(
                "EXPLAIN QUERY PLAN " + percentiles._counts_sql(d, 0)),
                {"lo0": "2026", "hi0": "2027"}))
        assert d.index in plan and "TEMP B-TREE" not in plan
