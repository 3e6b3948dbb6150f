"""The journal rule: a pack file is complete whenever the deputy's app is idle; opening
a pack leaves nothing beside it; verify and merge read a private copy; send-back."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import StoreExists
from spocdesk.core.handover import merge
from spocdesk.core.handover import pack as packmod
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    build_world,
    export,
    fast_kdf,
)

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def world(store, clock: FixedClock) -> World:  # type: ignore[no-untyped-def]
    return build_world(store, clock)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_pack_file_alone_holds_the_deputys_work_while_the_app_has_it_open(
        world: World, tmp_path: Path, clock: FixedClock) -> None:
    path = export(world, tmp_path / "out")
    pack = packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now()))
    try:
        made = cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="Called Alice")).value
        # the deputy attaches the file while the app still runs: only the file travels
        sent = tmp_path / "mail" / "handover.spocpack"
        sent.parent.mkdir()
        shutil.copyfile(path, sent)
    finally:
        pack.close()
    plan = merge.plan_merge(world.store, sent, PACK_PASSPHRASE)
    assert not plan.summary.nothing_to_do
    assert made in plan.records["interaction"]


def test_opening_a_pack_creates_nothing_beside_it(world: World, tmp_path: Path,
                                                   clock: FixedClock, isolated: Path) -> None:
    path = export(world, tmp_path / "out")
    pack = packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now()))
    try:
        cases.log_interaction(pack, "C-0002", cases.NewInteraction(
            channel="email", direction="in", summary="Invoice query"))
        assert _names(path.parent) == ["handover.spocpack"]
        assert any((isolated / "locks").iterdir())  # the lock is in the deputy's folder
    finally:
        pack.close()
    assert _names(path.parent) == ["handover.spocpack"]


def test_verify_and_merge_never_write_beside_the_pack(world: World, tmp_path: Path,
                                                      clock: FixedClock) -> None:
    path = export(world, tmp_path / "out")
    pack = packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now()))
    cases.log_interaction(pack, "C-0001", cases.NewInteraction(
        channel="phone", direction="in", summary="Roofer confirmed"))
    pack.close()
    before = path.read_bytes()
    folder_mode = path.parent.stat().st_mode
    os.chmod(path, 0o444)
    os.chmod(path.parent, 0o555)  # read-only media (root ignores it: checked below too)
    try:
        report = packmod.verify_pack(path, PACK_PASSPHRASE)
        assert report.counts["case_record"] == 3
        outcome = merge.merge_pack(world.store, path, PACK_PASSPHRASE)
        assert outcome.value.added.get("interaction") == 1
    finally:
        os.chmod(path.parent, folder_mode)
    assert _names(path.parent) == ["handover.spocpack"]
    assert path.read_bytes() == before


def test_a_wrong_pack_passphrase_names_the_handover_pack(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path / "out")
    with pytest.raises(packmod.WrongPackPassphrase) as caught:
        packmod.verify_pack(path, "not the one at all")
    assert "handover pack" in str(caught.value) and "store" not in str(caught.value)


def test_send_back_writes_a_verified_private_copy_and_never_overwrites(
        world: World, tmp_path: Path, clock: FixedClock) -> None:
    path = export(world, tmp_path / "out")
    out = tmp_path / "back" / "handover-back.spocpack"
    out.parent.mkdir()
    pack = packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now()))
    try:
        cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="First call"))
        assert packmod.send_back(pack, out) == out
        assert out.stat().st_mode & 0o777 == 0o600
        assert _names(out.parent) == ["handover-back.spocpack"]
        first = out.read_bytes()
        cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="Second call"))
        with pytest.raises(StoreExists):
            packmod.send_back(pack, out)
        assert out.read_bytes() == first
        packmod.send_back(pack, out, overwrite=True)  # the deputy said "replace"
    finally:
        pack.close()
    assert _names(out.parent) == ["handover-back.spocpack"]
    clock.advance(timedelta(days=10))
    summary = merge.merge_pack(world.store, out, PACK_PASSPHRASE).value
    assert summary.added.get("interaction") == 2
