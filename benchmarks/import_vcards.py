"""Benchmark the contacts import: 10,000 vCards, parsed, previewed and written in one go.

    python benchmarks/import_vcards.py                 # 10,000 cards into an empty store
    python benchmarks/import_vcards.py --cards 20000   # another size
    python benchmarks/import_vcards.py --existing 50000  # into a store that already
                                                       # holds that many people (duplicate
                                                       # look-ups against a full directory)

The cards look like a real export (names with accents, an organisation, a title,
two e-mails, two phones, an address, a note, categories); every tenth one is a
duplicate of someone already in the store. A fresh store is created in a temporary
folder each run. Prints the time for each step and the total; the target is 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from spocdesk.core.paths import Location  # noqa: E402
from spocdesk.core.people import contacts_import  # noqa: E402
from spocdesk.core.people.formats.vcard import parse_vcards, write_vcard  # noqa: E402
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder  # noqa: E402
from spocdesk.core.store import Store  # noqa: E402

PASSPHRASE = "benchmark passphrase, not a secret"
TARGET_S = 10.0
GIVEN = ["Anna", "Björn", "Chloé", "Dário", "Elif", "Farid", "Grete", "Håkon", "Inés", "Józef"]
FAMILY = ["Müller", "O'Brien", "Nowak", "García", "Łukasiewicz", "Dubois", "Yılmaz", "Sato"]


def person(i: int, rng: random.Random) -> NewStakeholder:
    given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)}-{i}"
    return NewStakeholder(
        display_name=f"{given} {family}", given_name=given, family_name=family,
        organisation=f"Company {i % 500}", title="Procurement lead",
        notes=f"Imported contact number {i}.\nSecond line; with, punctuation.",
        tags=["imported", f"group {i % 7}"],
        contact_points=[
            NewContactPoint("email", f"person{i}@company{i % 500}.example", "work", True),
            NewContactPoint("email", f"p{i}@mail.example", "home"),
            NewContactPoint("phone", f"+49 30 {1_000_000 + i}", "work", True),
            NewContactPoint("phone", f"+49 170 {2_000_000 + i}", "mobile"),
            NewContactPoint("address", f"Hauptstraße {i % 200}, 10115 Berlin", "work"),
        ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=0,
                        help="people already in the store before the import")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        where = Location(store=Path(folder) / "bench.spocdesk", data_dir=Path(folder))
        store = Store.create(where, PASSPHRASE)
        try:
            if args.existing:
                seed = "".join(write_vcard(person(-1 - i, rng), f"seed-{i}")
                               for i in range(args.existing))
                contacts_import.apply(store, parse_vcards(seed))
            # every tenth card repeats someone already there (same e-mail) when seeded
            text = "".join(
                write_vcard(person(-1 - i if args.existing and i % 10 == 0 else i, rng),
                            f"card-{i}") for i in range(args.cards))
            data = text.encode("utf-8")
            print(f"{args.cards:,} vCards, {len(data) / 1e6:.1f} MB, "
                  f"{args.existing:,} people already in the store")
            c0 = time.process_time()
            t0 = time.perf_counter()
            parsed = parse_vcards(data)
            t1 = time.perf_counter()
            preview = contacts_import.preview(store, parsed)
            t2 = time.perf_counter()
            result = contacts_import.apply(store, parsed, default="merge").value
            t3 = time.perf_counter()
            cpu = time.process_time() - c0
        finally:
            store.close()
    total = t3 - t0
    print(f"parse   {t1 - t0:6.2f} s")
    print(f"preview {t2 - t1:6.2f} s  ({preview.new:,} new, {preview.duplicates:,} duplicates)")
    print(f"apply   {t3 - t2:6.2f} s  ({result.added:,} added, {result.merged:,} merged)")
    print(f"total   {total:6.2f} s  (target {TARGET_S:.0f} s: "
          f"{'ok' if total < TARGET_S else 'TOO SLOW'}); CPU time {cpu:.2f} s")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"machine load average {load:.1f} on {os.cpu_count()} CPUs")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
