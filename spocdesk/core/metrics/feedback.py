"""Satisfaction on the record: CSAT per resolved case, Net Promoter answers per
stakeholder, and what is still to ask.

*CSAT* — the client's satisfaction with a case, 1 (very unhappy) to 5 (very happy),
with an optional comment and how it was asked (:data:`VIA`). It is recorded at or
after the case's resolution, never before it: a case that is not resolved or closed
has nothing to rate yet. A case keeps one answer; recording another replaces it (the
old one stays in the audit trail). *Feedback pending*: the cases resolved in the
last ``days`` days (30 by default) that have no answer yet.

*NPS* — "How likely are you to recommend us?", 0 to 10, asked of a stakeholder at
most once per calendar quarter (the quarter of the answer's moment in the local
zone). A stakeholder is *due* when they have not answered in the current quarter;
the reminder list (:func:`nps_due`) names the due stakeholders who were the main
stakeholder of a case resolved this quarter, the people there is a reason to ask.

Every function that writes is one user action (one commit), returning an
:class:`~spocdesk.core.services.Outcome` whose change-set names ``case_feedback`` or
``nps_answer`` (and the case or stakeholder).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from spocdesk.core import audit
from spocdesk.core.cases.service import KIND as CASE
from spocdesk.core.cases.service import resolve_case
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.followups import recurrence
from spocdesk.core.model import CaseFeedback, NpsAnswer, Stakeholder
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store, backend

FEEDBACK = "case_feedback"  # change-set kinds
NPS = "nps_answer"
STAKEHOLDER = "stakeholder"
VIA = ("phone", "email", "survey", "in-person")
CSAT_RANGE = range(1, 6)
NPS_RANGE = range(0, 11)
PENDING_DAYS = 30


def _parse(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- CSAT ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Feedback:
    id: str
    case_id: str
    csat: int
    comment: str
    via: str
    recorded_at: datetime


def _check_via(via: str) -> str:
    clean = via.strip().lower().replace("_", "-").replace("e-mail", "email")
    if clean == "in person":
        clean = "in-person"
    if clean and clean not in VIA:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{value}' is not a way of asking; use one of: {choices}."),
            value=via, choices=", ".join(VIA))
    return clean


def record_csat(store: Store, case_key: str, csat: int, *, comment: str = "", via: str = "",
                recorded_at: datetime | None = None) -> Outcome[str]:
    """Record the client's satisfaction with a resolved case (by id or reference);
    the value is the feedback's id. ``recorded_at`` (default: now) may not be before
    the resolution. An earlier answer on the case is replaced."""
    if isinstance(csat, bool) or not isinstance(csat, int) or csat not in CSAT_RANGE:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Satisfaction is a whole number from 1 to 5."))
    how = _check_via(via)
    now = store.now()
    when = recorded_at or now
    if when.tzinfo is None:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A moment needs a time zone."))
    with store.unit_of_work() as uow:
        session = uow.session
        case = resolve_case(session, case_key)
        if case.status not in ("resolved", "closed") or case.resolved_at is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{ref} is not resolved yet; satisfaction is recorded at or "
                "after the resolution."), ref=case.ref)
        if when < case.resolved_at:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{ref} was resolved after that moment; satisfaction is "
                "recorded at or after the resolution."), ref=case.ref)
        old = session.scalar(sa.select(CaseFeedback).where(
            CaseFeedback.case_id == case.id, CaseFeedback.deleted_at.is_(None)))
        if old is not None:
            old.deleted_at = now
            session.flush()  # the unique live index: the old answer goes first
        item = CaseFeedback(case_id=case.id, csat=csat, comment=comment.strip(), via=how,
                            recorded_at=when, created_at=now)
        session.add(item)
        session.flush()
        audit.record(session, entity=CASE, entity_id=case.id, action="update",
                     author=store.author, at=now, field="csat",
                     before=None if old is None else old.csat, after=csat)
        uow.changes.touch(FEEDBACK, item.id)
        uow.changes.touch(CASE, case.id)
        uow.commit()
    return Outcome(item.id, uow.changes)


def feedback_of(store: Store, case_key: str) -> Feedback | None:
    """The case's live answer, or ``None`` when none was recorded."""
    with store.session() as session:
        case = resolve_case(session, case_key)
        row = session.execute(sa.select(
            CaseFeedback.id, CaseFeedback.case_id, CaseFeedback.csat, CaseFeedback.comment,
            CaseFeedback.via, CaseFeedback.recorded_at,
        ).where(CaseFeedback.case_id == case.id, CaseFeedback.deleted_at.is_(None))).first()
    return None if row is None else Feedback(*row)


@dataclass(frozen=True)
class PendingCase:
    id: str
    ref: str
    title: str
    resolved_at: datetime
    main_stakeholder: str  # their name, "" when nobody is main
    main_stakeholder_id: str | None


@dataclass(frozen=True)
class Pending:
    since: datetime
    total: int  # every pending case since ``since``
    cases: list[PendingCase]  # the most recently resolved first, at most ``limit``


_PENDING_WHERE = """
  FROM case_record AS c
 WHERE c.deleted_at IS NULL AND c.resolved_at IS NOT NULL{since}
   AND c.status IN ('resolved', 'closed')
   AND NOT EXISTS (SELECT 1 FROM case_feedback AS f
                    WHERE f.case_id = c.id AND f.deleted_at IS NULL)
"""
_SINCE = " AND c.resolved_at >= :since"


_PENDING_SELECT = ("SELECT c.id, c.ref, c.title, c.resolved_at, s.display_name, s.id"
                   + _PENDING_WHERE.replace(
                       "FROM case_record AS c",
                       "FROM case_record AS c LEFT JOIN case_participant AS p "
                       "ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL "
                       "LEFT JOIN stakeholder AS s ON s.id = p.stakeholder_id"))


def _limit(limit: int | None) -> str:
    """A ``LIMIT`` clause (none for ``None``: PostgreSQL takes no negative limit)."""
    return "" if limit is None else f" LIMIT {max(0, int(limit))}"


def _pending_case(row: Any) -> PendingCase:
    cid, ref, title, resolved, name, sid = row
    return PendingCase(cid, ref, title, _parse(resolved), name or "", sid)


def pending(store: Store, *, days: int = PENDING_DAYS, limit: int | None = 200,
            since: datetime | None = None) -> Pending:
    """Resolved cases of the last ``days`` days (or since ``since``) without
    satisfaction on record, at most ``limit`` of them (``None``: all): a range of
    ``ix_case_resolved_live`` with one look-up per case."""
    since = since or store.now() - timedelta(days=max(0, days))
    params: dict[str, Any] = {"since": since}
    with store.connection() as conn, conn.begin():
        total = int(backend.query(
            conn, "SELECT count(*)" + _PENDING_WHERE.replace("{since}", _SINCE),
            params).scalar_one())
        rows = backend.query(
            conn, _PENDING_SELECT.replace("{since}", _SINCE)
            + " ORDER BY c.resolved_at DESC, c.ref_number DESC" + _limit(limit),
            params).all() if limit is None or limit > 0 else []
    return Pending(since, total, [_pending_case(row) for row in rows])


def pending_rows(store: Store, ids: list[str]) -> list[PendingCase]:
    """The pending cases among ``ids`` (a page of the list), whenever resolved."""
    with store.connection() as conn:
        return [_pending_case(row) for row in backend.query(
            conn, _PENDING_SELECT.replace("{since}", "") + " AND c.id IN :ids",
            {"ids": list(ids)})]


# -- NPS ------------------------------------------------------------------------------

def quarter_of(moment: datetime, tz: ZoneInfo) -> str:
    """The calendar quarter of ``moment`` in ``tz``: ``"2026-Q1"``."""
    local = moment.astimezone(tz)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def quarter_start(label: str) -> date:
    """The first day of a quarter label: ``"2026-Q2"`` → 2026-04-01."""
    year, q = label.split("-Q")
    return date(int(year), 3 * (int(q) - 1) + 1, 1)


def next_quarter_start(label: str) -> date:
    first = quarter_start(label)
    return date(first.year + 1, 1, 1) if first.month == 10 else date(first.year,
                                                                     first.month + 3, 1)


def _stakeholder(session: sa.orm.Session, stakeholder_id: str) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
    return person


def record_nps(store: Store, stakeholder_id: str, score: int, *, comment: str = "",
               answered_at: datetime | None = None,
               tz: ZoneInfo | None = None) -> Outcome[str]:
    """Record a stakeholder's Net Promoter answer (0–10); the value is its id. A
    second answer in the same quarter is refused with the day the next one is due."""
    if isinstance(score, bool) or not isinstance(score, int) or score not in NPS_RANGE:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A Net Promoter answer is a whole number from 0 to 10."))
    zone = tz or recurrence.local_zone()
    now = store.now()
    when = answered_at or now
    if when.tzinfo is None:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A moment needs a time zone."))
    quarter = quarter_of(when, zone)
    with store.unit_of_work() as uow:
        session = uow.session
        person = _stakeholder(session, stakeholder_id)
        taken = session.scalar(sa.select(NpsAnswer.id).where(
            NpsAnswer.stakeholder_id == person.id, NpsAnswer.quarter == quarter,
            NpsAnswer.deleted_at.is_(None)))
        if taken is not None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{name} already gave a Net Promoter answer in {quarter}; "
                "the next one is due from {day}."), name=person.display_name,
                quarter=quarter, day=next_quarter_start(quarter).isoformat())
        item = NpsAnswer(stakeholder_id=person.id, score=score, comment=comment.strip(),
                         quarter=quarter, answered_at=when, created_at=now)
        session.add(item)
        session.flush()
        audit.record(session, entity=STAKEHOLDER, entity_id=person.id, action="update",
                     author=store.author, at=now, field="nps", after=score)
        uow.changes.touch(NPS, item.id)
        uow.changes.touch(STAKEHOLDER, person.id)
        uow.commit()
    return Outcome(item.id, uow.changes)


@dataclass(frozen=True)
class NpsStatus:
    """A stakeholder's last Net Promoter answer and whether one is due now."""

    stakeholder_id: str
    last_score: int | None
    last_quarter: str | None
    last_answered_at: datetime | None
    due: bool  # no answer in the current quarter
    due_from: date  # the first day a new answer may be recorded


def nps_status(store: Store, stakeholder_id: str, *, tz: ZoneInfo | None = None) -> NpsStatus:
    zone = tz or recurrence.local_zone()
    current = quarter_of(store.now(), zone)
    with store.session() as session:
        _stakeholder(session, stakeholder_id)
        row = session.execute(sa.select(NpsAnswer.score, NpsAnswer.quarter,
                                        NpsAnswer.answered_at).where(
            NpsAnswer.stakeholder_id == stakeholder_id, NpsAnswer.deleted_at.is_(None))
            .order_by(NpsAnswer.quarter.desc()).limit(1)).first()
    if row is None:
        return NpsStatus(stakeholder_id, None, None, None, True, quarter_start(current))
    score, quarter, at = row
    due = quarter != current
    return NpsStatus(stakeholder_id, score, quarter, at, due,
                     quarter_start(current) if due else next_quarter_start(current))


@dataclass(frozen=True)
class NpsDue:
    stakeholder_id: str
    name: str
    last_resolved_at: datetime  # their latest case resolved this quarter


_NPS_DUE = """
  FROM case_record AS c
  JOIN case_participant AS p
    ON p.case_id = c.id AND p.is_main = 1 AND p.deleted_at IS NULL
  JOIN stakeholder AS s ON s.id = p.stakeholder_id AND s.deleted_at IS NULL
 WHERE c.deleted_at IS NULL AND c.resolved_at IS NOT NULL AND c.resolved_at >= :since
   AND c.status IN ('resolved', 'closed')
   AND NOT EXISTS (SELECT 1 FROM nps_answer AS n WHERE n.stakeholder_id = s.id
                   AND n.quarter = :quarter AND n.deleted_at IS NULL)"""


def _nps_due_params(store: Store, tz: ZoneInfo | None) -> dict[str, Any]:
    zone = tz or recurrence.local_zone()
    quarter = quarter_of(store.now(), zone)
    since = recurrence.start_of_day(quarter_start(quarter), zone)
    return {"since": since, "quarter": quarter}


def nps_due(store: Store, *, tz: ZoneInfo | None = None, limit: int | None = 50,
            ids: list[str] | None = None) -> list[NpsDue]:
    """Stakeholders to ask now: the main stakeholder of a case resolved this quarter
    who has no Net Promoter answer this quarter, the most recent resolution first; at
    most ``limit`` (``None``: all), or those among ``ids`` (a page of the list)."""
    params = _nps_due_params(store, tz)
    narrow = ""
    if ids is not None:
        narrow = " AND s.id IN :ids"
        params["ids"] = list(ids)
    sql = ("SELECT s.id, s.display_name, max(c.resolved_at) AS last" + _NPS_DUE + narrow
           + " GROUP BY s.id, s.display_name ORDER BY last DESC, s.display_name"
           + _limit(limit))
    with store.connection() as conn:
        rows = backend.query(conn, sql, params).all()
    return [NpsDue(sid, name, _parse(last)) for sid, name, last in rows]


def nps_due_count(store: Store, *, tz: ZoneInfo | None = None) -> int:
    """How many stakeholders :func:`nps_due` lists without a limit."""
    with store.connection() as conn:
        return int(backend.query(conn, "SELECT count(DISTINCT s.id)" + _NPS_DUE,
                          _nps_due_params(store, tz)).scalar_one())
