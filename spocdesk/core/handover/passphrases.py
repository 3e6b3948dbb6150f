"""Passphrases for a file that travels: a handover pack leaves the machine (by
e-mail, on a stick), so anyone who finds it can try passphrases offline for as
long as they like. Its passphrase must therefore be strong (the store's estimate,
:func:`spocdesk.core.store.passphrase.strength`, at its top score), must not be the
owner's store passphrase, and spocdesk offers one made of random words.

The words come from ``wordlist_en.txt`` (the 2048-word English list of BIP-39,
MIT licence, see ``WORDLIST-LICENSE.txt``), chosen with :mod:`secrets`: six words
are 66 bits of entropy, beyond an offline attack on PBKDF2 with 256,000 rounds.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from spocdesk.core.errors import QT_TRANSLATE_NOOP, WeakPassphrase
from spocdesk.core.store import passphrase

if TYPE_CHECKING:
    from spocdesk.core.store import Store

WORDLIST = Path(__file__).with_name("wordlist_en.txt")
GENERATED_WORDS = 6
STRONG = 4  # the top score of passphrase.strength


@cache
def words() -> tuple[str, ...]:
    """The shipped word list (2048 distinct lowercase words)."""
    return tuple(line.strip() for line in WORDLIST.read_text(encoding="utf-8").splitlines()
                 if line.strip())


def generate(count: int = GENERATED_WORDS) -> str:
    """A new pack passphrase: ``count`` random words, separated by spaces."""
    pool = words()
    return " ".join(secrets.choice(pool) for _ in range(count))


def check_strength(secret: str) -> None:
    """Refuse a pack passphrase below the top strength score."""
    if passphrase.strength(secret)[0] < STRONG:
        raise WeakPassphrase(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "A handover pack travels, so its passphrase must be strong: four words or more, "
            "or 16 characters mixing letters, digits and signs. Use the generated one."))


def check_for_pack(store: Store, secret: str) -> None:
    """Refuse a weak pack passphrase and the owner's own store passphrase."""
    check_strength(secret)
    if store.passphrase_matches(secret):
        raise WeakPassphrase(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The handover pack needs a passphrase of its own, not your store's passphrase."))
