"""The SLA clock on a team server (PL/pgSQL, :mod:`spocdesk.core.store.server_functions`)
gives the moments of the Python one (:mod:`spocdesk.core.sla_clock`), on the test
session's real PostgreSQL: openings around daylight-saving changes in Berlin and New
York, in evenings and weekends, any working week, and damaged settings rows."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import sla_clock
from spocdesk.core.cases import sla as case_sla
from spocdesk.core.working_time import WorkingWeek
from tests.pg_server import PgServer

ZONES = ("Europe/Berlin", "America/New_York", "UTC")


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
def week_rows(draw: st.DrawFn) -> tuple[str | None, str | None, str | None]:
    """The stored rows of working_days, working_hours_start and _end (JSON texts; None:
    no row), mostly usable, sometimes damaged or not fitting together."""
    if draw(st.integers(0, 2)) == 0:  # every day from the small hours: a change of the
        days, start = "1234567", draw(st.integers(0, 3)) * 60  # clocks in working time
    else:
        days = "".join(sorted(map(str, draw(st.sets(st.integers(1, 7), min_size=1)))))
        start = draw(st.integers(0, 22)) * 60 + draw(st.sampled_from([0, 15, 30, 45]))
    end = start + draw(st.integers(15, 24 * 60 - 1 - start)) if start < 24 * 60 - 15 \
        else 24 * 60 - 1
    end = min(end, 24 * 60 - 1)

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


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zone=st.sampled_from(ZONES), opened=openings, week=week_rows(),
       hours=st.one_of(st.none(), st.integers(1, 400), st.integers(1, 30)),
       days=st.one_of(st.none(), st.integers(1, 60)))
def test_the_server_deadline_is_pythons(pg: Any, zone: str, opened: datetime,
                                        week: tuple[str | None, ...], hours: int | None,
                                        days: int | None) -> None:
    """``spocdesk_sla_due`` on the server: the moment :func:`sla_clock.due` gives (and
    the arithmetic shortcut of the file's SQL function, ``_due_of_stored``)."""
    if hours is None and days is None:
        hours = 4
    working = dataclasses.replace(sla_clock.week_from_json(*week), tz=ZoneInfo(zone))
    amount = min(sla_clock.allowance(float(n), unit, working)
                 for n, unit in ((hours, sla_clock.HOURS), (days, sla_clock.DAYS))
                 if n is not None)
    expected = sla_clock.due(opened.replace(tzinfo=UTC), amount, working).replace(tzinfo=None)
    assert sla_clock._due_of_stored(opened, amount, working) == expected
    _in_zone(pg, zone)
    got = pg.execute("SELECT spocdesk_sla_due(%s, %s, %s, %s, %s, %s)",
                     (opened, hours, days, *week)).fetchone()[0]
    assert got == expected, (opened, hours, days, week, zone)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
@pytest.mark.parametrize("start", ["00:00", "01:30", "02:00"])
def test_every_quarter_hour_around_each_change(pg: Any, zone: str, start: str) -> None:
    """Openings every quarter of an hour in the day and a half before each change of the
    clocks in 2024-2027, deadlines 1 to 6 working hours later, every day a working day
    from the small hours: deadlines in a skipped or a repeated hour included."""
    rows = (json.dumps("1234567"), json.dumps(start), json.dumps("23:59"))
    working = dataclasses.replace(sla_clock.week_from_json(*rows), tz=ZoneInfo(zone))
    openings = [change - timedelta(minutes=15 * k) for change in _changes(zone)
                for k in range(4 * 36)]
    pairs = [(o, h) for o in openings for h in range(1, 7)]
    _in_zone(pg, zone)
    got = [row[0] for row in pg.execute(
        "SELECT spocdesk_sla_due(o, h, NULL, %s, %s, %s) FROM unnest(%s::timestamp[], "
        "%s::integer[]) WITH ORDINALITY AS t(o, h, n) ORDER BY n",
        (*rows, [o for o, _h in pairs], [h for _o, h in pairs])).fetchall()]
    expected = [sla_clock.due(o.replace(tzinfo=UTC), timedelta(hours=h), working)
                .replace(tzinfo=None) for o, h in pairs]
    assert len(got) == len(expected)
    wrong = [(pair, g, e) for pair, g, e in zip(pairs, got, expected, strict=True) if g != e]
    assert not wrong, wrong[:5]


def test_a_repeated_or_skipped_hour_reads_as_before_the_change(pg: Any) -> None:
    """Berlin's clocks go back at 03:00 on 2026-10-25 and forward at 02:00 on 2026-03-29:
    02:30 is read with the offset before each change, as Python's zoneinfo reads it."""
    _in_zone(pg, "Europe/Berlin")
    for wall, utc in ((datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 0, 30)),
                      (datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 1, 30))):
        assert pg.execute("SELECT spocdesk_wall_to_utc(%s, 'Europe/Berlin')",
                          (wall,)).fetchone()[0] == utc
        assert wall.replace(tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC).replace(
            tzinfo=None) == utc


# -- the case's deadline and verdict under whole settings -----------------------


@pytest.fixture(params=["Europe/Berlin", "America/New_York"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
               ) -> Iterator[str]:
    """This process's clock in another zone (``TZ``), as the Python SLA clock reads it
    (the system's zone), with its remembered moments forgotten before and after."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    forget_sla_moments()
    yield request.param
    monkeypatch.undo()
    time.tzset()
    forget_sla_moments()
    assert os.environ.get("TZ") != request.param


def forget_sla_moments() -> None:
    for module in (sla_clock, case_sla):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


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
    return (_targets(draw), business, *draw(week_rows()))


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
