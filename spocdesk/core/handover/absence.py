"""Absences and I-PASS handover notes.

An :class:`~spocdesk.core.model.Absence` says from when to when the SPOC is
away and who covers; its :class:`~spocdesk.core.model.AbsenceCase` rows say
which cases are handed over (by default every case that is not closed; a
dropped case keeps its row, soft-deleted, so it can be added back). Each
handed-over case gets one :class:`~spocdesk.core.model.HandoverNote` in I-PASS
order: **I**llness severity, **P**atient summary, **A**ction list,
**S**ituation awareness and contingencies, **S**ynthesis by the receiver.

:func:`prefill_note` drafts a note from the case so the SPOC edits instead of
typing; :func:`completeness` says what is still missing ("3 of 12 cases have
no contingency").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit, settings
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, render
from spocdesk.core.followups import recurrence
from spocdesk.core.followups.service import effective_due
from spocdesk.core.model import (
    Absence,
    AbsenceCase,
    Case,
    CaseParticipant,
    CaseStatus,
    ContactPoint,
    Escalation,
    FollowUp,
    HandoverNote,
    Interaction,
    Priority,
    Severity,
    Stakeholder,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store

KIND = "absence"
ABSENCE_CASE = "absence_case"
NOTE = "handover_note"
SEVERITIES = [s.value for s in Severity]
SEVERITY_ORDER = {Severity.UNSTABLE.value: 0, Severity.WATCH.value: 1, Severity.STABLE.value: 2}
PRIORITY_ORDER = {Priority.URGENT.value: 0, Priority.HIGH.value: 1, Priority.NORMAL.value: 2,
                  Priority.LOW.value: 3}
MAX_INTERACTION_DAYS = 3650


# -- planning an absence -----------------------------------------------------


@dataclass
class AbsencePlan:
    """What the absence planner edits."""

    starts_on: date
    ends_on: date
    deputy_name: str = ""
    deputy_contact: str = ""
    note: str = ""
    interaction_days: int | None = None  # None: the ``handover_interaction_days`` setting
    # on a team server: the deputy's login role, who then works the handed-over cases
    # live for the dates of the absence (:mod:`spocdesk.core.store.policies`); None
    # keeps what an update finds (the planner's dialog does not show it yet)
    deputy_role: str | None = None


def _check_plan(plan: AbsencePlan) -> None:
    if plan.ends_on < plan.starts_on:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "An absence cannot end before it starts."))
    days = plan.interaction_days
    if days is not None and not 0 <= days <= MAX_INTERACTION_DAYS:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The days of interactions to hand over must be between 0 and {max}."),
            max=MAX_INTERACTION_DAYS)


def _get_absence(session: Session, absence_id: str) -> Absence:
    absence = session.get(Absence, absence_id)
    if absence is None or absence.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no absence with id {id}."), id=absence_id)
    return absence


def _get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no case with id {id}."), id=case_id)
    return case


FINISHED_STATUSES = (CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value)


def needs_cover(session: Session, starts_on: date, ends_on: date, now: datetime,
                tz: ZoneInfo | None = None) -> sa.ColumnElement[bool]:
    """The cases a deputy must cover, as a SQL condition over ``case_record``: not
    resolved or closed, and open (new, open), escalated, high or urgent, with a
    follow-up due before the absence ends (overdue ones too), or SLA at risk."""
    from spocdesk.core.cases import sla

    zone = tz or recurrence.local_zone()
    end = recurrence.start_of_day(ends_on + timedelta(days=1), zone)
    due = effective_due()
    followup_inside = sa.exists().where(
        FollowUp.case_id == Case.id, FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None),
        due.is_not(None), due < end)
    at_risk = sla.SlaSql(settings.load(session), now).needs_attention()
    return sa.and_(
        Case.deleted_at.is_(None), Case.status.not_in(FINISHED_STATUSES),
        sa.or_(Case.status.in_([CaseStatus.NEW.value, CaseStatus.OPEN.value,
                                CaseStatus.ESCALATED.value]),
               Case.priority.in_([Priority.HIGH.value, Priority.URGENT.value]),
               followup_inside, at_risk))


def default_case_ids(session: Session, plan: AbsencePlan | None = None,
                     now: datetime | None = None) -> list[str]:
    """The cases proposed for cover (see :func:`needs_cover`), in reference order;
    without a plan, every case that is not resolved or closed."""
    if plan is None or now is None:
        condition: sa.ColumnElement[bool] = sa.and_(
            Case.deleted_at.is_(None), Case.status.not_in(FINISHED_STATUSES))
    else:
        condition = needs_cover(session, plan.starts_on, plan.ends_on, now)
    return list(session.scalars(sa.select(Case.id).where(condition).order_by(Case.ref_number)))


def plan_absence(store: Store, plan: AbsencePlan,
                 case_ids: Sequence[str] | None = None) -> Outcome[str]:
    """Record an absence and the cases handed over (default: the cases that need cover,
    :func:`needs_cover`)."""
    _check_plan(plan)
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        days = plan.interaction_days
        if days is None:
            days = settings.load(session).handover_interaction_days
        absence = Absence(
            starts_on=plan.starts_on, ends_on=plan.ends_on,
            deputy_name=plan.deputy_name.strip(), deputy_contact=plan.deputy_contact.strip(),
            note=plan.note, interaction_days=days, created_at=now, updated_at=now,
            deputy_role=(plan.deputy_role or "").strip(),
        )
        session.add(absence)
        session.flush()
        chosen = (default_case_ids(session, plan, now) if case_ids is None
                  else list(dict.fromkeys(case_ids)))
        for case_id in chosen:
            _get_case(session, case_id)
            session.add(AbsenceCase(absence_id=absence.id, case_id=case_id, created_at=now,
                                    updated_at=now))
        audit.record(session, entity=KIND, entity_id=absence.id, action="create",
                     author=store.author, at=now)
        uow.changes.touch(KIND, absence.id)
        uow.commit()
    return Outcome(absence.id, uow.changes)


def update_absence(store: Store, absence_id: str, plan: AbsencePlan) -> Outcome[None]:
    """Change an absence's dates, deputy, note or days of interactions."""
    _check_plan(plan)
    now = store.now()
    with store.unit_of_work() as uow:
        absence = _get_absence(uow.session, absence_id)
        before = _absence_fields(absence)
        absence.starts_on, absence.ends_on = plan.starts_on, plan.ends_on
        absence.deputy_name = plan.deputy_name.strip()
        absence.deputy_contact = plan.deputy_contact.strip()
        absence.note = plan.note
        if plan.interaction_days is not None:
            absence.interaction_days = plan.interaction_days
        if plan.deputy_role is not None:
            absence.deputy_role = plan.deputy_role.strip()
        changed = audit.record_changes(uow.session, entity=KIND, entity_id=absence.id,
                                       author=store.author, at=now, before=before,
                                       after=_absence_fields(absence))
        if changed:
            uow.changes.touch(KIND, absence.id)
        uow.commit()
    return Outcome(None, uow.changes)


def _absence_fields(absence: Absence) -> dict[str, Any]:
    return {"starts_on": absence.starts_on, "ends_on": absence.ends_on,
            "deputy_name": absence.deputy_name, "deputy_contact": absence.deputy_contact,
            "note": absence.note, "interaction_days": absence.interaction_days,
            "deputy_role": absence.deputy_role}


def set_cases(store: Store, absence_id: str, *, add: Iterable[str] = (),
              drop: Iterable[str] = ()) -> Outcome[list[str]]:
    """Add cases to or drop cases from a handover; the value is the handed-over case ids."""
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        _get_absence(session, absence_id)
        rows = {row.case_id: row for row in session.scalars(
            sa.select(AbsenceCase).where(AbsenceCase.absence_id == absence_id))}
        for case_id in add:
            _get_case(session, case_id)
            row = rows.get(case_id)
            if row is None:
                row = AbsenceCase(absence_id=absence_id, case_id=case_id, created_at=now,
                                  updated_at=now)
                session.add(row)
                rows[case_id] = row
            elif row.deleted_at is not None:
                row.deleted_at = None
            else:
                continue
            uow.changes.touch(ABSENCE_CASE, case_id)
        for case_id in drop:
            row = rows.get(case_id)
            if row is not None and row.deleted_at is None:
                row.deleted_at = now
                uow.changes.touch(ABSENCE_CASE, case_id)
        session.flush()
        result = handed_over_ids(session, absence_id)
        if uow.changes:
            uow.changes.touch(KIND, absence_id)
        uow.commit()
    return Outcome(result, uow.changes)


def handed_over_ids(session: Session, absence_id: str) -> list[str]:
    """The ids of the cases handed over in an absence, in reference order."""
    return list(session.scalars(
        sa.select(Case.id)
        .join(AbsenceCase, AbsenceCase.case_id == Case.id)
        .where(AbsenceCase.absence_id == absence_id, AbsenceCase.deleted_at.is_(None),
               Case.deleted_at.is_(None))
        .order_by(Case.ref_number)))


@dataclass(frozen=True)
class AbsenceView:
    id: str
    starts_on: date
    ends_on: date
    deputy_name: str
    deputy_contact: str
    note: str
    interaction_days: int
    case_ids: list[str]
    finished_at: datetime | None = None
    deputy_role: str = ""


def _view(session: Session, absence: Absence) -> AbsenceView:
    return AbsenceView(
        id=absence.id, starts_on=absence.starts_on, ends_on=absence.ends_on,
        deputy_name=absence.deputy_name, deputy_contact=absence.deputy_contact,
        note=absence.note, interaction_days=absence.interaction_days,
        case_ids=handed_over_ids(session, absence.id), finished_at=absence.finished_at,
        deputy_role=absence.deputy_role)


def get_absence(store: Store, absence_id: str) -> AbsenceView:
    with store.unit_of_work() as uow:
        return _view(uow.session, _get_absence(uow.session, absence_id))


def list_absences(store: Store) -> list[AbsenceView]:
    """Every absence, the latest start first."""
    with store.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Absence).where(Absence.deleted_at.is_(None))
            .order_by(Absence.starts_on.desc(), Absence.created_at.desc()))
        return [_view(uow.session, a) for a in rows]


def cancel_absence(store: Store, absence_id: str) -> Outcome[None]:
    """Soft-delete an absence (its notes stay, unreachable, for a later merge)."""
    now = store.now()
    with store.unit_of_work() as uow:
        absence = _get_absence(uow.session, absence_id)
        absence.deleted_at = now
        audit.record(uow.session, entity=KIND, entity_id=absence.id, action="delete",
                     author=store.author, at=now)
        uow.changes.touch(KIND, absence.id)
        uow.commit()
    return Outcome(None, uow.changes)


def finish_absence(store: Store, absence_id: str) -> Outcome[None]:
    """The owner is back and took the pack back: the absence is finished (kept, with its
    notes, but no longer the current one)."""
    now = store.now()
    with store.unit_of_work() as uow:
        absence = _get_absence(uow.session, absence_id)
        if absence.finished_at is None:
            absence.finished_at = now
            audit.record(uow.session, entity=KIND, entity_id=absence.id, action="update",
                         author=store.author, at=now, field="finished_at", after=now)
            uow.changes.touch(KIND, absence.id)
        uow.commit()
    return Outcome(None, uow.changes)


def absence_bounds(absence: Absence | AbsenceView, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start of the first day, start of the day after the last day) in UTC."""
    return (recurrence.start_of_day(absence.starts_on, tz),
            recurrence.start_of_day(absence.ends_on + timedelta(days=1), tz))


# -- handover notes --------------------------------------------------------------


@dataclass
class Action:
    text: str
    owner: str = ""
    due: str = ""  # ISO date or date-time, "" when there is none
    followup_id: str = ""

    def to_json(self) -> dict[str, str]:
        data = {"text": self.text, "owner": self.owner, "due": self.due}
        if self.followup_id:
            data["followup_id"] = self.followup_id
        return data


@dataclass
class NoteDraft:
    """A handover note's editable fields, in I-PASS order."""

    severity: str = Severity.STABLE.value
    summary: str = ""
    actions: list[Action] = field(default_factory=list)
    situation: str = ""
    contingencies: str = ""


@dataclass(frozen=True)
class NoteView:
    id: str
    absence_id: str
    case_id: str
    case_ref: str
    case_title: str
    severity: str
    summary: str
    actions: list[Action]
    situation: str
    contingencies: str
    acknowledged_at: datetime | None
    acknowledged_by: str
    synthesis: str
    revision: int
    reviewed_at: datetime | None = None

    @property
    def reviewed(self) -> bool:
        """False: a prefilled draft the owner has not saved ("draft — not reviewed")."""
        return self.reviewed_at is not None


def decode_actions(text: str) -> list[Action]:
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return []
    actions: list[Action] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            actions.append(Action(text=str(item.get("text", "")),
                                  owner=str(item.get("owner", "")),
                                  due=str(item.get("due", "")),
                                  followup_id=str(item.get("followup_id", ""))))
    return actions


def encode_actions(actions: Sequence[Action]) -> str:
    return json.dumps([a.to_json() for a in actions if a.text.strip()], ensure_ascii=False)


def suggest_severity(session: Session, case: Case, now: datetime) -> str:
    """Unstable: escalated, urgent or an open escalation; watch: high priority, overdue
    or waiting; otherwise stable."""
    open_escalation = session.scalar(
        sa.select(sa.func.count()).select_from(Escalation).where(
            Escalation.case_id == case.id, Escalation.deleted_at.is_(None),
            Escalation.outcome_at.is_(None), Escalation.outcome == ""))
    if (case.status == CaseStatus.ESCALATED.value or case.priority == Priority.URGENT.value
            or open_escalation):
        return Severity.UNSTABLE.value
    overdue = (case.due_at is not None and case.due_at < now) or (
        case.next_followup_at is not None and case.next_followup_at < now)
    if case.priority == Priority.HIGH.value or overdue or case.status == CaseStatus.WAITING.value:
        return Severity.WATCH.value
    return Severity.STABLE.value


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def preferred_contact(session: Session, person: Stakeholder) -> str:
    points = session.scalars(
        sa.select(ContactPoint).where(ContactPoint.stakeholder_id == person.id,
                                      ContactPoint.deleted_at.is_(None))
        .order_by(ContactPoint.preferred.desc(), ContactPoint.created_at)).all()
    channel = person.preferred_channel
    wanted = {"phone": "phone", "email": "email", "letter": "address"}.get(channel, "")
    for point in points:
        if not wanted or point.kind == wanted:
            return point.value
    return points[0].value if points else ""


def key_stakeholders(session: Session, case_id: str) -> list[tuple[Stakeholder, str, bool]]:
    """(stakeholder, role, is_main) of a case, main one first."""
    rows = session.execute(
        sa.select(Stakeholder, CaseParticipant.role, CaseParticipant.is_main)
        .join(CaseParticipant, CaseParticipant.stakeholder_id == Stakeholder.id)
        .where(CaseParticipant.case_id == case_id, CaseParticipant.deleted_at.is_(None),
               Stakeholder.deleted_at.is_(None))
        .order_by(CaseParticipant.is_main.desc(), Stakeholder.sort_name)).all()
    return [(row[0], row[1], bool(row[2])) for row in rows]


def phone_of(session: Session, person: Stakeholder) -> str:
    """The person's phone number (the preferred one first), or ""."""
    found = session.scalar(
        sa.select(ContactPoint.value).where(ContactPoint.stakeholder_id == person.id,
                                            ContactPoint.kind == "phone",
                                            ContactPoint.deleted_at.is_(None))
        .order_by(ContactPoint.preferred.desc(), ContactPoint.created_at))
    return found or ""


def escalation_line(session: Session, case: Case, tz: ZoneInfo) -> str:
    """The case's escalation state in one line, for the prefilled summary."""
    latest = session.scalar(
        sa.select(Escalation).where(Escalation.case_id == case.id,
                                    Escalation.deleted_at.is_(None))
        .order_by(Escalation.escalated_at.desc()))
    if latest is None:
        return ("Escalation: status escalated, no escalation recorded yet."
                if case.status == CaseStatus.ESCALATED.value else "Escalation: not escalated.")
    day = recurrence.to_local(latest.escalated_at, tz).date().isoformat()
    text = f"Escalation: to {latest.to_name} on {day}"
    if latest.reason:
        text += f" ({_one_line(latest.reason, 80)})"
    if latest.outcome or latest.outcome_at is not None:
        return text + f"; outcome: {_one_line(latest.outcome, 80) or 'recorded'}."
    return text + "; waiting for an outcome."


def stakeholder_line(session: Session, person: Stakeholder, role: str) -> str:
    contact = preferred_contact(session, person)
    channel = person.preferred_channel or "any channel"
    detail = f"prefers {channel}" + (f": {contact}" if contact else "")
    return f"{person.display_name} ({role}) — {detail}"


def _fmt_due(item: FollowUp, tz: ZoneInfo) -> str:
    due = item.snoozed_until or item.due_at
    if due is None:
        return ""
    local = recurrence.to_local(due, tz)
    return local.date().isoformat() if not item.due_has_time else local.strftime("%Y-%m-%dT%H:%M")


def absence_followups(session: Session, case_ids: Sequence[str], end: datetime
                      ) -> list[FollowUp]:
    """Open follow-ups of the cases due before ``end`` (overdue ones included), soonest first."""
    if not case_ids:
        return []
    due = effective_due()
    return list(session.scalars(
        sa.select(FollowUp).where(
            FollowUp.case_id.in_(case_ids), FollowUp.done_at.is_(None),
            FollowUp.deleted_at.is_(None), due.is_not(None), due < end)
        .order_by(due, FollowUp.title)))


def draft_note(session: Session, absence: Absence, case: Case, now: datetime,
           tz: ZoneInfo) -> NoteDraft:
    history = session.scalars(
        sa.select(Interaction).where(Interaction.case_id == case.id,
                                     Interaction.deleted_at.is_(None))
        .order_by(Interaction.occurred_at.desc()).limit(2)).all()
    lines = [f"Status: {case.status}, priority {case.priority}."
             + (f" Next step: {_one_line(case.next_step)}" if case.next_step else "")]
    if history:
        lines.append("History:")
        lines.extend(
            f"  {recurrence.to_local(i.occurred_at, tz).date().isoformat()} {i.channel} "
            f"{i.direction}: {_one_line(i.summary)}" for i in history)
    else:
        lines.append("History: nothing logged yet.")
    lines.append(escalation_line(session, case, tz))
    people = key_stakeholders(session, case.id)
    if people:
        main, role, _is_main = people[0]
        phone = phone_of(session, main)
        lines.append(f"Main contact: {main.display_name} ({role})"
                     + (f", phone {phone}" if phone else ", no phone number on file"))
        lines.append("Key stakeholders:")
        lines.extend(f"  {stakeholder_line(session, p, role)}" for p, role, _main in people)
    _start, end = absence_bounds(absence, tz)
    owner = absence.deputy_name or "deputy"
    actions = [Action(text=item.title, owner=owner, due=_fmt_due(item, tz), followup_id=item.id)
               for item in absence_followups(session, [case.id], end)]
    return NoteDraft(severity=suggest_severity(session, case, now), summary="\n".join(lines),
                     actions=actions)


def prefill_note(store: Store, absence_id: str, case_id: str,
                 tz: ZoneInfo | None = None) -> NoteDraft:
    """A draft I-PASS note built from the case; nothing is saved."""
    zone = tz or recurrence.local_zone()
    with store.unit_of_work() as uow:
        absence = _get_absence(uow.session, absence_id)
        case = _get_case(uow.session, case_id)
        return draft_note(uow.session, absence, case, store.now(), zone)


def _note_for(session: Session, absence_id: str, case_id: str) -> HandoverNote | None:
    return session.scalar(
        sa.select(HandoverNote).where(HandoverNote.absence_id == absence_id,
                                      HandoverNote.case_id == case_id,
                                      HandoverNote.deleted_at.is_(None))
        .order_by(HandoverNote.created_at))


def _note_fields(note: HandoverNote) -> dict[str, Any]:
    return {"severity": note.severity, "summary": note.summary, "actions": note.actions,
            "situation": note.situation, "contingencies": note.contingencies}


def save_note(store: Store, absence_id: str, case_id: str, draft: NoteDraft, *,
              reviewed: bool = True) -> Outcome[str]:
    """Create or update the handover note of a case in an absence; the value is its id.

    ``reviewed``: the owner saved it (the note is then no longer a draft);
    ``False`` saves a prefilled draft as a draft. The deputy's saves (in a pack)
    never mark a note reviewed by the owner."""
    if draft.severity not in SEVERITIES:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "'{severity}' is not a severity; use one of: {choices}."),
            severity=draft.severity, choices=", ".join(SEVERITIES))
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        _get_absence(session, absence_id)
        _get_case(session, case_id)
        note = _note_for(session, absence_id, case_id)
        values: dict[str, Any] = {"severity": draft.severity, "summary": draft.summary,
                  "actions": encode_actions(draft.actions), "situation": draft.situation,
                  "contingencies": draft.contingencies}
        if reviewed and store.author != "deputy":
            values["reviewed_at"] = now
        if note is None:
            note = HandoverNote(absence_id=absence_id, case_id=case_id, created_at=now,
                                updated_at=now, **values)
            session.add(note)
            session.flush()
            audit.record(session, entity=NOTE, entity_id=note.id, action="create",
                         author=store.author, at=now)
        else:
            before = _note_fields(note)
            for name, value in values.items():
                setattr(note, name, value)
            audit.record_changes(session, entity=NOTE, entity_id=note.id, author=store.author,
                                 at=now, before=before, after=_note_fields(note))
        uow.changes.touch(NOTE, note.id)
        uow.commit()
    return Outcome(note.id, uow.changes)


def acknowledge(store: Store, note_id: str, receiver: str, synthesis: str) -> Outcome[None]:
    """The receiver's acknowledgement: who, when, and their synthesis in their own words."""
    receiver = receiver.strip()
    if not receiver:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "An acknowledgement needs the receiver's name."))
    now = store.now()
    with store.unit_of_work() as uow:
        note = uow.session.get(HandoverNote, note_id)
        if note is None or note.deleted_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no handover note with id {id}."), id=note_id)
        note.acknowledged_at = now
        note.acknowledged_by = receiver
        note.synthesis = synthesis
        audit.record(uow.session, entity=NOTE, entity_id=note.id, action="update",
                     author=store.author, at=now, field="acknowledged_at", after=now)
        uow.changes.touch(NOTE, note.id)
        uow.commit()
    return Outcome(None, uow.changes)


def _to_view(note: HandoverNote, case: Case) -> NoteView:
    return NoteView(
        id=note.id, absence_id=note.absence_id, case_id=note.case_id, case_ref=case.ref,
        case_title=case.title, severity=note.severity, summary=note.summary,
        actions=decode_actions(note.actions), situation=note.situation,
        contingencies=note.contingencies, acknowledged_at=note.acknowledged_at,
        acknowledged_by=note.acknowledged_by, synthesis=note.synthesis, revision=note.revision,
        reviewed_at=note.reviewed_at)


def notes(store: Store, absence_id: str) -> list[NoteView]:
    """The notes of the handed-over cases, in case reference order."""
    with store.unit_of_work() as uow:
        rows = uow.session.execute(
            sa.select(HandoverNote, Case)
            .join(Case, Case.id == HandoverNote.case_id)
            .join(AbsenceCase, sa.and_(AbsenceCase.case_id == Case.id,
                                       AbsenceCase.absence_id == HandoverNote.absence_id))
            .where(HandoverNote.absence_id == absence_id, HandoverNote.deleted_at.is_(None),
                   AbsenceCase.deleted_at.is_(None), Case.deleted_at.is_(None))
            .order_by(Case.ref_number, HandoverNote.created_at)).all()
        seen: set[str] = set()
        result: list[NoteView] = []
        for note, case in rows:
            if case.id not in seen:
                seen.add(case.id)
                result.append(_to_view(note, case))
        return result


def get_note(store: Store, absence_id: str, case_id: str) -> NoteView | None:
    with store.unit_of_work() as uow:
        note = _note_for(uow.session, absence_id, case_id)
        if note is None:
            return None
        return _to_view(note, _get_case(uow.session, case_id))


# -- completeness -------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    """What is still missing in a handover; the GUI's completeness bar."""

    total: int
    without_note: list[str]  # case ids
    without_contingency: list[str]
    without_actions: list[str]
    unacknowledged: list[str]  # case ids whose note is not acknowledged
    unreviewed: list[str] = field(default_factory=list)  # no note, or a draft not reviewed

    @property
    def complete_notes(self) -> int:
        return self.total - len(set(self.without_note) | set(self.without_contingency)
                                | set(self.unreviewed))

    @property
    def fraction(self) -> float:
        """0.0–1.0: notes the owner saved (not drafts) with a contingency."""
        return 1.0 if self.total == 0 else self.complete_notes / self.total

    def sentences(self) -> list[str]:
        """What is still missing, as sentences in the interface language (marked templates)."""
        out: list[str] = []
        if self.without_note:
            out.append(render(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{n} of {total} cases have no handover note."),
                n=len(self.without_note), total=self.total))
        drafts = [c for c in self.unreviewed if c not in self.without_note]
        if drafts:
            out.append(render(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{n} of {total} notes are drafts nobody reviewed."),
                n=len(drafts), total=self.total))
        if self.without_contingency:
            out.append(render(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{n} of {total} cases have no contingency."),
                n=len(self.without_contingency), total=self.total))
        if self.without_actions:
            out.append(render(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{n} of {total} cases have no action."),
                n=len(self.without_actions), total=self.total))
        if self.unacknowledged:
            out.append(render(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{n} of {total} cases are not acknowledged by the deputy."),
                n=len(self.unacknowledged), total=self.total))
        return out


def completeness(store: Store, absence_id: str) -> Completeness:
    with store.unit_of_work() as uow:
        session = uow.session
        _get_absence(session, absence_id)
        case_ids = handed_over_ids(session, absence_id)
        by_case: dict[str, HandoverNote] = {}
        for note in session.scalars(
                sa.select(HandoverNote).where(HandoverNote.absence_id == absence_id,
                                              HandoverNote.deleted_at.is_(None))
                .order_by(HandoverNote.created_at)):
            by_case.setdefault(note.case_id, note)
        missing = [c for c in case_ids if c not in by_case]
        present = [c for c in case_ids if c in by_case]
        return Completeness(
            total=len(case_ids), without_note=missing,
            without_contingency=missing + [c for c in present
                                           if not by_case[c].contingencies.strip()],
            without_actions=missing + [c for c in present
                                       if not decode_actions(by_case[c].actions)],
            unacknowledged=missing + [c for c in present
                                      if by_case[c].acknowledged_at is None],
            unreviewed=missing + [c for c in present if by_case[c].reviewed_at is None])
