"""Realistic generated data: a small account-manager book plus a small
care-coordination caseload (``small``), or a store of real-life size
(``large``: 100,000 cases, 50,000 stakeholders, 1,000,000 interactions,
200,000 follow-ups) for benchmarks.

The small store is lifelike: its open cases are a mix of on-track, at-risk and
breached SLA clocks (in the working week of the store's settings; breached well
under a quarter), its follow-ups fall in working hours on working days, and the
ones already due count as shown (the demo's past), so a first start reports
nothing "missed". The large store keeps the shape the benchmark figures were
measured on: cases opened at any time in 400 days, follow-ups at any hour.

Rows go in through ORM bulk inserts in batches of 5,000 inside one unit of work,
with the search index's triggers suspended and the index built once at the end
(``search.indexed_afterwards``), so a large store is built in minutes rather than
hours.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

import sqlalchemy as sa

from spocdesk.core import audit, preferences, sla_clock
from spocdesk.core.cases import first_contact, sla
from spocdesk.core.cases.escalation import ESCALATION
from spocdesk.core.cases.service import KIND, format_ref
from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import feedback
from spocdesk.core.model import (
    AuditEvent,
    Case,
    CaseFeedback,
    CaseParticipant,
    ContactPoint,
    Escalation,
    FollowUp,
    Interaction,
    InteractionParticipant,
    NpsAnswer,
    Stakeholder,
    pack_tags,
)
from spocdesk.core.outcome import Outcome
from spocdesk.core.people.stakeholders import normalize, sort_key
from spocdesk.core.search import query as search
from spocdesk.core.store import Store, backend
from spocdesk.core.uow import ChangeSet


@dataclass(frozen=True)
class Size:
    organisations: int
    people: int
    cases: int
    interactions: int
    followups: int
    lifelike: bool = False  # SLA clocks in a realistic mix, follow-ups in working hours


SIZES = {
    "small": Size(organisations=14, people=66, cases=50, interactions=260, followups=45,
                  lifelike=True),
    "large": Size(organisations=5_000, people=45_000, cases=100_000,
                  interactions=1_000_000, followups=200_000),
}
# Where an open case of the small store stands on its nearest SLA clock: the share of
# cases, and the part of the allowed time used (over 1: breached).
SLA_MIX = ((0.64, (0.05, 0.7)), (0.2, (0.77, 0.97)), (0.16, (1.1, 2.5)))
LATE_RESPONSE = 0.05  # of the answered cases of the small store

GIVEN = ["Anna", "Ben", "Clara", "David", "Elif", "Farid", "Grace", "Hannes", "Ines", "Jonas",
         "Katarzyna", "Luca", "Marta", "Nikolai", "Olga", "Pedro", "Quentin", "Rosa", "Sven",
         "Tomasz", "Ulrike", "Valentina", "Wei", "Xavier", "Yasmin", "Zoë", "Aoife", "Bjørn",
         "Chiara", "Dmitri", "Émile", "Fatima", "Giulia", "Håkon", "Imani", "José"]
FAMILY = ["Müller", "Schmidt", "O'Brien", "Nowak", "García", "Rossi", "Dubois", "Jansen",
          "Kowalski", "Nguyen", "Smith", "Okafor", "Andersson", "Yilmaz", "Papadopoulos",
          "Fernández", "Lefèvre", "Horváth", "Novák", "Silva", "Kim", "Haddad", "Ivanova",
          "Mäkinen", "Brennan", "Costa", "Lindqvist", "Weber", "Moreau", "Sato"]
CLIENT_ORGS = ["Northwind Logistics", "Blue Harbour Insurance", "Kestrel Analytics",
               "Meridian Foods", "Alder & Finch Legal", "Quarry Lane Architects",
               "Solent Marine Supplies", "Brightwater Utilities"]
CARE_ORGS = ["St. Margaret's Hospital", "Riverside GP Practice", "Community Physio Team",
             "Hearthside Home Care", "Citywide Pharmacy", "Social Services (North)"]
ACCOUNT_TITLES = ["Renewal terms for next year", "Invoice dispute on Q3 billing",
                  "Onboarding of new site", "Escalated outage follow-up",
                  "Contract amendment: additional users", "Data export request",
                  "Quarterly business review", "Complaint about response times",
                  "Price increase negotiation", "Integration with their ERP",
                  "Training session for new staff", "Security questionnaire"]
CARE_TITLES = ["Discharge planning after hip surgery", "Medication review",
               "Home care package increase", "Physiotherapy referral",
               "Respite care for family carer", "Follow-up after fall at home",
               "Diabetes care plan update", "Mobility aid assessment",
               "Transport to outpatient appointments", "Memory clinic referral"]
NEXT_STEPS = ["Call back with the revised quote", "Chase the signed form",
              "Confirm the appointment date", "Send the summary by e-mail",
              "Wait for the provider's report", "Book a review meeting", ""]
SUMMARIES = ["Discussed the open points", "Left a voicemail", "Sent the requested documents",
             "Agreed on next steps", "Received an update", "Confirmed the date",
             "Asked for more information", "Internal note after team huddle"]
CHANNELS = ["phone", "email", "meeting", "chat", "letter", "note"]
DIRECTIONS = ["in", "out", "internal"]
STATUSES = ["new", "open", "open", "open", "waiting", "escalated", "resolved", "closed"]
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]
CLIENT_ROLES = ["client", "requester", "vendor", "internal team"]
CARE_ROLES = ["patient", "family", "provider", "provider"]
STOPPED = ("resolved", "closed")
ESCALATED_TO = [("Tier 2 support", "Needs an engineer's look"),
                ("Billing team", "Credit note above my approval limit"),
                ("Account director", "The client asked for a senior contact"),
                ("Clinical lead", "The care plan needs a clinician's sign-off"),
                ("Legal", "Contract wording disputed")]
ESCALATION_OUTCOMES = ["Fixed by the team; back with me", "Approved; client informed",
                       "Declined; explained the reasons to the client"]
SETTLED_ESCALATIONS = 0.15  # of the resolved and closed cases, escalated on the way


def _phone(rng: random.Random) -> str:
    return f"+49 {rng.randint(30, 899)} {rng.randint(100000, 9999999)}"


def _ascii(text: str) -> str:
    """"Müller" → "muller", "Bjørn" → "bjorn": what an address would use."""
    folded = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in folded if c.isascii() and (c.isalnum() or c in ".-")).lower()


def _email(given: str, family: str, domain: str) -> str:
    return f"{_ascii(given)}.{_ascii(family)}@{domain}"


def _domain(org: str) -> str:
    word = "".join(c for c in org.split()[0].lower() if c.isascii() and c.isalpha())
    return f"{word or 'example'}.example"


def _batched(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Generator:
    def __init__(self, store: Store, size: Size, seed: int) -> None:
        self.store = store
        self.size = size
        self.rng = random.Random(seed)
        # the history's own draws: the records themselves stay those of the seed
        self.story = random.Random(seed + 1)
        self.now = store.now()
        self.settings = preferences.get_settings(store)
        self.week = sla_clock.week_of(self.settings)
        self.working = self.settings.working_week()
        self.org_ids: list[str] = []
        self.org_names: list[str] = []
        self.people: list[str] = []
        self.care_people: set[int] = set()
        self.case_ids: list[str] = []
        self.case_opened: list[datetime] = []
        self.case_main: list[str] = []
        self.case_care: list[bool] = []
        self.person_names: list[tuple[str, str, int]] = []
        self.events: list[dict[str, Any]] = []  # the audit trail, see history()
        self.first_number = 1  # the first case's number (after a team server's cases)
        self.escalations: list[dict[str, Any]] = []
        # revision 0021's figures (minutes, CSAT, NPS) draw from a generator of their
        # own, so the records above stay exactly what they were before it
        self.extra = random.Random(seed + 21)
        self.resolved: list[tuple[str, datetime]] = []
        self.zone = recurrence.local_zone()

    def stamp(self, moment: datetime) -> dict[str, Any]:
        return {"created_at": moment, "updated_at": moment, "revision": 1}

    def organisations(self) -> Iterator[dict[str, Any]]:
        names = CLIENT_ORGS + CARE_ORGS
        for i in range(self.size.organisations):
            name = names[i] if i < len(names) else f"{self.rng.choice(FAMILY)} Group {i}"
            oid = str(uuid.uuid4())
            self.org_ids.append(oid)
            self.org_names.append(name)
            yield {"id": oid, "kind": "organisation", "display_name": name,
                   "sort_name": sort_key(name), "tags": pack_tags(["organisation"]),
                   **self.stamp(self.now - timedelta(days=700))}

    def persons(self) -> Iterator[dict[str, Any]]:
        care_orgs = {i for i, n in enumerate(self.org_names) if n in CARE_ORGS}
        for i in range(self.size.people):
            given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
            org_index = self.rng.randrange(len(self.org_ids)) if self.rng.random() < 0.8 else -1
            care = org_index in care_orgs or (org_index == -1 and i % 2 == 0)
            pid = str(uuid.uuid4())
            self.people.append(pid)
            if care:
                self.care_people.add(i)
            self.person_names.append((given, family, max(org_index, 0)))
            name = f"{given} {family}"
            yield {"id": pid, "kind": "person", "display_name": name, "given_name": given,
                   "family_name": family, "sort_name": sort_key(f"{family} {given}"),
                   "organisation_id": self.org_ids[org_index] if org_index >= 0 else None,
                   "title": self.rng.choice(["Account lead", "Procurement", "Nurse",
                                             "GP", "Daughter", "Son", "CFO", "Physiotherapist",
                                             "Office manager", ""]),
                   "preferred_channel": self.rng.choice(["phone", "email", ""]),
                   "tags": pack_tags(["care" if care else "client"]),
                   "cadence_days": self.rng.choice([None, None, None, 14, 30, 90]),
                   "verified_at": self.now - timedelta(days=self.rng.randint(0, 600)),
                   **self.stamp(self.now - timedelta(days=self.rng.randint(30, 700)))}

    def contact_points(self) -> Iterator[dict[str, Any]]:
        for pid, (given, family, org_index) in zip(self.people, self.person_names, strict=True):
            email = _email(given, family, _domain(self.org_names[org_index]))
            phone = _phone(self.rng)
            for kind, value, label, preferred in (
                ("email", email, "work", True), ("phone", phone, "mobile", True),
            ):
                yield {"id": str(uuid.uuid4()), "stakeholder_id": pid, "kind": kind,
                       "label": label, "value": value, "normalized": normalize(kind, value),
                       "preferred": preferred, **self.stamp(self.now)}

    def cases(self) -> Iterator[dict[str, Any]]:
        for n in range(self.first_number, self.first_number + self.size.cases):
            main = self.rng.randrange(len(self.people))
            care = main in self.care_people
            opened = self.now - timedelta(hours=self.rng.randint(1, 24 * 400))
            status = self.rng.choice(STATUSES)
            priority = self.rng.choice(PRIORITIES)
            if self.size.lifelike and status not in ("resolved", "closed"):
                opened = self._opened_for_mix(priority, status)
            cid = str(uuid.uuid4())
            self.case_ids.append(cid)
            self.case_opened.append(opened)
            self.case_main.append(self.people[main])
            self.case_care.append(care)
            row: dict[str, Any] = {
                "id": cid, "ref": format_ref(n), "ref_number": n,
                "title": self.rng.choice(CARE_TITLES if care else ACCOUNT_TITLES),
                "description": "Background and agreed plan are in the log.",
                "status": status, "priority": priority,
                "category": "care" if care else self.rng.choice(["billing", "service", "sales"]),
                "tags": pack_tags([self.rng.choice(["vip", "renewal", "complex", "new"])]),
                "opened_at": opened, "next_step": self.rng.choice(NEXT_STEPS),
                "due_at": opened + timedelta(days=self.rng.randint(3, 60)),
                **self.stamp(opened),
            }
            if status not in ("new",):
                row["first_response_at"] = self._first_response(opened, priority)
            if status in ("resolved", "closed"):
                row["resolved_at"] = min(opened + timedelta(days=self.rng.randint(1, 40)),
                                         self.now - timedelta(minutes=5))
                self.resolved.append((cid, row["resolved_at"]))
            if status == "closed":
                row["closed_at"] = min(row["resolved_at"] + timedelta(days=2),
                                       self.now - timedelta(minutes=1))
            self.history(row)
            yield row

    # -- a case's history: the audit events the services write ---------------

    def _audit(self, **event: Any) -> None:
        self.events.append({"id": str(uuid.uuid4()), **audit.event(author="owner", **event),
                            **self.stamp(event["at"])})

    def history(self, case: dict[str, Any]) -> None:
        """The audit trail the services would have written for ``case``: created, the
        first response, the next step, each status change with the moments it set, and
        an escalation where the case was escalated (open, or settled before it was
        resolved). Inserted after the cases (:func:`generate`)."""
        cid, status = case["id"], case["status"]
        self._audit(entity=KIND, entity_id=cid, action="create", at=case["opened_at"])
        answered = case.get("first_response_at")
        if answered is None:  # a new case: nothing happened yet
            return
        end = case.get("resolved_at") or self.now
        start = max(case["opened_at"], min(answered, end - timedelta(minutes=2)))
        self._audit(entity=KIND, entity_id=cid, action="update", at=start,
                    field="first_response_at", after=answered)
        if case["next_step"]:
            self._audit(entity=KIND, entity_id=cid, action="update", at=start,
                        field="next_step", before="", after=case["next_step"])
        self._status(cid, start, "new", "open")
        if status == "escalated" or (status in STOPPED
                                     and self.story.random() < SETTLED_ESCALATIONS):
            at = self._at_work(start + (end - start) * self.story.uniform(0.2, 0.6),
                               end - timedelta(minutes=2))
            self._escalation(cid, at, settled=end if status in STOPPED else None)
        elif status == "waiting":
            self._status(cid, self._at_work(start + (end - start) * self.story.uniform(0.3, 0.9),
                                            end - timedelta(minutes=1)), "open", "waiting")
        if status in STOPPED:
            resolved = case["resolved_at"]
            self._status(cid, resolved, "open", "resolved", resolved_at=resolved)
            if status == "closed":
                self._status(cid, case["closed_at"], "resolved", "closed",
                             closed_at=case["closed_at"])

    def _at_work(self, moment: datetime, latest: datetime) -> datetime:
        """In the lifelike store, ``moment`` moved to working time (never past
        ``latest``): the changes a person makes happen while they work."""
        if not self.size.lifelike:
            return moment
        return min(self.working.next_opening(moment).astimezone(UTC), latest)

    def _status(self, cid: str, at: datetime, before: str, after: str,
                **moments: datetime) -> None:
        """A status change as ``case_workflow.update_in_session`` audits it: the status,
        then each moment it set (from none)."""
        self._audit(entity=KIND, entity_id=cid, action="update", at=at, field="status",
                    before=before, after=after)
        for name, moment in moments.items():
            self._audit(entity=KIND, entity_id=cid, action="update", at=at, field=name,
                        after=moment)

    def _escalation(self, cid: str, at: datetime, settled: datetime | None) -> None:
        """An escalation as ``case_escalation.escalate`` writes it: its record, its audit
        event and the case's status; with ``settled``, its outcome recorded before that
        moment and the case open again (``record_escalation_outcome``)."""
        name, reason = self.story.choice(ESCALATED_TO)
        eid = str(uuid.uuid4())
        row: dict[str, Any] = {"id": eid, "case_id": cid, "to_name": name,
                               "escalated_at": at, "reason": reason, "outcome": "",
                               "outcome_at": None, **self.stamp(at)}
        self._audit(entity=ESCALATION, entity_id=eid, action="create", at=at,
                    field="to_name", after=name)
        self._status(cid, at, "open", "escalated")
        if settled is not None:
            back = self._at_work(at + (settled - at) * self.story.uniform(0.3, 0.8),
                                 settled - timedelta(minutes=1))
            row.update(outcome=self.story.choice(ESCALATION_OUTCOMES), outcome_at=back)
            self._audit(entity=ESCALATION, entity_id=eid, action="update", at=back,
                        field="outcome", after=row["outcome"])
            self._status(cid, back, "escalated", "open")
        self.escalations.append(row)

    def _allowances(self, priority: str) -> tuple[timedelta, timedelta]:
        target = self.settings.sla.get(priority)
        if target is None:
            return timedelta(hours=24), timedelta(days=10)
        return sla.allowed(target, self.week)

    def _span(self, working: timedelta) -> timedelta:
        """About how long on the calendar ``working`` SLA time takes (a working week's
        hours to seven days)."""
        if self.week is None:
            return working
        weekly = self.week.day_length * len(self.week.days)
        return working * (timedelta(days=7) / weekly)

    def _opened_for_mix(self, priority: str, status: str) -> datetime:
        """An opening moment that puts an open case at a point of :data:`SLA_MIX` on its
        nearest clock: the response's while unanswered, else the resolution's."""
        response, resolution = self._allowances(priority)
        allowance = response if status == "new" else resolution
        pick, used = self.rng.random(), SLA_MIX[-1][1]
        for share, span in SLA_MIX:
            if pick < share:
                used = span
                break
            pick -= share
        part = self.rng.uniform(*used)
        if self.week is not None:  # exact for the small store: a few bisections
            return sla.last_opening(self.week, self.now, allowance * part, False)
        return self.now - self._span(allowance * part)

    def _first_response(self, opened: datetime, priority: str) -> datetime:
        """Within the response target (a few late), never after now."""
        if not self.size.lifelike:
            return opened + timedelta(hours=self.rng.randint(1, 72))
        response, _resolution = self._allowances(priority)
        late = self.rng.random() < LATE_RESPONSE
        part = self.rng.uniform(1.2, 3.0) if late else self.rng.uniform(0.1, 0.7)
        answered = sla_clock.due(opened, response * part, self.week)
        return min(answered, opened + (self.now - opened) / 2)

    def _working_hours(self, moment: datetime) -> datetime:
        """``moment`` moved to a working day's working hours, on the hour or half hour."""
        local = moment.astimezone(self.working.tz)
        day = self.working.next_working_day(local.date(), include=True)
        first, last = self.working.start.hour, max(self.working.start.hour,
                                                   self.working.end.hour - 1)
        at = time(self.rng.randint(first, last), self.rng.choice([0, 30]))
        if at < self.working.start:
            at = self.working.start
        return self.working.at_start(day).replace(hour=at.hour, minute=at.minute
                                                  ).astimezone(UTC)

    def participants(self) -> Iterator[dict[str, Any]]:
        for index, cid in enumerate(self.case_ids):
            roles = CARE_ROLES if self.case_care[index] else CLIENT_ROLES
            yield {"id": str(uuid.uuid4()), "case_id": cid, "stakeholder_id": self.case_main[index],
                   "role": roles[0], "is_main": True,
                   **self.stamp(self.case_opened[index])}
            if self.rng.random() < 0.5:
                other = self.rng.choice(self.people)
                if other != self.case_main[index]:
                    yield {"id": str(uuid.uuid4()), "case_id": cid, "stakeholder_id": other,
                           "role": self.rng.choice(roles[1:]), "is_main": False,
                           **self.stamp(self.case_opened[index])}

    def interactions(self, last: dict[str, datetime],
                     links: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for _ in range(self.size.interactions):
            index = self.rng.randrange(len(self.case_ids))
            opened = self.case_opened[index]
            span = max(1, int((self.now - opened).total_seconds()))
            when = opened + timedelta(seconds=self.rng.randrange(span))
            cid = self.case_ids[index]
            if when > last.get(cid, opened):
                last[cid] = when
            iid = str(uuid.uuid4())
            links.append({"id": str(uuid.uuid4()), "interaction_id": iid,
                          "stakeholder_id": self.case_main[index], **self.stamp(when)})
            row = {"id": iid, "case_id": cid, "occurred_at": when,
                   "channel": self.rng.choice(CHANNELS), "direction": self.rng.choice(DIRECTIONS),
                   "summary": self.rng.choice(SUMMARIES), "body": "", "author": "owner",
                   **self.stamp(when)}
            if self.with_figures:  # calls and meetings mostly have their minutes
                timed = row["channel"] in ("phone", "meeting") and self.extra.random() < 0.7
                row["minutes"] = self.extra.randint(2, 45) if timed else None
            yield row

    with_figures = False  # the store has revision 0021's tables and column

    def feedback(self) -> Iterator[dict[str, Any]]:
        """CSAT on three in five resolved cases, recorded up to a week later."""
        for cid, resolved in self.resolved:
            if self.extra.random() >= 0.6:
                continue
            when = min(resolved + timedelta(hours=self.extra.randint(0, 24 * 7)), self.now)
            yield {"id": str(uuid.uuid4()), "case_id": cid,
                   "csat": self.extra.choices((1, 2, 3, 4, 5), (3, 5, 12, 40, 40))[0],
                   "comment": "", "via": self.extra.choice(feedback.VIA),
                   "recorded_at": when, **self.stamp(when)}

    def nps(self) -> Iterator[dict[str, Any]]:
        """A Net Promoter answer from one person in ten, in the last 400 days."""
        for pid in self.people:
            if self.extra.random() >= 0.1:
                continue
            when = self.now - timedelta(hours=self.extra.randint(0, 24 * 400))
            yield {"id": str(uuid.uuid4()), "stakeholder_id": pid,
                   "score": self.extra.choices(range(11), (1, 1, 1, 1, 2, 3, 5, 10, 16, 25,
                                                           35))[0],
                   "comment": "", "quarter": feedback.quarter_of(when, self.zone),
                   "answered_at": when, **self.stamp(when)}

    def followups(self, nxt: dict[str, datetime]) -> Iterator[dict[str, Any]]:
        for _ in range(self.size.followups):
            index = self.rng.randrange(len(self.case_ids))
            due = self.now + timedelta(hours=self.rng.randint(-24 * 10, 24 * 30))
            due = due.replace(minute=0, second=0, microsecond=0)
            if self.size.lifelike:
                due = self._working_hours(due)
            cid = self.case_ids[index]
            done = self.rng.random() < 0.2
            if not done and (cid not in nxt or due < nxt[cid]):
                nxt[cid] = due
            yield {"id": str(uuid.uuid4()), "case_id": cid,
                   "stakeholder_id": self.case_main[index],
                   "title": self.rng.choice(["Call back", "Chase reply", "Send update",
                                             "Check progress", "Confirm appointment"]),
                   "due_at": due, "due_has_time": True, "kind": "task",
                   "done_at": due if done else None,
                   # already due: reminded when it fell due, not "missed" on a first start
                   "notified_at": due if not done and due <= self.now else None,
                   **self.stamp(self.now)}


def generate(store: Store, size: str = "small", seed: int = 42,
             progress: Callable[[str, int, int], None] | None = None) -> Outcome[dict[str, int]]:
    """Fill the store with generated records; returns the counts added."""
    spec = SIZES[size]
    gen = _Generator(store, spec, seed)
    batch = 5_000
    last: dict[str, datetime] = {}
    nxt: dict[str, datetime] = {}
    links: list[dict[str, Any]] = []
    steps: list[tuple[str, type[Any], Callable[[], Iterator[dict[str, Any]]],
                      int | Callable[[], int]]] = [
        ("organisations", Stakeholder, gen.organisations, spec.organisations),
        ("people", Stakeholder, gen.persons, spec.people),
        ("contact points", ContactPoint, gen.contact_points, spec.people * 2),
        ("cases", Case, gen.cases, spec.cases),
        ("participants", CaseParticipant, gen.participants, spec.cases),
        ("escalations", Escalation, lambda: iter(gen.escalations), lambda: len(gen.escalations)),
        ("case history", AuditEvent, lambda: iter(gen.events), lambda: len(gen.events)),
        ("interactions", Interaction, lambda: gen.interactions(last, links), spec.interactions),
        ("interaction links", InteractionParticipant, lambda: iter(links), spec.interactions),
        ("follow-ups", FollowUp, lambda: gen.followups(nxt), spec.followups),
    ]
    with store.connection() as conn:  # a store of an older revision gets none of these
        columns = sa.inspect(conn)
        gen.with_figures = any(c["name"] == "minutes" for c in columns.get_columns(
            "interaction"))
        with_verdicts = any(c["name"] == "first_contact" for c in columns.get_columns(
            "case_record"))  # revision 0022
    if gen.with_figures:
        steps += [("feedback", CaseFeedback, gen.feedback, spec.cases // 5),
                  ("NPS answers", NpsAnswer, gen.nps, spec.people // 10)]
    with store.unit_of_work() as uow:
        # on a team server after the team's cases, also those row security hides
        gen.first_number = 1 + int(uow.session.scalar(
            sa.select(backend.highest_case_number(lock=True))) or 0)
        # one set-based index build at the end (see search.indexed_afterwards)
        with search.indexed_afterwards(uow.session.connection()):
            for label, model, rows, count in steps:
                total = count if isinstance(count, int) else count()
                done = 0
                for chunk in _batched(rows(), batch):
                    uow.session.execute(sa.insert(model), chunk)
                    done += len(chunk)
                    if progress:
                        progress(label, done, total)
            table = cast(sa.Table, Case.__table__)
            for mapping, column in ((last, "last_interaction_at"), (nxt, "next_followup_at")):
                params = [{"cid": cid, "value": value} for cid, value in mapping.items()]
                statement = (table.update().where(table.c.id == sa.bindparam("cid"))
                             .values({column: sa.bindparam("value")}))
                for chunk in _batched(iter(params), batch):
                    uow.session.execute(statement, chunk)
            if with_verdicts:  # the first-contact verdict of the resolved cases
                first_contact.settle_all(uow.session.connection())
            if progress:
                progress("search index", 0, 1)
        if progress:
            progress("search index", 1, 1)
        uow.commit()
    changes = ChangeSet()
    for kind in ("stakeholder", "case", "interaction", "followup"):
        changes.touch(kind)
    counts = {"organisations": spec.organisations, "people": spec.people, "cases": spec.cases,
              "interactions": spec.interactions, "followups": spec.followups}
    return Outcome(counts, changes)
