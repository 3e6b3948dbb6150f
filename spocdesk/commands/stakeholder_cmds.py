"""``stakeholder add|list|show|duplicates|merge|export-data|erase``, ``import FILE`` and
``export contacts FILE.vcf``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spocdesk.commands.common import add_force, export_parser, open_store, print_json

DUPLICATE_CHOICES = ("skip", "merge", "add")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("stakeholder", help="add, list and show people and organisations")

    def show_help(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=show_help)
    actions = parser.add_subparsers(dest="stakeholder_command", metavar="ACTION")

    add = actions.add_parser("add", help="add a person (or an organisation); prints its id")
    add.add_argument("--name", required=True)
    add.add_argument("--email", action="append", default=[], metavar="E",
                     help="an e-mail address (repeat for several)")
    add.add_argument("--phone", action="append", default=[], metavar="P",
                     help="a phone number (repeat for several)")
    add.add_argument("--org", default="", metavar="NAME",
                     help="the organisation the person belongs to (created when new)")
    add.add_argument("--title", default="", metavar="T", help="role or job title")
    add.add_argument("--organisation", action="store_true",
                     help="the stakeholder is an organisation, not a person")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help="list stakeholders by name")
    listing.add_argument("--search", metavar="TEXT",
                         help="only those whose name, organisation, e-mail or phone matches")
    listing.add_argument("--limit", type=int, default=None)
    listing.add_argument("--json", action="store_true", help="print the result as JSON")
    listing.set_defaults(handler=cmd_list)

    show = actions.add_parser("show", help="show one stakeholder in full")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="print the result as JSON")
    show.set_defaults(handler=cmd_show)

    dupes = actions.add_parser("duplicates", help="list groups of stakeholders that look alike")
    dupes.add_argument("--json", action="store_true", help="print the result as JSON")
    dupes.set_defaults(handler=cmd_duplicates)

    merge = actions.add_parser("merge", help="merge OTHER into KEEP (OTHER is removed)")
    merge.add_argument("keep")
    merge.add_argument("other")
    merge.set_defaults(handler=cmd_merge)

    remind = actions.add_parser(
        "remind", help="a yearly follow-up on the person's birthday or anniversary "
                       "(added once); prints its id")
    remind.add_argument("id")
    which = remind.add_mutually_exclusive_group(required=True)
    which.add_argument("--birthday", dest="which", action="store_const", const="birthday")
    which.add_argument("--anniversary", dest="which", action="store_const",
                       const="anniversary")
    remind.add_argument("--json", action="store_true", help="print the result as JSON")
    remind.set_defaults(handler=cmd_remind)

    export_data = actions.add_parser(
        "export-data", help="everything about one person as a JSON file (data-subject access)")
    export_data.add_argument("id")
    export_data.add_argument("file", metavar="FILE.json")
    add_force(export_data)
    export_data.set_defaults(handler=cmd_export_data)

    erase = actions.add_parser(
        "erase", help="erase one person for good (record, contact points, their name in "
                      "the log); needs --yes")
    erase.add_argument("id")
    erase.add_argument("--yes", action="store_true", help="confirm the erasure")
    erase.set_defaults(handler=cmd_erase)

    imp = sub.add_parser("import", help="import contacts from a .vcf or .csv file (Google, "
                                        "Outlook, Thunderbird, Apple, LinkedIn exports)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--map", default=None, metavar="COLUMN=FIELD,...",
                     help="which CSV column holds what, e.g. \"Contact Email=email,"
                          "Business=organisation,Fax=ignore\" (fields: see --show-columns); "
                          "columns left out are guessed")
    imp.add_argument("--show-columns", action="store_true",
                     help="list the CSV file's columns, how many rows fill each, and what "
                          "each is read as; change nothing")
    imp.add_argument("--encoding", default="", metavar="ENC",
                     help="the text encoding of a file that is not UTF-8 (e.g. cp1253); "
                          "guessed when not given")
    imp.add_argument("--drop-unmapped", action="store_true",
                     help="leave out CSV columns that no field reads (they are kept in the "
                          "notes otherwise)")
    imp.add_argument("--dry-run", action="store_true",
                     help="only show what would be imported; change nothing")
    imp.add_argument("--on-duplicate", choices=DUPLICATE_CHOICES, default="skip",
                     help="what to do with contacts that look like existing ones "
                          "(default: skip)")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(handler=cmd_import)

    contacts = export_parser(sub).add_parser("contacts", help="stakeholders as a vCard file")
    contacts.add_argument("file", metavar="FILE.vcf")
    contacts.add_argument("--vcard-version", choices=("4.0", "3.0"), default="4.0")
    contacts.add_argument("--id", action="append", default=None, dest="ids", metavar="ID",
                          help="export only this stakeholder (repeat for several)")
    add_force(contacts)
    contacts.set_defaults(handler=cmd_export_contacts)


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.people import stakeholders

    points = [stakeholders.NewContactPoint("email", e, preferred=i == 0)
              for i, e in enumerate(args.email)]
    points += [stakeholders.NewContactPoint("phone", p, preferred=i == 0)
               for i, p in enumerate(args.phone)]
    data = stakeholders.NewStakeholder(
        display_name=args.name, organisation=args.org, title=args.title,
        kind="organisation" if args.organisation else "person", contact_points=points)
    with open_store(args) as store:
        print(stakeholders.add_stakeholder(store, data).value)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.people import stakeholders

    with open_store(args) as store:
        rows = stakeholders.list_stakeholders(store, limit=args.limit, search=args.search)
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    for row in rows:
        extra = " · ".join(v for v in (row.organisation, row.title, row.email, row.phone) if v)
        print(f"{row.id}  {row.display_name}" + (f"  ({extra})" if extra else ""))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from spocdesk.core.people import stakeholders

    with open_store(args) as store:
        detail = stakeholders.details(store, args.id)
    if args.json:
        data: dict[str, Any] = asdict(detail)
        data["members"] = [{"id": i, "name": n} for i, n in detail.members]
        data["cases"] = [{"ref": r, "title": t, "role": role} for r, t, role in detail.cases]
        print_json(data)
        return 0
    print(f"{detail.display_name} ({detail.kind})")
    for label, value in (("Nickname", detail.nickname),
                         ("Organisation", " / ".join(filter(None, [detail.organisation,
                                                                   *detail.org_units]))),
                         ("Title", detail.title), ("Birthday", detail.birthday),
                         ("Anniversary", detail.anniversary),
                         ("Tags", ", ".join(detail.tags)), ("Id", detail.id)):
        if value:
            print(f"  {label}: {value}")
    for point in detail.contact_points:
        mark = " (preferred)" if point.preferred else ""
        label = f" [{point.label}]" if point.label else ""
        print(f"  {point.kind}{label}: {point.value}{mark}")
    for member_id, name in detail.members:
        print(f"  member: {name} ({member_id})")
    for ref, title, role in detail.cases:
        print(f"  case {ref} as {role}: {title}")
    if detail.last_contact_at is not None:
        print(f"  last contact: {detail.last_contact_at.astimezone():%Y-%m-%d %H:%M}")
    if detail.notes:
        print("  Notes:")
        for line in detail.notes.splitlines():
            print(f"    {line}")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from spocdesk.core.people import duplicates

    with open_store(args) as store:
        groups = duplicates.find_duplicates(store)
    if args.json:
        print_json([asdict(g) for g in groups])
        return 0
    for group in groups:
        print(f"{' / '.join(group.names)}  (same {', '.join(group.reasons)})")
        for sid in group.ids:
            print(f"  {sid}")
    if not groups:
        print("No duplicates found.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from spocdesk.core.people import duplicates

    with open_store(args) as store:
        duplicates.merge_stakeholders(store, args.keep, args.other)
    print(f"Merged {args.other} into {args.keep}.")
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    from spocdesk.core.followups import yearly

    with open_store(args) as store:
        outcome = yearly.remind_yearly(store, args.id, args.which)
        due, title = yearly.reminder_summary(store, outcome.value)
    added = bool(outcome.changes)
    if args.json:
        print_json({"followup_id": outcome.value, "title": title, "due": due, "added": added})
        return 0
    when = f"{due.astimezone():%Y-%m-%d %H:%M}" if due is not None else "-"
    state = "Added" if added else "Already there"
    print(f"{state}: {title}, next on {when}, every year ({outcome.value})")
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\rImporting: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)


def _read_import(args: argparse.Namespace) -> Any:
    from spocdesk.core.people import contacts_import
    from spocdesk.core.people.formats.contacts_csv import parse_mapping

    mapping, ignored = parse_mapping(args.map) if args.map else (None, set())
    return contacts_import.read_file(Path(args.file), mapping, args.encoding, ignored,
                                     keep_unmapped=not args.drop_unmapped), ignored


def _describe_file(path: Path, parsed: Any, kept: bool = True) -> list[str]:
    """The lines saying what the file was read as: profile, encoding, unmapped columns."""
    from spocdesk.core.people.formats.contacts_csv import profile_name

    lines = []
    if parsed.format.startswith("csv-"):
        lines.append(f"{path.name}: read as {profile_name(parsed.format)}.")
    if parsed.encoding:
        how = "guessed; choose another with --encoding" if parsed.encoding_guessed else "chosen"
        lines.append(f"Text encoding: {parsed.encoding} ({how}).")
    if parsed.unmapped:
        lines.append("Columns no field reads (" + ("kept in the notes" if kept else "left out")
                     + "): " + ", ".join(parsed.unmapped) + ".")
    return lines


def cmd_show_columns(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.people import contacts_import
    from spocdesk.core.people.formats.contacts_csv import (
        FIELDS,
        IGNORE,
        inspect_csv,
        parse_mapping,
        profile_name,
    )

    path = Path(args.file)
    data = contacts_import.read_bytes(path)
    if contacts_import.is_vcard_file(path, data):
        raise InvalidInput("--show-columns is for CSV files; a vCard file has no columns.")
    parsed, ignored = _read_import(args)
    info = inspect_csv(data, args.encoding)
    fmt = parsed.format.removeprefix("csv-")
    mapping = {**info.mapping, **(parse_mapping(args.map)[0] if args.map else {})}
    read_as = {column: target for target, column in mapping.items()}
    rows: list[dict[str, Any]] = []
    for header in info.headers:
        if not header:
            continue
        if header in ignored:
            what = IGNORE
        elif header in parsed.unmapped:
            what = "(no field: kept in the notes)"
        elif fmt == "generic" or args.map:
            what = read_as.get(header, "(empty)")
        else:
            what = f"({profile_name(fmt)})" if info.filled.get(header) else "(empty)"
        rows.append({"column": header, "rows": info.filled.get(header, 0), "read_as": what})
    if args.json:
        print_json({"profile": fmt, "encoding": parsed.encoding,
                    "encoding_guessed": parsed.encoding_guessed, "columns": rows,
                    "fields": list(FIELDS)})
        return 0
    for line in _describe_file(path, parsed):
        print(line)
    width = max([len(r["column"]) for r in rows] + [6])
    print(f"{'column':<{width}}  rows  read as")
    for row in rows:
        print(f"{row['column']:<{width}}  {row['rows']:>4}  {row['read_as']}")
    print("Fields for --map: " + ", ".join([*FIELDS, IGNORE]) + ".")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from spocdesk.core.people import contacts_import

    if args.show_columns:
        return cmd_show_columns(args)
    path = Path(args.file)
    parsed, _ignored = _read_import(args)
    with open_store(args) as store:
        if args.dry_run:
            preview = contacts_import.preview(store, parsed)
        else:
            result = contacts_import.apply(store, parsed, default=args.on_duplicate,
                                           progress=_progress).value
    if not args.dry_run and sys.stderr.isatty():
        print(file=sys.stderr)
    problems = [str(p) for p in parsed.problems]
    about = {"profile": parsed.format, "encoding": parsed.encoding,
             "encoding_guessed": parsed.encoding_guessed, "unmapped": parsed.unmapped}
    if not args.json:
        for line in _describe_file(path, parsed, kept=not args.drop_unmapped):
            print(line)
    if args.dry_run:
        if args.json:
            print_json({**preview.counts(), **about, "problems": problems,
                        "duplicates_of": [{"where": g.where, "name": g.name,
                                           "existing_ids": g.existing_ids,
                                           "reasons": g.reasons} for g in preview.groups]})
            return 0
        print(f"{preview.total:,} contacts in {path.name}: {preview.new:,} new, "
              f"{preview.duplicates:,} look like existing stakeholders, "
              f"{preview.invalid:,} invalid. Nothing was changed (dry run).")
        for group in preview.groups[:50]:
            print(f"  {group.where}: {group.name} looks like "
                  f"{', '.join(group.existing_ids)} ({', '.join(group.reasons)})")
    else:
        if args.json:
            print_json({"added": result.added, "merged": result.merged,
                        "skipped": result.skipped, "invalid": result.invalid,
                        **about, "problems": problems})
            return 0
        print(f"Imported {path.name}: {result.added:,} added, {result.merged:,} merged, "
              f"{result.skipped:,} skipped, {result.invalid:,} invalid.")
    for problem in problems[:50]:
        print(f"  {problem}")
    if len(problems) > 50:
        print(f"  … and {len(problems) - 50:,} more problems")
    return 0


def cmd_export_contacts(args: argparse.Namespace) -> int:
    from spocdesk.core.people import contacts_export

    path = Path(args.file)
    with open_store(args) as store:
        count = contacts_export.export_vcards(store, path, ids=args.ids,
                                              version=args.vcard_version,
                                              force=args.force).value
    print(f"Exported {count:,} stakeholders to {path}.")
    return 0


def cmd_export_data(args: argparse.Namespace) -> int:
    from spocdesk.core.people import data_subject

    path = Path(args.file)
    with open_store(args) as store:
        data_subject.export_person_json(store, args.id, path, force=args.force)
    print(f"Exported everything about {args.id} to {path}.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from spocdesk.core.people import data_subject

    if not args.yes:
        print("Erasing a person deletes their record for good; add --yes to confirm.",
              file=sys.stderr)
        return 2
    with open_store(args) as store:
        data_subject.erase_person(store, args.id)
    print(f"Erased {args.id}: record and contact points deleted; their name now reads "
          f"{data_subject.PLACEHOLDER} wherever it appeared.")
    return 0
