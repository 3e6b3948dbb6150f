"""A combo box whose type-ahead skips the symbols in front of a label.

Qt's own type-ahead compares the typed letters with the start of the item's text, so
"h" never finds "▲ High" (the arrows say "higher" to those who do not see colour)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget


def words_of(label: str) -> str:
    """The label from its first letter or digit on, folded for comparing."""
    for index, char in enumerate(label):
        if char.isalnum():
            return label[index:].casefold()
    return ""


class WordSearchCombo(QComboBox):
    """Typing letters chooses the item whose words start with them ("h" → "▲ High");
    the same letter again goes on to the next such item, as in Qt's own type-ahead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._since = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.KeypadModifier)
        if self.isEditable() or not plain or not text.isprintable() or not text.strip():
            super().keyPressEvent(event)
            return
        if (not self._since.isValid()
                or self._since.elapsed() > QApplication.keyboardInputInterval()):
            self._typed = ""
        self._since.start()
        again = self._typed == text.casefold()  # the same letter: the next match
        self._typed = text.casefold() if again else self._typed + text.casefold()
        row = self._find(self._typed, after=again)
        if row < 0 and len(self._typed) > 1:  # a new word: start again with this letter
            self._typed = text.casefold()
            row = self._find(self._typed, after=True)
        if row >= 0 and row != self.currentIndex():
            self.setCurrentIndex(row)
            self.activated.emit(row)
        event.accept()

    def _find(self, typed: str, *, after: bool) -> int:
        count = self.count()
        start = max(0, self.currentIndex()) + (1 if after else 0)
        for step in range(count):
            row = (start + step) % count
            if words_of(self.itemText(row)).startswith(typed):
                return row
        return -1
