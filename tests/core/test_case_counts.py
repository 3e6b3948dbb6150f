"""The sidebar's view counts against the case list itself and a plain Python reference,
on small stores of every shape: each view's count is the number of ids its list shows.

The counts are not the list's query: "Follow-up overdue" takes another index range,
"SLA at risk" is the open count less the calm open cases (``SlaSql.calm_ranges``) and
the breached ones, and "No follow-up planned" reads the undated open follow-ups once.
These stores exercise what those rewrites could get wrong: follow-ups without a case
(NULL in a ``NOT IN`` list), undated, snoozed, done and deleted follow-ups, deleted
cases, a status and a priority outside the workflow, SLA targets for only some
priorities, and times on every SLA edge."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import query as q
from spocdesk.core.cases import sla
from spocdesk.core.followups import service as followups
from spocdesk.core.model import Case, Escalation, FollowUp
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

NOW = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)  # a Wednesday
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
US = timedelta(microseconds=1)
ACTIVE = {"new", "open", "waiting", "escalated"}
STATUSES = ["new", "open", "waiting", "escalated", "resolved", "closed", "odd"]
PRIORITIES = ["low", "normal", "high", "urgent", "odd"]
# every at-risk mark and deadline of the default targets (fractions 0.5, 0.75, 1)
MARKS = [timedelta(hours=h) * f for h in (1, 4, 24, 72, 24, 72, 240, 720)
         for f in (0.5, 0.75, 1.0)]

SETTINGS = {
    "default": Settings(),
    "half": Settings(sla_at_risk_fraction=0.5),
    "some_targets": Settings(sla={"normal": SlaTarget(24, 10), "urgent": SlaTarget(1, 1)}),
    "late_mark": Settings(sla_at_risk_fraction=1.2),
    "no_targets": Settings(sla={}),
    "around_the_clock": Settings(sla_business_hours=False),
    "weekend_shifts": Settings(working_days="367", working_hours_start="07:30",
                               working_hours_end="19:00"),
}


def _moment(rng: random.Random) -> datetime:
    """Before ``NOW``: on, just before or just after an SLA edge, or anywhere in 40 days."""
    if rng.random() < 0.6:
        return NOW - rng.choice(MARKS) + rng.choice([-US, timedelta(0), US])
    return NOW - timedelta(seconds=rng.randint(0, 40 * 86_400))


def _fill(store: Store, seed: int, count: int = 160) -> None:
    rng = random.Random(seed)
    cases: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    escalations: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        status = rng.choice(STATUSES) if rng.random() < 0.97 else "odd"
        opened = _moment(rng)
        responded = opened + timedelta(seconds=rng.randint(0, 200_000)) \
            if rng.random() < 0.5 else None
        resolved = None
        if status in ("resolved", "closed") and rng.random() < 0.9:
            resolved = rng.choice([MONDAY - US, MONDAY, MONDAY + US, _moment(rng)])
        cases.append({
            "id": f"case-{n}", "ref": f"C-{n:04d}", "ref_number": n, "title": f"Case {n}",
            "status": status, "priority": rng.choice(PRIORITIES), "opened_at": opened,
            "first_response_at": responded, "resolved_at": resolved,
            "next_step": rng.choice(["", "", "Call back"]),
            "deleted_at": NOW if rng.random() < 0.05 else None,
            "created_at": opened, "updated_at": opened, "revision": 1,
        })
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            due = rng.choice([None, NOW - timedelta(hours=rng.randint(1, 99)),
                              NOW + timedelta(hours=rng.randint(1, 99)), NOW, NOW - US])
            items.append(_item(rng, f"case-{n}", due))
        if rng.random() < 0.1:
            escalations.append({"case_id": f"case-{n}", "to_name": "Team",
                                "escalated_at": opened,
                                "outcome_at": NOW if rng.random() < 0.4 else None,
                                "deleted_at": NOW if rng.random() < 0.1 else None})
    for _ in range(12):  # follow-ups of no case: a NULL among the case ids
        items.append(_item(rng, None, rng.choice([None, NOW - timedelta(hours=2)])))
    with store.unit_of_work() as uow:
        session = uow.session
        session.execute(sa.insert(Case), cases)
        session.execute(sa.insert(FollowUp), items)
        if escalations:
            session.execute(sa.insert(Escalation), escalations)
        for row in cases:  # as the services keep it
            followups.refresh_case_next(session, row["id"])
        uow.commit()


def _item(rng: random.Random, case_id: str | None, due: datetime | None) -> dict[str, Any]:
    snoozed = NOW + timedelta(hours=rng.choice([-3, 5])) if rng.random() < 0.15 else None
    return {"case_id": case_id, "title": "call", "due_at": due, "snoozed_until": snoozed,
            "done_at": NOW - timedelta(hours=1) if rng.random() < 0.25 else None,
            "deleted_at": NOW if rng.random() < 0.08 else None}


def _reference(store: Store, settings: Settings) -> dict[str, set[str]]:
    """Each view's cases, computed row by row in Python."""
    with store.session() as s:
        live = list(s.scalars(sa.select(Case).where(Case.deleted_at.is_(None))))
        items = list(s.scalars(sa.select(FollowUp).where(
            FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None))))
        open_escalation = set(s.scalars(sa.select(Escalation.case_id).where(
            Escalation.outcome_at.is_(None), Escalation.deleted_at.is_(None))))
    with_open_item = {item.case_id for item in items}

    def state(case: Case) -> str:
        return sla.evaluate_case(case, NOW, settings).state

    rules = {
        "open": lambda c: c.status in ACTIVE,
        "waiting": lambda c: c.status == "waiting",
        "escalated": lambda c: c.status in ACTIVE
        and (c.status == "escalated" or c.id in open_escalation),
        "followup_overdue": lambda c: c.next_followup_at is not None
        and c.next_followup_at < NOW,
        "no_followup": lambda c: c.status in ACTIVE and c.id not in with_open_item,
        "no_next_step": lambda c: c.status in ACTIVE and c.next_step == "",
        "sla_at_risk": lambda c: c.status in ACTIVE and state(c) == "at_risk",
        "sla_breached": lambda c: c.status in ACTIVE and state(c) == "breached",
        "resolved_this_week": lambda c: c.status in ("resolved", "closed")
        and c.resolved_at is not None and c.resolved_at >= MONDAY,
        "all": lambda c: True,
    }
    return {view: {c.id for c in live if rule(c)} for view, rule in rules.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_are_the_lists(store: Store, seed: int) -> None:
    _fill(store, seed)
    for name, settings in SETTINGS.items():
        ctx = q.ListContext(NOW, settings, tz=UTC)
        counts = q.view_counts(store, ctx=ctx)
        want = _reference(store, settings)
        assert list(counts) == list(q.VIEWS)
        for view in q.VIEWS:
            ids = q.case_ids(store, q.CaseFilter(view=view), ctx=ctx)
            assert len(ids) == len(set(ids)), (name, view)
            assert set(ids) == want[view], (name, view)
            assert counts[view] == len(ids), (name, view)
            assert q.case_count(store, q.CaseFilter(view=view), ctx=ctx) == len(ids)
            summed = q.count_parts(view, ctx)  # the additive parts (the Today tiles)
            with store.connection() as conn:
                assert q.count_live(conn, summed) == len(ids), (name, view)
        if name == "default":  # the store is varied enough to mean something
            assert all(counts[view] > 0 for view in q.VIEWS), counts
        if name == "no_targets":
            assert counts["sla_at_risk"] == counts["sla_breached"] == 0


def test_undated_follow_ups_and_stray_ones(store: Store) -> None:
    """An undated open follow-up is a follow-up planned; one of no case, or a done, deleted or
    snoozed one, does not count for the case."""
    rows: list[dict[str, Any]] = [
        {"id": f"c{n}", "ref": f"C-{n}", "ref_number": n, "title": "t", "status": "open",
         "priority": "normal", "opened_at": NOW, "created_at": NOW, "updated_at": NOW,
         "revision": 1} for n in range(1, 6)]
    items: list[dict[str, Any]] = [
        {"case_id": "c1", "title": "undated", "due_at": None},
        {"case_id": "c2", "title": "undated but done", "due_at": None, "done_at": NOW},
        {"case_id": "c3", "title": "undated, deleted", "due_at": None, "deleted_at": NOW},
        {"case_id": "c4", "title": "snoozed", "due_at": None, "snoozed_until": NOW},
        {"case_id": None, "title": "of no case", "due_at": None},
    ]
    with store.unit_of_work() as uow:
        uow.session.execute(sa.insert(Case), rows)
        uow.session.execute(sa.insert(FollowUp), items)
        for row in rows:
            followups.refresh_case_next(uow.session, row["id"])
        uow.commit()
    ctx = q.ListContext(NOW, Settings(), tz=UTC)
    ids = q.case_ids(store, q.CaseFilter(view="no_followup"), ctx=ctx)
    assert ids == ["c2", "c3", "c5"]
    assert q.view_counts(store, ctx=ctx)["no_followup"] == 3
    assert followups.cases_without_followup(store)[0] == 3
