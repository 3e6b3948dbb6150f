"""``export briefing FILE.pdf``: the handover briefing a deputy can work from on paper.

Qt's PDF writer does the layout, so Qt is imported inside the handler only: the
command line stays free of PySide6 until this command runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spocdesk.commands.common import export_parser, open_store
from spocdesk.core.errors import InvalidInput, SpocError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    briefing = export_parser(sub).add_parser(
        "briefing", help="the handover briefing of an absence as a PDF")
    briefing.add_argument("file", metavar="FILE.pdf", help="the PDF file to write")
    briefing.add_argument("--absence", metavar="ID",
                          help="which absence (default: the current or next one, else the "
                               "latest)")
    briefing.add_argument("--force", action="store_true",
                          help="replace FILE.pdf when it exists (never the store or a backup)")
    briefing.set_defaults(handler=cmd_export_briefing)


def cmd_export_briefing(args: argparse.Namespace) -> int:
    from spocdesk.core import safe_write
    from spocdesk.core.handover import absence, pack

    with open_store(args) as store:
        out = safe_write.guard(store, Path(args.file), force=args.force)
        absence_id = args.absence or pack.latest_absence_id(store)
        if absence_id is None:  # none current or to come: the latest one
            planned = absence.list_absences(store)
            absence_id = planned[0].id if planned else None
        if absence_id is None:
            raise InvalidInput("No absence is planned; plan one in the app or with "
                               "'spocdesk handover export --from … --to …'.")
        absence.get_absence(store, absence_id)  # a clear sentence for an unknown id
        try:
            from spocdesk.ui.briefing_pdf import write_briefing_pdf
        except ImportError as exc:  # pragma: no cover - a broken Qt installation
            raise SpocError(f"The PDF writer (Qt) cannot be loaded: {exc}.") from exc
        written = write_briefing_pdf(store, absence_id, out)
    print(f"Wrote the handover briefing to {written}.")
    print("The PDF is not encrypted: only you can read the file (mode 0600); hand it over "
          "in person or encrypted, and delete it when the absence is over.", file=sys.stderr)
    return 0
