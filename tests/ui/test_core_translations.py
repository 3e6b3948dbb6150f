"""Core's sentences (errors, passphrase hints) in German: marked for lupdate,
translated in the shipped .ts with the same placeholders, and shown translated
once the GUI has installed its translator (the command line stays English)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import spocdesk.core
from spocdesk.core import errors
from spocdesk.core.cases.service import check_choice
from spocdesk.core.errors import QT_TRANSLATE_NOOP, DamagedStore, NotFound, SpocError
from spocdesk.core.handover.pack import DamagedPack
from spocdesk.core.store import passphrase
from spocdesk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "spocdesk_de.ts"
SOURCES = [*(ROOT / "spocdesk" / "core").rglob("*.py"), *(ROOT / "spocdesk" / "ui").rglob("*.py")]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _marked() -> dict[str, str]:
    """Every ``QT_TRANSLATE_NOOP("spocdesk.core", …)`` template → where it is."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "QT_TRANSLATE_NOOP" \
                    and isinstance(node.args[0], ast.Constant) \
                    and node.args[0].value == errors.CONTEXT:
                template = node.args[1]
                assert isinstance(template, ast.Constant) and isinstance(template.value, str), \
                    f"{path}:{node.lineno}"
                found[template.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def _german() -> dict[str, str | None]:
    """The .ts's "spocdesk.core" messages → their finished translation (None if not)."""
    out: dict[str, str | None] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") != errors.CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and not translation.get("type") \
                and bool((translation.text or "").strip())
            out[message.findtext("source") or ""] = \
                translation.text if done and translation is not None else None
    return out


def test_every_core_template_has_a_finished_german_translation() -> None:
    marked, german = _marked(), _german()
    assert len(marked) > 150
    missing = [f"{where}: {t!r}" for t, where in sorted(marked.items()) if not german.get(t)]
    assert missing == []
    differ = {t: german[t] for t in marked
              if german.get(t) and _placeholders(german[t] or "") != _placeholders(t)}
    assert differ == {}
    for template in marked:  # formats with the template's params, no brace left over
        values = {name: "·" for name in _placeholders(template)}
        shown = (german[template] or "").format(**values)
        assert shown.count("{") == template.format(**values).count("{"), template


def _spoc_error_names() -> set[str]:
    for info in pkgutil.walk_packages(spocdesk.core.__path__, "spocdesk.core."):
        if ".migrations" not in info.name:
            importlib.import_module(info.name)
    names, todo = set(), [SpocError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names | {"_bad"}


def test_no_core_error_is_raised_with_an_unmarked_sentence() -> None:
    """``raise InvalidInput(f"…")`` would show English in the GUI: every string given
    to a SpocError is a marked template (its values go in as named params)."""
    names = _spoc_error_names()
    assert {"InvalidInput", "NotFound", "DamagedStore", "DamagedPack"} <= names
    unmarked = []
    for path in [*(ROOT / "spocdesk" / "core").rglob("*.py"), ROOT / "spocdesk" / "ui"
                 / "briefing_pdf.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name in names and any(
                        isinstance(a, ast.JoinedStr) or (isinstance(a, ast.Constant)
                                                         and isinstance(a.value, str) and a.value)
                        for a in node.args):
                    unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unmarked == []


@pytest.fixture
def german(qapp: QApplication) -> Iterator[str]:
    language = i18n.install(qapp, "de")
    yield language
    i18n.uninstall(qapp)


def test_core_errors_read_german_in_the_gui(german: str) -> None:
    assert german == "de"
    error = NotFound(QT_TRANSLATE_NOOP(
        "spocdesk.core", "There is no stakeholder with id {id}."), id="s-42")
    assert str(error) == "Es gibt keinen Ansprechpartner mit der ID s-42."
    damaged = DamagedStore(Path("/data/work.spocdesk"),
                           QT_TRANSLATE_NOOP("spocdesk.core", "the file is truncated"))
    assert str(damaged) == (
        "Der Datenspeicher unter /data/work.spocdesk ist beschädigt (die Datei ist "
        "abgeschnitten); stellen Sie ihn aus einer Sicherung wieder her.")
    pack = DamagedPack(Path("/tmp/p.spocdesk-pack"), errors.Message(QT_TRANSLATE_NOOP(
        "spocdesk.core", "page {page} of {count} fails its authentication check"),
        page=3, count=9))
    assert "Seite 3 von 9 besteht die Echtheitsprüfung nicht" in str(pack)
    with pytest.raises(SpocError) as caught:
        check_choice("priority", "urgent", ["low", "high"])
    assert str(caught.value) == "„urgent“ ist keine Priorität; verwenden Sie eine von: low, high."
    assert passphrase.strength("short")[1].startswith("Zu kurz:")
    for text in (str(error), str(damaged), str(pack), str(caught.value)):
        assert "{" not in text and "}" not in text


def test_english_again_once_the_translator_is_gone(qapp: QApplication) -> None:
    i18n.install(qapp, "de")
    i18n.uninstall(qapp)
    error = NotFound(QT_TRANSLATE_NOOP("spocdesk.core", "There is no case {ref}."), ref="C-7")
    assert str(error) == "There is no case C-7."
    assert i18n.install(qapp, "en") == "en"
    assert str(error) == "There is no case C-7."
    i18n.uninstall(qapp)
