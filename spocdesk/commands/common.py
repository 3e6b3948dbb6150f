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

from spocdesk.core import logs, memory, paths
from spocdesk.core.store import passphrase

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from spocdesk.core.store import Store


def location(args: argparse.Namespace) -> paths.Location:
    """The store file the command works on; a team server's URL is refused in one
    sentence (the commands that work on either open it with :func:`open_store`)."""
    if server_url(args) is not None:
        from spocdesk.core.errors import NotOnTeamServer

        raise NotOnTeamServer()
    return paths.resolve(data_dir=args.data_dir, store=args.store)


def _prompt() -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Passphrase: ")


def server_url(args: argparse.Namespace) -> str | None:
    """The team server ``--store`` names (``postgresql://role@host/db``), or None."""
    from spocdesk.core.store.backend import is_server_url

    store = getattr(args, "store", None)
    return store if is_server_url(store) else None


def read_passphrase(args: argparse.Namespace) -> str:
    where = location(args)
    secret, _source = passphrase.resolve(
        where.store, passphrase_file=args.passphrase_file, prompt=_prompt
    )
    return secret


def read_server_password(url: str, passphrase_file: str | None) -> str:
    """A team server role's password, found as a store's passphrase is: the environment
    (``SPOCDESK_PASSPHRASE``), ``--passphrase-file``, the keyring (by the URL), a prompt."""
    from spocdesk.core.store.backend import display_url

    def ask() -> str | None:
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(f"Password for {display_url(url)}: ")

    secret, _source = passphrase.resolve(url, passphrase_file=passphrase_file, prompt=ask)
    return secret


@contextmanager
def _open_server(args: argparse.Namespace, url: str) -> Iterator[Store]:
    from spocdesk.core.store import Store

    secret = read_server_password(url, args.passphrase_file)
    logs.setup(paths.resolve(data_dir=args.data_dir).log_dir)
    store = Store.open_url(url, secret)
    if os.environ.get(passphrase.ENV_PASSPHRASE) or args.passphrase_file:
        memory.wipe(secret)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    from spocdesk.core.errors import StoreNotFound, WrongPassphrase
    from spocdesk.core.store import Store

    url = server_url(args)
    if url is not None:  # a team server
        with _open_server(args, url) as store:
            yield store
        return
    where = location(args)
    if not where.store.is_file():
        # say "no store" before asking for a passphrase that cannot help
        raise StoreNotFound(where.store)
    secret = read_passphrase(args)
    if args.store:
        from spocdesk.core.handover.pack import peek_is_pack

        # a handover pack (by its name, or by its manifest): nothing beside it
        if where.store.suffix == ".spocpack" or peek_is_pack(where.store, secret):
            where = paths.pack_location(where.store, args.data_dir)
            where.lock_file.parent.mkdir(parents=True, exist_ok=True)
    logs.setup(where.log_dir)
    try:
        store = Store.open(where, secret)
    except WrongPassphrase:
        if where.store.suffix == ".spocpack":  # a handover pack: say so
            from spocdesk.core.handover.pack import WrongPackPassphrase

            raise WrongPackPassphrase() from None
        raise
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


def group_parser(sub, name: str, help: str):  # typed like export_parser
    """The subcommands of the group ``name`` (``spocdesk mail …``), made once, so
    several command modules can add actions to one group."""
    existing = sub.choices.get(name)
    if existing is None:
        existing = sub.add_parser(name, help=help)
        existing.set_defaults(handler=lambda a: (existing.print_help(), 2)[1])
        existing._spoc_sub = existing.add_subparsers(dest=f"{name}_action", metavar="ACTION")
    return existing._spoc_sub


def month_first() -> bool:
    """Whether a slashed date like 12/11/2026 is month first here (the United States'
    locale in the environment), as the GUI reads it from its locale."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.startswith(("en_US", "en_PH", "es_US"))
    return False


def parse_due(text: str, store: Store, tz: ZoneInfo | None = None) -> datetime:
    """A moment typed as people say it ("Fri 10:00", "+3 working days", ISO 8601), seen
    from the store's now and working week (see :mod:`spocdesk.core.spoken_dates`)."""
    from spocdesk.core.followups import recurrence
    from spocdesk.core.preferences import get_settings
    from spocdesk.core.spoken_dates import parse_when

    week = get_settings(store).working_week(tz or recurrence.local_zone())
    return parse_when(text, store.now(), week, month_first=month_first())
