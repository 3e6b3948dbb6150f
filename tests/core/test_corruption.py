"""Corruption: damaged copies of a store fail with one specific error, and the damaged
file is never written to.

The decision, asserted case by case:

- damage anywhere after the first 16 bytes (flipped bits, truncation, whole pages
  cut) is :class:`DamagedStore`: every page carries a MAC, and a first page that
  fails while later pages verify under the same key means "damaged", not "wrong
  passphrase";
- damage confined to bytes 0-15 (the salt, which no MAC covers) is
  :class:`WrongPassphrase`: with a different salt the key is different, which is
  exactly what a wrong passphrase looks like, and nothing can tell them apart;
- never any other exception, and the file's bytes are the same afterwards.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.errors import DamagedStore, WrongPassphrase
from spocdesk.core.paths import Location, resolve
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store, check_file, keying
from spocdesk.core.store import check as store_module
from spocdesk.core.store import open as store_open
from tests.conftest import PASSPHRASE

CASES = 60


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cached_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key derivation is pure; caching it keeps 60 opens fast and changes nothing."""
    monkeypatch.setattr(keying, "derive", functools.lru_cache(maxsize=None)(keying.derive))


@pytest.fixture
def pristine(location: Location) -> Iterator[Path]:
    store = Store.create(location, PASSPHRASE)
    for i in range(25):
        sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
            display_name=f"Person {i}", notes="n" * 200)).value
        cases.add_case(store, cases.NewCase(title=f"Case {i}", description="d" * 400,
                                            stakeholders=[(sid, "client")]))
    store.close()
    yield location.store


def _damage(data: bytes, rng: random.Random) -> tuple[str, bytes, type[Exception]]:
    size = len(data)
    kind = rng.choice(["flip", "flip", "flip-many", "truncate", "cut-pages", "salt"])
    out = bytearray(data)
    if kind == "flip":
        offset = rng.randrange(16, size)
        out[offset] ^= 1 << rng.randrange(8)
        return f"flip@{offset}", bytes(out), DamagedStore
    if kind == "flip-many":
        offsets = [rng.randrange(16, size) for _ in range(rng.randint(2, 40))]
        for offset in offsets:
            out[offset] ^= rng.randrange(1, 256)
        return f"flip-many@{offsets[:3]}", bytes(out), DamagedStore
    if kind == "truncate":
        length = rng.randrange(0, size)
        return f"truncate@{length}", data[:length], DamagedStore
    if kind == "cut-pages":
        pages = rng.randint(1, size // keying.PAGE_SIZE - 1)
        return f"cut-{pages}-pages", data[:size - pages * keying.PAGE_SIZE], DamagedStore
    offset = rng.randrange(0, 16)
    out[offset] ^= rng.randrange(1, 256)
    return f"salt@{offset}", bytes(out), WrongPassphrase


def test_every_damaged_copy_fails_cleanly_and_is_not_written(
        pristine: Path, tmp_path: Path, cached_kdf: None) -> None:
    data = pristine.read_bytes()
    original = digest(pristine)
    seed = int(os.environ.get("SPOCDESK_CORRUPTION_SEED", "0")) or random.randrange(1 << 30)
    rng = random.Random(seed)
    seen: set[str] = set()
    for n in range(CASES):
        what, damaged, expected = _damage(data, rng)
        seen.add(what.split("@")[0])
        where = resolve(data_dir=tmp_path / f"copy{n}")
        where.data_dir.mkdir()
        where.store.write_bytes(damaged)
        before = digest(where.store)
        try:
            Store.open(where, PASSPHRASE).close()
        except expected:
            pass
        except Exception as exc:  # pragma: no cover - the failure we are looking for
            pytest.fail(f"seed {seed}, {what}: {type(exc).__name__}: {exc}")
        else:
            pytest.fail(f"seed {seed}, {what}: opened without complaint")
        # the full check agrees (or cannot tell, for the salt)
        try:
            assert not check_file(where.store, PASSPHRASE).ok, f"seed {seed}, {what}"
        except WrongPassphrase:
            assert expected is WrongPassphrase, f"seed {seed}, {what}"
        assert digest(where.store) == before, f"seed {seed}, {what}: the file was written"
        left = {p.name for p in where.data_dir.iterdir()} - {"spocdesk.db", "spocdesk.db.lock"}
        assert not left, f"seed {seed}, {what}: created {left}"
        shutil.rmtree(where.data_dir)
    assert digest(pristine) == original
    assert {"flip", "truncate"} <= seen


def test_first_page_damage_is_not_a_wrong_passphrase(pristine: Path) -> None:
    data = bytearray(pristine.read_bytes())
    data[200] ^= 0x10  # inside page 1, after the salt
    pristine.write_bytes(bytes(data))
    with pytest.raises(DamagedStore, match="first page"):
        Store.open(resolve(store=pristine), PASSPHRASE)
    with pytest.raises(WrongPassphrase):  # and a wrong passphrase still says so
        Store.open(resolve(store=pristine), "not the passphrase")


def _root_page(path: Path, table: str) -> int:
    key = keying.derive(PASSPHRASE, keying.read_salt(path))
    conn = store_module._ro_connect(path, key)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (table,)).fetchone()[0])
    finally:
        conn.close()


def test_damage_met_after_unlock_becomes_damaged_store_and_stops_writes(
        pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a big store unlock only samples pages; a damaged page found later by a read
    still ends in DamagedStore, and the store refuses to write from then on."""
    root = _root_page(pristine, "case_record")
    pages = pristine.stat().st_size // keying.PAGE_SIZE
    assert 1 < root < pages
    data = bytearray(pristine.read_bytes())
    data[(root - 1) * keying.PAGE_SIZE + 100] ^= 0xFF
    pristine.write_bytes(bytes(data))
    before = digest(pristine)
    # behave as on a store far above the full-check size, and sample no extra page
    monkeypatch.setattr(store_module, "FULL_UNLOCK_CHECK_BYTES", 0)
    monkeypatch.setattr(store_module, "HEAD_PAGES", 1)
    monkeypatch.setattr(store_module, "SAMPLE_PAGES", 0)
    store = Store.open(resolve(store=pristine), PASSPHRASE)
    try:
        with pytest.raises(DamagedStore):
            cases.list_cases(store)  # a read through Store.connection()
        assert store.damaged
        with pytest.raises(DamagedStore):
            stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(display_name="x"))
    finally:
        store.close()
    assert digest(pristine) == before


def test_damage_met_inside_a_unit_of_work_becomes_damaged_store(
        pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _root_page(pristine, "case_record")
    data = bytearray(pristine.read_bytes())
    data[(root - 1) * keying.PAGE_SIZE + 100] ^= 0xFF
    pristine.write_bytes(bytes(data))
    monkeypatch.setattr(store_module, "FULL_UNLOCK_CHECK_BYTES", 0)
    monkeypatch.setattr(store_module, "HEAD_PAGES", 1)
    monkeypatch.setattr(store_module, "SAMPLE_PAGES", 0)
    store = Store.open(resolve(store=pristine), PASSPHRASE)
    try:
        with pytest.raises(DamagedStore), store.unit_of_work() as uow:
            uow.session.execute(sa.text("SELECT title FROM case_record")).all()
        assert store.damaged
    finally:
        store.close()


def test_sampled_unlock_check_catches_damage_in_a_sampled_page(
        pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytearray(pristine.read_bytes())
    data[-10] ^= 0x01  # the last page is always among the sampled ones
    pristine.write_bytes(bytes(data))
    monkeypatch.setattr(store_module, "FULL_UNLOCK_CHECK_BYTES", 0)
    with pytest.raises(DamagedStore, match="authentication"):
        Store.open(resolve(store=pristine), PASSPHRASE)


def test_page_macs_match_sqlcipher(pristine: Path) -> None:
    """Our MAC check agrees with SQLCipher on a sound store and on a flipped bit."""
    key = keying.derive(PASSPHRASE, keying.read_salt(pristine))
    assert store_module.damaged_pages(pristine, key) == []
    data = bytearray(pristine.read_bytes())
    data[3 * keying.PAGE_SIZE + 7] ^= 0x04  # page 4
    pristine.write_bytes(bytes(data))
    assert store_module.damaged_pages(pristine, key) == [4]
    report = check_file(pristine, PASSPHRASE)
    assert any("4" in p for p in report.problems), report.problems


def test_damage_met_by_a_plain_session_becomes_damaged_store(
        pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Services that read through ``store.session()`` get the same sentence (the
    engine's ``handle_error`` hook), not a raw DatabaseError."""
    root = _root_page(pristine, "case_record")
    data = bytearray(pristine.read_bytes())
    data[(root - 1) * keying.PAGE_SIZE + 100] ^= 0xFF
    pristine.write_bytes(bytes(data))
    monkeypatch.setattr(store_module, "FULL_UNLOCK_CHECK_BYTES", 0)
    monkeypatch.setattr(store_module, "HEAD_PAGES", 1)
    monkeypatch.setattr(store_module, "SAMPLE_PAGES", 0)
    store = Store.open(resolve(store=pristine), PASSPHRASE)
    try:
        with pytest.raises(DamagedStore), store.session() as session:
            session.execute(sa.text("SELECT title FROM case_record")).all()
        assert store.damaged
        with pytest.raises(DamagedStore):
            store.session()
    finally:
        store.close()


def test_unlock_prefetches_the_sample_it_then_checks(
        pristine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample is chosen before the key derivation and handed to the OS as a read-
    ahead hint, so the scattered reads overlap the derivation; the check then verifies
    exactly those pages."""
    monkeypatch.setattr(store_module, "FULL_UNLOCK_CHECK_BYTES", 0)
    monkeypatch.setattr(store_module, "SAMPLE_PAGES", 3)
    prefetched: list[list[int]] = []
    checked: list[list[int]] = []
    real_prefetch, real_damaged = store_module.prefetch, store_module.damaged_pages

    def record_prefetch(path: Path, pages: list[int] | None) -> None:
        assert pages is not None
        prefetched.append(list(pages))
        real_prefetch(path, pages)

    def record_check(path: Path, key: keying.RawKey, pages: list[int] | None = None
                     ) -> list[int]:
        assert pages is not None
        checked.append(sorted(pages))
        return real_damaged(path, key, pages)

    monkeypatch.setattr(store_open, "prefetch", record_prefetch)  # Store.open calls it
    monkeypatch.setattr(store_module, "damaged_pages", record_check)
    Store.open(resolve(store=pristine), PASSPHRASE).close()
    assert len(prefetched) == 1 and checked == [sorted(prefetched[0])]
    last = pristine.stat().st_size // keying.PAGE_SIZE
    assert 1 in prefetched[0] and last in prefetched[0]


def test_prefetch_is_only_a_hint(tmp_path: Path) -> None:
    store_module.prefetch(tmp_path / "missing.spocdesk", [1, 2])  # no error
    store_module.prefetch(tmp_path, None)
