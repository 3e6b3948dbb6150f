"""Kill test: SIGKILL a writer at random moments; every acknowledged commit survives.

A helper process (the "zygote") imports spocdesk once and, for each round, forks a
writer. The writer opens the store through ``Store.open_with_key`` (the same open
path as an unlock, minus the key derivation, which the zygote did once) and adds
stakeholders with one contact point each, one unit of work per record, printing
each id after ``commit`` returned. The test kills the writer with SIGKILL after a
random delay, then checks the store: integrity checks pass, every acknowledged id
is there, and no record is half-written (each stakeholder has its contact point
and its audit event). Even rounds reopen it read-write (recovering the WAL and
checkpointing on close), odd rounds check it read-only with the WAL still pending.

``benchmarks/kill_soak.py`` runs the same rounds for longer.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from spocdesk.core.paths import Location, resolve
from spocdesk.core.store import Store, check_key, keying
from spocdesk.core.store.check import _ro_connect

REPO = Path(__file__).resolve().parents[2]
KILL_ROUNDS = 32

CHILD = r'''
import os, sys
from spocdesk.core.store import keying
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store
from spocdesk.core.people import stakeholders
from sqlalchemy.orm import configure_mappers

configure_mappers()  # once, before forking: the writers start committing at once
location = resolve(store=sys.argv[1])
key = keying.RawKey(bytes.fromhex(os.environ.pop("KILL_KEY")),
                    bytes.fromhex(os.environ.pop("KILL_SALT")))
out = sys.stdout.fileno()
for line in sys.stdin:
    round_no = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            store = Store.open_with_key(location, key)
            os.write(out, b"ready\n")
            n = 0
            while True:
                rid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
                    display_name=f"r{round_no}-{n}",
                    contact_points=[stakeholders.NewContactPoint("phone", f"+1 555 {n:04d}")],
                )).value
                os.write(out, f"ack {rid}\n".encode())
                n += 1
        except BaseException as exc:
            os.write(out, f"error {type(exc).__name__}: {exc}\n".encode())
        finally:
            os._exit(1)
    os.write(out, f"pid {pid}\n".encode())
    os.waitpid(pid, 0)
    os.write(out, b"done\n")
'''


@dataclass
class KillReport:
    rounds: int = 0
    acknowledged: set[str] = field(default_factory=set)
    killed_before_first_ack: int = 0
    most_in_one_round: int = 0
    seconds: float = 0.0


def _check(location: Location, key: keying.RawKey, acknowledged: set[str],
           read_only: bool) -> None:
    if read_only:
        report = check_key(location.store, key)
        assert report.ok, (report.damage, report.problems)
        conn = _ro_connect(location.store, key)
        try:
            ids = {r[0] for r in conn.execute("SELECT id FROM stakeholder")}
            orphans = conn.execute(
                "SELECT count(*) FROM stakeholder s WHERE NOT EXISTS (SELECT 1 FROM "
                "contact_point c WHERE c.stakeholder_id = s.id) OR NOT EXISTS (SELECT 1 "
                "FROM audit_event a WHERE a.entity_id = s.id)").fetchone()[0]
        finally:
            conn.close()
    else:
        store = Store.open_with_key(location, key)
        try:
            assert store.integrity_problems() == []
            with store.connection() as sa_conn:
                ids = {r[0] for r in sa_conn.exec_driver_sql("SELECT id FROM stakeholder")}
                orphans = sa_conn.exec_driver_sql(
                    "SELECT count(*) FROM stakeholder s WHERE NOT EXISTS (SELECT 1 FROM "
                    "contact_point c WHERE c.stakeholder_id = s.id) OR NOT EXISTS (SELECT 1 "
                    "FROM audit_event a WHERE a.entity_id = s.id)").scalar()
        finally:
            store.close()
    missing = acknowledged - ids
    assert not missing, f"{len(missing)} acknowledged record(s) lost"
    assert orphans == 0, "a half-written record"


def run_kill_rounds(location: Location, passphrase: str, rounds: int, *, seed: int,
                    max_delay: float = 0.5, log: bool = False) -> KillReport:
    """Create nothing: ``location`` must hold a store. Returns what was acknowledged."""
    rng = random.Random(seed)
    key = keying.derive(passphrase, keying.read_salt(location.store))
    script = location.data_dir / "kill_child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "KILL_KEY": key.key.hex(), "KILL_SALT": key.salt.hex(),
           "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(script), str(location.store)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                            cwd=str(REPO), text=True, bufsize=1)
    assert proc.stdin is not None and proc.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    stdout = proc.stdout

    def pump() -> None:
        for text in stdout:
            lines.put(text)

    threading.Thread(target=pump, daemon=True).start()

    def next_line(timeout: float = 60.0) -> str:
        line = lines.get(timeout=timeout).strip()
        if line.startswith("error"):
            raise AssertionError(f"the writer failed: {line}")
        return line

    report = KillReport()
    started = time.monotonic()
    try:
        for round_no in range(rounds):
            proc.stdin.write(f"{round_no}\n")
            proc.stdin.flush()
            line = next_line()
            assert line.startswith("pid "), line
            pid = int(line.split()[1])
            if rng.random() < 0.125:  # now and then, kill it while it opens the store
                time.sleep(rng.uniform(0.0, 0.2))
            else:
                assert next_line() == "ready"
                time.sleep(rng.uniform(0.0, max_delay))
            os.kill(pid, signal.SIGKILL)
            acked_now = 0
            while (line := next_line()) != "done":
                if line == "ready":
                    continue
                assert line.startswith("ack "), line
                report.acknowledged.add(line.split()[1])
                acked_now += 1
            report.killed_before_first_ack += acked_now == 0
            report.most_in_one_round = max(report.most_in_one_round, acked_now)
            _check(location, key, report.acknowledged, read_only=bool(round_no % 2))
            report.rounds += 1
            if log:
                print(f"round {round_no + 1}: {acked_now} acknowledged, "
                      f"{len(report.acknowledged)} in all", flush=True)
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    report.seconds = time.monotonic() - started
    # the last word: a real unlock with the passphrase
    store = Store.open(location, passphrase)
    try:
        assert store.integrity_problems() == []
    finally:
        store.close()
    return report


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks its writers")
def test_sigkill_never_loses_an_acknowledged_commit(location: Location) -> None:
    from tests.conftest import PASSPHRASE

    Store.create(location, PASSPHRASE).close()
    seed = int(os.environ.get("SPOCDESK_KILL_SEED", "0")) or random.randrange(1 << 30)
    report = run_kill_rounds(resolve(store=location.store), PASSPHRASE, KILL_ROUNDS, seed=seed)
    assert report.rounds == KILL_ROUNDS, f"seed {seed}"
    assert len(report.acknowledged) > KILL_ROUNDS  # the kills really hit a busy writer
    assert report.seconds < 60, f"{report.seconds:.0f} s"
