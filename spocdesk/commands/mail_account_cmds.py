"""``mail account add|list|remove`` and ``mail sync``: e-mail from IMAP accounts.

The password of an account, for ``add``: ``SPOCDESK_MAIL_PASSWORD``, else the first
line of ``--password-file F``, else asked on the terminal; it is then kept in the
OS keyring when there is one. For ``sync``: the keyring, else the same three.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import group_parser, open_store, print_json

if TYPE_CHECKING:
    from spocdesk.core.mail.accounts import AccountRow
    from spocdesk.core.mail.sync import SyncReport

ENV_MAIL_PASSWORD = "SPOCDESK_MAIL_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = group_parser(sub, "mail", "e-mail into the store: import files, IMAP accounts, sync")
    account = mail.add_parser("account", help="the IMAP accounts spocdesk reads mail from")
    account.set_defaults(handler=lambda a: (account.print_help(), 2)[1])
    actions = account.add_subparsers(dest="account_action", metavar="ACTION")

    add = actions.add_parser(
        "add", help="add an IMAP account (checked against the server first)",
        description="spocdesk only reads: folders are opened read-only (EXAMINE) and no "
                    "mail is ever moved, flagged or deleted on the server. The password "
                    f"comes from {ENV_MAIL_PASSWORD}, --password-file or a prompt, and is "
                    "kept in the system keyring (without one, it is asked at each sync).")
    add.add_argument("--host", required=True, metavar="H", help="the IMAP server")
    add.add_argument("--port", type=int, metavar="N",
                     help="default 993 with implicit TLS, 143 with STARTTLS")
    add.add_argument("--tls", choices=("implicit", "starttls"), default="implicit",
                     help="implicit TLS (default) or STARTTLS; the certificate is always "
                          "checked")
    add.add_argument("--user", required=True, metavar="U", help="the login name")
    add.add_argument("--folder", action="append", metavar="F", dest="folders",
                     help="a folder to read (repeat it; default INBOX and Sent)")
    add.add_argument("--fingerprint", default="", metavar="SHA256",
                     help="the SHA-256 fingerprint of a self-signed server certificate "
                          "(openssl x509 -noout -fingerprint -sha256)")
    add.add_argument("--poll", type=int, default=300, metavar="SECONDS",
                     help="how often the app looks for mail where the server has no IDLE")
    add.add_argument("--password-file", metavar="F",
                     help="read the password from the first line of F")
    add.add_argument("--json", action="store_true", help="print the account as JSON")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help="the accounts and how far each folder is read")
    listing.add_argument("--json", action="store_true", help="print the accounts as JSON")
    listing.set_defaults(handler=cmd_list)

    remove = actions.add_parser("remove", help="stop reading an account and forget its "
                                "password (mail already captured stays)")
    remove.add_argument("account", metavar="ACCOUNT", help="its id, or user@host")
    remove.set_defaults(handler=cmd_remove)

    sync = mail.add_parser("sync", help="read the new mail of every account once",
                           description="Reads what is new since the last sync (by "
                                       "UIDVALIDITY/UID), read-only. A message that "
                                       "cannot be read is skipped and reported.")
    sync.add_argument("--password-file", metavar="F",
                      help="the password, where the keyring has none")
    sync.add_argument("--json", action="store_true", help="print the report as JSON")
    sync.set_defaults(handler=cmd_sync)


def _password(args: argparse.Namespace, prompt: str) -> str | None:
    from spocdesk.core.store import passphrase

    env = os.environ.get(ENV_MAIL_PASSWORD)
    if env:
        return env
    if args.password_file:
        return passphrase.read_file(args.password_file)
    if sys.stdin.isatty():
        return getpass.getpass(prompt) or None
    return None


def _account_json(row: AccountRow) -> dict[str, Any]:
    return {"id": row.id, "host": row.host, "port": row.port, "tls": row.tls,
            "user": row.user, "fingerprint": row.fingerprint or None,
            "poll_seconds": row.poll_seconds,
            "folders": [{"name": f.name, "uidvalidity": f.uidvalidity, "last_uid": f.last_uid,
                         "synced_at": f.synced_at} for f in row.folders]}


def cmd_add(args: argparse.Namespace) -> int:
    from spocdesk.core.errors import InvalidInput
    from spocdesk.core.mail import accounts

    data = accounts.NewAccount(
        host=args.host, user=args.user, tls=args.tls, port=args.port,
        folders=args.folders or accounts.DEFAULT_FOLDERS, fingerprint=args.fingerprint,
        poll_seconds=args.poll)
    with open_store(args) as store:
        password = _password(args, f"Password of {args.user}@{args.host}: ")
        if not password:
            raise InvalidInput(
                f"A password is needed: set {ENV_MAIL_PASSWORD}, use --password-file, "
                "or run from a terminal.")
        row, kept = accounts.add_account(store, data, password).value
    if args.json:
        print_json({**_account_json(row), "password_in_keyring": kept})
        return 0
    print(f"Added {row.label} ({row.tls} TLS, port {row.port}): "
          f"{', '.join(f.name for f in row.folders)}.")
    print("The password is in the system keyring." if kept else
          "There is no system keyring here: the password will be asked at each sync "
          f"(or set {ENV_MAIL_PASSWORD}).")
    print(f"id {row.id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from spocdesk.core.mail import accounts

    with open_store(args) as store:
        rows = accounts.list_accounts(store)
    if args.json:
        print_json([_account_json(row) for row in rows])
        return 0
    if not rows:
        print("No mail accounts yet; add one with: "
              "spocdesk mail account add --host H --user U")
        return 0
    for row in rows:
        pinned = "  pinned certificate" if row.fingerprint else ""
        print(f"{row.label}  port {row.port}, {row.tls} TLS{pinned}")
        for folder in row.folders:
            when = folder.synced_at.isoformat(timespec="minutes") if folder.synced_at else \
                "never read"
            print(f"    {folder.name}: up to UID {folder.last_uid} ({when})")
        print(f"    id {row.id}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from spocdesk.core.mail import accounts

    with open_store(args) as store:
        row = accounts.find_account(store, args.account)
        accounts.remove_account(store, row.id)
    print(f"Removed the mail account {row.label}; its password is forgotten. "
          "Mail already captured stays.")
    return 0


def _report_json(report: SyncReport) -> dict[str, Any]:
    return {"folders": [{"account_id": f.account_id, "account": f.account, "folder": f.folder,
                         "fetched": f.fetched, "captured": f.captured, "reset": f.reset,
                         "missing": f.missing,
                         "last_uid": f.last_uid,
                         "skipped": [{"uid": s.uid, "reason": s.reason} for s in f.skipped]}
                        for f in report.folders],
            "failed": [{"account_id": f.account_id, "account": f.account, "reason": f.reason}
                       for f in report.failed]}


def cmd_sync(args: argparse.Namespace) -> int:
    from spocdesk.core.mail import accounts, sync

    def password_for(account: AccountRow) -> str | None:
        return accounts.recall_password(account.id) or _password(
            args, f"Password of {account.label}: ")

    with open_store(args) as store:
        report = sync.sync_all(store, password_for)
    if args.json:
        print_json(_report_json(report))
    else:
        for folder in report.folders:
            line = f"{folder.account} {folder.folder}: {folder.fetched} new"
            if folder.missing:
                line = f"{folder.account} {folder.folder}: not on the server (renamed or deleted?)"
            elif folder.reset:
                line += " (the server renumbered the folder: read again)"
            print(line)
            for skipped in folder.skipped:
                print(f"    skipped UID {skipped.uid}: {skipped.reason}")
        if not report.folders and not report.failed:
            print("No mail accounts yet; add one with: "
                  "spocdesk mail account add --host H --user U")
    for failed in report.failed:
        print(f"spocdesk: {failed.account} was not read: {failed.reason}", file=sys.stderr)
    return 1 if report.failed else 0
