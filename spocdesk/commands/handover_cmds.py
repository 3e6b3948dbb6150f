"""``handover plan``: an absence (on a team server, for a live deputy);
``handover export`` and ``handover merge``: the deputy's pack, out and back."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import os
import sys
from datetime import date
from typing import TYPE_CHECKING

from spocdesk.commands.common import open_store, print_json
from spocdesk.core.errors import InvalidInput, SpocError
from spocdesk.core.store import passphrase

if TYPE_CHECKING:
    from spocdesk.core.handover.absence import AbsencePlan
    from spocdesk.core.store import Store


class PackPassphraseRequired(SpocError):
    def __init__(self) -> None:
        super().__init__(
            "The handover pack needs its own passphrase: set SPOCDESK_PACK_PASSPHRASE, use "
            "--pack-passphrase-file, or run from a terminal.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("handover", help="make a handover pack for a deputy, merge it back")

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    actions = parser.add_subparsers(dest="handover_command", metavar="ACTION")

    plan = actions.add_parser(
        "plan", help="plan an absence: the cases that need cover, with draft I-PASS notes; "
                     "on a team server, --deputy-role lets the deputy work them live")
    plan.add_argument("--from", dest="starts_on", required=True, metavar="DATE",
                      help="first day of the absence (YYYY-MM-DD)")
    plan.add_argument("--to", dest="ends_on", required=True, metavar="DATE",
                      help="last day of the absence (YYYY-MM-DD)")
    plan.add_argument("--deputy", default="", metavar="NAME", help="who covers")
    plan.add_argument("--deputy-contact", default="", metavar="TEXT",
                      help="how to reach the deputy")
    plan.add_argument("--deputy-role", default="", metavar="ROLE",
                      help="the deputy's login role on the team server: they see and work "
                           "the handed-over cases from the first to the last day")
    plan.add_argument("--note", default="", help="a general note for the deputy")
    plan.add_argument("--case", action="append", default=[], metavar="REF",
                      help="a case to hand over (repeat it; default: the cases that need cover)")
    plan.add_argument("--json", action="store_true", help="print the absence as JSON")
    plan.set_defaults(handler=cmd_plan)

    export = actions.add_parser(
        "export", help="write an encrypted handover pack (its own passphrase) for the deputy")
    export.add_argument("--out", required=True, metavar="FILE", help="the pack file to write")
    export.add_argument("--from", dest="starts_on", metavar="DATE",
                        help="first day of a new absence (YYYY-MM-DD); needs --to")
    export.add_argument("--to", dest="ends_on", metavar="DATE",
                        help="last day of the new absence (YYYY-MM-DD)")
    export.add_argument("--deputy", default="", metavar="NAME", help="who covers")
    export.add_argument("--deputy-contact", default="", metavar="TEXT",
                        help="how to reach the deputy")
    export.add_argument("--note", default="", help="a general note for the deputy")
    export.add_argument("--days", type=int, default=None, metavar="N",
                        help="interactions of the last N days go in the pack "
                             "(default: the absence's setting, 90)")
    export.add_argument("--absence", metavar="ID",
                        help="an absence already planned (default: the current or next one)")
    export.add_argument("--pack-passphrase-file", metavar="F",
                        help="read the pack's passphrase from the first line of F "
                             "(SPOCDESK_PACK_PASSPHRASE is used first when set)")
    export.add_argument("--generate-passphrase", action="store_true",
                        help="make the pack's passphrase from six random words and print it "
                             "(tell it to the deputy another way than the file)")
    export.set_defaults(handler=cmd_export)

    merge = actions.add_parser("merge", help="take a deputy's pack back: summary and conflicts")
    merge.add_argument("file", metavar="FILE")
    merge.add_argument("--json", action="store_true", help="print the result as JSON")
    merge.add_argument("--dry-run", action="store_true",
                       help="show what the merge would do without changing anything")
    merge.add_argument("--pack-passphrase-file", metavar="F",
                       help="read the pack's passphrase from the first line of F "
                            "(SPOCDESK_PACK_PASSPHRASE is used first when set)")
    merge.set_defaults(handler=cmd_merge)

    verify = actions.add_parser(
        "verify", help="check a handover pack fully without changing it (read-only media too)")
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--pack-passphrase-file", metavar="F",
                        help="read the pack's passphrase from the first line of F "
                             "(SPOCDESK_PACK_PASSPHRASE is used first when set)")
    verify.set_defaults(handler=cmd_verify)

    send = actions.add_parser(
        "send-back", help="the deputy: write a finished, verified copy of the pack "
                          "(spocdesk --store PACK handover send-back --out FILE)")
    send.add_argument("--out", required=True, metavar="FILE", help="the copy to write")
    send.add_argument("--replace", action="store_true",
                      help="replace FILE when it exists (otherwise refused)")
    send.set_defaults(handler=cmd_send_back)


def _pack_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    """The pack's passphrase; a new one must be strong (checked again against the
    owner's store passphrase when the pack is written)."""
    from spocdesk.core.handover import passphrases

    env = os.environ.get(passphrase.ENV_PACK_PASSPHRASE)
    if new and getattr(args, "generate_passphrase", False):
        secret = passphrases.generate()
        print(f"The pack's passphrase: {secret}")
        return secret
    if env:
        secret = env
    elif args.pack_passphrase_file:
        secret = passphrase.read_file(args.pack_passphrase_file)
    elif sys.stdin.isatty():
        if not new:
            return getpass.getpass("Pack passphrase: ")
        offer = passphrases.generate()
        print(f"Suggested pack passphrase: {offer}", file=sys.stderr)
        secret = getpass.getpass("New pack passphrase (Enter takes the suggestion; tell the "
                                 "deputy another way): ")
        if not secret:
            return offer
        repeated = getpass.getpass("Repeat it: ")
        passphrase.check_new(secret, repeated)
        passphrases.check_strength(secret)
        return secret
    else:
        raise PackPassphraseRequired()
    if new:
        passphrase.check_new(secret, secret)
        passphrases.check_strength(secret)
    return secret


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option} wants a date like 2026-03-16, not '{text}'.") from None


def _plan_with_drafts(store: Store, plan: AbsencePlan, refs: list[str] | None = None) -> str:
    """Plan the absence (the cases ``refs`` name, default: those that need cover) and
    save a draft note for each."""
    from spocdesk.core.cases.service import by_ref
    from spocdesk.core.handover import absence

    case_ids = None
    if refs:
        with store.session() as session:
            case_ids = [by_ref(session, ref).id for ref in refs]
    absence_id = absence.plan_absence(store, plan, case_ids).value
    for case_id in absence.get_absence(store, absence_id).case_ids:
        draft = absence.prefill_note(store, absence_id, case_id)
        absence.save_note(store, absence_id, case_id, draft, reviewed=False)
    return absence_id


def cmd_plan(args: argparse.Namespace) -> int:
    from spocdesk.core.handover import absence

    plan = absence.AbsencePlan(
        starts_on=_day(args.starts_on, "--from"), ends_on=_day(args.ends_on, "--to"),
        deputy_name=args.deputy, deputy_contact=args.deputy_contact, note=args.note,
        deputy_role=args.deputy_role)
    with open_store(args) as store:
        view = absence.get_absence(store, _plan_with_drafts(store, plan, args.case))
    if args.json:
        print_json({"id": view.id, "starts_on": view.starts_on, "ends_on": view.ends_on,
                    "deputy_name": view.deputy_name, "deputy_role": view.deputy_role,
                    "case_ids": view.case_ids})
    else:
        print(f"Planned the absence {view.id} with {len(view.case_ids)} case(s) to hand over.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from spocdesk.core import safe_write
    from spocdesk.core.errors import StoreExists
    from spocdesk.core.handover import absence, pack

    out = Path(args.out).expanduser()
    if out.exists():
        raise StoreExists(out.absolute())
    safe_write.guard(None, out, force=False)  # the folder exists: fail before planning
    if bool(args.starts_on) != bool(args.ends_on):
        raise InvalidInput("A new absence needs both --from and --to.")
    if args.starts_on and args.absence:
        raise InvalidInput("Use either --absence or --from/--to, not both.")
    secret = _pack_passphrase(args, new=True)
    with open_store(args) as store:
        created = None  # an absence planned here is taken back if the pack is not written
        if args.starts_on:
            plan = absence.AbsencePlan(
                starts_on=_day(args.starts_on, "--from"), ends_on=_day(args.ends_on, "--to"),
                deputy_name=args.deputy, deputy_contact=args.deputy_contact, note=args.note,
                interaction_days=args.days)
            absence_id = created = _plan_with_drafts(store, plan)
        else:
            found = args.absence or pack.latest_absence_id(store)
            if found is None:
                raise InvalidInput("No absence is planned; give --from and --to (and --deputy).")
            absence_id = found
        try:
            info = pack.export_pack(store, absence_id, out, secret,
                                    interaction_days=args.days).value
        except BaseException:
            if created is not None:  # all or nothing: no absence without its pack
                absence.cancel_absence(store, created)
            raise
        report = absence.completeness(store, absence_id)
    cases = info.counts.get("case_record", 0)
    print(f"Wrote a handover pack with {cases} case(s) to {info.path}.")
    for sentence in report.sentences():
        if "acknowledged" not in sentence:
            print(f"Note: {sentence}", file=sys.stderr)
    print("Tell the deputy the pack's passphrase another way than the file itself.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from pathlib import Path

    from spocdesk.core.handover import merge

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise InvalidInput(f"There is no file at {path}.")
    secret = _pack_passphrase(args, new=False)
    with open_store(args) as store:
        plan = merge.plan_merge(store, path, secret)
        summary = plan.summary if args.dry_run else merge.apply_merge(store, plan).value
    if args.json:
        data = dataclasses.asdict(summary)
        data["dry_run"] = bool(args.dry_run)
        print_json(data)
        return 0
    verb = "would be merged" if args.dry_run else "merged"
    if summary.nothing_to_do:
        print(summary.lines()[0])
        return 0
    print(f"The handover pack {verb}. While you were away:")
    for line in summary.lines():
        print(f"  {line}")
    if summary.conflicts:
        print(f"{len(summary.conflicts)} record(s) were changed on both sides; "
              "the owner's values were kept:")
        for conflict in summary.conflicts:
            print(f"  {conflict.label}")
            for item in conflict.fields:
                print(f"    {item.field}: yours {item.owner!r}, deputy's {item.deputy!r}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from spocdesk.core.handover import pack

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise InvalidInput(f"There is no file at {path}.")
    secret = _pack_passphrase(args, new=False)
    report = pack.verify_pack(path, secret)
    if args.json:
        print_json({"path": str(report.path), "pack_id": report.pack_id,
                    "absence_id": report.absence_id, "created_at": report.created_at,
                    "counts": report.counts, "sound": True})
        return 0
    print(f"The handover pack {report.path} is sound: {report.counts['case_record']} case(s), "
          f"{report.counts['interaction']} interaction(s), made {report.created_at[:10]}.")
    return 0


def cmd_send_back(args: argparse.Namespace) -> int:
    from pathlib import Path

    from spocdesk.core.handover import pack

    if not args.store:
        raise InvalidInput("send-back works on a handover pack: "
                           "spocdesk --store PACK handover send-back --out FILE")
    with open_store(args) as store:
        if not pack.is_pack(store):
            raise pack.NotAPack(store.location.store)
        written = pack.send_back(store, Path(args.out), overwrite=args.replace)
    print(f"Wrote a verified copy of the handover pack to {written}; send this file back "
          "to its owner.")
    return 0
