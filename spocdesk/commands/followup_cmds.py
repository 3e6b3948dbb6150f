"""``followup add|list|done|skip|undo|snooze`` and ``export followups FILE.ics``."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import add_force, export_parser, open_store, parse_due, print_json

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from spocdesk.core.followups.service import FollowUpRow

DUE_CHOICES = ("overdue", "today", "week", "all")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("followup", help="add, list, complete and snooze follow-ups")

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    actions = parser.add_subparsers(dest="followup_command", metavar="ACTION")

    add = actions.add_parser("add", help="add a follow-up; prints its id")
    add.add_argument("--title", required=True)
    add.add_argument("--due", metavar="WHEN",
                     help="as people say it: 'Fri 10:00', 'tomorrow 9:00', '+3 working days', "
                          "'next week', 'in 2 hours' (also in German: 'morgen 9:00'); or "
                          "2026-03-05T09:00 (local time, or with an offset such as Z); a day "
                          "alone means the working week's opening time")
    add.add_argument("--case", metavar="REF", help="the case it belongs to, e.g. C-0042")
    add.add_argument("--stakeholder", metavar="WHO",
                     help="the stakeholder it concerns: id, whole name or e-mail")
    add.add_argument("--notes", default="")
    add.add_argument("--rrule", metavar="RULE",
                     help="repeat rule (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO,TH or "
                          "FREQ=MONTHLY;BYDAY=2TU")
    add.add_argument("--tz", metavar="ZONE",
                     help="IANA time zone for --due and the repeat rule (default: this computer's)")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help="list open follow-ups, soonest first")
    listing.add_argument("--due", choices=DUE_CHOICES, default="all",
                         help="overdue; today or week: due by the end of today or of this week, "
                              "overdue ones included; all (default)")
    listing.add_argument("--tz", metavar="ZONE", help="the zone days and weeks are counted in")
    listing.add_argument("--limit", type=int, default=None)
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    listing.set_defaults(handler=cmd_list)

    done = actions.add_parser("done", help="mark a follow-up done (a repeating one moves on)")
    done.add_argument("id")
    done.set_defaults(handler=cmd_done)

    skip = actions.add_parser("skip", help="skip the current occurrence of a repeating follow-up")
    skip.add_argument("id")
    skip.set_defaults(handler=cmd_skip)

    undo = actions.add_parser("undo", help="take back marking a follow-up done")
    undo.add_argument("id")
    undo.set_defaults(handler=cmd_undo)

    snooze = actions.add_parser("snooze", help="hide a follow-up until a later moment")
    snooze.add_argument("id")
    snooze.add_argument("--until", required=True, metavar="WHEN",
                        help="the same words as followup add --due")
    snooze.add_argument("--tz", metavar="ZONE", help="zone of --until when it has no offset")
    snooze.set_defaults(handler=cmd_snooze)

    ics = export_parser(sub).add_parser("followups", help="open follow-ups as an .ics calendar")
    ics.add_argument("file", metavar="FILE.ics")
    ics.add_argument("--include-details", action="store_true",
                     help="also write notes and the case's title and description")
    add_force(ics)
    ics.set_defaults(handler=cmd_export)


def _zone(name: str | None) -> ZoneInfo:
    from spocdesk.core.followups import recurrence

    return recurrence.parse_zone(name) if name else recurrence.local_zone()


def _shown(moment: datetime | None, has_time: bool, tz: ZoneInfo) -> str:
    if moment is None:
        return "no date"
    local = moment.astimezone(tz)
    return f"{local:%Y-%m-%d %H:%M}" if has_time else f"{local:%Y-%m-%d}"


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups
    from spocdesk.core.people.stakeholders import find_stakeholder

    tz = _zone(args.tz)
    with open_store(args) as store:
        due = parse_due(args.due, store, tz) if args.due else None
        case_id = None
        if args.case:
            with store.unit_of_work() as uow:
                case_id = followups.case_id_for_ref(uow.session, args.case)
        who = find_stakeholder(store, args.stakeholder) if args.stakeholder else None
        outcome = followups.add_followup(store, followups.NewFollowUp(
            title=args.title, due_at=due, case_id=case_id, stakeholder_id=who,
            notes=args.notes, rrule=args.rrule or "", tzid=tz.key,
        ))
    print(outcome.value)
    return 0


def row_json(row: FollowUpRow) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "due": row.due, "due_at": row.due_at,
        "due_has_time": row.due_has_time, "snoozed_until": row.snoozed_until,
        "rrule": row.rrule, "kind": row.kind, "case_id": row.case_id, "case_ref": row.case_ref,
        "stakeholder_id": row.stakeholder_id, "stakeholder_name": row.stakeholder_name,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    tz = _zone(args.tz)
    with open_store(args) as store:
        rows = followups.list_followups(store, args.due, tz, limit=args.limit)
    if args.json:
        print_json([row_json(row) for row in rows])
        return 0
    for row in rows:
        where = f" [{row.case_ref}]" if row.case_ref else ""
        repeat = " (repeats)" if row.rrule else ""
        timed = row.due_has_time or row.snoozed_until is not None
        print(f"{row.id}  {_shown(row.due, timed, tz):16}  {row.title}{where}{repeat}")
    if not rows:
        print("No open follow-ups.")
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    with open_store(args) as store:
        result = followups.complete(store, args.id).value
    if result.next_due is not None:
        print(f"Done; next time: {_shown(result.next_due, True, _zone(None))}.")
    else:
        print("Done.")
    return 0


def cmd_skip(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    with open_store(args) as store:
        nxt = followups.skip_occurrence(store, args.id).value
    print(f"Skipped; next time: {_shown(nxt, True, _zone(None))}." if nxt else
          "Skipped; that was the last time.")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    with open_store(args) as store:
        reopened = followups.undo_complete(store, args.id).value
    print(f"Reopened {reopened}.")
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    tz = _zone(args.tz)
    with open_store(args) as store:
        until = parse_due(args.until, store, tz)
        followups.snooze(store, args.id, until)
    print(f"Snoozed until {_shown(until, True, tz)}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import service as followups

    with open_store(args) as store:
        count = followups.export_followups(store, args.file,
                                           include_details=args.include_details,
                                           force=args.force).value
    print(f"Wrote {count} follow-up(s) to {args.file}.")
    return 0
