"""``init``, ``check`` and ``demo-data``: creating, checking and filling a store."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from spocdesk.commands.common import location, open_store, print_json
from spocdesk.core import passphrase
from spocdesk.core.errors import PassphraseRequired

DEMO_SIZES = ("small", "large")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help="create a new store (asks for a passphrase)")
    init.add_argument("--remember", action="store_true",
                      help="keep the passphrase in the system keyring, when there is one")
    init.set_defaults(handler=cmd_init)

    check = sub.add_parser("check", help="integrity check; exit 0 when the store is sound")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=cmd_check)

    fill = sub.add_parser("demo-data", help="fill the store with generated sample data")
    fill.add_argument("--size", choices=DEMO_SIZES, default="small")
    fill.add_argument("--seed", type=int, default=42, help=argparse.SUPPRESS)
    fill.set_defaults(handler=cmd_demo_data)


def _new_passphrase(args: argparse.Namespace) -> str:
    env = os.environ.get(passphrase.ENV_PASSPHRASE)
    if env:
        secret = env
    elif args.passphrase_file:
        secret = passphrase.read_file(args.passphrase_file)
    elif sys.stdin.isatty():
        secret = getpass.getpass("New passphrase: ")
        repeated = getpass.getpass("Repeat it: ")
        passphrase.check_new(secret, repeated)
        return secret
    else:
        raise PassphraseRequired()
    passphrase.check_new(secret, secret)
    return secret


def cmd_init(args: argparse.Namespace) -> int:
    from spocdesk.core import logs, vault
    from spocdesk.core.store import Store

    where = location(args)
    if where.store.exists():
        Store.create(where, "")  # raises StoreExists with the usual sentence
    secret = _new_passphrase(args)
    store = Store.create(where, secret)
    logs.setup(where.log_dir)
    store.close()
    remembered = args.remember and vault.remember(where.store, secret)
    print(f"Created a new store at {where.store}.")
    if args.remember and not remembered:
        reason = vault.availability().reason or "the keyring refused it"
        print(f"The passphrase was not remembered: {reason}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        problems = store.integrity_problems()
    if args.json:
        print_json({"ok": not problems, "problems": problems, "store": str(store.location.store)})
    elif problems:
        print(f"spocdesk: the store has {len(problems)} integrity problem(s); "
              "restore it from a backup.", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
    else:
        print("The store is sound.")
    return 0 if not problems else 1


def cmd_demo_data(args: argparse.Namespace) -> int:
    from spocdesk.core.services import demo

    def progress(label: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

    with open_store(args) as store:
        counts = demo.generate(store, args.size, seed=args.seed, progress=progress).value
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print("Added " + ", ".join(f"{n:,} {what}" for what, n in counts.items()) + ".")
    return 0
