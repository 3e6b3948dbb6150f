"""``feedback add|nps|pending|due``: the client's satisfaction on the record."""

from __future__ import annotations

import argparse

from spocdesk.commands.common import open_store, print_json

VIA = ("phone", "email", "survey", "in-person")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feedback = sub.add_parser("feedback", help="satisfaction (CSAT) of resolved cases and "
                                               "Net Promoter answers")
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="record the client's satisfaction with a resolved "
                                         "case (replaces an earlier answer)")
    add.add_argument("ref", metavar="REF", help="the case's reference, e.g. C-0042")
    add.add_argument("--csat", type=int, required=True, choices=range(1, 6), metavar="1-5",
                     help="1 very unhappy … 5 very happy")
    add.add_argument("--comment", default="", metavar="T")
    add.add_argument("--via", default="", choices=VIA, help="how it was asked")
    add.add_argument("--json", action="store_true", help="print the result as JSON")
    add.set_defaults(handler=cmd_add)

    nps = actions.add_parser("nps", help="record a stakeholder's Net Promoter answer "
                                         "(at most once a quarter)")
    nps.add_argument("who", metavar="STAKEHOLDER", help="id, whole name or e-mail")
    nps.add_argument("score", type=int, choices=range(0, 11), metavar="0-10")
    nps.add_argument("--comment", default="", metavar="T")
    nps.add_argument("--json", action="store_true", help="print the result as JSON")
    nps.set_defaults(handler=cmd_nps)

    pending = actions.add_parser("pending", help="resolved cases without satisfaction on "
                                                 "record")
    pending.add_argument("--days", type=int, default=30,
                         help="resolved in the last N days (default 30)")
    pending.add_argument("--limit", type=int, default=200, help="at most N cases (default 200)")
    pending.add_argument("--json", action="store_true", help="print the result as JSON")
    pending.set_defaults(handler=cmd_pending)

    due = actions.add_parser("due", help="stakeholders to ask for a Net Promoter answer this "
                                         "quarter")
    due.add_argument("--limit", type=int, default=50, help="at most N (default 50)")
    due.add_argument("--json", action="store_true", help="print the result as JSON")
    due.set_defaults(handler=cmd_due)


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.metrics import feedback

    with open_store(args) as store:
        feedback_id = feedback.record_csat(store, args.ref, args.csat, comment=args.comment,
                                           via=args.via).value
    ref = args.ref.strip().upper()
    if args.json:
        print_json({"id": feedback_id, "ref": ref, "csat": args.csat, "via": args.via,
                    "comment": args.comment.strip()})
    else:
        print(f"Recorded satisfaction {args.csat} of 5 on {ref}.")
    return 0


def cmd_nps(args: argparse.Namespace) -> int:
    from spocdesk.core.metrics import feedback
    from spocdesk.core.people.stakeholders import find_stakeholder

    with open_store(args) as store:
        who = find_stakeholder(store, args.who)
        answer_id = feedback.record_nps(store, who, args.score, comment=args.comment).value
        status = feedback.nps_status(store, who)
    if args.json:
        print_json({"id": answer_id, "stakeholder_id": who, "score": args.score,
                    "quarter": status.last_quarter, "next_due": status.due_from})
    else:
        print(f"Recorded a Net Promoter answer of {args.score} for {status.last_quarter}; "
              f"the next one is due from {status.due_from:%Y-%m-%d}.")
    return 0


def cmd_pending(args: argparse.Namespace) -> int:
    from spocdesk.core.metrics import feedback

    with open_store(args) as store:
        pending = feedback.pending(store, days=args.days, limit=args.limit)
    if args.json:
        print_json({"since": pending.since, "total": pending.total, "cases": [
            {"id": p.id, "ref": p.ref, "title": p.title, "resolved_at": p.resolved_at,
             "main_stakeholder": p.main_stakeholder,
             "main_stakeholder_id": p.main_stakeholder_id} for p in pending.cases]})
        return 0
    if not pending.total:
        print(f"No feedback pending: every case resolved in the last {args.days} days has "
              "an answer.")
        return 0
    print(f"{pending.total:,} resolved case(s) without feedback since "
          f"{pending.since:%Y-%m-%d}:")
    for p in pending.cases:
        who = f"  [{p.main_stakeholder}]" if p.main_stakeholder else ""
        print(f"  {p.ref:<8} resolved {p.resolved_at:%Y-%m-%d}  {p.title}{who}")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from spocdesk.core.metrics import feedback

    with open_store(args) as store:
        due = feedback.nps_due(store, limit=args.limit)
    if args.json:
        print_json([{"stakeholder_id": d.stakeholder_id, "name": d.name,
                     "last_resolved_at": d.last_resolved_at} for d in due])
        return 0
    if not due:
        print("Nobody is due for a Net Promoter question this quarter.")
    for d in due:
        print(f"  {d.name}  (case resolved {d.last_resolved_at:%Y-%m-%d})")
    return 0
