"""``mail import|settings`` and ``inbox list|file``: e-mail from files into the store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import group_parser, open_store, print_json

if TYPE_CHECKING:
    from spocdesk.core.mail.capture import CapturedItem
    from spocdesk.core.mail.inbox import InboxRow

RULES = {"reference": "the reference in the subject", "thread": "answers a filed e-mail",
         "address": "the only open case of the people writing", "hand": "filed by hand"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = group_parser(sub, "mail", "e-mail into the store: import files, settings")
    imp = mail.add_parser(
        "import", help="import .eml, Outlook .msg or mbox files (all of them, or nothing)",
        description="Each e-mail is filed where it is certain (the case reference in the "
                    "subject, the thread, the only open case of the people writing) and "
                    "logged on that case; the rest waits in the inbox. An e-mail imported "
                    "before is skipped.")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print what was filed where as JSON")
    imp.set_defaults(handler=cmd_import)

    conf = mail.add_parser("settings", help="show or change the e-mail settings")
    conf.add_argument("--own-addresses", metavar="LIST",
                      help="your own addresses, separated by commas: mail from them is "
                           "outgoing ('' for none)")
    conf.add_argument("--size-cap-mb", type=int, metavar="N",
                      help="megabytes of text and attachments kept of one e-mail (1-1024)")
    conf.add_argument("--json", action="store_true", help="print the settings as JSON")
    conf.set_defaults(handler=cmd_settings)

    box = group_parser(sub, "inbox", "e-mail no rule could file: list and file it")
    listing = box.add_parser("list", help="unfiled e-mail by sender, newest first")
    listing.add_argument("--limit", type=int, default=100, metavar="N")
    listing.add_argument("--offset", type=int, default=0, metavar="N")
    listing.add_argument("--json", action="store_true", help="print the inbox as JSON")
    listing.set_defaults(handler=cmd_list)

    file = box.add_parser("file", help="file one e-mail (its id, or the start of it)")
    file.add_argument("message", metavar="MSG")
    how = file.add_mutually_exclusive_group(required=True)
    how.add_argument("--case", metavar="REF", help="log it on this case")
    how.add_argument("--new-case", action="store_true",
                     help="open a case titled by its subject, the sender as requester")
    how.add_argument("--ignore", action="store_true",
                     help="always ignore its sender (with --domain: the sender's domain)")
    how.add_argument("--not-request", action="store_true",
                     help="not a request: take it out of the inbox, log it nowhere")
    how.add_argument("--new-stakeholder", action="store_true",
                     help="add its sender to the directory (it stays in the inbox)")
    file.add_argument("--template", metavar="NAME", help="with --new-case: a case template")
    file.add_argument("--domain", action="store_true", help="with --ignore: the whole domain")
    file.set_defaults(handler=cmd_file)


def _item(item: CapturedItem) -> dict[str, Any]:
    return {"id": item.mail_id, "subject": item.subject, "sender": item.sender,
            "state": item.state, "case": item.case_ref, "rule": item.rule or None,
            "direction": item.direction}


def cmd_import(args: argparse.Namespace) -> int:
    from spocdesk.core.mail.capture import capture, size_cap
    from spocdesk.core.mail.parse import iter_file

    paths = [Path(p) for p in args.files]
    with open_store(args) as store:
        cap = size_cap(store)
        # read as they are stored (an mbox file is never in memory whole); a file that
        # cannot be read rolls the whole import back
        messages = (m for path in paths for m in iter_file(path, cap=cap))
        report = capture(store, messages, source="file").value
    if args.json:
        print_json({"imported": [_item(i) for i in report.items],
                    "duplicates": report.duplicates})
        return 0
    for item in report.items:
        where = item.case_ref or {"unfiled": "inbox", "ignored": "ignored"}[item.state]
        how = f"  ({RULES[item.rule]})" if item.rule else ""
        print(f"{where:<8} {item.sender or '(no sender)'}: {item.subject or '(no subject)'}{how}")
    filed = sum(1 for i in report.items if i.case_ref)
    waiting = sum(1 for i in report.items if i.state == "unfiled")
    summary = f"{len(report.items)} imported: {filed} filed, {waiting} in the inbox"
    ignored = len(report.items) - filed - waiting
    if ignored:
        summary += f", {ignored} ignored"
    if report.duplicates:
        summary += f"; {report.duplicates} imported before, skipped"
    print(summary + ".")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from spocdesk.core import preferences

    with open_store(args) as store:
        value = preferences.get_settings(store)
        if args.own_addresses is not None or args.size_cap_mb is not None:
            if args.own_addresses is not None:
                value.own_addresses = args.own_addresses.strip()
            if args.size_cap_mb is not None:
                value.mail_size_cap_mb = args.size_cap_mb
            value = preferences.save_settings(store, value).value
    if args.json:
        print_json({"own_addresses": value.own_addresses,
                    "size_cap_mb": value.mail_size_cap_mb})
    else:
        print(f"own addresses: {value.own_addresses or '(none)'}")
        print(f"size cap: {value.mail_size_cap_mb} MB an e-mail")
    return 0


def _row(row: InboxRow) -> dict[str, Any]:
    return {"id": row.id, "sender_name": row.sender_name, "sender_email": row.sender_email,
            "subject": row.subject, "preview": row.preview, "date": row.occurred_at,
            "attachments": row.attachments, "from_sender": row.sender_count}


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.followups.recurrence import local_zone
    from spocdesk.core.mail import inbox

    with open_store(args) as store:
        rows = inbox.list_unfiled(store, offset=args.offset, limit=args.limit)
        total = inbox.count_unfiled(store)
    if args.json:
        print_json({"total": total, "messages": [_row(r) for r in rows]})
        return 0
    if not rows:
        print("The inbox is empty." if total == 0 else "No more e-mails on this page.")
        return 0
    sender = None
    zone = local_zone()
    for row in rows:
        if row.sender_email != sender:
            sender = row.sender_email
            who = f"{row.sender_name} <{row.sender_email}>" if row.sender_name else sender
            print(f"{who or '(no sender)'} ({row.sender_count})")
        clip = f"  [{row.attachments} attached]" if row.attachments else ""
        print(f"  {row.id[:8]}  {row.occurred_at.astimezone(zone):%Y-%m-%d %H:%M}  "
              f"{row.subject or '(no subject)'}{clip}")
    print(f"{total} in the inbox." if len(rows) == total
          else f"{len(rows)} of {total} in the inbox shown.")
    return 0


def cmd_file(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.mail import inbox

    if args.template and not args.new_case:
        raise InvalidInput("--template goes with --new-case.")
    if args.domain and not args.ignore:
        raise InvalidInput("--domain goes with --ignore.")
    with open_store(args) as store:
        if args.case:
            inbox.file_to_case(store, args.message, args.case)
            print(f"Filed on {args.case.strip().upper()}.")
        elif args.new_case:
            ref = inbox.new_case_from_mail(store, args.message, template=args.template).value
            print(f"Opened {ref} with this e-mail.")
        elif args.not_request:
            inbox.dismiss(store, args.message)
            print("Not a request: out of the inbox.")
        elif args.new_stakeholder:
            print(inbox.new_stakeholder_from_sender(store, args.message).value)
        else:
            sender = inbox.get_mail(store, args.message).sender
            count = inbox.ignore_sender(store, args.message, domain=args.domain).value
            who = sender.email.rpartition("@")[2] if args.domain and sender else (
                sender.email if sender else "")
            print(f"Ignoring {who} from now on; {count} e-mail(s) left the inbox.")
    return 0
