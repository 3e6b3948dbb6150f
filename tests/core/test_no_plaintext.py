"""Nothing the user typed reaches disk in plaintext: db, WAL, backups, logs."""

from __future__ import annotations

import logging
from pathlib import Path

from spocdesk.core import logs
from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE, all_bytes_under

CANARY = "CANARY-7f3a9-Ümlaut"


def _canary_variants() -> list[bytes]:
    return [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"CANARY-7f3a9"]


def _write_canaries(store: Store) -> None:
    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=f"{CANARY} person", notes=CANARY, title=CANARY,
        organisation=f"{CANARY} org",
        contact_points=[stakeholders.NewContactPoint("email", f"{CANARY}@example.org")],
    )).value
    ref = cases.add_case(store, cases.NewCase(
        title=CANARY, description=CANARY, next_step=CANARY, category=CANARY, tags=[CANARY],
        stakeholders=[(sid, "client")],
    )).value
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary=CANARY, body=CANARY))
    with store.unit_of_work() as uow:
        case_id = cases.by_ref(uow.session, ref).id
    followups.add_followup(store, followups.NewFollowUp(
        title=CANARY, notes=CANARY, due_at=store.now(), case_id=case_id))


def _assert_no_canary(folder: Path) -> None:
    blob = all_bytes_under(folder)
    assert blob, "nothing was written at all"
    for needle in _canary_variants():
        assert needle not in blob


def test_canary_never_reaches_disk(location: Location) -> None:
    logs.setup(location.log_dir, level=logging.DEBUG)
    store = Store.create(location, PASSPHRASE)
    _write_canaries(store)
    # while open: the WAL holds the fresh pages
    assert Path(f"{location.store}-wal").exists()
    _assert_no_canary(location.data_dir)
    store.backup_to(location.backup_dir / "manual.spocdesk-backup")
    store.close()
    _assert_no_canary(location.data_dir)
    assert (location.log_dir / "spocdesk.log").stat().st_size > 0


def test_the_canary_is_really_in_the_store(location: Location) -> None:
    """Guards the test above: the canary was written and can be read back."""
    store = Store.create(location, PASSPHRASE)
    _write_canaries(store)
    assert [c.title for c in cases.list_cases(store)] == [CANARY]
    store.close()
