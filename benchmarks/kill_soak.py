"""Soak version of the kill test: many SIGKILLs of a busy writer, then every check.

    python benchmarks/kill_soak.py                 # 500 rounds on a throwaway store
    python benchmarks/kill_soak.py --rounds 2000 --seed 7 --max-delay 1.0 --verbose

Each round forks a writer that commits stakeholders (one unit of work each) and
reports every acknowledged commit; the writer is SIGKILLed after a random delay,
then the store is checked (integrity checks, every acknowledged record present,
no half-written record). Exits 0 when every round passed. What it proves: a
process dying at any moment loses no acknowledged commit and leaves no damage.
What it cannot prove: survival of a power cut (that is ``synchronous=FULL`` and
the disk's honesty about fsync), which a kill of the process does not exercise.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from spocdesk.core.paths import resolve  # noqa: E402
from spocdesk.core.store import Store  # noqa: E402
from tests.core.test_kill import run_kill_rounds  # noqa: E402

PASSPHRASE = "kill soak passphrase, not a secret"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-delay", type=float, default=0.5,
                        help="longest wait before a kill, in seconds (default 0.5)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    with tempfile.TemporaryDirectory(prefix="spocdesk-kill-soak-") as tmp:
        location = resolve(data_dir=Path(tmp))
        Store.create(location, PASSPHRASE).close()
        report = run_kill_rounds(resolve(store=location.store), PASSPHRASE, args.rounds,
                                 seed=seed, max_delay=args.max_delay, log=args.verbose)
    print(f"seed {seed}: {report.rounds} kills in {report.seconds:.0f} s, "
          f"{len(report.acknowledged)} acknowledged commits, all present; "
          f"{report.killed_before_first_ack} kill(s) landed before the first commit, "
          f"at most {report.most_in_one_round} commits in one round.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
