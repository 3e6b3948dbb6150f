"""``backup``, ``restore`` and ``passphrase change``: keeping the store safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spocdesk.commands.common import (
    location,
    open_store,
    print_json,
    read_new_passphrase,
    read_passphrase,
)

ENV_NEW_PASSPHRASE = "SPOCDESK_NEW_PASSPHRASE"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="write an encrypted backup of the store")
    backup.add_argument("--to", metavar="FILE",
                        help="where to write it (a new file, or a folder); default: the "
                             "backup folder, named with the UTC time")
    backup.add_argument("--json", action="store_true", help="print the result as JSON")
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser(
        "restore", help="put a backup in place of the store (the current one is kept aside)")
    restore.add_argument("file", metavar="FILE", help="the backup file")
    restore.add_argument("--yes", action="store_true", help="replace without asking")
    restore.add_argument("--force", action="store_true",
                         help="also put back a backup of another store of yours (a handover "
                              "pack is never restored)")
    restore.add_argument("--json", action="store_true", help="print the result as JSON")
    restore.set_defaults(handler=cmd_restore)

    secret = sub.add_parser("passphrase", help="change the store's passphrase")
    actions = secret.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    change = actions.add_parser(
        "change", help="re-encrypt the store under a new passphrase "
                       f"(from --new-passphrase-file, ${ENV_NEW_PASSPHRASE} or a prompt)")
    change.add_argument("--new-passphrase-file", metavar="F",
                        help="read the new passphrase from the first line of F")
    change.set_defaults(handler=cmd_passphrase_change)


def cmd_backup(args: argparse.Namespace) -> int:
    from spocdesk.core.store.backup import backup_now

    with open_store(args) as store:
        path = backup_now(store, args.to)
    if args.json:
        print_json({"backup": str(path), "size": path.stat().st_size})
    else:
        print(f"Wrote an encrypted backup to {path}.")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(f"{question} [y/N] ")
    return answer.strip().lower() in {"y", "yes"}


def cmd_restore(args: argparse.Namespace) -> int:
    from spocdesk.core import logs
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.store.backup import BackupNotFound, restore
    from spocdesk.core.store.lockfile import ensure_free

    where = location(args)
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise BackupNotFound(source)
    ensure_free(where.lock_file, where.store)  # "in use" before asking anything
    if not args.yes:
        question = (f"Replace the store at {where.store} with the backup {source}? "
                    "The current store is kept aside.")
        if not sys.stdin.isatty():
            raise InvalidInput("Restoring replaces the store; add --yes to confirm.")
        if not _confirm(question):
            print("Nothing was restored.")
            return 1
    if where.data_dir.is_dir():
        logs.setup(where.log_dir)
    secret = read_passphrase(args)
    result = restore(where, source, secret, force=args.force)
    if args.json:
        print_json({"store": str(result.store),
                    "replaced": str(result.replaced) if result.replaced else None})
        return 0
    print(f"Restored {source} to {result.store}.")
    if result.replaced is not None:
        print(f"The store it replaced is kept at {result.replaced}.")
    return 0


def _new_passphrase(args: argparse.Namespace) -> str:
    return read_new_passphrase(ENV_NEW_PASSPHRASE, args.new_passphrase_file)


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    from spocdesk.core import logs
    from spocdesk.core.errors import StoreNotFound
    from spocdesk.core.store import change_passphrase
    from spocdesk.core.store.lockfile import ensure_free

    where = location(args)
    if not where.store.is_file():
        raise StoreNotFound(where.store)
    ensure_free(where.lock_file, where.store)
    logs.setup(where.log_dir)
    old = read_passphrase(args)
    new = _new_passphrase(args)
    result = change_passphrase(where, old, new)
    print(f"Changed the passphrase of the store at {where.store}. "
          "Backups made before keep the old passphrase.")
    if result.keyring == "updated":
        print("The passphrase remembered in the system keyring was updated.")
    elif result.keyring == "forgotten":
        print("The system keyring refused the new passphrase; it no longer remembers one.",
              file=sys.stderr)
    return 0
