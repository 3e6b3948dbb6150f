"""Follow-ups: what must happen next, and by when.

A follow-up is one-off or a recurring *series* (RRULE anchored in local wall
time, see :mod:`spocdesk.core.followups.recurrence`). A series is one row whose
``due_at`` is its current occurrence: completing it writes a done copy of that
occurrence (the visible history) and moves the series row to its next
occurrence, so the series keeps its id and calendar UID. The done copy is
linked to its series by an audit event (``field="occurrence_of"``), which is
how :func:`undo_complete` finds its way back. A stakeholder's stay-in-touch
follow-up (kind ``stay_in_touch``) advances the same way, by its cadence.

The effective due moment of an open follow-up is ``snoozed_until`` when set,
else ``due_at``. ``Case.next_followup_at`` is kept equal to the earliest one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute, Session

from spocdesk.core import audit
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.followups import recurrence
from spocdesk.core.followups.recurrence import Recurrence, start_of_day, to_local
from spocdesk.core.model import AuditEvent, Case, CaseStatus, FollowUp, Stakeholder
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.core.store.backend import either
from spocdesk.core.uow import ChangeSet

KIND = "followup"
DueColumn: TypeAlias = "sa.ColumnElement[Any] | QueryableAttribute[Any]"
Flag: TypeAlias = "sa.ColumnElement[bool] | QueryableAttribute[bool]"
Condition: TypeAlias = "Callable[[DueColumn, Flag], sa.ColumnElement[bool]]"
TASK = "task"
STAY_IN_TOUCH = "stay_in_touch"
LINK_FIELD = "occurrence_of"
MAX_CADENCE_DAYS = 3650


@dataclass
class NewFollowUp:
    title: str
    due_at: datetime | None
    case_id: str | None = None
    stakeholder_id: str | None = None
    notes: str = ""
    due_has_time: bool = True
    kind: str = TASK
    rrule: str = ""  # RFC 5545 RRULE; needs ``due_at`` (the first occurrence)
    tzid: str = ""  # IANA zone the rule's wall time lives in; default: the computer's


def effective_due(followup: Any = FollowUp) -> sa.ColumnElement[Any]:
    """``snoozed_until`` when set, else ``due_at``: the moment that matters (of
    ``followup``, the model or an alias of it; its indexes: :class:`either`)."""
    return either(followup.snoozed_until, followup.due_at)


def is_open() -> sa.ColumnElement[bool]:
    """Open (not done, not deleted); lets SQLite walk the (done_at, due_at) index."""
    return sa.and_(FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None))


def open_scan() -> sa.ColumnElement[bool]:
    """Open, phrased so SQLite does not pick the (done_at, due_at) index, which is slow
    when most rows are open: for table scans, or beside a selective index (case, person)."""
    return sa.func.coalesce(FollowUp.done_at, FollowUp.deleted_at).is_(None)


def refresh_case_next(session: Session, case_id: str) -> None:
    """Keep ``case.next_followup_at`` (a list column) equal to its earliest open follow-up."""
    earliest = session.scalar(
        sa.select(sa.func.min(effective_due())).where(FollowUp.case_id == case_id, open_scan())
    )
    case = session.get(Case, case_id)
    if case is not None:
        case.next_followup_at = earliest


def series_of(item: FollowUp) -> Recurrence | None:
    if not item.rrule:
        return None
    return Recurrence.build(item.rrule, item.dtstart_local, item.tzid or "UTC")


def add_in_session(session: Session, data: NewFollowUp, *, now: datetime,
                   author: str) -> FollowUp:
    title = data.title.strip()
    if not title:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A follow-up needs a title."))
    if data.kind not in (TASK, STAY_IN_TOUCH):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "'{kind}' is not a kind of follow-up; use task or stay_in_touch."), kind=data.kind)
    if data.case_id and session.get(Case, data.case_id) is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no case with id {id}."), id=data.case_id)
    if data.stakeholder_id and session.get(Stakeholder, data.stakeholder_id) is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no stakeholder with id {id}."), id=data.stakeholder_id)
    item = FollowUp(
        title=title, due_at=data.due_at, case_id=data.case_id,
        stakeholder_id=data.stakeholder_id, notes=data.notes, due_has_time=data.due_has_time,
        kind=data.kind,
    )
    if data.tzid:
        item.tzid = recurrence.parse_zone(data.tzid).key  # the zone a date-only due lives in
    if data.rrule.strip():
        if data.due_at is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "A repeating follow-up needs a due date for its first time."))
        tz = recurrence.parse_zone(data.tzid) if data.tzid else recurrence.local_zone()
        series = Recurrence.build(data.rrule, to_local(data.due_at, tz), tz.key)
        item.rrule, item.tzid = series.rule, series.tzid
        item.dtstart_local = series.dtstart_local.isoformat()
        item.due_at = series.first()
    session.add(item)
    session.flush()
    if data.case_id:
        refresh_case_next(session, data.case_id)
    audit.record(session, entity=KIND, entity_id=item.id, action="create", author=author,
                 at=now)
    return item


def add_followup(store: Store, data: NewFollowUp) -> Outcome[str]:
    with store.unit_of_work() as uow:
        item = add_in_session(uow.session, data, now=store.now(), author=store.author)
        uow.changes.touch(KIND, item.id)
        if data.case_id:
            uow.changes.touch("case", data.case_id)
        uow.commit()
    return Outcome(item.id, uow.changes)


def _get(session: Session, followup_id: str) -> FollowUp:
    item = session.get(FollowUp, followup_id.strip())
    if item is None or item.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no follow-up with id {id}."), id=followup_id)
    return item


def _get_open(session: Session, followup_id: str) -> FollowUp:
    item = _get(session, followup_id)
    if item.done_at is not None:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "That follow-up is already done."))
    return item


def case_id_for_ref(session: Session, ref: str) -> str:
    """The id of case ``C-0042`` (for commands that name cases by reference)."""
    found = session.scalar(sa.select(Case.id).where(
        sa.func.upper(Case.ref) == ref.strip().upper(), Case.deleted_at.is_(None)))
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP("spocdesk.core", "There is no case {ref}."), ref=ref)
    return str(found)


# -- completing, skipping, snoozing, undoing ------------------------------


def stay_in_touch_due(last: datetime, cadence_days: int, tz: ZoneInfo) -> datetime:
    """The start of the local day ``cadence_days`` after the day of ``last``."""
    return start_of_day(to_local(last, tz).date() + timedelta(days=cadence_days), tz)


def _next_due(session: Session, item: FollowUp, now: datetime) -> datetime | None:
    """Where a series moves when its current occurrence is done or skipped (None: it ends)."""
    series = series_of(item)
    if series is not None:
        base = max(item.due_at, now) if item.due_at is not None else now
        return series.next_after(base)
    if item.kind == STAY_IN_TOUCH and item.stakeholder_id:
        person = session.get(Stakeholder, item.stakeholder_id)
        if person is not None and person.cadence_days:
            return stay_in_touch_due(now, person.cadence_days, recurrence.local_zone())
    return None


def _advance(item: FollowUp, due: datetime) -> None:
    item.due_at = due
    item.snoozed_until = None
    item.notified_at = None


def _touch(uow_changes: ChangeSet, item: FollowUp, *extra_ids: str) -> None:
    uow_changes.touch(KIND, item.id, *extra_ids)
    if item.case_id:
        uow_changes.touch("case", item.case_id)


@dataclass(frozen=True)
class Completion:
    done_id: str  # the row now marked done (a copy of the occurrence for a series)
    next_id: str | None  # the series row, when it moved on
    next_due: datetime | None


def complete(store: Store, followup_id: str) -> Outcome[Completion]:
    """Mark a follow-up done; a series records the occurrence and moves to its next one."""
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        item = _get_open(session, followup_id)
        nxt = _next_due(session, item, now)
        if nxt is None:
            item.done_at = now
            result = Completion(item.id, None, None)
            audit.record(session, entity=KIND, entity_id=item.id, action="update",
                         author=store.author, at=now, field="done_at", after=now)
        else:
            done = FollowUp(
                case_id=item.case_id, stakeholder_id=item.stakeholder_id, title=item.title,
                notes=item.notes, kind=item.kind, due_at=item.due_at,
                due_has_time=item.due_has_time, tzid=item.tzid, done_at=now,
                notified_at=item.notified_at,
            )
            session.add(done)
            session.flush()
            audit.record(session, entity=KIND, entity_id=done.id, action="create",
                         author=store.author, at=now, field=LINK_FIELD, after=item.id)
            audit.record(session, entity=KIND, entity_id=item.id, action="update",
                         author=store.author, at=now, field="due_at", before=item.due_at,
                         after=nxt)
            _advance(item, nxt)
            result = Completion(done.id, item.id, nxt)
        if item.case_id:
            refresh_case_next(session, item.case_id)
        _touch(uow.changes, item, result.done_id)
        uow.commit()
    return Outcome(result, uow.changes)


def skip_occurrence(store: Store, followup_id: str) -> Outcome[datetime | None]:
    """Skip a series' current occurrence; the value is its next due moment (None: it ended)."""
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        item = _get_open(session, followup_id)
        if not item.rrule and item.kind != STAY_IN_TOUCH:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "Only a repeating follow-up has an occurrence to skip."))
        nxt = _next_due(session, item, now)
        audit.record(session, entity=KIND, entity_id=item.id, action="update",
                     author=store.author, at=now, field="due_at", before=item.due_at, after=nxt)
        if nxt is None:
            item.done_at = now
        else:
            _advance(item, nxt)
        if item.case_id:
            refresh_case_next(session, item.case_id)
        _touch(uow.changes, item)
        uow.commit()
    return Outcome(nxt, uow.changes)


def snooze(store: Store, followup_id: str, until: datetime) -> Outcome[datetime]:
    """Hide a follow-up until ``until`` (aware); it then falls due (and notifies) again."""
    if until.tzinfo is None:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A snooze time needs a time zone."))
    now = store.now()
    if until <= now:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A follow-up can only be snoozed until a moment in the future."))
    with store.unit_of_work() as uow:
        item = _get_open(uow.session, followup_id)
        audit.record(uow.session, entity=KIND, entity_id=item.id, action="update",
                     author=store.author, at=now, field="snoozed_until",
                     before=item.snoozed_until, after=until)
        item.snoozed_until = until
        item.notified_at = None
        if item.case_id:
            refresh_case_next(uow.session, item.case_id)
        _touch(uow.changes, item)
        uow.commit()
    return Outcome(until, uow.changes)


@dataclass(frozen=True)
class SnoozePreset:
    key: str
    label: str
    until: datetime


def snooze_presets(now: datetime, tz: ZoneInfo, hour: int = recurrence.DEFAULT_HOUR
                   ) -> list[SnoozePreset]:
    """15 minutes, 1 hour, tomorrow 09:00 local, next Monday 09:00 local."""
    today = to_local(now, tz).date()
    tomorrow = today + timedelta(days=1)
    monday = today + timedelta(days=7 - today.weekday())
    at = timedelta(hours=hour)
    return [
        SnoozePreset("15m", "15 minutes", now + timedelta(minutes=15)),
        SnoozePreset("1h", "1 hour", now + timedelta(hours=1)),
        SnoozePreset("tomorrow", f"Tomorrow {hour:02d}:00",
                     recurrence.to_utc(datetime.combine(tomorrow, datetime.min.time()) + at, tz)),
        SnoozePreset("monday", f"Next Monday {hour:02d}:00",
                     recurrence.to_utc(datetime.combine(monday, datetime.min.time()) + at, tz)),
    ]


def _occurrence_of(session: Session, done_id: str) -> str | None:
    return session.scalar(sa.select(AuditEvent.after).where(
        AuditEvent.entity == KIND, AuditEvent.entity_id == done_id,
        AuditEvent.field == LINK_FIELD))


def _same(column: QueryableAttribute[str | None], value: str | None) -> sa.ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _last_occurrence(session: Session, series: FollowUp) -> FollowUp | None:
    """The series' latest done occurrence (a copy shares its case and stakeholder)."""
    return session.scalar(
        sa.select(FollowUp)
        .join(AuditEvent, sa.and_(AuditEvent.entity == KIND, AuditEvent.entity_id == FollowUp.id,
                                  AuditEvent.field == LINK_FIELD))
        .where(AuditEvent.after == series.id, _same(FollowUp.case_id, series.case_id),
               _same(FollowUp.stakeholder_id, series.stakeholder_id),
               FollowUp.done_at.is_not(None), FollowUp.deleted_at.is_(None))
        .order_by(FollowUp.due_at.desc()).limit(1))


def last_done(store: Store) -> str | None:
    """The id of the follow-up done most recently: what Ctrl+Z would restore."""
    query = sa.select(FollowUp.id).where(FollowUp.done_at.is_not(None),
                                         FollowUp.deleted_at.is_(None))
    with store.connection() as conn:
        return conn.execute(query.order_by(FollowUp.done_at.desc()).limit(1)).scalar()


def undo_complete(store: Store, followup_id: str) -> Outcome[str]:
    """Take back a completion: ``followup_id`` is the done row or its series.

    A one-off becomes open again. For a series, its last done occurrence is removed
    and the series moves back to that occurrence. The value is the open row's id.
    """
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        item = _get(session, followup_id)
        done: FollowUp | None = None
        series: FollowUp | None = None
        if item.done_at is not None:
            series_id = _occurrence_of(session, item.id)
            if series_id is None:
                series = item  # a one-off, or a series that ended
            else:
                done, series = item, _get(session, series_id)
                latest = _last_occurrence(session, series)
                if latest is not None and latest.id != done.id:
                    raise InvalidInput(QT_TRANSLATE_NOOP(
                        "spocdesk.core", "Only the last done occurrence of a repeating "
                                         "follow-up can be taken back."))
        else:
            done, series = _last_occurrence(session, item), item
            if done is None:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "There is nothing to undo for this follow-up."))
        if done is None:
            series.done_at = None
        else:
            done.deleted_at = now
            series.done_at = None
            _advance(series, done.due_at or now)
            series.notified_at = done.notified_at
            uow.changes.touch(KIND, done.id)
        audit.record(session, entity=KIND, entity_id=series.id, action="update",
                     author=store.author, at=now, field="done_at", before="done", after=None)
        if series.case_id:
            refresh_case_next(session, series.case_id)
        _touch(uow.changes, series)
        uow.commit()
    return Outcome(series.id, uow.changes)


# -- stay in touch ------------------------------------------------------------


def _open_stay_item(session: Session, stakeholder_id: str) -> FollowUp | None:
    return session.scalar(sa.select(FollowUp).where(
        FollowUp.stakeholder_id == stakeholder_id, FollowUp.kind == STAY_IN_TOUCH, open_scan(),
    ).order_by(FollowUp.due_at).limit(1))


def _schedule_contact(session: Session, person: Stakeholder, last: datetime, *,
                      now: datetime, author: str, tz: ZoneInfo, only_later: bool) -> FollowUp:
    assert person.cadence_days
    due = stay_in_touch_due(last, person.cadence_days, tz)
    item = _open_stay_item(session, person.id)
    if item is None:
        return add_in_session(session, NewFollowUp(
            title=f"Get in touch with {person.display_name}", due_at=due,
            stakeholder_id=person.id, due_has_time=False, kind=STAY_IN_TOUCH, tzid=tz.key,
        ), now=now, author=author)
    if not only_later or item.due_at is None or due > item.due_at:
        audit.record(session, entity=KIND, entity_id=item.id, action="update", author=author,
                     at=now, field="due_at", before=item.due_at, after=due)
        _advance(item, due)
    return item


def _last_contact(session: Session, stakeholder_id: str) -> datetime | None:
    from spocdesk.core.model import Interaction, InteractionParticipant

    return session.scalar(
        sa.select(sa.func.max(Interaction.occurred_at))
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(InteractionParticipant.stakeholder_id == stakeholder_id,
               InteractionParticipant.deleted_at.is_(None), Interaction.deleted_at.is_(None)))


def set_cadence(store: Store, stakeholder_id: str, days: int | None,
                tz: ZoneInfo | None = None) -> Outcome[str | None]:
    """Keep in touch every ``days`` days (None or 0 stops it); the value is the follow-up id."""
    if days is not None and not 0 <= days <= MAX_CADENCE_DAYS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A stay-in-touch cadence is from 1 to {max} days."),
            max=MAX_CADENCE_DAYS)
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        person = session.get(Stakeholder, stakeholder_id)
        if person is None or person.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
        audit.record(session, entity="stakeholder", entity_id=person.id, action="update",
                     author=store.author, at=now, field="cadence_days",
                     before=person.cadence_days, after=days or None)
        person.cadence_days = days or None
        uow.changes.touch("stakeholder", person.id)
        value: str | None = None
        if person.cadence_days:
            last = _last_contact(session, person.id) or now
            item = _schedule_contact(session, person, last, now=now, author=store.author,
                                     tz=tz or recurrence.local_zone(), only_later=False)
            value = item.id
            uow.changes.touch(KIND, item.id)
        else:
            while (stale := _open_stay_item(session, person.id)) is not None:
                stale.deleted_at = now
                session.flush()
                uow.changes.touch(KIND, stale.id)
        uow.commit()
    return Outcome(value, uow.changes)


def on_interaction_logged(session: Session, stakeholder_ids: Iterable[str], when: datetime,
                          *, now: datetime | None = None, tz: ZoneInfo | None = None,
                          author: str = "owner") -> list[str]:
    """Move each involved stakeholder's stay-in-touch follow-up to ``when`` + cadence.

    Called by :func:`spocdesk.core.cases.service.log_in_session` in its session;
    returns the ids of the follow-ups created or moved.
    """
    ids = list(dict.fromkeys(stakeholder_ids))
    if not ids:
        return []
    people = session.scalars(sa.select(Stakeholder).where(
        Stakeholder.id.in_(ids), Stakeholder.cadence_days.is_not(None),
        Stakeholder.cadence_days > 0, Stakeholder.deleted_at.is_(None))).all()
    zone = tz or recurrence.local_zone()
    return [_schedule_contact(session, person, when, now=now or when, author=author, tz=zone,
                              only_later=True).id for person in people]


# -- the agenda ---------------------------------------------------------------

BUCKETS: list[tuple[str, str]] = [
    ("overdue", "Overdue"), ("today", "Today"), ("tomorrow", "Tomorrow"),
    ("this_week", "This week"), ("later", "Later"), ("no_date", "No date"),
]
DUE_FILTERS = ("overdue", "today", "week", "all")
CLOSED_STATUSES = ("resolved", "closed")


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    title: str
    due_at: datetime | None
    due_has_time: bool
    snoozed_until: datetime | None
    rrule: str
    kind: str
    case_id: str | None
    case_ref: str | None
    stakeholder_id: str | None
    stakeholder_name: str | None
    done_at: datetime | None

    @property
    def due(self) -> datetime | None:
        """The effective due moment: the snooze when there is one."""
        return self.snoozed_until or self.due_at


def _rows() -> sa.Select[*tuple[Any, ...]]:
    return (
        sa.select(FollowUp.id, FollowUp.title, FollowUp.due_at, FollowUp.due_has_time,
                  FollowUp.snoozed_until, FollowUp.rrule, FollowUp.kind, FollowUp.case_id,
                  Case.ref, FollowUp.stakeholder_id, Stakeholder.display_name, FollowUp.done_at)
        .select_from(FollowUp)
        .outerjoin(Case, Case.id == FollowUp.case_id)
        .outerjoin(Stakeholder, Stakeholder.id == FollowUp.stakeholder_id)
    )


@dataclass(frozen=True)
class DayBounds:
    """The moments (aware UTC) that cut the agenda into buckets, for one zone."""

    now: datetime
    start_today: datetime
    start_tomorrow: datetime
    start_day_after: datetime
    week_end: datetime  # the start of next Monday


def bucket_bounds(now: datetime, tz: ZoneInfo) -> DayBounds:
    today = to_local(now, tz).date()
    return DayBounds(
        now=now, start_today=start_of_day(today, tz),
        start_tomorrow=start_of_day(today + timedelta(days=1), tz),
        start_day_after=start_of_day(today + timedelta(days=2), tz),
        week_end=start_of_day(today + timedelta(days=7 - today.weekday()), tz),
    )


def _conditions(b: DayBounds, due: DueColumn | None = None, timed: Flag | None = None
                ) -> dict[str, sa.ColumnElement[bool]]:
    """Each bucket's condition on a due column (default: the effective due moment)."""
    if due is None:
        due = effective_due()
        timed = sa.or_(FollowUp.due_has_time.is_(True), FollowUp.snoozed_until.is_not(None))
    assert timed is not None
    # a timed follow-up is overdue once its moment passed; a date-only one from tomorrow on
    overdue = sa.and_(due < b.now, sa.or_(due < b.start_today, timed))
    return {
        "overdue": overdue,
        "today": sa.and_(due >= b.start_today, due < b.start_tomorrow,
                         sa.or_(due >= b.now, sa.not_(timed))),
        "tomorrow": sa.and_(due >= b.start_tomorrow, due < b.start_day_after),
        "this_week": sa.and_(due >= b.start_day_after, due < b.week_end),
        "later": due >= max(b.week_end, b.start_day_after),
        "no_date": due.is_(None),
    }


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    count: int
    items: list[FollowUpRow]  # the first ``limit`` of ``count``, soonest first


@dataclass(frozen=True)
class CaseBrief:
    id: str
    ref: str
    title: str
    status: str
    priority: str
    opened_at: datetime


@dataclass(frozen=True)
class ContactDue:
    id: str
    name: str
    cadence_days: int
    last_contact_at: datetime | None


@dataclass(frozen=True)
class Agenda:
    bounds: DayBounds
    buckets: list[Bucket]
    without_followup: int  # open cases with no open follow-up ("No follow-up planned")
    cases_without_followup: list[CaseBrief]
    due_for_contact: int
    stakeholders_due_for_contact: list[ContactDue]

    def bucket(self, key: str) -> Bucket:
        return next(b for b in self.buckets if b.key == key)


# How the queries stay fast on a store with 200,000 follow-ups, most of them open:
# walking the (done_at, due_at) index row by row is only cheap for a short, ordered
# LIMIT, so lists of *not snoozed* items walk it by ``due_at``; counts and the (few)
# snoozed items come from one table scan each, with "open" written as
# ``coalesce(done_at, deleted_at) IS NULL`` so SQLite does not walk the index for them.
# The agenda instead works on the covering ``ix_followup_effective_due`` (revision
# 0008): range counts (:func:`_bucket_counts`) and a LIMIT-ed walk per bucket
# (:func:`_bucket_items`), snoozed items included, so it tests no table row.


def _plain(condition: Condition, limit: int | None) -> sa.Select[*tuple[Any, ...]]:
    """Open, not snoozed rows meeting ``condition(due_at, due_has_time)``, by ``due_at``
    (in index order, so that a LIMIT stops the walk early)."""
    query = _rows().where(FollowUp.snoozed_until.is_(None),
                          condition(FollowUp.due_at, FollowUp.due_has_time))
    if limit is not None:
        query = query.where(FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None))
    else:
        query = query.where(open_scan())
    return query.order_by(FollowUp.due_at, _rowid()).limit(limit)


def _rowid() -> sa.ColumnElement[int]:
    """Creation order, the tie-break of equal moments: SQLite's index walks give it by
    themselves (an index ends with the rowid), a server's plans need telling."""
    return sa.literal_column(f"{FollowUp.__tablename__}.rowid")


def _snoozed(condition: Condition | None, limit: int | None) -> sa.Select[*tuple[Any, ...]]:
    query = _rows().where(is_open(), FollowUp.snoozed_until.is_not(None))  # ix_followup_snoozed
    if condition is not None:
        query = query.where(condition(FollowUp.snoozed_until, sa.true()))
    return query.order_by(FollowUp.snoozed_until, _rowid()).limit(limit)


def _merge(*parts: Iterable[FollowUpRow], limit: int | None) -> list[FollowUpRow]:
    rows = sorted((row for part in parts for row in part),  # stable: ties keep their order
                  key=lambda r: (r.due is None, r.due or datetime.min.replace(tzinfo=UTC)))
    return rows if limit is None else rows[:limit]


def _bucket_counts(b: DayBounds) -> tuple[list[str], sa.Select[*tuple[Any, ...]]]:
    """How many open follow-ups each bucket holds: one statement of range counts on the
    covering ``ix_followup_effective_due`` (revision 0008), each a walk of its own range
    with nothing to test per entry; the buckets are sums and differences of them."""
    due = effective_due()
    timed = sa.or_(FollowUp.due_has_time.is_(True), FollowUp.snoozed_until.is_not(None))
    floor = datetime(1900, 1, 1, tzinfo=UTC)  # the dated ones as a range (index, not table)

    def count(low: datetime | None, high: datetime | None, *more: sa.ColumnElement[bool]
              ) -> sa.ScalarSelect[Any]:
        terms = [due >= max(low or floor, floor), *more]
        if high is not None:
            terms.append(due < high)
        return sa.select(sa.func.count()).select_from(FollowUp).where(
            is_open(), *terms).scalar_subquery()

    # a timed follow-up due earlier today is overdue, a date-only one is due today
    parts = {
        "before_today": count(None, min(b.start_today, b.now)),
        "timed_passed": count(b.start_today, b.now, timed),
        "today_all": count(b.start_today, b.start_tomorrow),
        "timed_passed_today": count(b.start_today, min(b.now, b.start_tomorrow), timed),
        "tomorrow": count(b.start_tomorrow, b.start_day_after),
        "this_week": count(b.start_day_after, b.week_end),
        "later": count(max(b.week_end, b.start_day_after), None),
        "no_date": sa.select(sa.func.count()).select_from(FollowUp).where(
            is_open(), due.is_(None)).scalar_subquery(),
    }
    return list(parts), sa.select(*parts.values())


def _bucket_items(condition: sa.ColumnElement[bool], limit: int
                  ) -> sa.Select[*tuple[Any, ...]]:
    """The first ``limit`` open follow-ups meeting a bucket's ``condition``, snoozed or
    not, by their effective due moment. The inner select walks the covering
    ``ix_followup_effective_due``, testing each entry on the index alone, and stops at
    ``limit``; only those rows are then read and joined. Ties: not snoozed first, then
    by rowid (creation order), as the (done_at, due_at) index walk had them."""
    rowid = _rowid()
    order = (effective_due(), FollowUp.snoozed_until.is_not(None), rowid)
    first = (sa.select(rowid).select_from(FollowUp).where(is_open(), condition)
             .order_by(*order).limit(limit).correlate(None))
    return _rows().where(rowid.in_(first)).order_by(*order)


def agenda(store: Store, tz: ZoneInfo, limit: int = 100) -> Agenda:
    """The agenda in ``tz``: counts per bucket and the first ``limit`` items of each."""
    bounds = bucket_bounds(store.now(), tz)
    names, counts = _bucket_counts(bounds)
    conditions = _conditions(bounds)
    with store.connection() as conn:
        n = dict(zip(names, map(int, conn.execute(counts).one()), strict=True))
        totals = {
            "overdue": n["before_today"] + n["timed_passed"],
            "today": n["today_all"] - n["timed_passed_today"],
            "tomorrow": n["tomorrow"], "this_week": n["this_week"], "later": n["later"],
            "no_date": n["no_date"],
        }
        buckets = []
        for key, label in BUCKETS:
            items = (_plain(lambda due, _timed: due.is_(None), limit) if key == "no_date"
                     else _bucket_items(conditions[key], limit))  # no_date: (done_at, due_at)
            buckets.append(Bucket(key, label, totals[key],
                                  [FollowUpRow(*row) for row in conn.execute(items)]))
    no_followup, cases = cases_without_followup(store, limit)
    due_contact, people = stakeholders_due_for_contact(store, limit)
    return Agenda(bounds, buckets, no_followup, cases, due_contact, people)


def list_followups(store: Store, due: str = "all", tz: ZoneInfo | None = None,
                   limit: int | None = None) -> list[FollowUpRow]:
    """Open follow-ups, soonest first: ``overdue``; ``today`` and ``week`` (due by the end
    of today or of this week, overdue ones included); or ``all``."""
    if due not in DUE_FILTERS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{due}' is not a due filter; use one of: {choices}."),
            due=due, choices=", ".join(DUE_FILTERS))
    bounds = bucket_bounds(store.now(), tz or recurrence.local_zone())

    def condition(col: DueColumn, timed: Flag) -> sa.ColumnElement[bool]:
        if due == "overdue":
            return _conditions(bounds, col, timed)["overdue"]
        return col < (bounds.start_tomorrow if due == "today" else bounds.week_end)

    def dated(col: DueColumn, _timed: Flag) -> sa.ColumnElement[bool]:
        return col.is_not(None)

    def undated(col: DueColumn, _timed: Flag) -> sa.ColumnElement[bool]:
        return col.is_(None)

    queries = [_plain(condition, limit), _snoozed(condition, limit)] if due != "all" else [
        _plain(dated, limit), _plain(undated, limit), _snoozed(None, limit)]
    with store.connection() as conn:
        return _merge(*[[FollowUpRow(*row) for row in conn.execute(query)]
                        for query in queries], limit=limit)


def _undated_open_case_ids() -> sa.Select[Any]:
    """The cases of the open follow-ups that have no due moment (neither due nor
    snoozed): the ``IS NULL`` range of ``ix_followup_effective_due`` (revision 0008)."""
    return sa.select(FollowUp.case_id).where(FollowUp.case_id.is_not(None), is_open(),
                                             effective_due().is_(None))


def no_followup_planned() -> sa.ColumnElement[bool]:
    """An open case with no open follow-up: ``next_followup_at`` (kept by the services
    equal to the earliest due moment of its open follow-ups) is empty, so only an undated
    one could be open, and none is. Those few are read once into a list that each case
    is looked up in, rather than a seek per case in ``ix_followup_open_case`` (4-5x
    faster at 15,000 such cases). Also the case list's "No follow-up planned" (which is
    not "No next step": that one is about the case's one-line *next step* text)."""
    active = [status.value for status in CaseStatus if status.value not in CLOSED_STATUSES]
    return sa.and_(Case.status.in_(active), Case.next_followup_at.is_(None),
                   Case.id.not_in(_undated_open_case_ids()))


def cases_without_followup(store: Store, limit: int = 100) -> tuple[int, list[CaseBrief]]:
    """Open cases with no open follow-up, dated or not: how many, and the oldest ``limit``
    of them (the case list's "No follow-up planned" view)."""
    where = (Case.deleted_at.is_(None), no_followup_planned())
    with store.connection() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(Case).where(*where))
        total = int(count.scalar_one())
        rows = conn.execute(sa.select(Case.id, Case.ref, Case.title, Case.status,
                                      Case.priority, Case.opened_at)
                            .where(*where).order_by(Case.opened_at, Case.ref).limit(limit))
        return total, [CaseBrief(*row) for row in rows]


def _contact_due(now: datetime) -> tuple[sa.ColumnElement[bool], ...]:
    """Past the stay-in-touch cadence: ``contact_due_at`` (revision 0008: the last
    contact, or the creation, plus ``cadence_days``) before ``now``; one index range."""
    due = Stakeholder.__table__.c.contact_due_at
    return (Stakeholder.deleted_at.is_(None), due.is_not(None), due < now)


def count_due_for_contact(store: Store) -> int:
    """How many stakeholders are past their stay-in-touch cadence."""
    query = sa.select(sa.func.count()).select_from(Stakeholder).where(
        *_contact_due(store.now()))
    with store.connection() as conn:
        return int(conn.execute(query).scalar_one())


def stakeholders_due_for_contact(store: Store, limit: int = 100
                                 ) -> tuple[int, list[ContactDue]]:
    """Stakeholders with a cadence whose last interaction is older than it, longest
    overdue first: how many, and the first ``limit``."""
    columns = Stakeholder.__table__.c
    rows_query = (sa.select(Stakeholder.id, Stakeholder.display_name, Stakeholder.cadence_days,
                            columns.last_contact_at)
                  .where(*_contact_due(store.now())).order_by(columns.contact_due_at)
                  .limit(limit))
    total = count_due_for_contact(store)
    with store.connection() as conn:
        rows = conn.execute(rows_query).all()
    return total, [ContactDue(row.id, row.display_name, int(row.cadence_days or 0),
                              row.last_contact_at) for row in rows]


def due_now_counts(store: Store, tz: ZoneInfo) -> tuple[int, int]:
    """(overdue, due today) open follow-ups: the agenda's rules, counted over one range of
    ``ix_followup_effective_due`` (revision 0008) instead of a table scan."""
    bounds = bucket_bounds(store.now(), tz)
    conditions = _conditions(bounds)
    count = sa.func.count
    query = sa.select(count().filter(conditions["overdue"]), count().filter(conditions["today"])
                      ).select_from(FollowUp).where(is_open(),
                                                    effective_due() < bounds.start_tomorrow)
    with store.connection() as conn:
        overdue, today = conn.execute(query).one()
    return int(overdue), int(today)


def due_between(store: Store, after: datetime | None, before: datetime,
                limit: int = 500) -> list[FollowUpRow]:
    """Open follow-ups that fell due in ``(after, before]`` and were not yet shown.

    A series is one row whose due moment is its current occurrence, so one that
    missed several occurrences while the app was closed is reported once.
    """
    def condition(col: DueColumn, _timed: Flag) -> sa.ColumnElement[bool]:
        window = sa.and_(col <= before, FollowUp.notified_at.is_(None))
        return window if after is None else sa.and_(window, col > after)

    with store.connection() as conn:
        plain = [FollowUpRow(*row) for row in conn.execute(_plain(condition, limit))]
        snoozed = [FollowUpRow(*row) for row in conn.execute(_snoozed(condition, limit))]
    return _merge(plain, snoozed, limit=limit)


def next_due_moment(store: Store, after: datetime | None = None) -> datetime | None:
    """When the next open, not yet shown follow-up falls due after ``after`` (default:
    now): arm one timer for it. What is already due comes from :func:`due_between`."""
    moment = after or store.now()

    def condition(col: DueColumn, _timed: Flag) -> sa.ColumnElement[bool]:
        return sa.and_(col > moment, FollowUp.notified_at.is_(None))

    with store.connection() as conn:
        found = [FollowUpRow(*row) for query in (_plain(condition, 1), _snoozed(condition, 1))
                 for row in conn.execute(query)]
    merged = _merge(found, limit=1)
    return merged[0].due if merged else None


def mark_notified(store: Store, followup_ids: Sequence[str]) -> Outcome[int]:
    """Remember that these follow-ups were shown as due, so they are not shown again."""
    now = store.now()
    with store.unit_of_work() as uow:
        count = 0
        for chunk_start in range(0, len(followup_ids), 500):
            chunk = list(followup_ids[chunk_start:chunk_start + 500])
            result = uow.session.execute(
                sa.update(FollowUp).where(FollowUp.id.in_(chunk), open_scan())
                .values(notified_at=now, updated_at=now, revision=FollowUp.revision + 1)
                .execution_options(synchronize_session=False))
            count += int(result.rowcount or 0)  # type: ignore[attr-defined]
        if followup_ids:
            uow.changes.touch(KIND, *followup_ids)
        uow.commit()
    return Outcome(count, uow.changes)


def export_followups(store: Store, path: str | Path, include_details: bool = False,
                     *, force: bool | None = None) -> Outcome[int]:
    """Write every open follow-up to an .ics file; the value is how many were written.

    Never onto the store or a backup, nor onto an existing file unless ``force``
    (``None``: a save dialog asked already); atomic and owner-only."""
    from spocdesk.core import safe_write
    from spocdesk.core.followups.ical import write_followups

    target = safe_write.guard(store, path, force=force)
    with store.connection() as conn:
        count = write_followups(conn, target, now=store.now(),
                                     include_details=include_details)
    return Outcome(count, ChangeSet())
