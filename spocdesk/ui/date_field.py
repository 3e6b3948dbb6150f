"""A date field that Tab leaves, as every other field does.

Qt's date edit spends Tab on its own sections (day, month, year: three Tabs to cross
one date, six for a from–to pair). Here Tab goes on to the next field; within the date,
typing moves on when a section is full (or at the separator), and Left and Right move
the cursor, as in the system's own date pickers."""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateField(QDateEdit):
    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
