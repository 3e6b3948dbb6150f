"""The case list's SLA views ("SLA at risk", "SLA breached"), their counts, the stored
deadline the list sorts "time left" by and the verdict the dashboard counts: the same
cases on the encrypted file and on a team server, in the app's time zone (UTC and
Berlin, the week after its clocks went forward), under three sets of SLA settings."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core import preferences, sla_clock
from spocdesk.core.cases import query as q
from spocdesk.core.cases import sla
from spocdesk.core.model import Case
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store
from tests.app_zone import in_zone

pytestmark = pytest.mark.both_backends  # the file store and a team server

NOW = datetime(2026, 3, 31, 13, 5, tzinfo=UTC)  # a Tuesday; Berlin went to summer time Sunday
ACTIVE = ("new", "open", "waiting", "escalated")
STATUSES = (*ACTIVE, "resolved", "closed")
SETTINGS = {
    "defaults": Settings(),
    "around the clock": Settings(sla_business_hours=False),
    "a long week": Settings(working_days="123456", working_hours_start="07:30",
                            working_hours_end="18:45",
                            sla={"urgent": SlaTarget(2, 1), "high": SlaTarget(6, 2),
                                 "normal": SlaTarget(16, 4), "low": SlaTarget(40, 12)}),
}


@pytest.fixture(autouse=True, params=["UTC", "Europe/Berlin"])
def app_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[str]:
    """The computer's time zone for the whole test: set before the store opens, so a
    server connection says it too."""
    yield from in_zone(monkeypatch, request.param)


def _fill(store: Store, count: int = 360, seed: int = 11) -> None:
    """Cases opened over the last six weeks (evenings, weekends, the night of the change
    included), some answered, some resolved, in every status and priority."""
    rng = random.Random(seed)
    with store.unit_of_work() as uow:
        for n in range(1, count + 1):
            opened = NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 42))
            status = rng.choice(STATUSES)
            answered = opened + timedelta(minutes=rng.randint(0, 60 * 24 * 6))
            resolved = opened + timedelta(minutes=rng.randint(0, 60 * 24 * 20))
            stopped = status in ("resolved", "closed")
            uow.session.add(Case(
                id=str(uuid.uuid4()), ref=f"C-{n:04d}", ref_number=n, title=f"Case {n}",
                opened_at=opened, status=status,
                priority=rng.choice(["urgent", "high", "normal", "low"]),
                first_response_at=min(answered, NOW) if rng.random() < 0.5 else None,
                resolved_at=min(resolved, NOW) if stopped or rng.random() < 0.05 else None))
        uow.commit()


def _expected(store: Store, settings: Settings) -> dict[str, sla.SlaInfo]:
    with store.session() as s:
        return {c.ref: sla.evaluate_case(c, NOW, settings)
                for c in s.scalars(sa.select(Case).order_by(Case.ref_number))}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_sla_views_counts_and_stored_values(store: Store, name: str) -> None:
    settings = SETTINGS[name]
    _fill(store)
    preferences.save_settings(store, settings)  # the stored values follow the settings
    ctx = q.context(store, now=NOW, settings=settings, tz=UTC)
    expected = _expected(store, settings)
    with store.session() as s:
        statuses = dict(s.execute(sa.select(Case.ref, Case.status)).all())
    refs = {row_id: ref for ref, row_id in _ids(store).items()}
    counts = q.view_counts(store, ctx=ctx)
    for view, state in (("sla_at_risk", sla.AT_RISK), ("sla_breached", sla.BREACHED)):
        want = [ref for ref, info in expected.items()
                if statuses[ref] in ACTIVE and info.state == state]
        got = [refs[i] for i in q.case_ids(store, q.CaseFilter(view=view), ctx=ctx)]
        assert got == want, view
        assert counts[view] == len(want), view
        assert len(want) >= 3, view  # the data has some of each
    _stored_values_agree(store, settings)


def _ids(store: Store) -> dict[str, str]:
    with store.session() as s:
        return dict(s.execute(sa.select(Case.ref, Case.id)).all())


def _stored_values_agree(store: Store, settings: Settings) -> None:
    """``sla_deadline`` and ``sla_breached`` as the file's Python SQL functions give them."""
    raw = sla_clock.settings_json(settings)
    c = Case.__table__.c
    with store.connection() as conn:
        rows = conn.execute(sa.select(
            c.ref, c.priority, c.status, c.opened_at, c.first_response_at, c.resolved_at,
            c.sla_deadline, c.sla_breached)).all()
    assert rows
    for ref, priority, status, *moments, deadline, breached in rows:
        stored = [None if m is None else m.astimezone(UTC).replace(tzinfo=None).isoformat(
            " ", "microseconds") for m in moments]  # as the file hands them to its function
        assert deadline == sla_clock.sql_deadline(priority, status, *stored, *raw), ref
        assert breached == sla_clock.sql_breached(priority, status, *stored, *raw), ref
