"""SLA states at the edges, in Python and in SQL, which must agree.

The edges are those of clocks that run around the clock (``sla_business_hours`` off),
where they are easy to write down; SQL and Python agree in working time too, and
``test_sla_business_time.py`` has the working-time edges."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import sla
from spocdesk.core.cases.query import CaseFilter, ListContext, case_ids, view_counts
from spocdesk.core.model import Case
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
US = timedelta(microseconds=1)
H24 = timedelta(hours=24)  # normal: first response within 24 h
D10 = timedelta(days=10)  # normal: resolution within 10 days
AROUND = Settings(sla_business_hours=False)


def _eval(now: datetime, *, priority: str = "normal", status: str = "open",
          responded: datetime | None = None, resolved: datetime | None = None,
          settings: Settings | None = None) -> sla.SlaInfo:
    return sla.evaluate(priority=priority, status=status, opened_at=T0,
                        first_response_at=responded, resolved_at=resolved, now=now,
                        settings=settings or AROUND)


@pytest.mark.parametrize(("offset", "state"), [
    (timedelta(0), "on_track"),
    (H24 * 0.75 - US, "on_track"),
    (H24 * 0.75, "at_risk"),  # exactly 75 % used: at risk
    (H24, "at_risk"),  # exactly at the deadline: still in time
    (H24 + US, "breached"),
])
def test_response_clock_edges(offset: timedelta, state: str) -> None:
    info = _eval(T0 + offset)
    assert info.response.state == state
    assert info.state == state
    assert info.response.deadline == T0 + H24


@pytest.mark.parametrize(("responded", "state"), [
    (T0 + H24 - US, "met"), (T0 + H24, "met"), (T0 + H24 + US, "breached"),
])
def test_response_met_or_breached(responded: datetime, state: str) -> None:
    info = _eval(T0 + H24 * 3, responded=responded)
    assert info.response.state == state
    assert not info.response.running


@pytest.mark.parametrize(("offset", "state"), [
    (D10 * 0.75 - US, "on_track"), (D10 * 0.75, "at_risk"), (D10, "at_risk"),
    (D10 + US, "breached"),
])
def test_resolution_clock_edges(offset: timedelta, state: str) -> None:
    info = _eval(T0 + offset, responded=T0 + timedelta(hours=1))
    assert info.resolution.state == state
    assert info.state == state  # the response was met, so the resolution decides
    assert info.time_left == D10 - offset


@pytest.mark.parametrize(("resolved", "state"), [
    (T0 + D10, "met"), (T0 + D10 + US, "breached"),
])
def test_resolution_met_or_breached(resolved: datetime, state: str) -> None:
    info = _eval(T0 + D10 * 5, status="resolved", responded=T0, resolved=resolved)
    assert info.resolution.state == state
    assert info.state == state
    assert info.time_left is None


def test_resolved_without_response_stops_the_response_clock() -> None:
    info = _eval(T0 + D10 * 5, status="closed", resolved=T0 + timedelta(days=1))
    assert (info.response.state, info.resolution.state, info.state) == ("none", "met", "met")


def test_late_response_stays_breached() -> None:
    info = _eval(T0 + timedelta(days=1, hours=1), responded=T0 + timedelta(days=1, seconds=1))
    assert (info.response.state, info.resolution.state, info.state) == (
        "breached", "on_track", "breached")


def test_time_left_is_nearest_running_deadline() -> None:
    info = _eval(T0 + timedelta(hours=30))
    assert info.time_left == H24 - timedelta(hours=30)  # negative: breached 6 h ago
    assert info.time_left_seconds == -6 * 3600


def test_priority_without_target() -> None:
    settings = Settings(sla={"urgent": SlaTarget(1, 1)}, sla_business_hours=False)
    assert _eval(T0 + D10 * 9, settings=settings).state == "none"
    assert _eval(T0 + timedelta(hours=2), priority="urgent", settings=settings).state == (
        "breached")


def test_urgent_and_custom_fraction() -> None:
    settings = Settings(sla_at_risk_fraction=0.5, sla_business_hours=False)
    half = T0 + timedelta(minutes=30)
    assert _eval(half - US, priority="urgent", settings=settings).state == "on_track"
    assert _eval(half, priority="urgent", settings=settings).state == "at_risk"


# -- SQL agrees with Python -----------------------------------------------------

EDGES = [timedelta(0), H24 * 0.75, H24, D10 * 0.75, D10, timedelta(hours=1),
         timedelta(hours=4) * 0.75, timedelta(hours=4), timedelta(days=3), timedelta(days=30)]


def _fill(store: Store, count: int, seed: int) -> None:
    """Cases whose times sit on, just before and just after every threshold."""
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        status = rng.choice(["new", "open", "waiting", "escalated", "resolved", "closed"])
        jitter = rng.choice([-US, timedelta(0), US, timedelta(seconds=rng.randint(-99, 99))])
        responded = (T0 + rng.choice(EDGES) + jitter) if rng.random() < 0.6 else None
        resolved = (T0 + rng.choice(EDGES) + rng.choice([-US, timedelta(0), US])
                    if status in ("resolved", "closed") and rng.random() < 0.9 else None)
        rows.append({
            "id": f"case-{n}", "ref": f"C-{n:04d}", "ref_number": n, "title": f"Case {n}",
            "status": status, "priority": rng.choice(["low", "normal", "high", "urgent", "odd"]),
            "opened_at": T0, "first_response_at": responded, "resolved_at": resolved,
            "created_at": T0, "updated_at": T0, "revision": 1,
        })
    with store.unit_of_work() as uow:
        uow.session.execute(sa.insert(Case), rows)
        uow.commit()


def _python_states(store: Store, now: datetime, settings: Settings) -> dict[str, sla.SlaInfo]:
    with store.session() as s:
        return {c.id: sla.evaluate_case(c, now, settings) for c in s.scalars(sa.select(Case))}


@pytest.mark.parametrize(("fraction", "business"), [(0.75, False), (0.5, False), (0.75, True)])
def test_sql_matches_python_at_every_edge(store: Store, fraction: float, business: bool) -> None:
    _fill(store, 300, seed=7)
    settings = Settings(sla_at_risk_fraction=fraction, sla_business_hours=business)
    nows = sorted({T0 + edge + j for edge in EDGES for j in (-US, timedelta(0), US)})
    c = Case.__table__.c
    for now in nows:
        expected = _python_states(store, now, settings)
        expr = sla.SlaSql(settings, now)
        query = sa.select(c.id, expr.state(), expr.needs_attention(), expr.time_left_seconds())
        with store.connection() as conn:
            got = {row[0]: row[1:] for row in conn.execute(query)}
        for cid, info in expected.items():
            state, attention, left = got[cid]
            assert state == info.state, (cid, now)
            open_ = info.resolution.running
            assert bool(attention) == (open_ and info.state in ("at_risk", "breached"))
            if info.time_left is None:
                assert left is None
            else:  # julianday arithmetic: millisecond precision is plenty for sorting
                assert left == pytest.approx(info.time_left.total_seconds(), abs=0.01)
        ctx = ListContext(now, settings)
        counts = view_counts(store, ctx=ctx)
        for view, state in (("sla_at_risk", "at_risk"), ("sla_breached", "breached")):
            wanted = sum(1 for i in expected.values()
                         if i.resolution.running and i.state == state)
            assert len(case_ids(store, CaseFilter(view=view), ctx=ctx)) == wanted
            assert counts[view] == wanted
