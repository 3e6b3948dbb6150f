"""Everything spocdesk writes is owner-only (0600 files, 0700 folders) on every path:
create, restore, passphrase change, backups, exports, logs; and the process itself is
hardened (umask 077, not dumpable).

Each test runs under umask 022, the usual default, so that the modes come from
spocdesk's own code and not from a umask an earlier test left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from spocdesk.core import logs
from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.handover import absence
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.paths import Location, resolve
from spocdesk.core.people import contacts_export, data_subject, stakeholders
from spocdesk.core.store import Store, backup, change_passphrase
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(folder: Path) -> None:
    """Every file below ``folder`` is 0600 and every folder 0700."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            assert mode(path) == 0o700, path
        else:
            assert mode(path) == 0o600, path


def test_create_and_daily_use(location: Location) -> None:
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="One"))
    logs.setup(location.log_dir)
    logs.logging.getLogger("spocdesk.test").warning("a line")
    assert mode(Path(f"{location.store}-wal")) == 0o600
    backup.daily_backup_if_due(store)
    backup.backup_now(store)
    store.close()
    assert_private(location.data_dir)


def test_backup_into_a_chosen_folder(store: Store, tmp_path: Path) -> None:
    chosen = tmp_path / "stick"
    chosen.mkdir(mode=0o755)
    path = backup.backup_now(store, chosen)
    assert mode(path) == 0o600
    assert mode(chosen) == 0o755  # the user's own folder is left as it is


def test_restore_and_passphrase_change(location: Location, tmp_path: Path) -> None:
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="One"))
    copy = backup.backup_now(store, tmp_path / "copy.spocdesk-backup")
    store.close()
    copy.chmod(0o644)  # a copy that came back from somewhere with wider rights
    backup.restore(location, copy, PASSPHRASE)
    assert mode(location.store) == 0o600
    change_passphrase(location, PASSPHRASE, "another long passphrase here")
    assert mode(location.store) == 0o600
    assert_private(location.data_dir)


def test_a_store_written_0644_before_is_narrowed_when_opened(location: Location) -> None:
    Store.create(location, PASSPHRASE).close()
    location.store.chmod(0o644)
    Store.open(location, PASSPHRASE).close()
    assert mode(location.store) == 0o600


def test_exports(store: Store, tmp_path: Path) -> None:
    pid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Anna Müller")).value
    written = [
        tmp_path / "contacts.vcf", tmp_path / "followups.ics", tmp_path / "figures.csv",
        tmp_path / "person.json",
    ]
    contacts_export.export_vcards(store, written[0])
    followups.export_followups(store, written[1])
    metrics.export_csv(store, metrics.dashboard(store, "4w"), written[2])
    data_subject.export_person_json(store, pid, written[3])
    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 13))).value
    from spocdesk.core.handover import pack

    written.append(pack.export_pack(store, absence_id, tmp_path / "h.spocpack",
                                    "a pack passphrase of its own").value.path)
    for path in written:
        assert mode(path) == 0o600, path.name


HARDENED = r"""
import ctypes, os, resource
from spocdesk.core.hardening import harden_process, PR_GET_DUMPABLE
harden_process()
libc = ctypes.CDLL(None)
print(oct(os.umask(0o077)), libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
      resource.getrlimit(resource.RLIMIT_CORE))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_process_is_hardened() -> None:
    out = subprocess.run([sys.executable, "-c", HARDENED], capture_output=True, text=True,
                         cwd=str(REPO), env={**os.environ, "PYTHONPATH": str(REPO)},
                         timeout=60, check=True)
    assert out.stdout.split(maxsplit=1)[0] == "0o77"
    assert out.stdout.split()[1] == "0"
    assert "(0, 0)" in out.stdout


def test_the_cli_leaves_owner_only_files(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SPOCDESK_PASSPHRASE": PASSPHRASE,
           "SPOCDESK_HOME": str(tmp_path / "home")}
    for argv in (["init"], ["case", "add", "--title", "One"], ["backup"]):
        subprocess.run([sys.executable, "-m", "spocdesk", *argv], env=env, cwd=str(REPO),
                       capture_output=True, timeout=120, check=True)
    assert_private(resolve(data_dir=tmp_path / "home").data_dir)
