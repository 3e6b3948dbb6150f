"""``case add|list|show|log|set|escalate|outcome|participant``: cases, the people in them
and their communication log."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import open_store, parse_due, print_json

if TYPE_CHECKING:
    from spocdesk.core.cases.detail import CaseDetail
    from spocdesk.core.cases.query import CaseListRow
    from spocdesk.core.cases.timeline import TimelineEntry

def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = sub.add_parser("case", help="cases and their communication log")
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="open a new case; prints its reference")
    add.add_argument("--title", required=True)
    add.add_argument("--priority", default="normal", help="low, normal, high or urgent")
    add.add_argument("--status", default="new",
                     help="new, open, waiting, escalated, resolved or closed")
    add.add_argument("--category", default="")
    add.add_argument("--description", default="")
    add.add_argument("--next-step", default="")
    add.add_argument("--tag", action="append", default=[], metavar="TAG")
    add.add_argument("--stakeholder", action="append", default=[], metavar="ID|NAME|EMAIL",
                     help="a stakeholder's id, unique name or e-mail; repeat for more "
                          "(the first is the main one)")
    add.add_argument("--role", default="client", help="role of the stakeholders in the case")
    add.set_defaults(handler=cmd_add)

    lst = actions.add_parser("list", help="list cases")
    lst.add_argument("--status", default=None)
    lst.add_argument("--view", default="all",
                     help="open, waiting, escalated, followup_overdue, no_followup (no "
                          "follow-up planned), no_next_step (empty next step), sla_at_risk, "
                          "sla_breached, resolved_this_week or all (default)")
    lst.add_argument("--text", default="", help="words in the title, reference or description")
    lst.add_argument("--sort", default="ref", help="ref, title, stakeholder, status, priority, "
                     "next_followup, last_interaction, age or sla")
    lst.add_argument("--desc", action="store_true", help="sort in descending order")
    lst.add_argument("--limit", type=int, default=None)
    lst.add_argument("--json", action="store_true", help="print the result as JSON")
    lst.set_defaults(handler=cmd_list)

    show = actions.add_parser("show", help="show one case with its timeline")
    show.add_argument("ref")
    show.add_argument("--limit", type=int, default=50, help="timeline entries (default 50)")
    show.add_argument("--json", action="store_true", help="print the result as JSON")
    show.set_defaults(handler=cmd_show)

    log = actions.add_parser("log", help="add an entry to a case's communication log")
    log.add_argument("ref")
    log.add_argument("--channel", required=True,
                     help="phone, email, meeting, chat, letter or note")
    log.add_argument("--direction", required=True, help="in, out or internal")
    log.add_argument("--summary", required=True)
    log.add_argument("--body", default="")
    log.add_argument("--with", dest="people", action="append", default=[], metavar="WHO",
                     help="whom it was with: a stakeholder's id, whole name or e-mail; "
                          "repeat for more (the first one gets the follow-up)")
    log.add_argument("--minutes", type=int, default=None, metavar="N",
                     help="minutes spent on it (effort; 0 to 1440)")
    log.add_argument("--next-step", default=None, help="the case's new next step")
    log.add_argument("--follow-up", default=None, metavar="WHEN",
                     help="also plan a follow-up: 'Fri 10:00', 'tomorrow 9:00', "
                          "'+3 working days', 2026-12-11T10:00, …")
    log.add_argument("--json", action="store_true", help="print the result as JSON")
    log.set_defaults(handler=cmd_log)

    set_ = actions.add_parser("set", help="change a case's status, priority or next step")
    set_.add_argument("ref")
    set_.add_argument("--status")
    set_.add_argument("--priority")
    set_.add_argument("--next-step")
    set_.add_argument("--title")
    set_.add_argument("--category")
    set_.set_defaults(handler=cmd_set)

    esc = actions.add_parser("escalate", help="escalate a case to a team or a person")
    esc.add_argument("ref")
    esc.add_argument("--to", required=True, metavar="NAME")
    esc.add_argument("--reason", required=True)
    esc.set_defaults(handler=cmd_escalate)

    outcome = actions.add_parser("outcome",
                                 help="record what came of the case's open escalation")
    outcome.add_argument("ref")
    outcome.add_argument("--outcome", required=True, metavar="TEXT")
    outcome.add_argument("--status", default="open",
                         help="the case's status once no escalation is open (default open)")
    outcome.add_argument("--json", action="store_true", help="print the result as JSON")
    outcome.set_defaults(handler=cmd_outcome)

    people = actions.add_parser("participant", help="add or remove a stakeholder of a case")
    people_actions = people.add_subparsers(dest="participant_command", metavar="ACTION",
                                           required=True)
    involve = people_actions.add_parser("add", help="involve a stakeholder with a role")
    involve.add_argument("ref")
    involve.add_argument("who", metavar="STAKEHOLDER", help="id, whole name or e-mail")
    involve.add_argument("--role", default="client",
                         help="client, patient, requester, provider, vendor, … (default client)")
    involve.add_argument("--main", action="store_true", help="make them the main stakeholder")
    involve.add_argument("--json", action="store_true", help="print the result as JSON")
    involve.set_defaults(handler=cmd_participant_add)
    drop = people_actions.add_parser("remove", help="take a stakeholder off the case")
    drop.add_argument("ref")
    drop.add_argument("who", metavar="STAKEHOLDER", help="id, whole name or e-mail")
    drop.add_argument("--json", action="store_true", help="print the result as JSON")
    drop.set_defaults(handler=cmd_participant_remove)


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.service import NewCase, add_case
    from spocdesk.core.people.stakeholders import find_stakeholder

    with open_store(args) as store:
        people = [find_stakeholder(store, key) for key in args.stakeholder]
        data = NewCase(title=args.title, priority=args.priority, status=args.status,
                       category=args.category, description=args.description,
                       next_step=args.next_step, tags=args.tag,
                       stakeholders=[(sid, args.role) for sid in dict.fromkeys(people)])
        ref = add_case(store, data).value
    print(ref)
    return 0


def _seconds(value: Any) -> float | None:
    return None if value is None else value.total_seconds()


def row_json(row: CaseListRow) -> dict[str, Any]:
    return {
        "id": row.id, "ref": row.ref, "title": row.title, "status": row.status,
        "priority": row.priority, "category": row.category,
        "main_stakeholder": row.main_stakeholder,
        "main_stakeholder_id": row.main_stakeholder_id, "next_step": row.next_step,
        "next_followup_at": row.next_followup_at, "followup_overdue": row.followup_overdue,
        "last_interaction_at": row.last_interaction_at, "opened_at": row.opened_at,
        "age_days": row.age.days, "escalated": row.escalated, "sla_state": row.sla_state,
        "sla_time_left_seconds": _seconds(row.sla_time_left),
    }


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.cases import query as q

    flt = q.CaseFilter(view=args.view, status=args.status, text=args.text)
    with open_store(args) as store:
        ctx = q.context(store)
        ids = q.case_ids(store, flt, q.CaseSort(args.sort, args.desc), ctx=ctx)
        if args.limit is not None:
            ids = ids[:max(0, args.limit)]
        rows: list[q.CaseListRow] = []
        for start in range(0, len(ids), 500):
            page = ids[start:start + 500]
            found = q.case_rows(store, page, ctx=ctx)
            rows.extend(found[cid] for cid in page if cid in found)
    if args.json:
        print_json([row_json(row) for row in rows])
        return 0
    if not rows:
        print("No cases match.")
    for row in rows:
        who = f"  [{row.main_stakeholder}]" if row.main_stakeholder else ""
        print(f"{row.ref:<8} {row.status:<9} {row.priority:<6} {row.sla_state:<8} "
              f"{row.title}{who}")
    return 0


def entry_json(entry: TimelineEntry) -> dict[str, Any]:
    return {"kind": entry.kind, "id": entry.record_id, "at": entry.at,
            "summary": entry.summary, "detail": entry.detail, "author": entry.author,
            "channel": entry.channel, "direction": entry.direction, "before": entry.before,
            "after": entry.after, "state": entry.state, "with": list(entry.counterparts)}


def detail_json(case: CaseDetail, entries: list[TimelineEntry]) -> dict[str, Any]:
    return {
        "id": case.id, "ref": case.ref, "revision": case.revision, "title": case.title,
        "description": case.description, "status": case.status, "priority": case.priority,
        "category": case.category, "tags": case.tags, "next_step": case.next_step,
        "opened_at": case.opened_at, "first_response_at": case.first_response_at,
        "resolved_at": case.resolved_at, "closed_at": case.closed_at, "due_at": case.due_at,
        "last_interaction_at": case.last_interaction_at,
        "next_followup_at": case.next_followup_at, "escalated": case.escalated,
        "sla": {"state": case.sla_state, "time_left_seconds": _seconds(case.sla_time_left),
                "response_deadline": case.sla_response_deadline,
                "resolution_deadline": case.sla_resolution_deadline},
        "participants": [{"stakeholder_id": p.stakeholder_id, "name": p.name, "role": p.role,
                          "main": p.is_main} for p in case.participants],
        "escalations": [{"id": e.id, "to": e.to_name, "to_stakeholder_id": e.to_stakeholder_id,
                         "at": e.escalated_at, "reason": e.reason, "outcome": e.outcome,
                         "outcome_at": e.outcome_at} for e in case.escalations],
        "timeline": [entry_json(entry) for entry in entries],
    }


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


def _print_detail(case: CaseDetail, entries: list[TimelineEntry]) -> None:
    print(f"{case.ref}  {case.title}")
    print(f"  status {case.status}, priority {case.priority}, SLA {case.sla_state}"
          + (", escalated" if case.escalated else ""))
    if case.category or case.tags:
        print(f"  category {case.category or '-'}; tags {', '.join(case.tags) or '-'}")
    print(f"  opened {_when(case.opened_at)}; first response {_when(case.first_response_at)}; "
          f"resolved {_when(case.resolved_at)}; closed {_when(case.closed_at)}")
    print(f"  next step: {case.next_step or '(none)'}; next follow-up "
          f"{_when(case.next_followup_at)}")
    for p in case.participants:
        print(f"  {'*' if p.is_main else '-'} {p.name} ({p.role})")
    if case.description:
        print()
        print(case.description)
    print()
    print("Timeline:" if entries else "Timeline: nothing yet.")
    for e in entries:
        if e.kind == "status":
            text = f"status {e.before} → {e.after}"
        elif e.kind == "interaction":
            who = f" with {', '.join(e.counterparts)}" if e.counterparts else ""
            text = f"{e.channel}/{e.direction}{who}: {e.summary}"
        else:
            text = f"{e.kind.replace('_', ' ')}: {e.summary} {e.detail}".strip()
        print(f"  {_when(e.at)}  {text}")


def cmd_show(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.detail import get_case
    from spocdesk.core.cases.timeline import timeline

    with open_store(args) as store:
        case = get_case(store, args.ref)
        entries = timeline(store, case.id, limit=args.limit)
    if args.json:
        print_json(detail_json(case, entries))
    else:
        _print_detail(case, entries)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.quick_log import QuickLog, quick_log
    from spocdesk.core.cases.service import NewInteraction
    from spocdesk.core.people.stakeholders import find_stakeholder

    with open_store(args) as store:
        people = [find_stakeholder(store, who) for who in args.people]
        due = parse_due(args.follow_up, store) if args.follow_up else None
        entry_id = quick_log(store, args.ref, QuickLog(
            entry=NewInteraction(channel=args.channel, direction=args.direction,
                                 summary=args.summary, body=args.body, stakeholder_ids=people,
                                 minutes=args.minutes),
            next_step=args.next_step, followup_due=due)).value
    ref = args.ref.strip().upper()
    if args.json:
        print_json({"id": entry_id, "ref": ref, "with": people, "follow_up_due": due,
                    "minutes": args.minutes})
    elif due is None:
        print(f"Logged on {ref}.")
    else:
        from spocdesk.core.followups.recurrence import local_zone

        print(f"Logged on {ref}; follow-up {due.astimezone(local_zone()):%a %Y-%m-%d %H:%M}.")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.workflow import update_case
    from spocdesk.core.errors import InvalidInput

    fields = {name: getattr(args, name)
              for name in ("status", "priority", "next_step", "title", "category")
              if getattr(args, name) is not None}
    if not fields:
        raise InvalidInput("Say what to change: --status, --priority, --next-step, "
                           "--title or --category.")
    with open_store(args) as store:
        changed = update_case(store, args.ref, **fields).value
    ref = args.ref.strip().upper()
    print(f"Changed {', '.join(changed)} of {ref}." if changed else f"{ref} was unchanged.")
    return 0


def cmd_escalate(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.escalation import escalate

    with open_store(args) as store:
        escalate(store, args.ref, args.to, args.reason)
    print(f"Escalated {args.ref.strip().upper()} to {args.to.strip()}.")
    return 0


def cmd_outcome(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.escalation import record_case_outcome

    with open_store(args) as store:
        status = record_case_outcome(store, args.ref, args.outcome, args.status).value
    ref = args.ref.strip().upper()
    if args.json:
        print_json({"ref": ref, "status": status})
    else:
        print(f"Recorded the outcome on {ref}; its status is {status}.")
    return 0


def cmd_participant_add(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.workflow import add_participant
    from spocdesk.core.people.stakeholders import find_stakeholder

    with open_store(args) as store:
        who = find_stakeholder(store, args.who)
        add_participant(store, args.ref, who, args.role, main=args.main)
    ref = args.ref.strip().upper()
    if args.json:
        print_json({"ref": ref, "stakeholder_id": who, "role": args.role.strip(),
                    "main": args.main})
    else:
        print(f"Added {args.who.strip()} to {ref} as {args.role.strip()}.")
    return 0


def cmd_participant_remove(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.workflow import remove_participant
    from spocdesk.core.people.stakeholders import find_stakeholder

    with open_store(args) as store:
        who = find_stakeholder(store, args.who)
        remove_participant(store, args.ref, who)
    ref = args.ref.strip().upper()
    if args.json:
        print_json({"ref": ref, "stakeholder_id": who})
    else:
        print(f"Took {args.who.strip()} off {ref}.")
    return 0
