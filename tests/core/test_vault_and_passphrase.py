from __future__ import annotations

from pathlib import Path

import pytest

from spocdesk.core.errors import InvalidInput, PassphraseRequired, WeakPassphrase
from spocdesk.core.store import passphrase, vault


def test_remember_recall_forget(memory_keyring, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    assert vault.availability().usable
    assert vault.recall(store) is None
    assert vault.remember(store, "secret words here")
    assert vault.recall(store) == "secret words here"
    assert memory_keyring.secrets  # really in the backend
    vault.forget(store)
    assert vault.recall(store) is None
    vault.forget(store)  # forgetting twice is fine


def test_no_keyring_degrades_quietly(no_keyring, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    state = vault.availability()
    assert not state.usable
    assert "keyring" in state.reason
    assert vault.remember(store, "x" * 12) is False
    assert vault.recall(store) is None
    vault.forget(store)


def test_resolution_order(memory_keyring, tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "s.db"
    file = tmp_path / "pw"
    file.write_text("from file\nsecond line\n", encoding="utf-8")
    vault.remember(store, "from keyring")

    assert passphrase.resolve(store, prompt=lambda: "typed") == ("from keyring", "keyring")
    assert passphrase.resolve(store, passphrase_file=str(file)) == ("from file", "file")
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", "from env")
    assert passphrase.resolve(store, passphrase_file=str(file)) == ("from env", "env")
    monkeypatch.delenv("SPOCDESK_PASSPHRASE")
    vault.forget(store)
    assert passphrase.resolve(store, prompt=lambda: "typed") == ("typed", "prompt")
    with pytest.raises(PassphraseRequired):
        passphrase.resolve(store, prompt=lambda: None)


def test_unreadable_passphrase_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        passphrase.read_file(tmp_path / "missing")
    (tmp_path / "empty").write_text("")
    with pytest.raises(InvalidInput):
        passphrase.read_file(tmp_path / "empty")


def test_strength_and_new_passphrase_checks() -> None:
    assert passphrase.strength("short")[0] == 0
    assert passphrase.strength("correct horse battery staple")[0] >= 3
    with pytest.raises(WeakPassphrase):
        passphrase.check_new("abc", "abc")
    with pytest.raises(WeakPassphrase):
        passphrase.check_new("long enough phrase", "long enough phrasE")
    passphrase.check_new("long enough phrase", "long enough phrase")
