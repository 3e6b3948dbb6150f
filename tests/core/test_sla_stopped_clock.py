"""A stopped SLA clock judged in SQL: most by how long it ran on the calendar (cheap
bounds), the rest by the exact SQL function; always the answer of ``evaluate()``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core import sla_clock
from spocdesk.core.cases import sla
from spocdesk.core.model import UTCDateTime
from spocdesk.core.settings import Settings

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
METADATA = sa.MetaData()
CASES = sa.Table(
    "case_record", METADATA, sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("priority", sa.String), sa.Column("status", sa.String),
    sa.Column("opened_at", UTCDateTime), sa.Column("first_response_at", UTCDateTime),
    sa.Column("resolved_at", UTCDateTime), sa.Column("deleted_at", UTCDateTime))


def _engine() -> sa.Engine:
    engine = sa.create_engine("sqlite://", module=sqlcipher3, poolclass=sa.pool.StaticPool)
    sa.event.listen(engine, "connect", lambda conn, _record: sla_clock.register(conn))
    METADATA.create_all(engine)
    return engine


ENGINE = _engine()
moments = st.one_of(
    st.datetimes(datetime(2022, 1, 1), datetime(2026, 12, 5)).map(
        lambda m: m.replace(minute=m.minute // 30 * 30, second=0, microsecond=0)),
    st.datetimes(datetime(2022, 1, 1), datetime(2026, 12, 5)),
).map(lambda m: m.replace(tzinfo=UTC))
spans = st.one_of(st.timedeltas(timedelta(0), timedelta(days=60)),
                  st.timedeltas(timedelta(0), timedelta(hours=80)))


def _ranks_in_sql(priority: str, opened: datetime, answered: datetime,
                  resolved: datetime | None) -> tuple[int, int]:
    judge = sla.SlaSql(Settings(), NOW, CASES, calendar_bounds=True)
    query = sa.select(judge.response_rank(), judge.resolution_rank())
    with ENGINE.begin() as conn:
        conn.execute(CASES.delete())
        conn.execute(CASES.insert(), {
            "id": 1, "priority": priority, "status": "resolved" if resolved else "open",
            "opened_at": opened, "first_response_at": answered, "resolved_at": resolved})
        response, resolution = conn.execute(query).one()
    return int(response), int(resolution)


def _ranks(priority: str, opened: datetime, answered: datetime,
           resolved: datetime | None) -> tuple[int, int]:
    info = sla.evaluate(priority=priority, status="resolved" if resolved else "open",
                        opened_at=opened, first_response_at=answered, resolved_at=resolved,
                        now=NOW, settings=Settings())
    return sla._RANK[info.response.state], sla._RANK[info.resolution.state]


@settings(max_examples=300, deadline=None)
@given(moments, spans, spans, st.sampled_from(["urgent", "high", "normal", "low"]))
def test_the_sql_ranks_of_stopped_clocks_are_evaluate_s(
        opened: datetime, answer_after: timedelta, resolve_after: timedelta,
        priority: str) -> None:
    answered, resolved = opened + answer_after, opened + answer_after + resolve_after
    assert _ranks_in_sql(priority, opened, answered, resolved) == _ranks(
        priority, opened, answered, resolved)


def test_the_edges_go_to_the_exact_function() -> None:
    """An answer at the deadline is in time, a microsecond later late; so is one in the
    closed hours after it (as much working time as allowed, but after the deadline)."""
    week = sla_clock.week_of(Settings())
    assert week is not None
    opened = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    deadline = sla_clock.due(opened, timedelta(hours=24), week)  # normal: 24 working hours
    for answered in (deadline, deadline + timedelta(microseconds=1),
                     deadline + timedelta(hours=3), deadline - timedelta(hours=20),
                     deadline + timedelta(days=30)):
        assert _ranks_in_sql("normal", opened, answered, None)[0] == _ranks(
            "normal", opened, answered, None)[0], answered
