"""``search`` and ``report``: find anything, and the dashboard's figures."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import open_store, print_json

if TYPE_CHECKING:
    from spocdesk.core.metrics.dashboard import Dashboard
    from spocdesk.core.metrics.figures import Measures

KINDS = ("case", "stakeholder", "interaction", "followup", "handover", "mail")
PERIODS = ("4w", "quarter", "year")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    find = sub.add_parser(
        "search", help="find cases, people, log entries, follow-ups, handover notes and "
             "e-mail waiting in the inbox",
        description="Every word must match (as the start of a word, any case, any accents); "
                    "phone numbers match by their digits, cases by their reference or number.")
    find.add_argument("text", nargs="+", metavar="TEXT")
    find.add_argument("--kind", action="append", choices=KINDS, default=None,
                      help="only this kind of record; repeat for more")
    find.add_argument("--limit", type=int, default=50, help="at most this many results "
                      "(default 50)")
    find.add_argument("--json", action="store_true", help="print the result as JSON")
    find.set_defaults(handler=cmd_search)

    report = sub.add_parser(
        "report", help="the dashboard's figures: today, workload, trends, satisfaction, "
                       "first-contact resolution, effort and demand")
    report.add_argument("--period", choices=PERIODS, default="4w",
                        help="trends over 4 weeks (default), a quarter or a year")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")
    report.add_argument("--csv", metavar="FILE",
                        help="also write every figure to FILE as CSV ('-' for standard output)")
    report.add_argument("--pdf", metavar="FILE",
                        help="write the report to hand over as a PDF (one to three pages)")
    report.add_argument("--force", action="store_true",
                        help="replace the CSV or PDF file when it exists (never the store or "
                             "a backup)")
    report.set_defaults(handler=cmd_report)


def _bold(text: str, tty: bool) -> str:
    from spocdesk.core.search.query import MARK_END, MARK_START

    start, end = ("\033[1m", "\033[0m") if tty else ("[", "]")
    return text.replace(MARK_START, start).replace(MARK_END, end)


def cmd_search(args: argparse.Namespace) -> int:
    from spocdesk.core.search import query as search

    text = " ".join(args.text)
    with open_store(args) as store:
        hits = search.search(store, text, kinds=args.kind, limit=args.limit)
    if args.json:
        print_json({"query": text, "count": len(hits), "hits": [h.as_json() for h in hits]})
        return 0
    if not hits:
        print("Nothing matches.")
        return 0
    tty = sys.stdout.isatty()
    for hit in hits:
        where = f" ({hit.case_ref})" if hit.case_ref and hit.kind != "case" else ""
        print(f"{hit.kind:<12} {_bold(hit.title, tty)}{where}")
        if hit.snippet:
            print(f"{'':<12} {_bold(hit.snippet, tty)}")
    return 0


def _print_report(board: Dashboard, measures: Measures) -> None:
    from spocdesk.commands.dashboard_cmds import print_board
    from spocdesk.core.metrics.report import summary_lines

    print_board(board)
    for line in summary_lines(measures):
        print(line)


def cmd_report(args: argparse.Namespace) -> int:
    from spocdesk.core.cases import query as case_query
    from spocdesk.core.metrics import dashboard as metrics
    from spocdesk.core.metrics import figures
    from spocdesk.core.metrics import report as quality

    written = None
    with open_store(args) as store:
        board = metrics.dashboard(store, args.period)
        measures = figures.measures(store, args.period)
        # the case list's views at the same moment: the sidebar's counts
        views = case_query.view_counts(store, ctx=case_query.context(store, now=board.now))
        if args.csv and args.csv != "-":
            metrics.export_csv(store, board, args.csv, force=args.force,
                               extra=quality.csv_rows(measures))
        if args.pdf:
            written = _write_pdf(store, args)
    if args.csv == "-":
        metrics.write_csv(board, sys.stdout, extra=quality.csv_rows(measures))
    if args.json:
        print_json({**metrics.as_json(board), **quality.as_json(measures), "views": views})
    elif written is not None:
        print(f"Wrote the report to {written}.")
    elif args.csv != "-":
        _print_report(board, measures)
    if written is not None:
        print("The PDF is not encrypted: only you can read the file (mode 0600).",
              file=sys.stderr)
    return 0


def _write_pdf(store: Any, args: argparse.Namespace) -> Any:
    """The PDF through Qt's writer, imported here only (the command line stays free
    of PySide6 until a PDF is asked for)."""
    from pathlib import Path

    from spocdesk.core import safe_write
    from spocdesk.core.errors import SpocError

    out = safe_write.guard(store, Path(args.pdf), force=args.force)
    try:
        from spocdesk.ui.report_pdf import write_report_pdf
    except ImportError as exc:  # pragma: no cover - a broken Qt installation
        raise SpocError(f"The PDF writer (Qt) cannot be loaded: {exc}.") from exc
    return write_report_pdf(store, out, args.period)
