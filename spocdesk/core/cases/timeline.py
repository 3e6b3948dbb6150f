"""A case's timeline: interactions, status changes, escalations and follow-ups, newest first.

One ``UNION ALL`` query, paged in SQL (``limit``/``offset``). Entry kinds:

* ``interaction`` — at ``occurred_at``; summary, body as detail, channel, direction,
  and ``counterparts``: the names of the people it was with (``interaction_participant``),
  looked up for the page's interactions only;
* ``created`` — the case was opened (its audit "create" event);
* ``status`` — a status change from the audit trail; ``before``/``after`` hold the statuses;
* ``escalation`` — at ``escalated_at``; summary is to whom, detail the reason;
* ``escalation_outcome`` — at ``outcome_at``; summary is to whom, detail the outcome;
* ``followup`` — at its done time, else its snooze or due time; ``state`` is
  ``done``/``open``.

``channel`` narrows a page (and its length) to the interactions of one channel.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from spocdesk.core.cases.service import KIND, resolve_case
from spocdesk.core.model import (
    AuditEvent,
    Escalation,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Stakeholder,
    UTCDateTime,
)
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
    counterparts: tuple[str, ...] = ()


def _empty() -> Any:
    return sa.literal("", type_=sa.Text)


def _null() -> Any:
    return sa.null().cast(sa.Text)


def _parts(case_id: str, channel: str | None = None) -> list[sa.Select[Any]]:
    i, a, e, f = (m.__table__.c for m in (Interaction, AuditEvent, Escalation, FollowUp))
    interactions = sa.select(
        sa.literal("interaction").label("kind"), i.id.label("record_id"),
        i.occurred_at.label("at"), i.summary.label("summary"), i.body.label("detail"),
        i.author.label("author"), i.channel.label("channel"), i.direction.label("direction"),
        _null().label("before"), _null().label("after"), _empty().label("state"),
    ).where(i.case_id == case_id, i.deleted_at.is_(None))
    if channel is not None:
        return [interactions.where(i.channel == channel)]
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


def _union(parts: list[sa.Select[Any]]) -> Any:
    return (parts[0] if len(parts) == 1 else sa.union_all(*parts)).subquery()


def timeline(store: Store, case_id: str, *, limit: int = 50, offset: int = 0,
             channel: str | None = None) -> list[TimelineEntry]:
    """One page of a case's timeline (by id or reference), newest first; with
    ``channel``, only the interactions of that channel."""
    with store.session() as session:
        cid = resolve_case(session, case_id).id
    union = _union(_parts(cid, channel))
    tie = sa.case(_TIE_RANK, value=union.c.kind, else_=9)
    query = (sa.select(union).order_by(union.c.at.desc(), tie, union.c.record_id)
             .limit(max(0, limit)).offset(max(0, offset)))
    with store.connection() as conn:
        entries = [TimelineEntry(*row) for row in conn.execute(query)]
        names = _counterparts(conn, [e.record_id for e in entries if e.kind == "interaction"])
    return [replace(e, counterparts=names[e.record_id]) if e.record_id in names else e
            for e in entries]


def _counterparts(conn: sa.Connection, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The names of the people each of these interactions was with, by name."""
    if not ids:
        return {}
    ip = InteractionParticipant
    rows = conn.execute(
        sa.select(ip.interaction_id, Stakeholder.display_name)
        .join(Stakeholder, Stakeholder.id == ip.stakeholder_id)
        .where(ip.interaction_id.in_(ids), ip.deleted_at.is_(None))
        .order_by(ip.interaction_id, Stakeholder.sort_name, Stakeholder.id))
    found: dict[str, list[str]] = defaultdict(list)
    for interaction_id, name in rows:
        found[interaction_id].append(name)
    return {key: tuple(value) for key, value in found.items()}


def timeline_length(store: Store, case_id: str, *, channel: str | None = None) -> int:
    with store.session() as session:
        cid = resolve_case(session, case_id).id
    union = _union(_parts(cid, channel))
    with store.connection() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(union)).scalar_one())
