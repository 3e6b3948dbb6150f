"""The German translation: complete, in step with the code, placeholders and
accelerators intact, loaded at startup, and actually used at run time."""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from spocdesk.core import demo
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui import i18n
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.resources import translations_dir

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%[0-9vm]")
TAG = re.compile(r"</?[a-z0-9]+")
MNEMONIC = re.compile(r"&([^&\s])")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()
MESSAGES = SCRIPT.messages(SCRIPT.ts_path("de"))


@pytest.fixture
def german(qapp: QApplication) -> Iterator[str]:
    language = i18n.install(qapp, "de")
    yield language
    i18n.uninstall(qapp)


def test_every_string_is_translated() -> None:
    untranslated = [f"[{c}] {s}" for (c, s), t in MESSAGES.items() if t is None]
    assert len(MESSAGES) > 500
    assert untranslated == []


@pytest.mark.skipif(SCRIPT.tool("lupdate") is None, reason="pyside6-lupdate is not installed")
def test_the_ts_file_matches_the_strings_in_the_code() -> None:
    """A string added to the code without a translation fails here: run
    ``python scripts/update_translations.py`` and translate it (German, and the English
    plural forms of a "%n" string)."""
    for language in SCRIPT.LANGUAGES:
        assert SCRIPT.check(language) == [], language


def test_the_compiled_qm_is_not_older_than_the_ts() -> None:
    ts, qm = SCRIPT.ts_path("de"), SCRIPT.ts_path("de").with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_size > 10_000
    if shutil.which("pyside6-lrelease") or SCRIPT.tool("lrelease"):
        assert qm.stat().st_mtime >= ts.stat().st_mtime - 1, "run update_translations.py"


def translation_problems(source: str, german: str) -> list[str]:
    problems = []
    if sorted(PLACEHOLDER.findall(german)) != sorted(PLACEHOLDER.findall(source)):
        problems.append("placeholders differ")
    if sorted(TAG.findall(german)) != sorted(TAG.findall(source)):
        problems.append("HTML tags differ")
    if len(MNEMONIC.findall(german)) != len(MNEMONIC.findall(source)):
        problems.append("accelerator (&) added or lost")
    # a suffix like " h" or a prefix like "every " keeps its space
    if german[:1].isspace() != source[:1].isspace() \
            or german[-1:].isspace() != source[-1:].isspace():
        problems.append("leading or trailing space differs")
    if "Ctrl+" in german:
        problems.append("Ctrl+ (German keyboards say Strg+)")
    return problems


def test_placeholders_tags_and_accelerators_survive() -> None:
    broken = {f"[{c}] {s!r}": p for (c, s), t in MESSAGES.items() if t is not None
              for form in t.split(SCRIPT.FORMS)  # each plural form of a "%n" message
              if (p := translation_problems(s, form))}
    assert broken == {}


def test_the_checks_catch_a_broken_translation() -> None:
    assert translation_problems("{n} cases", "{anzahl} Fälle") == ["placeholders differ"]
    assert translation_problems("&File", "Datei") == ["accelerator (&) added or lost"]
    assert translation_problems(" h", "Std.") == ["leading or trailing space differs"]


def _mnemonics(widgets: list[QWidget] | list[str]) -> list[str]:
    letters = []
    for item in widgets:
        text = item if isinstance(item, str) else (
            item.text() if isinstance(item, QAbstractButton | QLabel) else "")
        found = MNEMONIC.search(text.replace("&&", ""))
        if found:
            letters.append(found.group(1).casefold())
    return letters


def _duplicates(letters: list[str]) -> list[str]:
    return sorted({x for x in letters if letters.count(x) > 1})


@pytest.mark.parametrize("language", ["en", "de"])
def test_menu_accelerators_are_unique(qtbot, qapp: QApplication, store: Store,
                                      language: str) -> None:
    i18n.install(qapp, language)
    try:
        window = MainWindow(store.location)
        qtbot.addWidget(window)
        bar = window.menuBar()
        titles = [a.text() for a in bar.actions()]
        assert _duplicates(_mnemonics(titles)) == [], titles
        for action in bar.actions():
            menu = action.menu()
            assert isinstance(menu, QMenu)
            texts = [a.text() for a in menu.actions() if not a.isSeparator()]
            assert _duplicates(_mnemonics(texts)) == [], texts
    finally:
        i18n.uninstall(qapp)


def test_main_window_speaks_german(qtbot, german: str, store: Store) -> None:
    assert german == "de"
    window = MainWindow(store.location)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Datei", "&Gehe zu", "&Hilfe"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert "&Sperren" in [a.text() for a in file_menu.actions()]
    pages = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert pages == ["Fälle", "Ansprechpartner", "Wiedervorlagen", "Übergabe", "Übersicht",
                     "Posteingang"]
    # Qt's own strings come in German too (standard buttons of message boxes and dialogs)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    # shortcuts read the way a German keyboard labels them
    assert QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText) == "Strg+K"


def test_numbers_and_dates_follow_the_locale(german: str) -> None:
    assert fmt.number(1234567) == "1.234.567"
    assert QLocale().dateFormat(QLocale.FormatType.ShortFormat) == "dd.MM.yy"
    assert fmt.date_format() == "dd.MM.yyyy"
    i18n.uninstall(QApplication.instance())  # type: ignore[arg-type]
    i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]
    assert "1,234,567" in fmt.number(1234567) or QLocale.system().language() != \
        QLocale.Language.English


def test_language_choice_follows_the_system_or_the_setting(qapp: QApplication) -> None:
    german_system = QLocale(QLocale.Language.German, QLocale.Country.Austria)
    french_system = QLocale(QLocale.Language.French, QLocale.Country.France)
    assert i18n.resolve("", german_system) == "de"
    assert i18n.resolve("", french_system) == "en"
    assert i18n.resolve("en", german_system) == "en"
    assert i18n.resolve("de", french_system) == "de"
    i18n.remember_language("de")
    assert i18n.chosen_language() == "de"
    assert QSettings().value(i18n.SETTINGS_KEY) == "de"
    i18n.remember_language("")
    assert i18n.chosen_language() == ""
    assert (translations_dir() / "spocdesk_de.qm").is_file()


class Recorder(QTranslator):
    """Installed last, so asked first: notes every lookup and answers none."""

    def __init__(self) -> None:
        super().__init__()
        self.lookups: dict[str, set[str]] = {}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        self.lookups.setdefault(source, set()).add(context)
        return None

    def isEmpty(self) -> bool:
        return False


def test_every_string_looked_up_at_run_time_has_a_translation(qtbot, german: str,
                                                             store: Store,
                                                             tmp_path: Path) -> None:
    """Catches what lupdate cannot see: a text built at run time, or one looked up in a
    different context than lupdate filed it under (``parent.tr(…)``, a module-level
    ``tr()`` helper)."""
    from tests.ui.test_accessibility import _dialogs, visit_every_page

    recorder = Recorder()
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(recorder)
    try:
        demo.generate(store, "small")
        visit_every_page(qtbot, store)
        for make in _dialogs(store, tmp_path).values():
            dialog = make()
            qtbot.addWidget(dialog)
            dialog.show()
            dialog.grab()
            dialog.close()
    finally:
        app.removeTranslator(recorder)
    assert "MainWindow" in recorder.lookups.get("&File", set())  # the recorder saw lookups
    ours = {c for c, _ in MESSAGES}
    missing = []
    for source, contexts in recorder.lookups.items():
        if not re.search(r"[A-Za-z]", source) or not contexts & ours:
            continue  # Qt's own strings (QPlatformTheme, QShortcut, …)
        if not any(MESSAGES.get((c, source)) for c in contexts):
            missing.append(f"{sorted(contexts & ours)}: {source!r}")
    assert missing == []


@pytest.mark.parametrize(("language", "one", "many"), [
    ("en", "1 stakeholder", "3,000 stakeholders"),
    ("de", "1 Ansprechpartner", "3.000 Ansprechpartner")])
def test_counts_take_the_plural_form_of_the_language(qapp: QApplication, language: str,
                                                     one: str, many: str) -> None:
    i18n.install(qapp, language)
    try:
        def stakeholders(n: int) -> str:
            return fmt.grouped(qapp.translate("StakeholdersPage", "%n stakeholders", None, n), n)

        assert (stakeholders(1), stakeholders(3000)) == (one, many)
        results = [qapp.translate("SearchPalette", "%n results", None, n) for n in (1, 2)]
        assert results == (["1 result", "2 results"] if language == "en"
                           else ["1 Ergebnis", "2 Ergebnisse"])
    finally:
        i18n.uninstall(qapp)


def test_date_edits_show_four_digit_years_in_every_locale(qtbot, german: str) -> None:
    from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit

    app = QApplication.instance()
    assert app is not None
    years = fmt.FourDigitYears(app)
    app.installEventFilter(years)
    try:
        date, moment, clock = QDateEdit(), QDateTimeEdit(), QTimeEdit()
        for edit in (date, moment, clock):
            qtbot.addWidget(edit)
            edit.show()  # polished: the filter sets the display format
        assert date.displayFormat() == "dd.MM.yyyy"
        assert "yyyy" in moment.displayFormat() and "yy" not in \
            moment.displayFormat().replace("yyyy", "")
        assert "y" not in clock.displayFormat()
        assert date.text().count(".") == 2 and len(date.text().split(".")[2]) == 4
        from datetime import UTC, datetime

        shown = fmt.when(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # texts too
        assert "05.12.2026" in shown and ":00" in shown
        assert fmt.when(datetime(2026, 12, 5, 12, 0, tzinfo=UTC), with_time=False) == \
            "05.12.2026"
    finally:
        app.removeEventFilter(years)
