"""The interface language: which translation loads at startup.

The language is chosen before the store is unlocked, so the choice made in the
Settings dialog is mirrored into QSettings (a language code is not user data).
"" follows the system: German when the system's first user-interface language
is German, English otherwise. Dates and numbers follow the locale
(:class:`QLocale`); an explicit choice also sets the default locale's language
while keeping the system's country.

The sentences of :mod:`spocdesk.core` (its errors, the passphrase hints) are
English templates marked for lupdate under the context ``"spocdesk.core"``;
:func:`install` hands core a hook that looks them up in the same translation.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from spocdesk.core import errors
from spocdesk.ui.resources import translations_dir

log = logging.getLogger(__name__)

SHIPPED = ("en", "de")  # English is the source language; German ships as a .qm
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for lupdate under ``context``; translate it later with
    ``QCoreApplication.translate(context, value)``. (Qt's own returns ``object``
    to type checkers; this one is typed.)"""
    return source


def chosen_language() -> str:
    """The language the user chose ("" = follow the system), from QSettings."""
    value = QSettings().value(SETTINGS_KEY, "")
    return value if isinstance(value, str) and value in SHIPPED else ""


def remember_language(code: str) -> None:
    """Mirror the Settings dialog's choice so the next start can load it before unlock."""
    settings = QSettings()
    if code in SHIPPED:
        settings.setValue(SETTINGS_KEY, code)
    else:
        settings.remove(SETTINGS_KEY)


def resolve(code: str, system: QLocale | None = None) -> str:
    """The shipped language to use for ``code`` ("" = the system's)."""
    if code in SHIPPED:
        return code
    for name in (system or QLocale.system()).uiLanguages():
        language = name.replace("_", "-").split("-")[0].lower()
        if language in SHIPPED:
            return language
    return "en"


def install(app: QCoreApplication, code: str | None = None) -> str:
    """Load the translation for ``code`` (None = the remembered choice) into ``app``,
    with Qt's own strings for the standard dialogs; returns the language in use."""
    uninstall(app)
    wanted = chosen_language() if code is None else code
    language = resolve(wanted)
    if wanted in SHIPPED:
        system = QLocale.system()
        QLocale.setDefault(QLocale(QLocale(language).language(), system.territory()))
    if language == "en":  # the source language: only the plural forms ("1 result")
        plurals = QTranslator(app)
        if plurals.load("spocdesk_en", str(translations_dir())):
            app.installTranslator(plurals)
            _installed.append(plurals)
        return language
    ours = QTranslator(app)
    if not ours.load(f"spocdesk_{language}", str(translations_dir())):
        log.warning("no translation found for %s", language)
        return "en"
    app.installTranslator(ours)
    _installed.append(ours)
    errors.set_translator(_translate_core)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{language}",):
        base = QTranslator(app)
        if base.load(name, qt_dir):
            app.installTranslator(base)
            _installed.append(base)
    return language


def _translate_core(template: str) -> str:
    """The hook core renders its sentences with (see :func:`errors.set_translator`)."""
    return QCoreApplication.translate(errors.CONTEXT, template)


def uninstall(app: QCoreApplication) -> None:
    """Remove every translator :func:`install` added (tests switch back and forth)."""
    errors.set_translator(None)
    while _installed:
        app.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale.system())
