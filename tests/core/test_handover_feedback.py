"""Satisfaction travels with the handover pack: the CSAT and Net Promoter answers of
the people and cases in it go out, the deputy's come back (with the case's first-
contact verdict worked out again on the whole log), and an answer both sides gave
keeps what one store would have kept."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import workflow
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import absence, merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.store import Store
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    build_world,
    export,
    fast_kdf,
)

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]
UTC_ZONE = ZoneInfo("UTC")


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def answers(store: Store) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """(case ref, CSAT) and (stakeholder name, NPS) of the live answers."""
    with store.connection() as conn:
        csat = {(str(r), int(c)) for r, c in conn.exec_driver_sql(
            "SELECT c.ref, f.csat FROM case_feedback AS f JOIN case_record AS c "
            "ON c.id = f.case_id WHERE f.deleted_at IS NULL")}
        nps = {(str(n), int(s)) for n, s in conn.exec_driver_sql(
            "SELECT s.display_name, a.score FROM nps_answer AS a JOIN stakeholder AS s "
            "ON s.id = a.stakeholder_id WHERE a.deleted_at IS NULL")}
    return csat, nps


def deputy(path: Path, clock: FixedClock, days: int) -> Store:
    return packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(
        clock.now() + timedelta(days=days)))


def test_the_round_trip_keeps_the_answers_and_brings_back_the_deputys(
        world: World, tmp_path: Path, clock: FixedClock) -> None:
    store = world.store
    feedback.record_nps(store, world.alice, 8, comment="fine", tz=UTC_ZONE)
    path = export(world, tmp_path / "out")
    pack = deputy(path, clock, 2)
    try:
        # the owner's answers are in the pack: Alice's answer this quarter is not due
        assert answers(pack) == (set(), {("Alice Archer", 8)})
        assert not feedback.nps_status(pack, world.alice, tz=UTC_ZONE).due
        # the deputy resolves the roof leak, asks the client, and Bob's NPS
        workflow.update_case(pack, "C-0001", status="resolved")
        feedback.record_csat(pack, "C-0001", 5, comment="quick", via="phone")
        feedback.record_nps(pack, world.bob, 9, tz=UTC_ZONE)
        # the pack holds the last days of the log only: one call in, one mail out
        assert figures.is_first_contact(pack, world.case_ids["C-0001"]) is True
    finally:
        pack.close()
    clock.advance(timedelta(days=10))
    outcome = merge.merge_pack(store, path, PACK_PASSPHRASE)
    assert answers(store) == ({("C-0001", 5)}, {("Alice Archer", 8), ("Bob Baker", 9)})
    got = feedback.feedback_of(store, "C-0001")
    assert got is not None and (got.comment, got.via) == ("quick", "phone")
    roof = next(a for a in outcome.value.cases if a.ref == "C-0001")
    assert roof.csat == 5
    assert "  satisfaction recorded: 5 of 5" in outcome.value.lines()
    # the owner's whole log had an older call too: two inbound, not at first contact
    assert figures.is_first_contact(store, world.case_ids["C-0001"]) is False
    # merging again changes nothing
    again = merge.merge_pack(store, path, PACK_PASSPHRASE)
    assert again.value.nothing_to_do
    assert answers(store) == ({("C-0001", 5)}, {("Alice Archer", 8), ("Bob Baker", 9)})


def test_a_replaced_answer_comes_back_replaced(world: World, tmp_path: Path,
                                                clock: FixedClock) -> None:
    store = world.store
    workflow.update_case(store, "C-0002", status="resolved")
    feedback.record_csat(store, "C-0002", 2, via="email")
    # a resolved case handed over all the same (the client may call about it)
    absence.set_cases(store, world.absence_id, add=[world.case_ids["C-0002"]])
    path = export(world, tmp_path / "out")
    pack = deputy(path, clock, 2)
    try:
        assert answers(pack)[0] == {("C-0002", 2)}
        feedback.record_csat(pack, "C-0002", 4, via="phone")  # the client called back
    finally:
        pack.close()
    clock.advance(timedelta(days=10))
    merge.merge_pack(store, path, PACK_PASSPHRASE)
    assert answers(store)[0] == {("C-0002", 4)}
    with store.connection() as conn:
        rows = conn.execute(sa.text("SELECT count(*) FROM case_feedback")).scalar_one()
    assert rows == 2  # the replaced answer is kept, deleted


def test_answers_both_sides_gave_keep_what_one_store_would(world: World, tmp_path: Path,
                                                            clock: FixedClock) -> None:
    store = world.store
    path = export(world, tmp_path / "out")
    pack = deputy(path, clock, 2)
    try:
        workflow.update_case(pack, "C-0002", status="resolved")
        feedback.record_csat(pack, "C-0002", 2, via="phone")  # day 2
        feedback.record_nps(pack, world.bob, 9, tz=UTC_ZONE)  # day 2
    finally:
        pack.close()
    clock.advance(timedelta(days=1))
    feedback.record_nps(store, world.bob, 3, tz=UTC_ZONE)  # day 1: the first one stands
    clock.advance(timedelta(days=4))
    workflow.update_case(store, "C-0002", status="resolved")
    feedback.record_csat(store, "C-0002", 4, via="email")  # day 5: the later one wins
    clock.advance(timedelta(days=5))
    merge.merge_pack(store, path, PACK_PASSPHRASE)
    assert answers(store) == ({("C-0002", 4)}, {("Bob Baker", 3)})
    with store.connection() as conn:
        kept = conn.execute(sa.text(
            "SELECT (SELECT count(*) FROM case_feedback), (SELECT count(*) FROM nps_answer)")
        ).one()
    assert tuple(kept) == (2, 2)  # the deputy's answers are kept, as replaced
