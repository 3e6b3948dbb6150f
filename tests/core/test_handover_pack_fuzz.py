"""The handover pack reader under malformed input (hypothesis): damaged bytes, cut
files, and a manifest or merge base that is not what the format says. Every case
ends in one plain-sentence SpocError (or a valid plan), never another exception,
and neither the owner's store nor the pack is written to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import SpocError
from spocdesk.core.handover import merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.model import Setting
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, keying
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    build_world,
    export,
    fast_kdf,
    file_digest,
)

pytestmark = pytest.mark.usefixtures("fast_kdf")
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=10),
    st.sampled_from([packmod.FORMAT, "case_record", "stakeholder", "revision", "title"]),
)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(
        ["format", "version", "pack_id", "records", "case_record", "interaction_days",
         "absence_id", "created_at", "source_store_id", "revision", "title"])),
        inner, max_size=5)), max_leaves=15)


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


@pytest.fixture
def good_pack(world: World, tmp_path: Path) -> Path:
    return export(world, tmp_path / "good")


@pytest.fixture
def good_parts(good_pack: Path) -> tuple[dict[str, Any], dict[str, dict[str, dict[str, Any]]]]:
    """The good pack's manifest (as JSON data) and merge base, read once."""
    pack = packmod.open_pack(good_pack, PACK_PASSPHRASE)
    try:
        manifest = packmod.read_manifest(pack)
        assert manifest is not None
        return manifest.to_dict(), packmod.read_base(pack)
    finally:
        pack.close()


def _plan_or_sentence(world: World, pack: Path, passphrase: str = PACK_PASSPHRASE) -> None:
    """plan_merge either works or raises one plain sentence; nothing is written."""
    owner_before = file_digest(world.store.location.store)
    try:
        merge.plan_merge(world.store, pack, passphrase)
    except SpocError as exc:
        text = str(exc)
        assert text.endswith(".") and "\n" not in text and "Traceback" not in text
    assert file_digest(world.store.location.store) == owner_before


@given(data=st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
def test_damaged_bytes_are_a_sentence(world: World, good_pack: Path, tmp_path: Path,
                                      data: st.DataObject) -> None:
    raw = bytearray(good_pack.read_bytes())
    size = len(raw)
    kind = data.draw(st.sampled_from(["flip", "flips", "cut", "zero-page", "append"]))
    if kind == "flip":
        offset = data.draw(st.integers(keying.SALT_BYTES, size - 1))
        raw[offset] ^= data.draw(st.integers(1, 255))
    elif kind == "flips":
        for offset in data.draw(st.lists(st.integers(0, size - 1), min_size=2, max_size=20)):
            raw[offset] ^= 0xFF
    elif kind == "cut":
        del raw[data.draw(st.integers(0, size - 1)):]
    elif kind == "zero-page":
        page = data.draw(st.integers(0, size // keying.PAGE_SIZE - 1))
        raw[page * keying.PAGE_SIZE:(page + 1) * keying.PAGE_SIZE] = bytes(keying.PAGE_SIZE)
    else:
        raw += data.draw(st.binary(min_size=1, max_size=keying.PAGE_SIZE * 2))
    bad = tmp_path / "bad.spocpack"
    bad.write_bytes(bytes(raw))
    before = file_digest(bad)
    _plan_or_sentence(world, bad)
    assert file_digest(bad) == before  # the pack is only read
    for leftover in (Path(f"{bad}-wal"), Path(f"{bad}-shm")):
        leftover.unlink(missing_ok=True)


def _with_setting(source: Path, target: Path, key: str, text: str | None) -> None:
    """A copy of the pack whose setting ``key`` holds ``text`` (None: removed)."""
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    pack = Store.open(Location(store=target, data_dir=target.parent), PACK_PASSPHRASE)
    try:
        with pack.connection() as conn, conn.begin():
            if text is None:
                conn.execute(sa.delete(Setting).where(Setting.key == key))
            else:
                conn.execute(sa.update(Setting).where(Setting.key == key).values(value=text))
    finally:
        pack.close()


def _manifest_variants(good: dict[str, object]) -> st.SearchStrategy[object]:
    """Whole random JSON, or the real manifest with one field replaced or removed."""
    def replace(pair: tuple[str, object]) -> dict[str, object]:
        key, value = pair
        return {**good, key: value}

    def drop(key: str) -> dict[str, object]:
        return {k: v for k, v in good.items() if k != key}

    fields = st.sampled_from(sorted(good))
    return st.one_of(JSON, st.tuples(fields, JSON).map(replace), fields.map(drop),
                     st.tuples(fields, st.sampled_from([float("inf"), float("nan"), 10**40, "",
                                                        [], {}])).map(replace))


@given(data=st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES)
def test_a_malformed_manifest_is_a_sentence(world: World, good_pack: Path, good_parts: Any,
                                            tmp_path: Path, data: st.DataObject) -> None:
    value = data.draw(_manifest_variants(good_parts[0]))
    text = data.draw(st.one_of(st.just(json.dumps(value)), st.text(max_size=30)))
    bad = tmp_path / "manifest.spocpack"
    _with_setting(good_pack, bad, packmod.MANIFEST_KEY, text)
    _plan_or_sentence(world, bad)


@given(data=st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES)
def test_a_malformed_merge_base_is_a_sentence(world: World, good_pack: Path, good_parts: Any,
                                              tmp_path: Path, data: st.DataObject) -> None:
    base = good_parts[1]
    table = data.draw(st.sampled_from(sorted(base)))
    record = data.draw(st.sampled_from(sorted(base[table]))) if base[table] else None
    value: object
    shape = data.draw(st.sampled_from(["whole", "table", "record", "field", "text"]))
    if shape == "whole":
        value = data.draw(JSON)
    elif shape == "table":
        value = {**base, table: data.draw(JSON)}
    elif shape == "record" and record is not None:
        value = {**base, table: {**base[table], record: data.draw(JSON)}}
    elif record is not None:
        column = data.draw(st.sampled_from(sorted(base[table][record])))
        value = {**base, table: {**base[table], record: {**base[table][record],
                                                          column: data.draw(JSON)}}}
    else:
        value = data.draw(JSON)
    text = json.dumps(value) if shape != "text" else data.draw(st.text(max_size=30))
    bad = tmp_path / "base.spocpack"
    _with_setting(good_pack, bad, packmod.BASE_KEY, text)
    _plan_or_sentence(world, bad)


GOOD_MANIFEST = packmod.Manifest(
    pack_id="p", source_store_id="s", absence_id="a", created_at="2026-03-02T09:00:00+00:00",
    interaction_days=90, records={"case_record": {"c1": 3}, "followup": {"f1": 1}}).to_dict()


@given(st.one_of(JSON, _manifest_variants(GOOD_MANIFEST)))
@settings(max_examples=500, deadline=None)
@example({**GOOD_MANIFEST, "interaction_days": float("inf")})  # OverflowError before
@example({**GOOD_MANIFEST, "records": {"case_record": {"c1": float("-inf")}}})
@example({**GOOD_MANIFEST, "version": True})
def test_manifest_from_any_json(value: object) -> None:
    try:
        manifest = packmod.Manifest.from_data("pack", value)
    except SpocError as exc:
        assert str(exc).endswith(".")
    else:
        assert manifest.format == packmod.FORMAT and type(manifest.version) is int
        assert isinstance(manifest.interaction_days, int)
        assert all(type(r) is int for ids in manifest.records.values() for r in ids.values())
