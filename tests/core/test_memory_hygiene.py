"""After the store is closed, neither the passphrase nor the key is left in the
process's memory (issue 18.7): scanned from outside, in a child process."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from spocdesk.core.memory import wipe
from spocdesk.core.paths import resolve
from spocdesk.core.store import Store, keying

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import gc, sys
from spocdesk.core.memory import scrub_environment, wipe
from spocdesk.core.paths import resolve
from spocdesk.core.cases import service as cases
from spocdesk.core.store import Store
secret = scrub_environment("SPOCDESK_PASSPHRASE")
store = Store.open(resolve(data_dir=sys.argv[1]), secret)
wipe(secret)
del secret
cases.add_case(store, cases.NewCase(title="Written and read"))
cases.list_cases(store)
store.close()
del store
gc.collect()
print("ready", flush=True)
sys.stdin.read()
"""


def _memory_of(pid: int) -> bytes:
    chunks = []
    with open(f"/proc/{pid}/maps", encoding="ascii") as maps, \
            open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if "r" not in perms or "[vvar]" in line or "[vsyscall]" in line:
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                chunks.append(mem.read(end - start))
            except OSError:
                continue
    return b"\n".join(chunks)


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0,
                    reason="reads another process's memory: Linux, as root")
def test_no_passphrase_or_key_after_close(tmp_path: Path) -> None:
    # made at run time and never kept as one object in this process either
    passphrase = "-".join(secrets.token_hex(6) for _ in range(4))
    location = resolve(data_dir=tmp_path / "home")
    Store.create(location, passphrase).close()
    key = keying.derive(passphrase, keying.read_salt(location.store))
    patterns = {
        "passphrase": re.escape(passphrase.encode()),
        "key hex": re.escape(key.key.hex().encode()),
        "key bytes": re.escape(bytes(key.key)),
    }
    digest = hashlib.sha256(passphrase.encode()).hexdigest()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPOCDESK_PASSPHRASE": passphrase}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(location.data_dir)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=str(REPO))
    wipe(passphrase)  # (ours: the child got it through its environment)
    key.wipe()
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        memory = _memory_of(child.pid)
    finally:
        child.kill()
        child.wait()
    assert len(memory) > 1_000_000
    found = {name: len(re.findall(p, memory)) for name, p in patterns.items()}
    assert found == {"passphrase": 0, "key hex": 0, "key bytes": 0}, digest
