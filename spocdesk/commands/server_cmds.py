"""``server init URL``: make a PostgreSQL database a team server's store;
``server upgrade URL``: move its schema on to this spocdesk's revision (the owner);
``--store URL server add-user NAME --role spoc|lead``: a team member's login role.

The role in the URL logs in with its password, found as a store's passphrase is
(``SPOCDESK_PASSPHRASE``, ``--passphrase-file``, the keyring, a prompt). Running
``init`` on a database that already holds spocdesk's schema changes nothing. The new
member's initial password comes from ``SPOCDESK_NEW_PASSPHRASE`` or
``--new-passphrase-file`` (or is asked twice on a terminal)."""

from __future__ import annotations

import argparse
import sys

from spocdesk.commands.common import (
    group_parser,
    print_json,
    read_new_passphrase,
    read_server_password,
    server_url,
)

ENV_NEW_PASSPHRASE = "SPOCDESK_NEW_PASSPHRASE"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = group_parser(sub, "server", "a team server on PostgreSQL")
    init = server.add_parser(
        "init", help="create spocdesk's schema in a PostgreSQL database (idempotent)")
    init.add_argument("url", metavar="URL", help="postgresql://role@host[:port]/database")
    init.add_argument("--remember", action="store_true",
                      help="keep the role's password in the system keyring, when there is one")
    init.set_defaults(handler=cmd_server_init)
    upgrade = server.add_parser(
        "upgrade", help="move a team server's schema on to this spocdesk's revision, in one "
                        "transaction (as the role that ran init; take a pg_dump first)")
    upgrade.add_argument("url", metavar="URL", help="postgresql://role@host[:port]/database")
    upgrade.add_argument("--json", action="store_true", help="print what changed as JSON")
    upgrade.set_defaults(handler=cmd_server_upgrade)
    add = server.add_parser(
        "add-user", help="make a team member's login role (as the server's administrator, "
                         "with --store postgresql://admin@host/database)")
    add.add_argument("name", metavar="NAME", help="the new role's name, e.g. anna")
    add.add_argument("--role", choices=["spoc", "lead"], required=True,
                     help="spoc: own and shared cases, and a deputy's; lead: the whole team's")
    add.add_argument("--new-passphrase-file", metavar="F",
                     help=f"the initial password: the first line of F "
                          f"(${ENV_NEW_PASSPHRASE} is used first when set)")
    add.add_argument("--json", action="store_true", help="print the new role as JSON")
    add.set_defaults(handler=cmd_server_add_user)


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


def cmd_server_upgrade(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.store import migrate
    from spocdesk.core.store.backend import NOT_A_SERVER_URL, display_url, is_server_url
    from spocdesk.core.store.server_upgrade import upgrade_schema

    if not is_server_url(args.url):
        raise InvalidInput(NOT_A_SERVER_URL, url=args.url)
    done = upgrade_schema(args.url, read_server_password(args.url, args.passphrase_file))
    if args.json:
        print_json(done.to_json() if done else {"server": display_url(args.url),
                                                "from_revision": migrate.head(),
                                                "to_revision": migrate.head()})
    elif done is None:
        print(f"{display_url(args.url)} is already at the newest schema; nothing was changed.")
    else:
        print(f"Upgraded spocdesk's schema on {done.server} "
              f"from revision {done.before} to {done.after}.")
    return 0


def cmd_server_add_user(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.store.roles import NEEDS_SERVER, add_user

    url = server_url(args)
    if url is None:
        raise InvalidInput(NEEDS_SERVER)
    new = read_new_passphrase(ENV_NEW_PASSPHRASE, args.new_passphrase_file)
    secret = read_server_password(url, args.passphrase_file)
    added = add_user(url, secret, args.name, args.role, new)
    if args.json:
        print_json(added.to_json())
    else:
        print(f"Added {added.name} as a {added.role} on {added.server}.")
    return 0
