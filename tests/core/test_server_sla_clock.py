"""The SLA clock on a team server (PL/pgSQL, :mod:`spocdesk.core.store.server_functions`)
gives the moments of the Python one (:mod:`spocdesk.core.sla_clock`), on the test
session's real PostgreSQL: openings around daylight-saving changes in Berlin and New
York, in evenings and weekends, any working week, and damaged settings rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import sla_clock
from spocdesk.core.working_time import WorkingWeek
from tests.app_zone import in_zone
from tests.pg_server import PgServer


def _changes(zone: str) -> list[datetime]:
    """The instants (naive UTC) the zone's clocks change in 2024-2027."""
    week = WorkingWeek(tz=ZoneInfo(zone))
    changes, _offsets = sla_clock.offsets(week, date(2024, 1, 1), date(2028, 1, 1))
    return [c.replace(tzinfo=None) for c in changes]


CHANGES = sorted(_changes("Europe/Berlin") + _changes("America/New_York"))
near_a_change = st.builds(lambda base, delta: base + delta, st.sampled_from(CHANGES),
                          st.one_of(st.timedeltas(min_value=timedelta(days=-12),
                                                  max_value=timedelta(days=3)),
                                    st.timedeltas(min_value=timedelta(hours=-30),
                                                  max_value=timedelta(hours=2))))
openings = st.one_of(near_a_change, st.datetimes(min_value=datetime(1995, 1, 1),
                                                 max_value=datetime(2036, 12, 31)))


@st.composite
def week_rows(draw: st.DrawFn, skipped_hours: bool = True
              ) -> tuple[str | None, str | None, str | None]:
    """The stored rows of working_days, working_hours_start and _end (JSON texts; None:
    no row), mostly usable, sometimes damaged or not fitting together; without
    ``skipped_hours`` the working day neither opens nor closes between 02:00 and 03:00,
    the hour Berlin's and New York's spring change skips."""
    if draw(st.integers(0, 2)) == 0:  # every day from the small hours: a change of the
        days, start = "1234567", draw(st.integers(0, 3)) * 60  # clocks in working time
    else:
        days = "".join(sorted(map(str, draw(st.sets(st.integers(1, 7), min_size=1)))))
        start = draw(st.integers(0, 22)) * 60 + draw(st.sampled_from([0, 15, 30, 45]))
    end = start + draw(st.integers(15, 24 * 60 - 1 - start)) if start < 24 * 60 - 15 \
        else 24 * 60 - 1
    end = min(end, 24 * 60 - 1)
    if not skipped_hours:
        start, end = (m + 60 if m // 60 == 2 else m for m in (start, end))
        end = max(end, start + 15)

    def clock(minutes: int) -> str:
        return json.dumps(f"{minutes // 60:02d}:{minutes % 60:02d}")

    damaged = st.sampled_from([None, "not json", '"1238"', "5", '"25:00"', '"9:00"',
                               '"09:0"', ' "09:00" ', '"\\u0030\\u0039:00"', '""', "null",
                               '"12:60"', "true", '["12345"]'])
    pick = st.integers(0, 9)
    rows = (json.dumps(days), clock(start), clock(end))
    return tuple(draw(damaged) if draw(pick) == 0 else row  # type: ignore[return-value]
                 for row in rows)


@pytest.fixture(scope="module")
def pg(pg_server: PgServer, pg_template: str) -> Iterator[Any]:
    """A psycopg connection to a database with the schema (``server init``)."""
    name = pg_server.create_database(template=pg_template)
    with pg_server.admin(name) as conn:
        yield conn
    pg_server.drop_database(name)


def _in_zone(pg: Any, zone: str) -> None:
    pg.execute("SELECT set_config('spocdesk.zone', %s, false)", (zone,))


@pytest.fixture(params=["Europe/Berlin", "America/New_York", "UTC"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
               ) -> Iterator[str]:
    """This process's clock in the zone (``TZ``), which the Python SLA clock counts in
    (the computer's), and the server told the same, as the app's connections tell it."""
    yield from in_zone(monkeypatch, request.param)


def _python_due(opened: datetime, hours: int | None, days: int | None,
                week: tuple[str | None, ...]) -> datetime:
    """The deadline :func:`sla_clock.due` gives in the computer's zone (naive UTC), as
    the file's ``spocdesk_sla_due`` gives it too unless the working hours meet an hour
    that a change of the clocks skips (see ``test_the_files_shortcut``)."""
    working = sla_clock.week_from_json(*week)
    amount = min(sla_clock.allowance(float(n), unit, working)
                 for n, unit in ((hours, sla_clock.HOURS), (days, sla_clock.DAYS))
                 if n is not None)
    return sla_clock.due(opened.replace(tzinfo=UTC), amount, working).replace(tzinfo=None)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opened=openings, week=week_rows(),
       hours=st.one_of(st.none(), st.integers(1, 400), st.integers(1, 30)),
       days=st.one_of(st.none(), st.integers(1, 60)))
def test_the_server_deadline_is_pythons(pg: Any, local_zone: str, opened: datetime,
                                        week: tuple[str | None, ...], hours: int | None,
                                        days: int | None) -> None:
    """``spocdesk_sla_due`` on the server: the moment of the file's Python function."""
    if hours is None and days is None:
        hours = 4
    _in_zone(pg, local_zone)
    got = pg.execute("SELECT spocdesk_sla_due(%s, %s, %s, %s, %s, %s)",
                     (opened, hours, days, *week)).fetchone()[0]
    assert got == _python_due(opened, hours, days, week), (opened, hours, days, week)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opened=openings, week=week_rows(skipped_hours=False),
       hours=st.one_of(st.integers(1, 400), st.integers(1, 30)))
def test_the_files_shortcut(local_zone: str, opened: datetime,
                            week: tuple[str | None, ...], hours: int) -> None:
    """The file's ``spocdesk_sla_due`` (an arithmetic shortcut) is :func:`sla_clock.due`
    too, as long as the working day does not open or close in a skipped hour: there
    (a pre-existing difference of the file's two ways) the shortcut counts the working
    hours of the day the clocks go forward as they are, ``due`` from the opening read
    an hour earlier (New York, Sundays 02:00-02:15: two weeks apart after 4 hours)."""
    stored = sla_clock.sql_due(opened.isoformat(" ", "microseconds"), hours, None, *week)
    assert stored is not None
    assert datetime.fromisoformat(stored) == _python_due(opened, hours, None, week)


@pytest.mark.parametrize("start", ["00:00", "01:30", "02:00"])
def test_every_quarter_hour_around_each_change(pg: Any, local_zone: str, start: str) -> None:
    """Openings every quarter of an hour in the day and a half before each change of the
    clocks in 2024-2027 (Berlin's and New York's), deadlines 1 to 6 working hours later,
    every day a working day from the small hours: deadlines in a skipped or a repeated
    hour, and openings of a day that a change skips, included."""
    rows = (json.dumps("1234567"), json.dumps(start), json.dumps("23:59"))
    openings = [change - timedelta(minutes=15 * k) for change in CHANGES
                for k in range(4 * 36)]
    pairs = [(o, h) for o in openings for h in range(1, 7)]
    _in_zone(pg, local_zone)
    got = [row[0] for row in pg.execute(
        "SELECT spocdesk_sla_due(o, h, NULL, %s, %s, %s) FROM unnest(%s::timestamp[], "
        "%s::integer[]) WITH ORDINALITY AS t(o, h, n) ORDER BY n",
        (*rows, [o for o, _h in pairs], [h for _o, h in pairs])).fetchall()]
    expected = [_python_due(o, h, None, rows) for o, h in pairs]
    assert len(got) == len(expected)
    wrong = [(pair, g, e) for pair, g, e in zip(pairs, got, expected, strict=True) if g != e]
    assert not wrong, wrong[:5]


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    yield from in_zone(monkeypatch, "Europe/Berlin")


def test_a_repeated_or_skipped_hour_reads_as_python_reads_it(pg: Any, berlin: str) -> None:
    """Berlin's clocks go back at 03:00 on 2026-10-25 and forward at 02:00 on 2026-03-29:
    the repeated 02:30 is its first occurrence (PostgreSQL alone takes the second), the
    skipped 02:30 is 00:30 UTC, as a naive local time in Python."""
    for wall, utc in ((datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 0, 30)),
                      (datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 0, 30))):
        assert pg.execute("SELECT spocdesk_wall_to_utc(%s, %s)",
                          (wall, berlin)).fetchone()[0] == utc
        assert wall.astimezone().astimezone(UTC).replace(tzinfo=None) == utc


# -- the case's deadline and verdict under whole settings -----------------------


def _targets(draw: st.DrawFn) -> str | None:
    priorities = draw(st.sets(st.sampled_from(["urgent", "high", "normal", "low"])))
    value = {p: {"first_response_hours": draw(st.integers(1, 100)),
                 "resolution_days": draw(st.integers(1, 40))} for p in sorted(priorities)}
    good = json.dumps(value, sort_keys=True)
    return draw(st.sampled_from([
        good, good, good, None, "{", "[]", '{"urgent": {"first_response_hours": 1.0, '
        '"resolution_days": 1}}', '{"urgent": {"first_response_hours": 1e1, '
        '"resolution_days": 1}}', '{"urgent": {"first_response_hours": 0, '
        '"resolution_days": 1}}', '{"urgent": {"first_response_hours": true, '
        '"resolution_days": 1}}', '{"urgent": {"first_response_hours": 2, '
        '"resolution_days": 1, "x": 1}}', '{"someday": {"first_response_hours": 2, '
        '"resolution_days": 1}}', '{"high": {"resolution_days": 2, '
        '"first_response_hours": 3}}']))


@st.composite
def sla_settings(draw: st.DrawFn) -> tuple[str | None, ...]:
    """The stored rows of sla_clock.SETTING_KEYS."""
    business = draw(st.sampled_from(["true", "true", "false", None, '"yes"', "1"]))
    return (_targets(draw), business, *draw(week_rows(skipped_hours=False)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Any, ...]:
    opened = draw(openings)
    later = st.builds(lambda h: opened + timedelta(minutes=h), st.integers(0, 60 * 24 * 50))
    return (draw(st.sampled_from(["urgent", "high", "normal", "low", "someday"])),
            draw(st.sampled_from(["new", "open", "waiting", "escalated", "resolved",
                                  "closed"])),
            opened, draw(st.one_of(st.none(), later)), draw(st.one_of(st.none(), later)))


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases(), rows=sla_settings())
def test_the_server_deadline_and_verdict_are_pythons(pg: Any, local_zone: str,
                                                     case: tuple[Any, ...],
                                                     rows: tuple[str | None, ...]) -> None:
    """``spocdesk_sla_deadline`` and ``spocdesk_sla_breached``: the values the file's
    triggers store (``sla_clock.sql_deadline``, ``sql_breached``), in the app's zone."""
    _in_zone(pg, local_zone)
    stored = tuple(m.isoformat(" ", "microseconds") if isinstance(m, datetime) else m
                   for m in case)  # as the file hands them to its function
    marks = ", ".join(["%s"] * 10)
    got = pg.execute(f"SELECT spocdesk_sla_deadline({marks}), spocdesk_sla_breached({marks})",
                     (*case, *rows) * 2).fetchone()
    assert got == (sla_clock.sql_deadline(*stored, *rows),
                   sla_clock.sql_breached(*stored, *rows)), (case, rows)
