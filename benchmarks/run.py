"""The benchmark suite: one table of spocdesk's speed and memory at real size.

    python benchmarks/run.py                  # the large store (built once, then cached)
    python benchmarks/run.py --rounds 5       # timed runs per figure (default 7)
    python benchmarks/run.py --skip-gui --skip-import   # only the store figures
    python benchmarks/run.py --only "report" --only "dashboard"   # some store figures

The store is the one of ``benchmarks/case_list.py``: 100,000 cases, 50,000
stakeholders, 1,000,000 interactions and 200,000 follow-ups, generated once under
``benchmarks/.cache/`` with its "now" frozen, upgraded to the newest schema when
opened. An unencrypted copy of it (``sqlcipher_export`` into a plain SQLite file,
remade when the schema changes) runs the same store workload, so the table ends
with the **encryption overhead ratio** (encrypted / plain, sum of the medians).

Every figure is the median and p95 of warm runs in milliseconds (the first, cold
run is shown apart; for a figure per keystroke the whole first pass over the
keystrokes is cold, and the slowest of it is shown); the GUI figures start a fresh
process each round. Targets
(issue 9): cold start to the unlock dialog 800 ms; unlock to a populated main
window 500 ms; list interactions 100 ms (sort 200 ms); search 50 ms p95; dashboard
300 ms (4 weeks and a year); import of 10,000 vCards 10 s; peak RSS 400 MB; encryption ratio 1.25.
Issue 18 adds, each in a fresh process of its own (``gui_probe.py scroll`` and
``typing``): scrolling the "all" case list a page at a time from top to bottom,
every frame (step + paint) 16 ms at p95, with the share of frames under 16 ms
printed under the table; a 60-character quick-log summary typed key by key,
16 ms per keystroke at p95; and its Log click (save + repaint) 100 ms.
Issue 21 adds the quality figures (CSAT, NPS, first-contact resolution, median and
p90 times, effort; per week, for the period and the one before) at the dashboard's
300 ms, the same with the report's tables (effort and demand per category,
stakeholder, case and organisation) at 1 s, the "feedback pending" list at 100 ms
and a click-through (the cases resolved at first contact in a quarter) at 300 ms. A
cached store made before revision 0021 gets its CSAT, NPS answers and minutes once
(``fill_figures``); one made before revision 0022 gets its first-contact verdicts
when it is opened (the upgrade). Then each quality figure of a quarter on its own
(``figures.figure_queries``: CSAT, NPS, first-contact resolution, the times, effort
per week at 300 ms; effort per category, stakeholder and case, and demand, at the
report's 1 s), the Net Promoter answers due and a click-through's count at 100 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import case_list  # noqa: E402
import sqlcipher3  # noqa: E402

from spocdesk.core.clock import FixedClock  # noqa: E402
from spocdesk.core.paths import Location  # noqa: E402
from spocdesk.core.store import Store  # noqa: E402
from spocdesk.core.store.lockfile import StoreLock  # noqa: E402

PLAIN = case_list.CACHE / "large-plain.sqlite"
PLAIN_META = case_list.CACHE / "large-plain.json"
SCREEN = 50  # rows of a first screen
FIRST_IDS = 200  # ids a list model loads for a new query (first_screen: cases and directory)
TYPED_PEOPLE = ["müller", "anna now", "person12@", "+49 30 100", "0301000"]
TYPED_SEARCH = ["müller", "renewal terms", "invoice dispute", "C-4242", "4242", "+49 30",
                "grace okafor"]


@dataclass
class Row:
    label: str
    target_ms: float
    samples: list[float]  # warm runs, ms
    cold: float | None = None
    plain: list[float] | None = None  # the same on the unencrypted copy

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def measure(fn: Callable[[], Any], rounds: int,
            budget_s: float | None = None) -> tuple[float, list[float]]:
    """(cold ms, warm ms samples); with ``budget_s``, a figure far over its target stops
    once its runs took that many seconds (after at least three warm ones)."""
    samples: list[float] = []
    spent = 0.0
    for _ in range(rounds + 1):
        started = time.perf_counter()
        fn()
        took = time.perf_counter() - started
        samples.append(took * 1000)
        spent += took
        if budget_s is not None and spent > budget_s and len(samples) >= 4:
            break
    return samples[0], samples[1:]


def measure_figure(fn: Callable[[], Any], rounds: int,
                   budget_s: float | None = None) -> tuple[float, list[float]]:
    """(cold ms, warm ms samples) of one figure of :func:`workload`: a figure per
    keystroke visits every keystroke cold in its first pass, and the slowest of that
    pass is its cold run."""
    if not isinstance(fn, _each):
        return measure(fn, rounds, budget_s)
    first, samples = measure(fn, len(fn.texts) * (rounds + 1) - 1, budget_s)
    if len(samples) < len(fn.texts):  # the budget ran out in the first pass
        return first, samples
    first_pass = [first, *samples[:len(fn.texts) - 1]]
    return max(first_pass), samples[len(fn.texts) - 1:]


def keystrokes(texts: list[str]) -> list[str]:
    return [text[:n] for text in texts for n in range(2, len(text) + 1)]


# -- the store workload (run on the encrypted store and on the plain copy) -------------

def workload(store: Store) -> list[tuple[str, float, Callable[[], Any]]]:
    from spocdesk.core.cases import query as q
    from spocdesk.core.followups import recurrence
    from spocdesk.core.followups import service as followups
    from spocdesk.core.metrics import dashboard as metrics
    from spocdesk.core.metrics import feedback, figures
    from spocdesk.core.people import query as sq
    from spocdesk.core.search import query as search

    def screen(flt: q.CaseFilter, sort: q.CaseSort | None = None) -> Callable[[], Any]:
        """What the case list model does for a new query: the first screen of ids, the
        count when there are more (a text filter's count comes after the paint: see
        ``text_count``), the display rows of the first screen."""
        def go() -> None:
            ctx = q.context(store)
            ids = q.case_ids(store, flt, sort or q.CaseSort(), ctx=ctx, limit=FIRST_IDS)
            if len(ids) == FIRST_IDS and not flt.text.strip():
                q.case_count(store, flt, ctx=ctx)
            q.case_rows(store, ids[:SCREEN], ctx=ctx)
        return go

    def text_count(flt: q.CaseFilter) -> Callable[[], Any]:
        """A text filter's count, on the turn of the event loop after the first paint."""
        return lambda: q.case_count(store, flt, ctx=q.context(store))

    def rest(flt: q.CaseFilter) -> Callable[[], Any]:
        return lambda: q.case_ids(store, flt, q.CaseSort(), ctx=q.context(store))

    def people(text: str) -> None:
        """What the directory model does per keystroke: the first screen of ids, the
        count when there are more, the display rows of the first screen."""
        flt = sq.StakeholderFilter(text=text)
        ids = sq.stakeholder_ids(store, flt, limit=FIRST_IDS)
        if len(ids) == FIRST_IDS:
            sq.stakeholder_count(store, flt)
        sq.stakeholder_rows(store, ids[:SCREEN])

    zone = recurrence.local_zone()
    opened: list[Any] = []

    def quarter() -> Any:
        """The quarter's figures, what a click opens (read once, when first measured)."""
        if not opened:
            opened.append(figures.measures(store, "quarter", detail=False).current)
        return opened[0]

    items: list[tuple[str, float, Callable[[], Any]]] = []
    for view in q.VIEWS:
        items.append((f"case list, first screen: {view}", 100, screen(q.CaseFilter(view=view))))
    items += [
        ("case list, filter change: text 'renewal'", 100,
         screen(q.CaseFilter(view="open", text="renewal"))),
        ("case list, text 'renewal': its count, after the paint", 100,
         text_count(q.CaseFilter(view="open", text="renewal"))),
        ("case list, filter change: priority + status", 100,
         screen(q.CaseFilter(view="all", priority="high", status="waiting"))),
        ("case list, view counts", 100, lambda: q.view_counts(store)),
        ("case list, every id of 'open' (first scroll past the first screen)", 200,
         rest(q.CaseFilter(view="open"))),
    ]
    for column in ("title", "stakeholder", "next_followup", "sla"):
        items.append((f"case list, sort by {column}", 200,
                      screen(q.CaseFilter(view="open"), q.CaseSort(column))))
    items += [
        ("stakeholder search, per keystroke", 50, _each(people, keystrokes(TYPED_PEOPLE))),
        ("global search, per keystroke", 50,
         _each(lambda t: search.search(store, t, limit=50), keystrokes(TYPED_SEARCH))),
        ("agenda", 100, lambda: followups.agenda(store, zone)),
        ("dashboard (4 weeks)", 300, lambda: metrics.dashboard(store, "4w")),
        ("dashboard (year: 52 weekly trends)", 300, lambda: metrics.dashboard(store, "year")),
        # issue 21: satisfaction, FCR, times, effort and demand, per week and period
        ("quality figures, dashboard (4 weeks)", 300,
         lambda: figures.measures(store, "4w", detail=False)),
        ("quality figures, dashboard (quarter)", 300,
         lambda: figures.measures(store, "quarter", detail=False)),
        ("quality figures, report with its tables (quarter)", 1000,
         lambda: figures.measures(store, "quarter")),
        ("feedback pending (30 days)", 100, lambda: feedback.pending(store)),
        ("Net Promoter answers due, count", 100, lambda: feedback.nps_due_count(store)),
        ("click-through: cases resolved at first contact, quarter", 300,
         lambda: figures.drill_ids(store, quarter().drill("fcr"))),
        ("click-through: its count (the list's length)", 100,
         lambda: figures.drill_count(store, quarter().drill("fcr"))),
    ]
    # each quality figure on its own, a quarter with the quarter before: which one
    # costs what (the report's tables at the report's 1 s, the rest at 300 ms)
    for name, fn in figures.figure_queries(store, "quarter").items():
        report_only = name.startswith(("effort per category", "demand"))
        items.append((f"quality, quarter: {name}", 1000 if report_only else 300, fn))
    return items


def fill_figures(store: Store) -> None:
    """A store generated before revision 0021 has no CSAT, NPS answers or minutes:
    add them once, in the demo's proportions (three in five resolved cases rated at
    their resolution, one person in ten with an NPS answer in the last 400 days, seven
    in ten calls and meetings timed), deterministic by row number."""
    with store.connection() as conn, conn.begin():
        if conn.exec_driver_sql("SELECT 1 FROM case_feedback LIMIT 1").first() is not None:
            return
        print("adding CSAT, NPS answers and minutes (revision 0021) to the store …",
              flush=True)
        conn.exec_driver_sql("""
            INSERT INTO case_feedback (id, case_id, csat, comment, via, recorded_at,
                                       created_at, updated_at, revision)
            SELECT lower(hex(randomblob(16))), id,
                   CASE WHEN (ref_number * 7919) % 100 < 40 THEN 5
                        WHEN (ref_number * 7919) % 100 < 80 THEN 4
                        WHEN (ref_number * 7919) % 100 < 92 THEN 3
                        WHEN (ref_number * 7919) % 100 < 97 THEN 2 ELSE 1 END,
                   '', 'email', resolved_at, resolved_at, resolved_at, 1
              FROM case_record WHERE resolved_at IS NOT NULL AND deleted_at IS NULL
               AND status IN ('resolved', 'closed') AND (ref_number * 104729) % 5 < 3""")
        conn.exec_driver_sql("""
            INSERT INTO nps_answer (id, stakeholder_id, score, comment, quarter, answered_at,
                                    created_at, updated_at, revision)
            SELECT lower(hex(randomblob(16))), id, (rowid * 7919) % 11, '',
                   strftime('%Y', t) || '-Q' || ((CAST(strftime('%m', t) AS INTEGER) + 2) / 3),
                   t, t, t, 1
              FROM (SELECT id, rowid, strftime('%Y-%m-%d %H:%M:%f',
                           (SELECT max(opened_at) FROM case_record),
                           '-' || (rowid % 400) || ' days') AS t
                      FROM stakeholder WHERE kind = 'person' AND rowid % 10 = 0)""")
        conn.exec_driver_sql("""
            UPDATE interaction SET minutes = 2 + (rowid * 7919) % 44
             WHERE channel IN ('phone', 'meeting') AND (rowid * 104729) % 10 < 7""")


class _each:
    """One figure whose every run is one item of a list (a keystroke each)."""

    def __init__(self, fn: Callable[[str], Any], texts: list[str]) -> None:
        self.fn, self.texts, self.index = fn, texts, 0

    def __call__(self) -> None:
        self.fn(self.texts[self.index % len(self.texts)])
        self.index += 1


def run_workload(store: Store, rounds: int, only: tuple[str, ...] = ()) -> list[Row]:
    """Each figure of :func:`workload` (with ``only``, those whose label holds one of
    its words: their connections then run nothing else, unlike in a whole run)."""
    rows = []
    for label, target, fn in workload(store):
        if only and not any(word in label for word in only):
            continue
        cold, samples = measure_figure(fn, rounds)
        rows.append(Row(label, target, samples, cold))
        print(f"  {label:<48} {statistics.median(samples):8.1f} ms", flush=True)
    return rows


def alternating_ratios(store: Store, plain: Store, pairs: int) -> list[float]:
    """The encryption overhead as it varies: encrypted and plain rounds run back to back,
    ``pairs`` times, alternating which goes first; one ratio (sum of the workload's
    medians, encrypted / plain) per pair. One ratio from two blocks run minutes apart
    moved between 0.84x and 1.41x on the same workload."""
    ratios = []
    for pair in range(pairs):
        order = (store, plain) if pair % 2 == 0 else (plain, store)
        totals = {}
        for which in order:
            totals[which is store] = sum(statistics.median(row.samples)
                                         for row in run_workload(which, 2))
        ratios.append(totals[True] / totals[False])
        print(f"  pair {pair + 1}: {ratios[-1]:.2f}x", flush=True)
    return ratios


# -- the unencrypted copy --------------------------------------------------------------

class PlainStore(Store):
    """The same services over an unencrypted SQLite file (benchmark only)."""

    def _new_connection(self) -> sqlcipher3.Connection:
        return sqlcipher3.connect(f"file:{PLAIN.as_posix()}?mode=rw", uri=True,
                                  check_same_thread=False, isolation_level=None)


def _revision(store: Store) -> str:
    with store.connection() as conn:
        return str(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())


def plain_copy(store: Store) -> Store:
    revision = _revision(store)
    known = json.loads(PLAIN_META.read_text()) if PLAIN_META.is_file() else {}
    if not PLAIN.is_file() or known.get("revision") != revision:
        print("exporting an unencrypted copy for the encryption ratio …", flush=True)
        PLAIN.unlink(missing_ok=True)
        store.checkpoint()
        with store.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute(f"ATTACH DATABASE '{PLAIN.as_posix()}' AS plain KEY ''")
            raw.execute("SELECT sqlcipher_export('plain')")
            raw.execute("DETACH DATABASE plain")
        PLAIN_META.write_text(json.dumps({"revision": revision}))
    where = Location(store=PLAIN, data_dir=case_list.CACHE)
    lock = StoreLock(Path(f"{PLAIN}.lock"), PLAIN)
    lock.acquire()
    return PlainStore(where, store._key, lock, clock=store.clock)  # type: ignore[arg-type]


# -- figures that are not the store workload --------------------------------------------

def unlock_row(now: datetime, rounds: int, where: Location) -> Row:
    def go() -> None:
        Store.open(where, case_list.PASSPHRASE, clock=FixedClock(now)).close()
    cold, samples = measure(go, rounds)
    return Row("unlock (key derivation + unlock check)", 500, samples, cold)


def pack_row(store: Store, rounds: int) -> Row:
    from spocdesk.core.handover import absence, pack

    with store.connection() as conn:
        ids = [r[0] for r in conn.exec_driver_sql(
            "SELECT id FROM case_record WHERE deleted_at IS NULL AND status = 'open' "
            "ORDER BY ref_number LIMIT 200")]
    today = store.now().date()
    plan = absence.AbsencePlan(starts_on=today + timedelta(days=1),
                               ends_on=today + timedelta(days=14), deputy_name="Benchmark")
    absence_id = absence.plan_absence(store, plan, ids).value
    folder = Path(tempfile.mkdtemp(prefix="spocdesk-bench-"))
    count = iter(range(1_000))
    try:
        cold, samples = measure(lambda: pack.export_pack(
            store, absence_id, folder / f"pack-{next(count)}.spocpack",
            "a benchmark pack passphrase"),
            max(3, rounds // 2))
    finally:
        absence.cancel_absence(store, absence_id)
        shutil.rmtree(folder, ignore_errors=True)
    return Row("handover pack export, 200 cases", 5_000, samples, cold)


def import_row() -> Row:
    out = subprocess.run([sys.executable, str(HERE / "import_vcards.py")], capture_output=True,
                         text=True, check=False)
    found = re.search(r"^total\s+([\d.]+) s", out.stdout, re.M)
    if not found:
        raise SystemExit(f"import benchmark failed:\n{out.stdout}\n{out.stderr}")
    return Row("import of 10,000 vCards", 10_000, [float(found.group(1)) * 1000])


def gui_rows(rounds: int) -> list[Row]:
    """Fresh processes: the time to the unlock dialog, and unlock → populated window."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    results: dict[str, list[float]] = {"dialog": [], "window": [], "settled": []}
    rss: list[float] = []
    for _ in range(rounds):
        for probe in ("dialog", "window"):
            started = time.time()  # wall clock: the child reports time.time() too
            out = subprocess.run([sys.executable, str(HERE / "gui_probe.py"), probe],
                                 capture_output=True, text=True, env=env, check=False)
            figures = dict(line.split("=", 1) for line in out.stdout.split() if "=" in line)
            if "rss_mb" not in figures:
                raise SystemExit(f"GUI probe failed:\n{out.stdout}\n{out.stderr}")
            if probe == "dialog":
                results[probe].append((float(figures["shown_at"]) - started) * 1000)
            else:
                results[probe].append(float(figures["ms"]))
                results["settled"].append(float(figures["settled_ms"]))
            rss.append(float(figures["rss_mb"]))
    return [Row("cold start to the unlock dialog", 800, results["dialog"]),
            Row("unlock to a populated main window", 500, results["window"]),
            Row("  … and its deferred work done (view counts)", 500, results["settled"]),
            Row("peak RSS, GUI with the large store (MB)", 400, rss)]


def _probe(mode: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, str(HERE / "gui_probe.py"), mode],
                         capture_output=True, text=True, env=env, check=False)
    figures = dict(line.split("=", 1) for line in out.stdout.split() if "=" in line)
    if "rss_mb" not in figures:
        raise SystemExit(f"GUI probe {mode} failed:\n{out.stdout}\n{out.stderr}")
    return figures


def interaction_rows(rounds: int) -> tuple[list[Row], str]:
    """Scrolling the case list top to bottom (one process: thousands of frames) and
    typing into the quick log (``rounds`` processes; each logs one interaction);
    also a line with the share of frames under 16 ms and the slowest frame and key."""
    frames = [float(f) for f in _probe("scroll")["frames_ms"].split(",")]
    keys: list[float] = []
    saves: list[float] = []
    for _ in range(rounds):
        figures = _probe("typing")
        keys += [float(k) for k in figures["keys_ms"].split(",")]
        saves.append(float(figures["save_ms"]))
    smooth = (f"scrolling: {sum(f < 16 for f in frames) / len(frames):.1%} of "
              f"{len(frames):,} frames under 16 ms (goal: all), slowest {max(frames):.1f} ms; "
              f"slowest keystroke {max(keys):.1f} ms")
    return [Row(f"scroll 'all' by pages, per frame ({len(frames):,})", 16, frames[1:],
                frames[0]),
            Row("quick log, per keystroke (60 characters)", 16, keys),
            Row("quick log, the Log click (save + repaint)", 100, saves)], smooth


# -- the table ----------------------------------------------------------------------

def print_table(rows: list[Row], plain_rows: bool) -> None:
    print()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}; Python {platform.python_version()}; {date.today()}")
    head = f"| {'figure':<48} | {'median':>8} | {'p95':>8} | {'cold':>8} | target |"
    head += " plain | ratio |" if plain_rows else ""
    print(head)
    print("|" + "|".join("-" * len(cell) for cell in head.split("|")[1:-1]) + "|")
    for row in rows:
        ok = "ok" if row.p95 <= row.target_ms else "MISS"
        cold = f"{row.cold:8.1f}" if row.cold is not None else f"{'':>8}"
        line = (f"| {row.label:<48} | {row.median:8.1f} | {row.p95:8.1f} | {cold} | "
                f"{row.target_ms:>6.0f} {ok:<4}|")
        if plain_rows:
            if row.plain:
                plain = statistics.median(row.plain)
                line += f" {plain:5.1f} | {row.median / plain:5.2f} |" if plain else " | |"
            else:
                line += "       |       |"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("large",), default="large")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-plain", action="store_true")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="only the store figures whose label holds WORDS (repeatable); "
                             "skips the unlock, the pack export and the plain copy")
    parser.add_argument("--store", type=Path, metavar="FILE",
                        help="a copy of the large store to measure instead (e.g. upgraded "
                             "by a branch), with a copy of the cache's meta.json beside it")
    args = parser.parse_args(argv)
    if args.store:
        where = Location(store=args.store, data_dir=args.store.parent)
        meta = json.loads((args.store.parent / case_list.META.name).read_text())
        now = datetime.fromisoformat(meta["now"])
    else:
        now = case_list.build()
        where = case_list._location()
    if args.only:
        args.skip_plain = args.skip_gui = args.skip_import = True
    store = Store.open(where, case_list.PASSPHRASE, clock=FixedClock(now))
    ratios: list[float] = []
    try:
        fill_figures(store)
        print("encrypted store:", flush=True)
        rows = run_workload(store, args.rounds, tuple(args.only))
        if args.only:
            print_table(rows, False)
            return 0
        if not args.skip_plain:
            plain = plain_copy(store)
            try:
                print("unencrypted copy:", flush=True)
                for row, twin in zip(rows, run_workload(plain, args.rounds), strict=True):
                    row.plain = twin.samples
                ratios = alternating_ratios(store, plain, max(3, args.rounds // 2))
            finally:
                plain.close()
        rows.append(pack_row(store, args.rounds))
    finally:
        store.close()
    rows.insert(0, unlock_row(now, max(3, args.rounds // 2), where))
    if not args.skip_import:
        rows.append(import_row())
    smooth = None
    if not args.skip_gui:
        rows += gui_rows(max(3, args.rounds // 2))
        more, smooth = interaction_rows(max(3, args.rounds // 2))
        rows += more
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(Row("peak RSS, this process (MB)", 400, [peak]))
    print_table(rows, not args.skip_plain)
    if smooth is not None:
        print(f"\n{smooth}")
    if not args.skip_plain:
        print(f"\nencryption overhead ratio (store workload, {len(ratios)} alternating pairs "
              f"of rounds, encrypted / plain): median {statistics.median(ratios):.2f}x, "
              f"spread {min(ratios):.2f}-{max(ratios):.2f}x (target 1.25x)")
    return 0 if all(r.p95 <= r.target_ms for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
