"""Where a passphrase comes from, in order: environment, file, keyring, prompt."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    PassphraseRequired,
    WeakPassphrase,
    render,
)
from spocdesk.core.store import vault

ENV_PASSPHRASE = "SPOCDESK_PASSPHRASE"
ENV_PACK_PASSPHRASE = "SPOCDESK_PACK_PASSPHRASE"
MIN_LENGTH = 8


def read_file(path: str | os.PathLike[str]) -> str:
    """The first line of a passphrase file, without its line ending."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The passphrase file {path} cannot be read."), path=path) from exc
    line = text.splitlines()[0] if text else ""
    if not line:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The passphrase file {path} is empty."), path=path)
    return line


def resolve(store: Path | str, *, passphrase_file: str | None = None,
            prompt: Callable[[], str | None] | None = None,
            env_var: str = ENV_PASSPHRASE, use_keyring: bool = True) -> tuple[str, str]:
    """Return ``(passphrase, source)``; source is env, file, keyring or prompt."""
    env = os.environ.get(env_var)
    if env:
        return env, "env"
    if passphrase_file:
        return read_file(passphrase_file), "file"
    if use_keyring:
        remembered = vault.recall(store)
        if remembered:
            return remembered, "keyring"
    if prompt is not None:
        answer = prompt()
        if answer:
            return answer, "prompt"
    raise PassphraseRequired()


_TOO_SHORT = QT_TRANSLATE_NOOP("spocdesk.core", "Too short: use at least {count} characters.")
_HINTS = {
    1: QT_TRANSLATE_NOOP(
        "spocdesk.core",
        "Weak: a longer phrase of several words is easier to remember and harder to guess."),
    2: QT_TRANSLATE_NOOP(
        "spocdesk.core", "Fair: adding another word or two makes it much stronger."),
    3: QT_TRANSLATE_NOOP("spocdesk.core", "Good."),
    4: QT_TRANSLATE_NOOP("spocdesk.core", "Strong."),
}


def strength(passphrase: str) -> tuple[int, str]:
    """A rough 0–4 score and a hint (in the interface language, see
    :func:`spocdesk.core.errors.set_translator`); the length and variety of
    characters count."""
    length = len(passphrase)
    classes = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    if length < MIN_LENGTH:
        return 0, render(_TOO_SHORT, count=MIN_LENGTH)
    score = 1
    if length >= 12:
        score += 1
    if length >= 16 or words >= 4:
        score += 1
    if classes >= 3 or words >= 4:
        score += 1
    return min(score, 4), render(_HINTS[min(score, 4)])


def check_new(passphrase: str, repeated: str) -> None:
    if passphrase != repeated:
        raise WeakPassphrase(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The two passphrases are not the same."))
    if strength(passphrase)[0] == 0:
        raise WeakPassphrase(_TOO_SHORT, count=MIN_LENGTH)
