"""``server init URL``: make a PostgreSQL database a team server's store.

The role in the URL logs in with its password, found as a store's passphrase is
(``SPOCDESK_PASSPHRASE``, ``--passphrase-file``, the keyring, a prompt). Running it
on a database that already holds spocdesk's schema changes nothing."""

from __future__ import annotations

import argparse
import sys

from spocdesk.commands.common import group_parser, read_server_password


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = group_parser(sub, "server", "a team server on PostgreSQL (in progress)")
    init = server.add_parser(
        "init", help="create spocdesk's schema in a PostgreSQL database (idempotent)")
    init.add_argument("url", metavar="URL", help="postgresql://role@host[:port]/database")
    init.add_argument("--remember", action="store_true",
                      help="keep the role's password in the system keyring, when there is one")
    init.set_defaults(handler=cmd_server_init)


def cmd_server_init(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.store import vault
    from spocdesk.core.store.backend import NOT_A_SERVER_URL, display_url, is_server_url
    from spocdesk.core.store.server import init_schema

    if not is_server_url(args.url):
        raise InvalidInput(NOT_A_SERVER_URL, url=args.url)
    secret = read_server_password(args.url, args.passphrase_file)
    created = init_schema(args.url, secret)
    where = display_url(args.url)
    if created:
        print(f"Created spocdesk's schema on {where}.")
    else:
        print(f"{where} already holds spocdesk's schema; nothing was changed.")
    if args.remember and not vault.remember(args.url, secret):
        reason = vault.availability().reason or "the keyring refused it"
        print(f"The password was not remembered: {reason}", file=sys.stderr)
    return 0
