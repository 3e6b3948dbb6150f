"""The handover pack: what goes in, how it is protected, how it fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import DamagedStore, NotAStore, SpocError, StoreExists, WrongPassphrase
from spocdesk.core.handover import merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.model import Setting
from spocdesk.core.paths import Location, resolve
from spocdesk.core.search import query as search_query
from spocdesk.core.store import Store, keying
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import (  # noqa: F401
    CANARY,
    PACK_PASSPHRASE,
    World,
    build_world,
    export,
    fast_kdf,
    file_digest,
)

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def _owner_records(store: Store, name: str, ids: list[str]) -> dict[str, dict[str, object]]:
    t = packmod.table(name)
    with store.connection() as conn:
        rows = conn.execute(sa.select(t).where(t.c.id.in_(ids))).mappings()
        return {r["id"]: dict(r) for r in rows}


def test_pack_holds_the_handover_unchanged(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path / "out")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # nothing else left
    pack = packmod.open_pack(path, PACK_PASSPHRASE)
    try:
        manifest = packmod.read_manifest(pack)
        records = packmod.read_records(pack)
        assert pack.author == "deputy"
        with pack.connection() as conn:
            pack_store_id = packmod.store_id(conn)
    finally:
        pack.close()
    assert manifest is not None
    with world.store.connection() as conn:
        assert manifest.source_store_id == packmod.store_id(conn) != pack_store_id
    assert manifest.version == 1 and manifest.absence_id == world.absence_id
    refs = sorted(r["ref"] for r in records["case_record"].values())
    assert refs == ["C-0001", "C-0002", "C-0004"]  # the closed case stays home
    summaries = sorted(r["summary"] for r in records["interaction"].values())
    assert summaries == [f"Leak is worse {CANARY}", "Sent the roofer's quote"]  # last 90 days
    names = sorted(r["display_name"] for r in records["stakeholder"].values())
    assert names == ["Acme Roofing", "Alice Archer", "Bob Baker"]  # organisations come along
    assert len(records["contact_point"]) == 3
    assert len(records["followup"]) == 3 and len(records["handover_note"]) == 3
    assert len(records["absence"]) == 1 and len(records["absence_case"]) == 3
    # ids, revisions and timestamps exactly as in the owner's store; the manifest knows them
    for name, rows in records.items():
        mine = _owner_records(world.store, name, list(rows))
        assert mine == rows, name
        for rid, row in rows.items():
            assert manifest.base_revision(name, rid) == row["revision"]
    assert records["audit_event"] == {}


def test_the_deputy_can_search_the_pack(world: World, tmp_path: Path) -> None:
    """The pack's index is built once after the copy (not a document per row), and
    agrees with the records the deputy got."""
    path = export(world, tmp_path)
    pack = packmod.open_pack(path, PACK_PASSPHRASE)
    try:
        assert search_query.index_problems(pack) == []
        kinds = {hit.kind for hit in search_query.search(pack, "Archer")}
        assert "stakeholder" in kinds
        assert search_query.search(pack, "Leak is worse")
    finally:
        pack.close()


def test_the_deputy_is_the_author_in_a_pack(world: World, tmp_path: Path,
                                            clock: FixedClock) -> None:
    path = export(world, tmp_path)
    pack = Store.open(Location(path, path.parent), PACK_PASSPHRASE)  # as `--store PACK` does
    try:
        assert pack.author == "deputy"  # Store.open recognises a pack by its manifest
        assert packmod.adopt_author(pack) is True
        entry = cases.log_interaction(pack, "C-0002", cases.NewInteraction(
            channel="note", direction="internal", summary="x")).value
        assert packmod.read_records(pack)["interaction"][entry]["author"] == "deputy"
    finally:
        pack.close()
    assert packmod.adopt_author(world.store) is False
    assert world.store.author == "owner"


def test_canary_never_in_plaintext(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path)
    blob = path.read_bytes()
    for needle in (CANARY.encode(), CANARY.encode("utf-16-le"), b"CANARY-pack-41c9",
                   b"Alice Archer", b"pack_manifest"):
        assert needle not in blob
    # …and it really is inside
    pack = packmod.open_pack(path, PACK_PASSPHRASE)
    try:
        assert any(CANARY in r["description"]
                   for r in packmod.read_records(pack)["case_record"].values())
    finally:
        pack.close()


@pytest.mark.file_only("the store file's salt (a server: tests/core/test_server_handover_pack.py)")
def test_pack_has_its_own_salt_and_passphrase(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path)
    assert keying.read_salt(path) != keying.read_salt(world.store.location.store)
    with pytest.raises(WrongPassphrase):
        packmod.open_pack(path, PASSPHRASE)  # the owner's passphrase does not open it


def test_export_refuses_to_overwrite_and_leaves_nothing_on_failure(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "taken.pack").write_bytes(b"mine")
    with pytest.raises(StoreExists):
        packmod.export_pack(world.store, world.absence_id, out / "taken.pack", PACK_PASSPHRASE)
    assert (out / "taken.pack").read_bytes() == b"mine"

    def boom(*_args: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(packmod, "insert_rows", boom)
    with pytest.raises(OSError):
        packmod.export_pack(world.store, world.absence_id, out / "new.pack", PACK_PASSPHRASE)
    assert sorted(p.name for p in out.iterdir()) == ["taken.pack"]


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _assert_owner_untouched(world: World, pack: Path, passphrase: str,
                            expected: type[Exception]) -> None:
    before = file_digest(world.store.location.store)
    with pytest.raises(expected) as info:
        merge.plan_merge(world.store, pack, passphrase)
    assert str(info.value).endswith(".")  # one sentence
    assert file_digest(world.store.location.store) == before


@pytest.mark.parametrize("where", ["page1-body", "page1-hmac", "page2", "middle", "last-byte"])
def test_a_flipped_byte_is_a_clear_error(world: World, tmp_path: Path, where: str) -> None:
    good = export(world, tmp_path / "good")
    size = good.stat().st_size
    offsets = {"page1-body": 100, "page1-hmac": keying.PAGE_SIZE - 10,
               "page2": keying.PAGE_SIZE + 50, "middle": (size // 2) + 123,
               "last-byte": size - 1}
    bad = tmp_path / "bad.pack"
    shutil.copy(good, bad)
    _flip(bad, offsets[where])
    _assert_owner_untouched(world, bad, PACK_PASSPHRASE, packmod.DamagedPack)
    with pytest.raises(DamagedStore, match="damaged"):
        packmod.open_pack(bad, PACK_PASSPHRASE)


def test_a_flipped_salt_byte_is_refused(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path)
    _flip(path, 3)  # the key no longer derives: indistinguishable from a wrong passphrase
    _assert_owner_untouched(world, path, PACK_PASSPHRASE, SpocError)


@pytest.mark.parametrize("cut", ["half-page", "whole-pages", "header-only"])
def test_a_truncated_pack_is_damaged(world: World, tmp_path: Path, cut: str) -> None:
    path = export(world, tmp_path)
    size = path.stat().st_size
    keep = {"half-page": size - keying.PAGE_SIZE // 2, "whole-pages": size - 3 * keying.PAGE_SIZE,
            "header-only": 100}[cut]
    with path.open("rb+") as fh:
        fh.truncate(keep)
    _assert_owner_untouched(world, path, PACK_PASSPHRASE, packmod.DamagedPack)


def test_wrong_passphrase(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path)
    _assert_owner_untouched(world, path, "not the pack passphrase", WrongPassphrase)


def test_a_store_that_is_not_a_pack(world: World, tmp_path: Path) -> None:
    other = Store.create(resolve(store=tmp_path / "other.db"), PACK_PASSPHRASE)
    other.close()
    _assert_owner_untouched(world, tmp_path / "other.db", PACK_PASSPHRASE, packmod.NotAPack)
    plain = tmp_path / "plain.db"
    plain.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    _assert_owner_untouched(world, plain, PACK_PASSPHRASE, NotAStore)


def test_a_pack_from_another_store_is_refused(world: World, tmp_path: Path,
                                              clock: FixedClock) -> None:
    path = export(world, tmp_path / "out")
    stranger = Store.create(resolve(data_dir=tmp_path / "stranger"), PASSPHRASE, clock=clock)
    try:
        before = file_digest(stranger.location.store)
        with pytest.raises(packmod.PackFromAnotherStore, match="made from another store"):
            merge.plan_merge(stranger, path, PACK_PASSPHRASE)
        assert file_digest(stranger.location.store) == before
    finally:
        stranger.close()


def test_a_newer_pack_format_is_refused(world: World, tmp_path: Path) -> None:
    path = export(world, tmp_path)
    pack = packmod.open_pack(path, PACK_PASSPHRASE)
    try:
        with pack.unit_of_work() as uow:
            row = uow.session.scalar(sa.select(Setting).where(Setting.key == "pack_manifest"))
            assert row is not None
            data = json.loads(row.value)
            data["version"] = 2
            row.value = json.dumps(data)
            uow.commit()
    finally:
        pack.close()
    _assert_owner_untouched(world, path, PACK_PASSPHRASE, packmod.PackTooNew)


def test_page_check_with_the_real_key_derivation(world: World, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python page check matches SQLCipher's own with the production KDF."""
    monkeypatch.setattr(keying, "KDF_ITERATIONS", 256_000)
    path = export(world, tmp_path)
    key = keying.derive(PACK_PASSPHRASE, keying.read_salt(path))
    count, bad = packmod.bad_pages(path, key)
    assert count == path.stat().st_size // keying.PAGE_SIZE and bad == []
    _flip(path, 2 * keying.PAGE_SIZE + 7)
    assert packmod.bad_pages(path, key) == (count, [3])
    wrong = keying.derive("wrong passphrase", keying.read_salt(path))
    assert packmod.bad_pages(path, wrong)[1] == list(range(1, count + 1))
