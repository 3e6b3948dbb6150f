"""``server share``: let a colleague see and work one case or stakeholder of yours.

``spocdesk --store postgresql://anna@host/db server share --case C-0042 --with bert``
(``--remove`` takes it back). Only the record's owner or a lead may; the server's
row-level security enforces it (:mod:`spocdesk.core.store.policies`)."""

from __future__ import annotations

import argparse

from spocdesk.commands.common import group_parser, open_store, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = group_parser(sub, "server", "a team server on PostgreSQL")
    share = server.add_parser(
        "share", help="share one of your cases or stakeholders with a colleague's role")
    which = share.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="REF", help="the case, e.g. C-0042")
    which.add_argument("--stakeholder", metavar="ID", help="the stakeholder's id")
    share.add_argument("--with", dest="grantee", required=True, metavar="ROLE",
                       help="the colleague's login role on the server")
    share.add_argument("--remove", action="store_true", help="take the share back")
    share.add_argument("--json", action="store_true", help="print the result as JSON")
    share.set_defaults(handler=cmd_share)


def cmd_share(args: argparse.Namespace) -> int:
    from spocdesk.core.cases.service import by_ref
    from spocdesk.core.store.policies import share

    with open_store(args) as store:
        case_id = None
        if args.case:
            with store.session() as session:
                case_id = by_ref(session, args.case).id
        changed = share(store, args.grantee, case_id=case_id,
                        stakeholder_id=args.stakeholder, remove=args.remove)
    what = args.case or args.stakeholder
    if args.json:
        print_json({"record": what, "with": args.grantee, "shared": not args.remove,
                    "changed": changed})
    elif args.remove:
        print(f"{what} is no longer shared with {args.grantee}." if changed
              else f"{what} was not shared with {args.grantee}.")
    else:
        print(f"Shared {what} with {args.grantee}." if changed
              else f"{what} was already shared with {args.grantee}.")
    return 0
