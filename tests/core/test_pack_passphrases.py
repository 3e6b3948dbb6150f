"""Passphrases for a file that travels: strong, not the owner's, generated from words."""

from __future__ import annotations

from pathlib import Path

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import WeakPassphrase
from spocdesk.core.handover import pack as packmod
from spocdesk.core.handover import passphrases
from spocdesk.core.store import Store
from spocdesk.core.store.passphrase import strength
from tests.conftest import PASSPHRASE
from tests.core.test_handover_support import World, build_world, fast_kdf  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_kdf")


def test_the_shipped_word_list_has_2048_distinct_words_and_its_licence() -> None:
    words = passphrases.words()
    assert len(words) == len(set(words)) == 2048
    assert all(w.isalpha() and w.islower() for w in words)
    licence = passphrases.WORDLIST.with_name("WORDLIST-LICENSE.txt").read_text()
    assert "MIT License" in licence and "BIP-39" in licence


def test_generated_passphrases_are_strong_and_differ() -> None:
    made = {passphrases.generate() for _ in range(50)}
    assert len(made) == 50
    for secret in made:
        assert len(secret.split()) == passphrases.GENERATED_WORDS
        assert strength(secret)[0] == passphrases.STRONG
        passphrases.check_strength(secret)


@pytest.mark.parametrize("weak", ["Only8chr!", "twelve chars", "a two-word phrase"])
def test_a_weak_pack_passphrase_is_refused(weak: str) -> None:
    with pytest.raises(WeakPassphrase):
        passphrases.check_strength(weak)


def test_the_owners_passphrase_never_seals_a_pack(store: Store, clock: FixedClock,
                                                  tmp_path: Path) -> None:
    world: World = build_world(store, clock)
    out = tmp_path / "pack.spocpack"
    with pytest.raises(WeakPassphrase) as caught:
        packmod.export_pack(store, world.absence_id, out, PASSPHRASE)
    assert "not your store's passphrase" in str(caught.value)
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "home"]
