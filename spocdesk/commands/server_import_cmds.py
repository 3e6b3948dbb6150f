"""``server import URL --from-store FILE``: one person's encrypted store onto a team server.

Two secrets: the server role's password as for every ``server`` command
(``SPOCDESK_PASSPHRASE``, ``--passphrase-file``, the keyring, a prompt), and the store
file's own passphrase (``SPOCDESK_STORE_PASSPHRASE``, ``--store-passphrase-file F``,
the passphrase remembered for that file in the keyring, a prompt). One transaction:
all or nothing; a second run adds nothing (records are matched by their ids)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

ENV_STORE_PASSPHRASE = "SPOCDESK_STORE_PASSPHRASE"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from spocdesk.commands.common import group_parser

    server = group_parser(sub, "server", "a team server on PostgreSQL")
    command = server.add_parser(
        "import", help="copy one person's store file onto a team server (by record ids: "
                       "a second run adds nothing)")
    command.add_argument("url", metavar="URL", help="postgresql://role@host[:port]/database")
    command.add_argument("--from-store", metavar="FILE", required=True, type=Path,
                         help="the encrypted store file to copy")
    command.add_argument("--store-passphrase-file", metavar="F",
                         help="read the store file's passphrase from the first line of F "
                              f"({ENV_STORE_PASSPHRASE} is used first when set)")
    command.add_argument("--json", action="store_true", help="print what was done as JSON")
    command.set_defaults(handler=cmd_server_import)


def _store_passphrase(path: Path, file: str | None) -> tuple[str, str]:
    from spocdesk.core.store import passphrase

    def ask() -> str | None:
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(f"Passphrase of {path}: ")

    return passphrase.resolve(path, passphrase_file=file, prompt=ask,
                              env_var=ENV_STORE_PASSPHRASE)


def _progress_line() -> Callable[[str, int], None] | None:
    """On a terminal, one line on stderr per table copied (a large store takes minutes)."""
    if not sys.stderr.isatty():
        return None

    def say(table: str, added: int) -> None:
        print(f"  {table}: {added} added", file=sys.stderr, flush=True)

    return say


def cmd_server_import(args: argparse.Namespace) -> int:
    from spocdesk.commands.common import print_json, read_server_password
    from spocdesk.core import memory, paths
    from spocdesk.core.errors import InvalidInput, StoreNotFound
    from spocdesk.core.store import Store
    from spocdesk.core.store.backend import NOT_A_SERVER_URL, display_url, is_server_url
    from spocdesk.core.store.server_import import import_store

    if not is_server_url(args.url):
        raise InvalidInput(NOT_A_SERVER_URL, url=args.url)
    where = paths.resolve(data_dir=args.data_dir, store=str(args.from_store))
    if not where.store.is_file():
        raise StoreNotFound(where.store)
    password = read_server_password(args.url, args.passphrase_file)
    secret, origin = _store_passphrase(where.store, args.store_passphrase_file)
    source = Store.open(where, secret)
    if origin in ("env", "file"):
        memory.wipe(secret)  # read from the environment or a file: ours alone
    try:
        target = Store.open_url(args.url, password)
        try:
            with target.errors():
                report = import_store(source, target, progress=_progress_line())
        finally:
            target.close()
    finally:
        source.close()
    if args.json:
        print_json(report.as_json())
        return 0
    server = display_url(args.url)
    print(f"Copied {report.total_added} records from {where.store} onto {server}; "
          f"{report.total_present} were there already.")
    for old, new in sorted(report.renamed.items()):
        print(f"Case {old} is {new} on the server (another case had that reference).")
    for table, count in sorted(report.kept_theirs.items()):
        print(f"{count} {table} record(s) kept the server's version (the same setting or "
              "e-mail was there already).")
    return 0
