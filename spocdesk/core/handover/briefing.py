"""The briefing's content: what a deputy without spocdesk works from.

:func:`build_briefing` gathers plain data — the absence, every handed-over
case's note in I-PASS order (cases by severity, then priority, then
reference), the absence's follow-up calendar and the key contacts — and
:func:`to_html` renders it as one self-contained HTML string that Qt's
``QTextDocument`` prints to PDF (``spocdesk export briefing FILE.pdf`` and the
print dialog live in the UI layer). Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, NotFound, render
from spocdesk.core.followups import recurrence
from spocdesk.core.handover import absence as absence_service
from spocdesk.core.handover.absence import PRIORITY_ORDER, SEVERITY_ORDER, Action, decode_actions
from spocdesk.core.model import Absence, Case, HandoverNote, Stakeholder
from spocdesk.core.store import Store


@dataclass(frozen=True)
class BriefingCase:
    case_id: str
    ref: str
    title: str
    status: str
    priority: str
    has_note: bool
    # I-PASS
    severity: str
    summary: str
    actions: list[Action]
    situation: str
    contingencies: str
    acknowledged_by: str
    acknowledged_at: datetime | None
    synthesis: str
    reviewed: bool = True  # False: a prefilled draft the owner never saved
    next_followup: datetime | None = None
    main_contact: str = ""  # "Name, phone" of the case's main stakeholder


@dataclass(frozen=True)
class CalendarEntry:
    due: datetime
    due_text: str  # local date or date and time
    title: str
    case_ref: str
    case_title: str
    has_time: bool = False
    overdue: bool = False


@dataclass(frozen=True)
class KeyContact:
    name: str
    organisation: str
    roles: list[str]  # "client in C-0042"
    preferred_channel: str
    contact: str


@dataclass(frozen=True)
class Briefing:
    absence_id: str
    starts_on: date
    ends_on: date
    deputy_name: str
    deputy_contact: str
    note: str
    generated_at: datetime
    cases: list[BriefingCase] = field(default_factory=list)
    calendar: list[CalendarEntry] = field(default_factory=list)
    contacts: list[KeyContact] = field(default_factory=list)


_NEVER = datetime.max.replace(tzinfo=UTC)


def _order(case: BriefingCase) -> tuple[int, int, datetime, str]:
    """Severity, then priority, then the next follow-up due (soonest first), then ref."""
    return (SEVERITY_ORDER.get(case.severity, 9), PRIORITY_ORDER.get(case.priority, 9),
            case.next_followup or _NEVER, case.ref)


def build_briefing(store: Store, absence_id: str, tz: ZoneInfo | None = None) -> Briefing:
    """Everything the briefing shows, ordered; a case without a note gets its draft."""
    zone = tz or recurrence.local_zone()
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        absent = session.get(Absence, absence_id)
        if absent is None or absent.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no absence with id {id}."), id=absence_id)
        case_ids = absence_service.handed_over_ids(session, absence_id)
        items: list[BriefingCase] = []
        contacts: dict[str, tuple[Stakeholder, list[str]]] = {}
        for case_id in case_ids:
            case = session.get(Case, case_id)
            assert case is not None
            note = session.scalar(
                sa.select(HandoverNote).where(HandoverNote.absence_id == absence_id,
                                              HandoverNote.case_id == case_id,
                                              HandoverNote.deleted_at.is_(None))
                .order_by(HandoverNote.created_at))
            involved = absence_service.key_stakeholders(session, case_id)
            main = ""
            if involved:
                phone = absence_service.phone_of(session, involved[0][0])
                main = involved[0][0].display_name + (f", {phone}" if phone else "")
            if note is not None:
                items.append(BriefingCase(
                    case.id, case.ref, case.title, case.status, case.priority, True,
                    note.severity, note.summary, decode_actions(note.actions), note.situation,
                    note.contingencies, note.acknowledged_by, note.acknowledged_at,
                    note.synthesis, reviewed=note.reviewed_at is not None,
                    next_followup=case.next_followup_at, main_contact=main))
            else:
                draft = absence_service.draft_note(session, absent, case, now, zone)
                items.append(BriefingCase(
                    case.id, case.ref, case.title, case.status, case.priority, False,
                    draft.severity, draft.summary, draft.actions, draft.situation,
                    draft.contingencies, "", None, "", reviewed=False,
                    next_followup=case.next_followup_at, main_contact=main))
            for person, role, _main in involved:
                contacts.setdefault(person.id, (person, []))[1].append(render(
                    QT_TRANSLATE_NOOP("spocdesk.core", "{role} in {ref}"), role=role, ref=case.ref))
        start, end = absence_service.absence_bounds(absent, zone)
        refs = {c.case_id: (c.ref, c.title) for c in items}
        calendar = []
        for item in absence_service.absence_followups(session, case_ids, end):
            due = item.snoozed_until or item.due_at
            assert due is not None
            local = recurrence.to_local(due, zone)
            text = (local.strftime("%Y-%m-%d %H:%M") if item.due_has_time
                    else local.date().isoformat())
            if due < start:
                text += " (overdue)"
            ref, title = refs.get(item.case_id or "", ("", ""))
            calendar.append(CalendarEntry(due, text, item.title, ref, title,
                                          has_time=item.due_has_time, overdue=due < start))
        people = []
        for person, roles in contacts.values():
            org = person.organisation
            people.append(KeyContact(
                person.display_name,
                org.display_name if org is not None and org.deleted_at is None else "",
                roles, person.preferred_channel,
                absence_service.preferred_contact(session, person)))
        people.sort(key=lambda k: k.name.casefold())
        return Briefing(
            absence_id=absent.id, starts_on=absent.starts_on, ends_on=absent.ends_on,
            deputy_name=absent.deputy_name, deputy_contact=absent.deputy_contact,
            note=absent.note, generated_at=now, cases=sorted(items, key=_order),
            calendar=calendar, contacts=people)


def _p(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines()) or "—"


TITLE = QT_TRANSLATE_NOOP("spocdesk.core", "Handover briefing")
# headings and labels: marked here, outside f-strings, so that lupdate finds them
_ABSENCE = QT_TRANSLATE_NOOP("spocdesk.core", "Absence:")
_DEPUTY = QT_TRANSLATE_NOOP("spocdesk.core", "Deputy:")
_SEVERITY = QT_TRANSLATE_NOOP("spocdesk.core", "I — Severity:")
_SUMMARY = QT_TRANSLATE_NOOP("spocdesk.core", "P — Summary:")
_ACTIONS = QT_TRANSLATE_NOOP("spocdesk.core", "A — Actions:")
_SITUATION = QT_TRANSLATE_NOOP("spocdesk.core", "S — Situation awareness:")
_CONTINGENCIES = QT_TRANSLATE_NOOP("spocdesk.core", "Contingencies (if/then):")
_SYNTHESIS = QT_TRANSLATE_NOOP("spocdesk.core", "S — Synthesis by the receiver:")
_CALENDAR = QT_TRANSLATE_NOOP("spocdesk.core", "Follow-up calendar")
_NO_CALENDAR = QT_TRANSLATE_NOOP("spocdesk.core", "No follow-up falls in the absence.")
_CALENDAR_HEADS = (QT_TRANSLATE_NOOP("spocdesk.core", "Due"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Follow-up"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Case"))
_CONTACTS = QT_TRANSLATE_NOOP("spocdesk.core", "Key contacts")
_NO_CONTACTS = QT_TRANSLATE_NOOP("spocdesk.core", "No stakeholders are involved.")
_CONTACT_HEADS = (QT_TRANSLATE_NOOP("spocdesk.core", "Name"),
                  QT_TRANSLATE_NOOP("spocdesk.core", "Organisation"),
                  QT_TRANSLATE_NOOP("spocdesk.core", "Involved"),
                  QT_TRANSLATE_NOOP("spocdesk.core", "Preferred"))


@dataclass(frozen=True)
class Words:
    """How the briefing writes dates and values: plain ISO dates and capitalised codes by
    default (the command line); the app passes its locale's dates and its words."""

    day: Callable[[date], str] = date.isoformat
    moment: Callable[[datetime, bool], str] = (
        lambda when, has_time: when.strftime("%Y-%m-%d %H:%M") if has_time
        else when.date().isoformat())
    status: Callable[[str], str] = str.capitalize
    priority: Callable[[str], str] = str.capitalize
    severity: Callable[[str], str] = str.capitalize


_OVERVIEW = QT_TRANSLATE_NOOP("spocdesk.core", "Overview")
_OVERVIEW_HEADS = (QT_TRANSLATE_NOOP("spocdesk.core", "Ref"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Title"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Severity"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Priority"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Next follow-up"),
                   QT_TRANSLATE_NOOP("spocdesk.core", "Main contact"))


def _due(text: str, words: Words) -> str:
    """An action's due text (``2026-03-16`` or ``2026-03-16T09:00``) in the words' dates;
    anything else as typed."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return words.moment(moment, "T" in text)


def _local(moment: datetime) -> datetime:
    return recurrence.to_local(moment, recurrence.local_zone())


def _t(template: str, /, **params: object) -> str:
    """A marked phrase in the interface language, escaped for HTML."""
    return escape(render(template, **params))


def to_html(briefing: Briefing, title: str | None = None, words: Words | None = None) -> str:
    """The briefing as one HTML document (Qt rich-text subset): an overview table of
    every case first, then each case in I-PASS order.

    Its headings and phrases are marked templates: English on the command line, the
    interface language in the GUI; ``title`` defaults to :data:`TITLE` rendered;
    ``words`` writes dates and values (see :class:`Words`)."""
    title = render(TITLE) if title is None else title
    w = words or Words()
    period = _t(QT_TRANSLATE_NOOP("spocdesk.core", "{start} to {end}"),
                start=w.day(briefing.starts_on), end=w.day(briefing.ends_on))
    parts = [
        "<html><head><meta charset='utf-8'/>"
        f"<title>{escape(title)}</title></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p><b>{_t(_ABSENCE)}</b> {period}<br/>"
        f"<b>{_t(_DEPUTY)}</b> {escape(briefing.deputy_name or '—')}"
        + (f" ({escape(briefing.deputy_contact)})" if briefing.deputy_contact else "")
        + "</p>",
    ]
    if briefing.note:
        parts.append(f"<p>{_p(briefing.note)}</p>")
    if briefing.cases:
        parts.append(f"<h2>{_t(_OVERVIEW)}</h2>")
        heads = "".join(f"<th>{_t(head)}</th>" for head in _OVERVIEW_HEADS)
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{heads}</tr>")
        none = _t(QT_TRANSLATE_NOOP("spocdesk.core", "No follow-up planned"))
        parts.extend(
            f"<tr><td>{escape(c.ref)}</td><td>{escape(c.title)}</td>"
            f"<td>{escape(w.severity(c.severity))}</td><td>{escape(w.priority(c.priority))}</td>"
            f"<td>{escape(w.moment(_local(c.next_followup), True)) if c.next_followup else none}"
            "</td>"
            f"<td>{escape(c.main_contact) or '—'}</td></tr>" for c in briefing.cases)
        parts.append("</table>")
    cases = _t(QT_TRANSLATE_NOOP("spocdesk.core", "Cases ({n})"), n=len(briefing.cases))
    parts.append(f"<h2>{cases}</h2>")
    draft = _t(QT_TRANSLATE_NOOP("spocdesk.core", " — draft, not reviewed"))
    for case in briefing.cases:
        parts.append(f"<h3 class='case'>{escape(case.ref)} {escape(case.title)}</h3>")
        state = _t(QT_TRANSLATE_NOOP("spocdesk.core", "{status}, priority {priority}"),
                   status=w.status(case.status), priority=w.priority(case.priority))
        parts.append(f"<p><i>{state}" + ("" if case.reviewed else draft) + "</i></p>")
        parts.append(f"<p><b>{_t(_SEVERITY)}</b> {escape(w.severity(case.severity))}</p>")
        parts.append(f"<p><b>{_t(_SUMMARY)}</b><br/>{_p(case.summary)}</p>")
        parts.append(f"<p><b>{_t(_ACTIONS)}</b></p>")
        if case.actions:
            parts.append("<ul>" + "".join(
                f"<li>{escape(a.text)}"
                + (f" — {escape(a.owner)}" if a.owner else "")
                + (_t(QT_TRANSLATE_NOOP("spocdesk.core", ", due {due}"), due=_due(a.due, w))
                   if a.due else "") + "</li>"
                for a in case.actions) + "</ul>")
        else:
            parts.append("<p>—</p>")
        parts.append(f"<p><b>{_t(_SITUATION)}</b><br/>{_p(case.situation)}</p>")
        parts.append(f"<p><b>{_t(_CONTINGENCIES)}</b><br/>{_p(case.contingencies)}</p>")
        if case.acknowledged_at is not None:
            ack = _t(QT_TRANSLATE_NOOP("spocdesk.core", "acknowledged by {name}"),
                     name=case.acknowledged_by)
        else:
            ack = _t(QT_TRANSLATE_NOOP("spocdesk.core", "not yet acknowledged"))
        parts.append(f"<p><b>{_t(_SYNTHESIS)}</b> {ack}<br/>"
                     f"{_p(case.synthesis) if case.synthesis else ''}</p>")
    parts.append(f"<h2>{_t(_CALENDAR)}</h2>")
    if briefing.calendar:
        heads = "".join(f"<th>{_t(head)}</th>" for head in _CALENDAR_HEADS)
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{heads}</tr>")
        overdue = render(QT_TRANSLATE_NOOP("spocdesk.core", " (overdue)"))
        parts.extend(f"<tr><td>{escape(w.moment(_local(e.due), e.has_time))}"
                     f"{escape(overdue) if e.overdue else ''}</td><td>{escape(e.title)}</td>"
                     f"<td>{escape(e.case_ref)} {escape(e.case_title)}</td></tr>"
                     for e in briefing.calendar)
        parts.append("</table>")
    else:
        parts.append(f"<p>{_t(_NO_CALENDAR)}</p>")
    parts.append(f"<h2>{_t(_CONTACTS)}</h2>")
    if briefing.contacts:
        heads = "".join(f"<th>{_t(head)}</th>" for head in _CONTACT_HEADS)
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{heads}</tr>")
        parts.extend(f"<tr><td>{escape(c.name)}</td><td>{escape(c.organisation)}</td>"
                     f"<td>{escape(', '.join(c.roles))}</td>"
                     f"<td>{escape(c.contact)}</td></tr>" for c in briefing.contacts)
        parts.append("</table>")
    else:
        parts.append(f"<p>{_t(_NO_CONTACTS)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
