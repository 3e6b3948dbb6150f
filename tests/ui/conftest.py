"""Widget tests see the English a user sees: with the plural forms ("1 conflict")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from spocdesk.ui.resources import translations_dir


@pytest.fixture(autouse=True)
def english_plurals(qapp: QApplication) -> Iterator[None]:
    """The English plural forms the app installs for English (``i18n.install``), without
    touching the locale; a test that installs German replaces them for its duration."""
    plurals = QTranslator(qapp)
    assert plurals.load("spocdesk_en", str(translations_dir()))
    qapp.installTranslator(plurals)
    yield
    qapp.removeTranslator(plurals)
