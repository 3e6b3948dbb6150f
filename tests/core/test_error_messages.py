"""Core's sentences: English templates with named placeholders, rendered when shown,
through a translation hook that only the GUI installs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spocdesk.core import errors
from spocdesk.core.cases.service import check_choice
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    DamagedStore,
    InvalidInput,
    Message,
    NotAStore,
    NotFound,
    StoreInUse,
    WrongPassphrase,
)
from spocdesk.core.handover.pack import DamagedPack, PackTooNew
from spocdesk.core.store import passphrase
from spocdesk.core.store.backup import DamagedBackup


@pytest.fixture
def shouting() -> Iterator[None]:
    """A stand-in translator: upper-cases the words, keeps the placeholders."""

    errors.set_translator(_upper_outside_braces)
    yield
    errors.set_translator(None)


def _upper_outside_braces(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        depth += ch == "{"
        out.append(ch if depth else ch.upper())
        depth -= ch == "}"
    return "".join(out)


def test_english_messages_are_unchanged() -> None:
    path = Path("/data/work.spocdesk")
    assert str(WrongPassphrase()) == "The passphrase is not correct for this store."
    assert str(StoreInUse(path)) == (
        "The store at /data/work.spocdesk is already open in another spocdesk window or "
        "command; close that one first.")
    assert str(DamagedStore(path)) == (
        "The store at /data/work.spocdesk is damaged; restore it from a backup.")
    assert str(DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is empty"))) == (
        "The store at /data/work.spocdesk is damaged (the file is empty); restore it from a "
        "backup.")
    why = Message(QT_TRANSLATE_NOOP(
        "spocdesk.core", "{count} page(s) fail their authentication check"), count=3)
    assert str(DamagedBackup(path, why)) == (
        "The backup at /data/work.spocdesk is damaged (3 page(s) fail their authentication "
        "check); nothing was restored.")
    assert str(NotAStore(path, "it holds no spocdesk data")) == (
        "/data/work.spocdesk is not a spocdesk store: it holds no spocdesk data.")
    assert str(PackTooNew(path, 7)).startswith(
        "The handover pack /data/work.spocdesk has format version 7, which this spocdesk")
    assert str(DamagedPack(path)).startswith("The handover pack /data/work.spocdesk is damaged;")
    with pytest.raises(InvalidInput) as caught:
        check_choice("priority", "urgent", ["low", "normal", "high"])
    assert str(caught.value) == "'urgent' is not a priority; use one of: low, normal, high."
    # a literal brace in a template is written doubled and shown single
    assert str(InvalidInput(QT_TRANSLATE_NOOP(
        "spocdesk.core", "{{{name}}} is not a placeholder; use {choices}."),
        name="date", choices="{today}")) == "{date} is not a placeholder; use {today}."
    assert passphrase.strength("short") == (
        0, f"Too short: use at least {passphrase.MIN_LENGTH} characters.")


def test_template_and_params_stay_apart() -> None:
    error = NotFound(QT_TRANSLATE_NOOP(
        "spocdesk.core", "There is no case with id {id}."), id="c-1")
    assert error.template == "There is no case with id {id}."
    assert error.params == {"id": "c-1"}
    assert error.args == ("There is no case with id {id}.",)


def test_the_hook_translates_the_sentence_and_its_why(shouting: None) -> None:
    path = Path("/data/work.spocdesk")
    error = DamagedStore(path, QT_TRANSLATE_NOOP("spocdesk.core", "the file is empty"))
    assert str(error) == (
        "THE STORE AT /data/work.spocdesk IS DAMAGED (THE FILE IS EMPTY); RESTORE IT FROM A "
        "BACKUP.")
    why = Message(QT_TRANSLATE_NOOP("spocdesk.core", "its {key} cannot be read"), key="base")
    assert str(DamagedPack(path, why)).startswith(
        "THE HANDOVER PACK /data/work.spocdesk IS DAMAGED (ITS base CANNOT BE READ)")
    assert passphrase.strength("correct horse battery staple")[1] == "STRONG."


def test_a_translation_with_a_wrong_placeholder_falls_back_to_english() -> None:
    errors.set_translator(lambda template: "Kein Fall mit der Nummer {nummer}.")
    try:
        error = NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no case with id {id}."), id="c-1")
        assert str(error) == "There is no case with id c-1."
    finally:
        errors.set_translator(None)
    assert str(WrongPassphrase()) == "The passphrase is not correct for this store."
