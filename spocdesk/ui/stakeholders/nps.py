"""A stakeholder's Net Promoter answer (issue 21 item 1): "How likely are you to
recommend us?", 0 to 10, at most once a calendar quarter.

* :class:`NpsDialog` — the answer (eleven buttons, the digit keys and 0 choose)
  with an optional comment.
* :class:`NetPromoterLine` — the stakeholder card's line: the last answer and when
  the next one is due, with *Record a Net Promoter answer…* while one is due.

Recording goes through :func:`spocdesk.core.metrics.feedback.record_nps`; the
dashboard's *Net Promoter answers due* lists the people to ask this quarter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.metrics import feedback
from spocdesk.core.store import Store


@dataclass(frozen=True)
class NpsInput:
    score: int
    comment: str


class NpsDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("npsDialog")
        self.setWindowTitle(self.tr("Net Promoter answer — {name}").format(name=name))
        question = QLabel(self.tr("How likely is {name} to recommend us to a friend or "
                                  "colleague? 0 = not at all, 10 = extremely likely.").format(
            name=name), self)
        question.setObjectName("npsQuestion")
        question.setWordWrap(True)
        question.setTextFormat(Qt.TextFormat.PlainText)
        self.scores = QButtonGroup(self)
        self.scores.setExclusive(True)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.score_buttons: list[QPushButton] = []
        for value in feedback.NPS_RANGE:
            button = QPushButton(str(value), self)
            button.setObjectName(f"nps{value}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setAccessibleName(self.tr("{n} of 10").format(n=value))
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("10") + 18)
            self.scores.addButton(button, value)
            self.score_buttons.append(button)
            row.addWidget(button)
        self.scores.idToggled.connect(lambda _i, _on: self._check())
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("npsComment")
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("Why, in their words (optional)"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(80)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Save"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("okButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.comment)
        layout.addWidget(buttons)
        self._check()
        self.score_buttons[0].setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A digit no field took chooses that score (1 then 0 within a second: 10 is the
        last button; the digit 0 alone is 0)."""
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            digit = key - Qt.Key.Key_0
            value = 10 if digit == 0 and self.scores.checkedId() == 1 else digit
            self.scores.button(value).setChecked(True)
            event.accept()
            return
        super().keyPressEvent(event)

    def _check(self) -> None:
        self.save_button.setEnabled(self.scores.checkedId() in feedback.NPS_RANGE)

    def answer(self) -> NpsInput | None:
        score = self.scores.checkedId()
        if score not in feedback.NPS_RANGE:
            return None
        return NpsInput(score, self.comment.toPlainText().strip())

    @classmethod
    def ask(cls, name: str, parent: QWidget | None = None) -> NpsInput | None:
        dialog = cls(name, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _day(day: object) -> str:
    return QLocale().toString(QDate(day), QLocale.FormatType.ShortFormat)  # type: ignore[call-overload]


class NetPromoterLine(QWidget):
    """The card's line: "Net Promoter: 9 in 2026-Q1, next from 01/04/2026" and the
    button, enabled while an answer is due this quarter."""

    record = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("netPromoterLine")
        self.text = QLabel(self)
        self.text.setObjectName("npsStatus")
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("Net Promoter answer"))
        self.button = QPushButton(self.tr("Record a Net Promoter answer…"), self)
        self.button.setObjectName("recordNps")
        self.button.setAccessibleName(self.tr("Record a Net Promoter answer"))
        self.button.clicked.connect(self.record.emit)
        layout = QVBoxLayout(self)  # one above the other: the pane may be narrow
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_for(self, store: Store | None, stakeholder_id: str | None) -> None:
        if store is None or stakeholder_id is None:
            self.text.clear()
            return
        try:
            status = feedback.nps_status(store, stakeholder_id)
        except SpocError:
            self.text.clear()
            return
        if status.last_score is None:
            self.text.setText(self.tr("Net Promoter: no answer yet."))
        else:
            self.text.setText(self.tr("Net Promoter: {score} in {quarter}.").format(
                score=status.last_score, quarter=status.last_quarter))
        self.button.setEnabled(status.due)
        self.button.setToolTip(
            self.tr("One answer a quarter; due now") if status.due else
            self.tr("One answer a quarter; the next from {day}").format(
                day=_day(status.due_from)))
