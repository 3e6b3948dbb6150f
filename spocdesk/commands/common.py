"""What every subcommand shares: finding, unlocking and closing the store; JSON out."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from spocdesk.core import logs, memory, passphrase, paths

if TYPE_CHECKING:
    from spocdesk.core.store import Store


def location(args: argparse.Namespace) -> paths.Location:
    return paths.resolve(data_dir=args.data_dir, store=args.store)


def _prompt() -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Passphrase: ")


def read_passphrase(args: argparse.Namespace) -> str:
    where = location(args)
    secret, _source = passphrase.resolve(
        where.store, passphrase_file=args.passphrase_file, prompt=_prompt
    )
    return secret


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    from spocdesk.core.errors import StoreNotFound
    from spocdesk.core.store import Store

    where = location(args)
    if not where.store.is_file():
        # say "no store" before asking for a passphrase that cannot help
        raise StoreNotFound(where.store)
    logs.setup(where.log_dir)
    secret = read_passphrase(args)
    store = Store.open(where, secret)
    if os.environ.get(passphrase.ENV_PASSPHRASE) or args.passphrase_file:
        memory.wipe(secret)  # read from the environment or a file: ours alone
    try:
        yield store
    finally:
        store.close()


def read_new_passphrase(env_var: str, file: str | None) -> str:
    """A new passphrase: the environment, else the file's first line, else asked twice
    on a terminal; too weak or mismatched → one sentence."""
    env = os.environ.get(env_var)
    if env:
        secret = env
    elif file:
        secret = passphrase.read_file(file)
    elif sys.stdin.isatty():
        secret = getpass.getpass("New passphrase: ")
        passphrase.check_new(secret, getpass.getpass("Repeat it: "))
        return secret
    else:
        from spocdesk.core.errors import PassphraseRequired

        raise PassphraseRequired()
    passphrase.check_new(secret, secret)
    return secret


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, default=_default, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def add_force(parser: argparse.ArgumentParser, what: str = "FILE") -> None:
    """``--force``: replace an existing file (never the store, a backup or a pack)."""
    parser.add_argument("--force", action="store_true",
                        help=f"replace {what} when it exists (never the store or a backup)")


def export_parser(sub):  # typed: argparse._SubParsersAction -> argparse._SubParsersAction
    existing = sub.choices.get("export")
    if existing is None:
        existing = sub.add_parser(
            "export",
            help="write contacts (vCard), follow-ups (iCalendar) or a briefing (PDF)")
        existing.set_defaults(handler=lambda a: (existing.print_help(), 2)[1])
        existing._spoc_sub = existing.add_subparsers(dest="export_what", metavar="WHAT")
    return existing._spoc_sub
