"""A case's timeline: interactions, status changes, escalations and follow-ups, newest first.

One ``UNION ALL`` query, paged in SQL (``limit``/``offset``). Entry kinds:

* ``interaction`` — at ``occurred_at``; summary, body as detail, channel, direction;
* ``created`` — the case was opened (its audit "create" event);
* ``status`` — a status change from the audit trail; ``before``/``after`` hold the statuses;
* ``escalation`` — at ``escalated_at``; summary is to whom, detail the reason;
* ``escalation_outcome`` — at ``outcome_at``; summary is to whom, detail the outcome;
* ``followup`` — at its done time, else its snooze or due time; ``state`` is
  ``done``/``open``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from spocdesk.core.model import AuditEvent, Escalation, FollowUp, Interaction, UTCDateTime
from spocdesk.core.services.cases import KIND, resolve_case
from spocdesk.core.store import Store

KINDS = ("interaction", "created", "status", "escalation", "escalation_outcome", "followup")
# among entries at the same moment, the consequence shows above its cause
_TIE_RANK = {"status": 0, "followup": 1, "interaction": 2, "escalation_outcome": 3,
             "escalation": 4, "created": 5}


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    record_id: str
    at: datetime
    summary: str
    detail: str = ""
    author: str = ""
    channel: str = ""
    direction: str = ""
    before: str | None = None
    after: str | None = None
    state: str = ""


def _empty() -> Any:
    return sa.literal("", type_=sa.Text)


def _null() -> Any:
    return sa.null().cast(sa.Text)


def _parts(case_id: str) -> list[sa.Select[Any]]:
    i, a, e, f = (m.__table__.c for m in (Interaction, AuditEvent, Escalation, FollowUp))
    interactions = sa.select(
        sa.literal("interaction").label("kind"), i.id.label("record_id"),
        i.occurred_at.label("at"), i.summary.label("summary"), i.body.label("detail"),
        i.author.label("author"), i.channel.label("channel"), i.direction.label("direction"),
        _null().label("before"), _null().label("after"), _empty().label("state"),
    ).where(i.case_id == case_id, i.deleted_at.is_(None))
    audited = sa.select(
        sa.case((a.action == "create", "created"), else_="status"), a.id, a.at,
        _empty(), _empty(), a.author, _empty(), _empty(), a.before, a.after, _empty(),
    ).where(a.entity == KIND, a.entity_id == case_id,
            sa.or_(a.action == "create", sa.and_(a.action == "update", a.field == "status")))
    escalated = sa.select(
        sa.literal("escalation"), e.id, e.escalated_at, e.to_name, e.reason, _empty(),
        _empty(), _empty(), _null(), _null(),
        sa.case((e.outcome_at.is_(None), "open"), else_="done"),
    ).where(e.case_id == case_id, e.deleted_at.is_(None))
    outcomes = sa.select(
        sa.literal("escalation_outcome"), e.id, e.outcome_at, e.to_name, e.outcome, _empty(),
        _empty(), _empty(), _null(), _null(), sa.literal("done"),
    ).where(e.case_id == case_id, e.deleted_at.is_(None), e.outcome_at.is_not(None))
    followups = sa.select(
        sa.literal("followup"), f.id,
        sa.func.coalesce(f.done_at, f.snoozed_until, f.due_at, f.created_at, type_=UTCDateTime),
        f.title, f.notes, _empty(), _empty(), _empty(), _null(), _null(),
        sa.case((f.done_at.is_(None), "open"), else_="done"),
    ).where(f.case_id == case_id, f.deleted_at.is_(None))
    return [interactions, audited, escalated, outcomes, followups]


def timeline(store: Store, case_id: str, *, limit: int = 50,
             offset: int = 0) -> list[TimelineEntry]:
    """One page of a case's timeline (by id or reference), newest first."""
    with store.session() as session:
        cid = resolve_case(session, case_id).id
    union = sa.union_all(*_parts(cid)).subquery()
    tie = sa.case(_TIE_RANK, value=union.c.kind, else_=9)
    query = (sa.select(union).order_by(union.c.at.desc(), tie, union.c.record_id)
             .limit(max(0, limit)).offset(max(0, offset)))
    with store.connection() as conn:
        return [TimelineEntry(*row) for row in conn.execute(query)]


def timeline_length(store: Store, case_id: str) -> int:
    with store.session() as session:
        cid = resolve_case(session, case_id).id
    union = sa.union_all(*_parts(cid)).subquery()
    with store.connection() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(union)).scalar_one())
