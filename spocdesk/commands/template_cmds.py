"""``template list|add|remove``: the templates for new cases and for log notes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import open_store, print_json

if TYPE_CHECKING:
    from spocdesk.core.cases.templates import TemplateRow

# the command line says "note" for what the store calls an interaction template
KINDS = {"case": "case", "note": "interaction", "interaction": "interaction"}
SHOWN = {"case": "case", "interaction": "note"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    template = sub.add_parser(
        "template", help="templates for new cases and for log notes",
        description="Placeholders filled in when a template is used: {stakeholder} (the "
                    "case's main stakeholder), {today}, {ref} (the case's reference) and "
                    "{title} (the case's title; not in a case's own title pattern).")
    template.set_defaults(handler=_usage(template))
    actions = template.add_subparsers(dest="template_action", metavar="ACTION")

    listing = actions.add_parser("list", help="every template, case templates first")
    listing.add_argument("--kind", choices=("case", "note"), help="only this kind")
    listing.add_argument("--json", action="store_true", help="print the templates as JSON")
    listing.set_defaults(handler=cmd_list)

    add = actions.add_parser("add", help="a new template; prints its id")
    add.add_argument("--kind", choices=("case", "note"), required=True)
    add.add_argument("--name", required=True, metavar="N", help="what the template is "
                     "called in the app (unique per kind)")
    add.add_argument("--title", "--summary", dest="title", default="", metavar="PATTERN",
                     help="a case's title pattern, or a note's summary")
    add.add_argument("--category", default="", metavar="C", help="a case's category")
    add.add_argument("--priority", default="", metavar="P",
                     help="a case's priority (low, normal, high, urgent)")
    body = add.add_mutually_exclusive_group()
    body.add_argument("--body", default="", metavar="TEXT",
                      help="a case's description (e.g. a checklist), or a note's text")
    body.add_argument("--body-file", metavar="F", help="read the body from the file F")
    add.set_defaults(handler=cmd_add)

    remove = actions.add_parser("remove", help="delete a template")
    remove.add_argument("key", metavar="NAME_OR_ID")
    remove.set_defaults(handler=cmd_remove)


def _usage(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return show


def _json(row: TemplateRow) -> dict[str, Any]:
    return {"id": row.id, "kind": SHOWN[row.kind], "name": row.name,
            "title_pattern": row.title_pattern, "category": row.category,
            "priority": row.priority, "body": row.body}


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.cases import templates

    with open_store(args) as store:
        rows = templates.list_templates(store, KINDS[args.kind] if args.kind else None)
    rows.sort(key=lambda r: r.kind != "case")  # stable: by name within each kind
    if args.json:
        print_json([_json(row) for row in rows])
        return 0
    if not rows:
        print("No templates yet; add one with: spocdesk template add --kind case|note --name N")
        return 0
    for row in rows:
        details = [row.title_pattern and f"title: {row.title_pattern}",
                   row.category and f"category: {row.category}",
                   row.priority and f"priority: {row.priority}"]
        extra = "; ".join(d for d in details if d)
        print(f"{SHOWN[row.kind]:<5} {row.name}" + (f"  ({extra})" if extra else ""))
        print(f"      id {row.id}")
    return 0


def _read_body(args: argparse.Namespace) -> str:
    from spocdesk.core.errors import InvalidInput

    if not args.body_file:
        return str(args.body)
    try:
        return Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise InvalidInput(f"{args.body_file} cannot be read ({why}).") from exc


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.cases import templates

    data = templates.TemplateData(
        kind=KINDS[args.kind], name=args.name, title_pattern=args.title,
        category=args.category, priority=args.priority.strip().lower(), body=_read_body(args))
    with open_store(args) as store:
        print(templates.create_template(store, data).value)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from spocdesk.core.cases import templates

    with open_store(args) as store:
        row = templates.find_template(store, args.key)
        templates.delete_template(store, row.id)
    print(f"Removed the {SHOWN[row.kind]} template '{row.name}'.")
    return 0
