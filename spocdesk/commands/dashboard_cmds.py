"""``dashboard``: the dashboard's own figures — Today, Workload and Trends — without the
report's quality figures (``report`` prints both)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from spocdesk.commands.common import open_store, print_json

if TYPE_CHECKING:
    from spocdesk.core.metrics.dashboard import Dashboard

PERIODS = ("4w", "quarter", "year")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    board = sub.add_parser(
        "dashboard", help="the dashboard's figures: today, workload and trends",
        description="What the dashboard page shows, from the store or a team server (there: "
                    "what you may see). 'spocdesk report' adds the quality figures.")
    board.add_argument("--period", choices=PERIODS, default="4w",
                       help="trends over 4 weeks (default), a quarter or a year")
    board.add_argument("--json", action="store_true", help="print the figures as JSON")
    board.set_defaults(handler=cmd_dashboard)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from spocdesk.core.metrics import dashboard as metrics

    with open_store(args) as store:
        board = metrics.dashboard(store, args.period)
    if args.json:
        print_json(metrics.as_json(board))
    else:
        print_board(board)
    return 0


def print_board(board: Dashboard) -> None:
    """The dashboard's figures as plain text (``dashboard``, and ``report`` before its
    quality figures)."""
    t, w = board.today, board.workload
    print(f"Today ({board.now:%Y-%m-%d %H:%M} UTC)")
    for tile in t.tiles():
        print(f"  {tile.label:<28} {tile.count:>7,}")
    print(f"Workload: {w.open_cases:,} open cases")
    print("  by status:   " + ", ".join(f"{k} {v:,}" for k, v in w.by_status.items()))
    print("  by priority: " + ", ".join(f"{k} {v:,}" for k, v in w.by_priority.items()))
    if w.oldest:
        print("  oldest open:")
        for case in w.oldest:
            print(f"    {case.ref:<9} {case.age_days:>7.1f} days  {case.title}")
    tr = board.trends
    print(f"Trends since {tr.start:%Y-%m-%d} ({board.period})")
    print("  week        opened  resolved  SLA breached")
    for week in tr.weeks:
        rate = "" if week.breach_rate is None else f"{week.breach_rate:.0%}"
        print(f"  {week.label:<10} {week.opened:>7,} {week.resolved:>9,}  {rate:>12}")
    print("  month     median first response (h)   median resolution (days)")
    for month in tr.months:
        resp = _num(month.median_first_response_hours)
        reso = _num(month.median_resolution_days)
        print(f"  {month.month:<9} {resp:>27} {reso:>26}")
    rate = "n/a" if tr.breach_rate is None else f"{tr.breach_rate:.1%}"
    print(f"  SLA breach rate: {rate} of {tr.resolved_with_target:,} resolved cases")
    print("  interactions: " + ", ".join(
        f"{k} {v:,}" for k, v in tr.interactions_by_channel.items()))


def _num(value: Any) -> str:
    return "-" if value is None else f"{value:.1f}"
