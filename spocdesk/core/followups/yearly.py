"""Yearly reminders of a stakeholder's birthday or anniversary.

A reminder is an ordinary repeating follow-up (``FREQ=YEARLY``) tied to the
stakeholder; an audit event (``field="remind_yearly"``, ``after`` the date's
name) marks which date it is for, so asking twice does not add a second one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core import settings as settings_store
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, render
from spocdesk.core.followups import recurrence
from spocdesk.core.followups import service as followups
from spocdesk.core.model import AuditEvent, FollowUp, Stakeholder
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store

WHICH = ("birthday", "anniversary")
MARK_FIELD = "remind_yearly"
_DATE = re.compile(r"^(?:\d{4}|--)-?(\d{2})-(\d{2})$")
TITLES = {
    "birthday": QT_TRANSLATE_NOOP("spocdesk.core", "Birthday: {name}"),
    "anniversary": QT_TRANSLATE_NOOP("spocdesk.core", "Anniversary: {name}"),
}


def month_day(value: str) -> tuple[int, int] | None:
    """(month, day) of ``YYYY-MM-DD`` or ``--MM-DD``; None when there is no such date."""
    found = _DATE.match(value.strip())
    if found is None:
        return None
    month, day = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    return month, day


def yearly_rule(month: int, day: int) -> str:
    """The RRULE of ``month``/``day`` every year. 29 February is the last day of
    February (``BYMONTH=2;BYMONTHDAY=-1``): the 29th in leap years, the 28th otherwise."""
    if (month, day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"


def _in_year(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _reminder(stakeholder_id: str, which: str) -> sa.Select[str]:
    """The id of the stakeholder's open yearly reminder for ``which``, if there is one."""
    return (
        sa.select(FollowUp.id)
        .join(AuditEvent, sa.and_(AuditEvent.entity == followups.KIND,
                                  AuditEvent.entity_id == FollowUp.id,
                                  AuditEvent.field == MARK_FIELD))
        .where(AuditEvent.after == which, FollowUp.stakeholder_id == stakeholder_id,
               FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None))
        .limit(1))


def existing_reminder(session: Session, stakeholder_id: str, which: str) -> str | None:
    return session.scalar(_reminder(stakeholder_id, which))


def has_reminder(store: Store, stakeholder_id: str, which: str) -> bool:
    """Whether the stakeholder has an open yearly reminder for ``which``."""
    with store.connection() as conn:
        return conn.execute(_reminder(stakeholder_id, which)).first() is not None


def reminder_summary(store: Store, followup_id: str) -> tuple[datetime | None, str]:
    """(next due moment, title) of a reminder, for saying what was added."""
    with store.connection() as conn:
        found = conn.execute(sa.select(FollowUp.due_at, FollowUp.title)
                             .where(FollowUp.id == followup_id)).one()
    return found.due_at, found.title


def remind_yearly(store: Store, stakeholder_id: str, which: str) -> Outcome[str]:
    """Add (once) a yearly follow-up on the stakeholder's birthday or anniversary.

    It falls due on the date's next occurrence (today counts until the working day's
    start hour has passed) at the working week's start hour, also when that day is
    not a working day, and then every year. Someone born on 29 February is reminded
    on the last day of February: the 29th in leap years, the 28th in the others
    (``BYMONTH=2;BYMONTHDAY=-1``). The value is the follow-up's id; a second call
    returns the existing reminder's id and changes nothing.
    """
    if which not in WHICH:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{which}' is not a date to remind of; use birthday or "
                             "anniversary."), which=which)
    now = store.now()
    tz = recurrence.local_zone()
    with store.unit_of_work() as uow:
        session = uow.session
        person = session.get(Stakeholder, stakeholder_id.strip())
        if person is None or person.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no stakeholder with id {id}."), id=stakeholder_id)
        found = existing_reminder(session, person.id, which)
        if found is not None:
            return Outcome(found, uow.changes)
        parsed = month_day(getattr(person, which) or "")
        if parsed is None:
            template = (QT_TRANSLATE_NOOP("spocdesk.core", "{name} has no birthday on record.")
                        if which == "birthday" else QT_TRANSLATE_NOOP(
                            "spocdesk.core", "{name} has no anniversary on record."))
            raise InvalidInput(template, name=person.display_name)
        month, day = parsed
        week = settings_store.load(session).working_week(tz)
        year = recurrence.to_local(now, tz).year
        first = week.at_start(_in_year(year, month, day))
        if first < now:
            first = week.at_start(_in_year(year + 1, month, day))
        data = followups.NewFollowUp(
            title=render(TITLES[which], name=person.display_name), due_at=first,
            stakeholder_id=person.id, rrule=yearly_rule(month, day), tzid=tz.key)
        item = followups.add_in_session(session, data, now=now, author=store.author)
        audit.record(session, entity=followups.KIND, entity_id=item.id, action="update",
                     author=store.author, at=now, field=MARK_FIELD, after=which)
        uow.changes.touch(followups.KIND, item.id)
        uow.changes.touch("stakeholder", person.id)
        uow.commit()
    return Outcome(item.id, uow.changes)
