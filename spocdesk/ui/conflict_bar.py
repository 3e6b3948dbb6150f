"""The line a refused save leaves above an editor's fields (the case detail, the
stakeholder edit dialog): someone saved the record since it was read
(:class:`~spocdesk.core.errors.Conflict`). The typed text stays in the fields; the
user chooses *Keep mine* (save it on top of the other edit) or *Take theirs* (show
what is saved and forget the typed text)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from spocdesk.core.errors import Conflict
from spocdesk.ui import format as fmt


class ConflictBar(QFrame):
    """Hidden until :meth:`show_conflict`; its buttons say what the user chose."""

    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent: QWidget | None = None, theirs_tip: str = "") -> None:
        """``theirs_tip``: what *Take theirs* shows (default: the saved case)."""
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setObjectName("conflictText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Edit conflict"))
        self.text.setStyleSheet(fmt.colour_css(fmt.AMBER))
        self.keep_button = QPushButton(self.tr("&Keep mine"), self)
        self.keep_button.setObjectName("keepMine")
        self.keep_button.setAccessibleName(self.tr("Keep mine"))
        self.keep_button.setToolTip(self.tr("Save what you typed over the other change"))
        self.keep_button.clicked.connect(self.keep_mine.emit)
        self.take_button = QPushButton(self.tr("Take &theirs"), self)
        self.take_button.setObjectName("takeTheirs")
        self.take_button.setAccessibleName(self.tr("Take theirs"))
        self.take_button.setToolTip(
            theirs_tip or self.tr("Show the saved case and drop what you typed"))
        self.take_button.clicked.connect(self.take_theirs.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.take_button)
        self.hide()

    def show_conflict(self, conflict: Conflict) -> None:
        """One sentence: what was changed meanwhile, and the choice."""
        what, fields = conflict.params.get("what", ""), conflict.params.get("fields")
        if fields is not None:
            text = self.tr("{what} was changed meanwhile ({fields}); your text is still "
                           "here: keep yours, or take theirs?").format(what=what, fields=fields)
        else:
            text = self.tr("{what} was changed meanwhile; your text is still here: keep "
                           "yours, or take theirs?").format(what=what)
        self.text.setText(text)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()
