"""Benchmark the stakeholder directory: search-as-you-type and opening a busy person.

    python benchmarks/directory.py             # builds/copies the store once, then times
    python benchmarks/directory.py --repeat 9  # timed runs per keystroke

Uses the large store of ``case_list.py`` (100,000 cases, 50,000 stakeholders,
1,000,000 interactions; built once under ``benchmarks/.cache/``), copied once to
``directory.spocdesk`` beside it so this benchmark's additions never change the
shared store: a stakeholder with 5,000 interactions across 40 cases. The copy
upgrades to the newest schema when opened.

A keystroke is what the directory view does after each key: the ordered ids of
the matching stakeholders (``stakeholder_ids``) and the rows of the first page
(``stakeholder_rows``, 100 rows). Each prefix of a typed text is one keystroke.
Prints p50 and p95 in milliseconds per typed text (warm runs; the first, cold run
of each keystroke is left out) and for opening the busy stakeholder (details,
interaction count, first page of interactions). Targets: 50 ms and 150 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import case_list  # noqa: E402

from spocdesk.core.clock import FixedClock  # noqa: E402
from spocdesk.core.paths import Location  # noqa: E402
from spocdesk.core.store import Store  # noqa: E402

COPY = case_list.CACHE / "directory.spocdesk"
BUSY_NAME = "Benchmark Busy Contact"
BUSY_INTERACTIONS = 5_000
PAGE = 100  # rows the list fills after a keystroke (ui.lazy_model.PAGE)
DETAIL_PAGE = 50  # interactions the detail shows first (ui.stakeholders.detail)
TARGET_KEY_MS = 50.0
TARGET_OPEN_MS = 150.0


def _copy() -> Location:
    """The benchmark's own copy of the large store (made once)."""
    source = case_list._location().store
    if not COPY.is_file():
        print(f"copying {source.name} to {COPY.name} …", flush=True)
        Path(f"{COPY}-wal").unlink(missing_ok=True)
        shutil.copyfile(source, f"{COPY}.partial")
        wal = Path(f"{source}-wal")
        if wal.is_file():
            shutil.copyfile(wal, f"{COPY}-wal")
        Path(f"{COPY}.partial").rename(COPY)
    return Location(store=COPY, data_dir=case_list.CACHE / "directory-data")


def _busy_person(store: Store) -> str:
    """The stakeholder with 5,000 interactions across 40 cases (added once)."""
    import sqlalchemy as sa

    from spocdesk.core.model import (
        Case,
        CaseParticipant,
        Interaction,
        InteractionParticipant,
        Stakeholder,
    )
    from spocdesk.core.people import stakeholders

    with store.connection() as conn:
        found = conn.execute(sa.select(Stakeholder.id).where(
            Stakeholder.display_name == BUSY_NAME)).scalar()
    if found:
        return str(found)
    started = time.perf_counter()
    with store.unit_of_work() as uow:
        s = uow.session
        person = stakeholders.add_in_session(s, stakeholders.NewStakeholder(
            display_name=BUSY_NAME, given_name="Busy", family_name="Contact",
            organisation="Benchmark Holding", title="Head of everything",
            contact_points=[
                stakeholders.NewContactPoint("email", "busy.contact@benchmark.example",
                                             "work", True),
                stakeholders.NewContactPoint("phone", "+49 30 5550001", "work", True)]))
        case_ids = list(s.scalars(sa.select(Case.id).order_by(Case.ref_number).limit(40)))
        for case_id in case_ids:
            s.add(CaseParticipant(case_id=case_id, stakeholder_id=person.id, role="client"))
        now = store.now()
        for n in range(BUSY_INTERACTIONS):
            entry = Interaction(case_id=case_ids[n % len(case_ids)], channel="phone",
                                direction="out", summary=f"Call {n} with the busy contact",
                                occurred_at=now - timedelta(hours=n))
            s.add(entry)
            s.flush()
            s.add(InteractionParticipant(interaction_id=entry.id, stakeholder_id=person.id))
        uow.commit()
    print(f"added {BUSY_NAME} with {BUSY_INTERACTIONS:,} interactions in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    return person.id


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def _timed(fn: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """Warm (wall, CPU) samples in milliseconds (one cold run first, not counted). The
    CPU time of this thread tells the work apart from waiting on a busy machine."""
    fn()
    samples = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.thread_time()
        fn()
        samples.append(((time.perf_counter() - started) * 1000,
                        (time.thread_time() - cpu) * 1000))
    return samples


def _line(label: str, samples: list[tuple[float, float]], target: float) -> bool:
    p50, p95 = _percentiles([wall for wall, _ in samples])
    c50, c95 = _percentiles([cpu for _, cpu in samples])
    ok = p95 < target
    print(f"{label:<58} p50 {p50:6.1f}  p95 {p95:6.1f}   (CPU p50 {c50:5.1f}  p95 {c95:5.1f})  "
          f"{'ok' if ok else 'SLOW'}", flush=True)
    return ok


def typing(store: Store, text: str, repeat: int
           ) -> tuple[list[tuple[float, float]], list[tuple[str, float, int]]]:
    """Every keystroke of typing ``text``: samples, and (prefix, median, hits) per key."""
    from spocdesk.core.people import query as sq

    samples: list[tuple[float, float]] = []
    keys: list[tuple[str, float, int]] = []
    for end in range(1, len(text) + 1):
        flt = sq.StakeholderFilter(text=text[:end])
        hits = [0]

        def keystroke(flt: sq.StakeholderFilter = flt, hits: list[int] = hits) -> None:
            ids = sq.stakeholder_ids(store, flt)
            sq.stakeholder_rows(store, ids[:PAGE])
            hits[0] = len(ids)

        taken = _timed(keystroke, repeat)
        samples += taken
        keys.append((text[:end], statistics.median(w for w, _ in taken), hits[0]))
    return samples, keys


def _examples(store: Store) -> dict[str, str]:
    """A real name, e-mail fragment and phone fragment from the store."""
    import sqlalchemy as sa

    from spocdesk.core.model import ContactPoint, Stakeholder

    with store.connection() as conn:
        name = conn.execute(sa.select(Stakeholder.display_name).where(
            Stakeholder.kind == "person", Stakeholder.deleted_at.is_(None))
            .order_by(Stakeholder.id).limit(1)).scalar_one()
        email = conn.execute(sa.select(ContactPoint.value).where(
            ContactPoint.kind == "email").order_by(ContactPoint.id).limit(1)).scalar_one()
        phone = conn.execute(sa.select(ContactPoint.value).where(
            ContactPoint.kind == "phone").order_by(ContactPoint.id).limit(1)).scalar_one()
    local = str(email).split("@")[0]
    digits = "".join(c for c in str(phone) if c.isdigit())
    national = "0" + digits[2:] if str(phone).startswith("+49") else digits
    return {"name": str(name), "e-mail fragment": local[1:] + "@",
            "phone fragment": f"{national[:3]} {national[3:8]}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per keystroke")
    parser.add_argument("--keys", action="store_true", help="print every keystroke")
    args = parser.parse_args(argv)
    now = case_list.build()
    where = _copy()
    started = time.perf_counter()
    store = Store.open(where, case_list.PASSPHRASE, clock=FixedClock(now))
    print(f"opened (and upgraded) the store in {time.perf_counter() - started:.1f} s")
    ok = True
    try:
        busy = _busy_person(store)
        from spocdesk.core.people import query as sq
        from spocdesk.core.people import stakeholders

        total = len(sq.stakeholder_ids(store))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        print(f"{total:,} stakeholders; ms per keystroke over every prefix; machine load "
              f"{load:.1f} on {os.cpu_count()} CPUs")
        for label, text in _examples(store).items():
            samples, keys = typing(store, text, args.repeat)
            ok &= _line(f"typing {label} {text!r}", samples, TARGET_KEY_MS)
            if args.keys:
                for prefix, median, hits in keys:
                    print(f"    {prefix!r:<28} {median:6.1f} ms  {hits:,} matches")

        def open_busy() -> None:
            stakeholders.details(store, busy)
            sq.interaction_count(store, busy)
            sq.interactions_with(store, busy, limit=DETAIL_PAGE)

        ok &= _line(f"open a stakeholder with {sq.interaction_count(store, busy):,} "
                    "interactions", _timed(open_busy, max(args.repeat, 9)), TARGET_OPEN_MS)
    finally:
        store.close()
    print("all figures within target" if ok else "some figures miss their target")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
