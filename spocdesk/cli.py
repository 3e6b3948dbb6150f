"""Command-line entry: ``spocdesk [global options] [command]``.

No Qt is imported on this path (import-linter checks it), so commands start
fast. Without a command the desktop app starts. Errors print one sentence to
stderr and exit non-zero: 1 for an error, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from spocdesk import __version__
from spocdesk.commands import COMMAND_MODULES
from spocdesk.core.errors import SpocError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spocdesk",
        description="An encrypted workbench for a single point of contact. "
                    "Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"spocdesk {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data-dir", metavar="DIR",
                       help="folder holding the store, its backups and logs "
                            "(default: $SPOCDESK_HOME or the user data folder)")
    where.add_argument("--store", metavar="FILE|URL",
                       help="one store file to use, e.g. a handover pack, or a team server "
                            "(postgresql://role@host/database)")
    parser.add_argument("--passphrase-file", metavar="F",
                        help="read the passphrase from the first line of F "
                             "(SPOCDESK_PASSPHRASE is used first when set)")
    parser.add_argument("--demo", action="store_true",
                        help="start the app on a throwaway store full of sample data")
    parser.add_argument("--self-test", action="store_true",
                        help="create a store in a temporary folder, write and read a case, "
                             "start the GUI offscreen, and exit 0 when all is well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def os_error_sentence(exc: OSError) -> str:
    """One sentence for an error the operating system reported (no traceback)."""
    from spocdesk.core.safe_write import os_reason

    reason = os_reason(exc)
    if exc.filename:
        return f"{exc.filename} could not be read or written ({reason}); nothing more was done."
    return f"The operating system refused ({reason}); nothing more was done."


def _reader_gone() -> int:
    """``spocdesk case list | head``: the reader closed the pipe. Exit quietly, as a
    command killed by SIGPIPE would, and keep Python from complaining at exit."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    from spocdesk.core.hardening import harden_process

    harden_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from spocdesk.selftest import run as run_self_test

            return run_self_test()
        if args.command is None:
            from spocdesk.app import run_gui

            return run_gui(args)
        result: int = args.handler(args)
        sys.stdout.flush()  # a reader that went away shows here, not at exit
        return result
    except BrokenPipeError:
        return _reader_gone()
    except SpocError as exc:
        print(f"spocdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"spocdesk: {os_error_sentence(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("spocdesk: interrupted; nothing was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
