"""Open follow-ups as an iCalendar (RFC 5545) file of VTODOs.

One VTODO per open follow-up, with a UID derived from the follow-up (a series
keeps its id across occurrences), so a calendar that re-reads the file updates
its entries instead of duplicating them. A one-off has ``DUE``; a series has
``DTSTART;TZID=…`` at its current occurrence plus its ``RRULE``, and a
VTIMEZONE for each zone used, covering the first occurrence. Each dated item
carries a ``DISPLAY`` alarm at its due moment. The summary is the title plus the
case reference; notes, the case's title and description and the stakeholder's
name are only written with ``include_details``. The file is written to a
temporary file beside the target and moved into place, so a subscribed calendar
never reads half a file.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.followups import recurrence
from spocdesk.core.model import Case, FollowUp, Stakeholder
from spocdesk.core.safe_write import atomic_write

PRODID = "-//spocdesk//follow-ups//EN"
UID_DOMAIN = "spocdesk"
CRLF = "\r\n"


def uid_for(followup_id: str) -> str:
    return f"{followup_id}@{UID_DOMAIN}"


# Control characters RFC 5545 does not allow in a TEXT value (tab is allowed; line
# breaks are written as \n): dropped, so a calendar never meets a broken line.
_FORBIDDEN_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (_FORBIDDEN_CONTROLS.sub("", value).replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    if len(line) <= 75 // 4 or len(line.encode("utf-8")) <= 75:
        return line
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(tz: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """(moment, offset before, offset after) for each change of offset in ``year``."""
    found: list[tuple[datetime, timedelta, timedelta]] = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    before = day.astimezone(tz).utcoffset() or timedelta()
    for _ in range(366):
        nxt = day + timedelta(days=1)
        after = nxt.astimezone(tz).utcoffset() or timedelta()
        if after != before:
            low, high = 0, 24 * 60  # minutes into the day: offset changed in (low, high]
            while high - low > 1:
                mid = (low + high) // 2
                offset = (day + timedelta(minutes=mid)).astimezone(tz).utcoffset()
                low, high = (mid, high) if offset == before else (low, mid)
            found.append((day + timedelta(minutes=high), before, after))
        before, day = after, nxt
    return found


def vtimezone(tz: ZoneInfo, year: int) -> list[str]:
    """A VTIMEZONE for ``tz`` with yearly rules as they stand in ``year``.

    The yearly observances start at the first change of ``year``; before it, from the
    last day of the year before, a first observance states the offset in force on the
    first of January. Without it a series starting in January in the southern
    hemisphere (Sydney, in summer time) would precede every observance, and readers
    built on dateutil or vobject would guess its offset (+10:00 instead of +11:00)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz.key}"]
    changes = _transitions(tz, year)
    if changes:
        first = datetime(year, 1, 1, tzinfo=UTC).astimezone(tz)
        start = datetime(year - 1, 12, 31)
        kind = "DAYLIGHT" if first.dst() else "STANDARD"
        offset = _offset(first.utcoffset())
        lines += [f"BEGIN:{kind}", f"DTSTART:{start:%Y%m%dT%H%M%S}",
                  f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}",
                  f"TZNAME:{first.tzname()}", f"END:{kind}"]
    if not changes:
        moment = datetime(year, 1, 1, tzinfo=UTC).astimezone(tz)
        offset = _offset(moment.utcoffset())
        return [*lines, "BEGIN:STANDARD", "DTSTART:19700101T000000",
                f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}",
                f"TZNAME:{moment.tzname()}", "END:STANDARD", "END:VTIMEZONE"]
    for moment, before, after in changes:
        local = (moment + before).replace(tzinfo=None)  # wall time just before the change
        kind = "DAYLIGHT" if moment.astimezone(tz).dst() else "STANDARD"
        last_day = calendar.monthrange(local.year, local.month)[1]
        nth = -1 if local.day + 7 > last_day else (local.day - 1) // 7 + 1
        weekday = recurrence.WEEKDAYS[local.weekday()]
        lines += [f"BEGIN:{kind}", f"DTSTART:{local:%Y%m%dT%H%M%S}",
                  f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(after)}",
                  f"RRULE:FREQ=YEARLY;BYMONTH={local.month};BYDAY={nth}{weekday}",
                  f"TZNAME:{moment.astimezone(tz).tzname()}", f"END:{kind}"]
    return [*lines, "END:VTIMEZONE"]


@dataclass(frozen=True)
class TodoItem:
    id: str
    title: str
    notes: str
    due_at: datetime | None
    due_has_time: bool
    snoozed_until: datetime | None
    rrule: str
    dtstart_local: str
    tzid: str
    case_ref: str | None
    case_title: str | None
    case_description: str | None
    stakeholder_name: str | None


def _summary(item: TodoItem) -> str:
    return f"{item.title} ({item.case_ref})" if item.case_ref else item.title


def _description(item: TodoItem) -> str:
    parts = [item.notes.strip()]
    if item.case_ref:
        parts.append(f"Case {item.case_ref}: {item.case_title or ''}".rstrip(": "))
        parts.append((item.case_description or "").strip())
    if item.stakeholder_name:
        parts.append(f"With: {item.stakeholder_name}")
    return "\n\n".join(p for p in parts if p)


def _zone(name: str) -> ZoneInfo:
    try:
        return recurrence.parse_zone(name) if name else recurrence.local_zone()
    except InvalidInput:
        return recurrence.local_zone()


def _recurring_lines(item: TodoItem, due: datetime) -> list[str]:
    series = recurrence.Recurrence.build(item.rrule, item.dtstart_local, item.tzid or "UTC")
    parts = series.parts
    if "COUNT" in parts:  # the series restarts at its current occurrence: count what is left
        first = series.first() or due
        gone = len(series.between(first, due, limit=int(parts["COUNT"])))
        parts["COUNT"] = str(max(1, int(parts["COUNT"]) - gone))
    local = recurrence.to_local(due, series.tz)
    if item.due_has_time:
        start = f"DTSTART;TZID={series.tzid}:{local:%Y%m%dT%H%M%S}"
    else:
        start = f"DTSTART;VALUE=DATE:{local:%Y%m%d}"
        if "UNTIL" in parts:
            until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            parts["UNTIL"] = f"{recurrence.to_local(until, series.tz):%Y%m%d}"
    order = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYWEEKNO", "BYYEARDAY",
             "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"]
    rule = ";".join(f"{name}={parts[name]}" for name in order if name in parts)
    return [start, f"RRULE:{rule}"]


def todo_lines(item: TodoItem, *, now: datetime | str, include_details: bool) -> list[str]:
    stamp = now if isinstance(now, str) else _utc(now)
    lines = ["BEGIN:VTODO", f"UID:{uid_for(item.id)}", f"DTSTAMP:{stamp}",
             f"SUMMARY:{escape_text(_summary(item))}", "STATUS:NEEDS-ACTION"]
    if include_details and (text := _description(item)):
        lines.append(f"DESCRIPTION:{escape_text(text)}")
    trigger = ""
    if item.rrule and item.due_at is not None:
        lines += _recurring_lines(item, item.due_at)
        trigger = "TRIGGER;RELATED=START:PT0S"
    elif item.snoozed_until is not None or item.due_at is not None:
        due = item.snoozed_until or item.due_at
        assert due is not None
        if item.due_has_time or item.snoozed_until is not None:
            lines.append(f"DUE:{_utc(due)}")
        else:
            lines.append(f"DUE;VALUE=DATE:{recurrence.to_local(due, _zone(item.tzid)):%Y%m%d}")
        trigger = "TRIGGER;RELATED=END:PT0S"
    if trigger:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                  f"DESCRIPTION:{escape_text(_summary(item))}", trigger, "END:VALARM"]
    return [*lines, "END:VTODO"]


def calendar_lines(items: Iterable[TodoItem], zones: dict[str, int], *, now: datetime,
                   include_details: bool) -> Iterator[str]:
    """The whole calendar, one unfolded content line at a time."""
    yield from ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
                "X-WR-CALNAME:spocdesk follow-ups"]
    for name, year in sorted(zones.items()):
        yield from vtimezone(_zone(name), year)
    stamp = _utc(now)
    for item in items:
        yield from todo_lines(item, now=stamp, include_details=include_details)
    yield "END:VCALENDAR"


def write_atomically(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then move it into place
    (fsynced, owner-only: :func:`spocdesk.core.safe_write.atomic_write`)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=folder)
    with atomic_write(path) as fh:
        write(fh)


def _open_items() -> sa.Select[*tuple[Any, ...]]:
    return (
        sa.select(FollowUp.id, FollowUp.title, FollowUp.notes, FollowUp.due_at,
                  FollowUp.due_has_time, FollowUp.snoozed_until, FollowUp.rrule,
                  FollowUp.dtstart_local, FollowUp.tzid, Case.ref, Case.title, Case.description,
                  Stakeholder.display_name)
        .select_from(FollowUp)
        .outerjoin(Case, Case.id == FollowUp.case_id)
        .outerjoin(Stakeholder, Stakeholder.id == FollowUp.stakeholder_id)
        # a table scan: walking the (done_at, due_at) index row by row is far slower
        .where(sa.func.coalesce(FollowUp.done_at, FollowUp.deleted_at).is_(None))
        .order_by(FollowUp.due_at.is_(None), FollowUp.due_at, FollowUp.id)
    )


def write_followups(conn: sa.Connection, path: Path, *, now: datetime,
                    include_details: bool = False) -> int:
    """Write every open follow-up to ``path``; returns how many."""
    zones_query = (sa.select(FollowUp.tzid, sa.func.min(FollowUp.due_at))
                   .where(sa.func.coalesce(FollowUp.done_at, FollowUp.deleted_at).is_(None),
                          FollowUp.rrule != "", FollowUp.due_has_time.is_(True))
                   .group_by(FollowUp.tzid))
    zones = {str(name or "UTC"): (first or now).year for name, first in conn.execute(zones_query)}
    count = 0

    def items() -> Iterator[TodoItem]:
        nonlocal count
        for row in conn.execute(_open_items()):
            count += 1
            yield TodoItem(*row)

    def write(fh: IO[str]) -> None:
        for line in calendar_lines(items(), zones, now=now, include_details=include_details):
            fh.write(fold(line) + CRLF)

    write_atomically(path, write)
    return count
