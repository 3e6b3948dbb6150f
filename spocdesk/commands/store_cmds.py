"""``init``, ``check`` and ``demo-data``: creating, checking and filling a store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from spocdesk.commands.common import location, open_store, print_json, read_new_passphrase
from spocdesk.core.store import passphrase

if TYPE_CHECKING:
    from spocdesk.core.paths import Location

DEMO_SIZES = ("small", "large")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help="create a new store (asks for a passphrase)")
    init.add_argument("--remember", action="store_true",
                      help="keep the passphrase in the system keyring, when there is one")
    init.set_defaults(handler=cmd_init)

    check = sub.add_parser("check", help="integrity check; exit 0 when the store is sound")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--rebuild-index", action="store_true",
                       help="when the store is sound, also rebuild its search index")
    check.set_defaults(handler=cmd_check)

    fill = sub.add_parser("demo-data", help="fill the store with generated sample data")
    fill.add_argument("--size", choices=DEMO_SIZES, default="small")
    fill.add_argument("--seed", type=int, default=42, help=argparse.SUPPRESS)
    fill.set_defaults(handler=cmd_demo_data)


def _new_passphrase(args: argparse.Namespace) -> str:
    return read_new_passphrase(passphrase.ENV_PASSPHRASE, args.passphrase_file)


def cmd_init(args: argparse.Namespace) -> int:
    from spocdesk.core import logs
    from spocdesk.core.store import Store, vault

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
    """Full read-only check: every page's MAC, ``cipher_integrity_check``,
    ``integrity_check``, ``foreign_key_check``; offers the newest good backup."""
    from spocdesk.commands.common import read_passphrase
    from spocdesk.core import logs
    from spocdesk.core.errors import StoreNotFound
    from spocdesk.core.store import check_file
    from spocdesk.core.store.lockfile import StoreLock, ensure_free

    where = location(args)
    if not where.store.is_file():
        raise StoreNotFound(where.store)
    ensure_free(where.lock_file, where.store)
    logs.setup(where.log_dir)
    secret = read_passphrase(args)
    with StoreLock(where.lock_file, where.store):
        report = check_file(where.store, secret)
    rebuilt = _rebuild_index(where, secret) if args.rebuild_index and report.ok else None
    good = None
    if not report.ok:
        from spocdesk.core.store.backup import describe, newest_good_backup

        good = newest_good_backup(where, secret)
    if args.json:
        print_json({"ok": report.ok, "problems": report.problems, "store": str(where.store),
                    "damage": str(report.damage) if report.damage else None,
                    "newest_good_backup": str(good) if good else None})
    elif not report.ok:
        if report.damage is not None:
            print(f"spocdesk: {report.damage}", file=sys.stderr)
        print(f"spocdesk: the store has {len(report.problems)} integrity problem(s); "
              "restore it from a backup.", file=sys.stderr)
        for problem in report.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        if good is not None:
            taken = describe(good).taken_at.strftime("%Y-%m-%d %H:%M UTC")
            print(f"The newest good backup is {good} (taken {taken}); put it back with "
                  f"'spocdesk restore {good}'.", file=sys.stderr)
        else:
            print(f"No backup in {where.backup_dir} opens with this passphrase and passes "
                  "its checks; put one back with 'spocdesk restore FILE'.", file=sys.stderr)
    else:
        print("The store is sound.")
        if rebuilt is not None:
            print(f"Rebuilt the search index ({rebuilt:,} records).")
    return 0 if report.ok else 1


def _rebuild_index(where: Location, secret: str) -> int:
    """Drop and rebuild the search index from the records (one transaction)."""
    from spocdesk.core.search.query import rebuild_index
    from spocdesk.core.store import Store

    with Store.open(where, secret) as store:
        return rebuild_index(store).value


def cmd_demo_data(args: argparse.Namespace) -> int:
    from spocdesk.core import demo

    def progress(label: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{label}: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

    with open_store(args) as store:
        counts = demo.generate(store, args.size, seed=args.seed, progress=progress).value
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print("Added " + ", ".join(f"{n:,} {what}" for what, n in counts.items()) + ".")
    return 0
