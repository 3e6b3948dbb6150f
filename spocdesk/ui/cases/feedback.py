"""Satisfaction on the record, from the case detail (issue 21 item 1).

* :class:`FeedbackDialog` — the client's satisfaction with a resolved case: CSAT 1 to
  5 (the keys 1–5 choose), how it was asked, an optional comment, and *Ask for
  feedback*, which opens a mail to the main stakeholder with the case's reference.
* :class:`FeedbackBar` — the line under a resolved case's badges: its answer, or
  "no feedback yet" with the buttons to record it or to ask for it.
* :func:`feedback_mail` — the ``mailto:`` link: from an interaction template whose
  name says *feedback* when there is one (placeholders filled for the case), from a
  built-in text otherwise.

Recording goes through :func:`spocdesk.core.metrics.feedback.record_csat`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import templates
from spocdesk.core.cases.detail import CaseDetail
from spocdesk.core.errors import SpocError
from spocdesk.core.metrics import feedback
from spocdesk.core.metrics.feedback import Feedback
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.ops import warn

DONE = ("resolved", "closed")
SCORES = (QT_TRANSLATE_NOOP("Feedback", "Very unhappy"),
          QT_TRANSLATE_NOOP("Feedback", "Unhappy"),
          QT_TRANSLATE_NOOP("Feedback", "Neutral"),
          QT_TRANSLATE_NOOP("Feedback", "Happy"),
          QT_TRANSLATE_NOOP("Feedback", "Very happy"))
VIA_NAMES = {"phone": QT_TRANSLATE_NOOP("Feedback", "by phone"),
             "email": QT_TRANSLATE_NOOP("Feedback", "by e-mail"),
             "survey": QT_TRANSLATE_NOOP("Feedback", "in a survey"),
             "in-person": QT_TRANSLATE_NOOP("Feedback", "in person")}
TEMPLATE_WORDS = ("feedback", "satisfaction", "zufriedenheit", "rückmeldung")


def via_name(via: str) -> str:
    return Q.translate("Feedback", VIA_NAMES[via]) if via in VIA_NAMES else ""


def stars(csat: int) -> str:
    return "★" * csat + "☆" * (5 - csat)


# -- the mail -------------------------------------------------------------------------

def feedback_template(store: Store) -> str | None:
    """The interaction template to ask with: the first whose name says feedback."""
    for row in templates.list_templates(store, "interaction"):
        if any(word in row.name.lower() for word in TEMPLATE_WORDS):
            return row.id
    return None


def _address(store: Store, case: CaseDetail) -> str:
    main = case.main_stakeholder
    if main is None:
        return ""
    try:
        card = stakeholders.details(store, main.stakeholder_id)
    except SpocError:
        return ""
    mails = [p for p in card.contact_points if p.kind == "email" and p.value]
    mails.sort(key=lambda p: not p.preferred)
    return mails[0].value if mails else ""


def feedback_mail(store: Store, case: CaseDetail) -> QUrl:
    """``mailto:`` the main stakeholder (their preferred address; none known: the
    mail program asks), subject and text from the feedback template."""
    template_id = feedback_template(store)
    if template_id is not None:
        note = templates.render_note(store, template_id, case.id)
        subject, body = note.summary, note.body
    else:
        main = case.main_stakeholder
        subject = Q.translate("Feedback", "How did we do? {ref}: {title}").format(
            ref=case.ref, title=case.title)
        body = Q.translate(
            "Feedback", "Hello {name},\n\nyour request {ref} ({title}) is resolved. How satisfied "
                   "are you with how it was handled, from 1 (very unhappy) to 5 (very happy)? "
                   "A word on what we could do better is welcome too.\n\nThank you!").format(
            name=main.name if main else "", ref=case.ref, title=case.title)
    query = f"subject={quote(subject)}&body={quote(body)}"
    return QUrl(f"mailto:{quote(_address(store, case), safe='@')}?{query}")


def open_url(url: QUrl) -> bool:
    """Hand a link to the desktop (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def ask_for_feedback(parent: QWidget, store: Store, case: CaseDetail) -> None:
    try:
        url = feedback_mail(store, case)
    except SpocError as exc:
        warn(parent, Q.translate("Feedback", "No mail opened"), str(exc))
        return
    if not open_url(url):
        warn(parent, Q.translate("Feedback", "No mail opened"),
             Q.translate("Feedback",
                         "No mail program took the link; is one set up on this computer?"))


# -- the dialog -----------------------------------------------------------------------

@dataclass(frozen=True)
class FeedbackAnswer:
    csat: int
    via: str
    comment: str


class FeedbackDialog(QDialog):
    """How satisfied the client is with a resolved case; *Later* leaves it pending."""

    def __init__(self, store: Store, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackDialog")
        self.setWindowTitle(self.tr("Client satisfaction — {ref}").format(ref=case.ref))
        self.store, self.case = store, case
        self._build_scores()
        self._build_details()
        self._lay_out()
        try:
            self.put(feedback.feedback_of(store, case.id))
        except SpocError:
            self.put(None)

    def _build_scores(self) -> None:
        """Five choices, 1 to 5 (the digit keys pick one)."""
        self.scores = QButtonGroup(self)
        self.score_buttons: list[QRadioButton] = []
        for value, source in enumerate(SCORES, start=1):
            name = Q.translate("Feedback", source)
            button = QRadioButton(f"&{value}  {name}", self)
            button.setObjectName(f"csat{value}")
            button.setAccessibleName(self.tr("{n} of 5: {name}").format(n=value, name=name))
            self.scores.addButton(button, value)
            self.score_buttons.append(button)
        self.scores.idToggled.connect(lambda _i, _on: self._check())

    def _build_details(self) -> None:
        self.via = QComboBox(self)
        self.via.setObjectName("feedbackVia")
        self.via.setAccessibleName(self.tr("How it was asked"))
        self.via.addItem(self.tr("(not said)"), "")
        for key in feedback.VIA:
            self.via.addItem(via_name(key), key)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("feedbackComment")
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("What the client said (optional)"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(90)
        self.ask_button = QPushButton(self.tr("&Ask for feedback by e-mail…"), self)
        self.ask_button.setObjectName("askForFeedback")
        self.ask_button.setToolTip(self.tr("Open a mail to the client with the case's "
                                           "reference; record the answer when it comes"))
        self.ask_button.setAutoDefault(False)
        self.ask_button.clicked.connect(lambda: ask_for_feedback(self, self.store, self.case))
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("okButton")
        later = self.buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("laterButton")
        later.setToolTip(self.tr("The case stays in Feedback pending on the dashboard"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        intro = QLabel(self.tr("{ref} {title} is resolved. How satisfied is the client with "
                               "how it was handled?").format(ref=self.case.ref,
                                                            title=self.case.title), self)
        intro.setObjectName("feedbackIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        scores = QVBoxLayout()
        scores.setSpacing(2)
        for button in reversed(self.score_buttons):  # 5 at the top, as people rank
            scores.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Satisfaction:"), scores)
        form.addRow(self.tr("&Asked:"), self.via)
        form.addRow(self.tr("&Comment:"), self.comment)
        for row in (1, 2):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and isinstance(label.widget(), QLabel):
                label.widget().setBuddy(self.via if row == 1 else self.comment)  # type: ignore[union-attr]
        bottom = QHBoxLayout()
        bottom.addWidget(self.ask_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(bottom)
        self.setMinimumWidth(460)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A digit 1–5 no field took (the comment takes it as text) chooses that score."""
        if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_5 and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            self.scores.button(event.key() - Qt.Key.Key_0).click()
            event.accept()
            return
        super().keyPressEvent(event)

    def put(self, answer: Feedback | None) -> None:
        """Show the answer on record (to change it), or nothing chosen yet."""
        if answer is not None:
            self.scores.button(answer.csat).setChecked(True)
            self.via.setCurrentIndex(max(0, self.via.findData(answer.via)))
            self.comment.setPlainText(answer.comment)
        self._check()
        chosen = self.scores.checkedButton()
        (chosen or self.score_buttons[-1]).setFocus()  # the digits and arrows choose

    def _check(self) -> None:
        self.save_button.setEnabled(self.scores.checkedId() in feedback.CSAT_RANGE)

    def answer(self) -> FeedbackAnswer | None:
        score = self.scores.checkedId()
        if score not in feedback.CSAT_RANGE:
            return None
        return FeedbackAnswer(score, str(self.via.currentData() or ""),
                              self.comment.toPlainText().strip())

    @classmethod
    def ask(cls, store: Store, case: CaseDetail, parent: QWidget | None = None
            ) -> FeedbackAnswer | None:
        dialog = cls(store, case, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- the line in the case detail ------------------------------------------------------

class FeedbackBar(QWidget):
    """A resolved case's satisfaction, or the offer to record it or ask for it."""

    record = Signal()
    ask = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackBar")
        self.text = QLabel(self)
        self.text.setObjectName("feedbackText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Client satisfaction"))
        self.record_button = QPushButton(self.tr("Record satisfaction…"), self)
        self.record_button.setObjectName("recordFeedback")
        self.record_button.clicked.connect(self.record.emit)
        self.ask_button = QPushButton(self.tr("Ask for feedback…"), self)
        self.ask_button.setObjectName("askFeedback")
        self.ask_button.setToolTip(self.tr("Open a mail to the client with the case's "
                                           "reference"))
        self.ask_button.clicked.connect(self.ask.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.ask_button)
        layout.addWidget(self.record_button)
        self.hide()

    def show_case(self, store: Store | None, case: CaseDetail | None) -> None:
        """Shown for a resolved or closed case only."""
        if store is None or case is None or case.status not in DONE:
            self.text.clear()
            self.hide()
            return
        try:
            answer = feedback.feedback_of(store, case.id)
        except SpocError:
            answer = None
        if answer is None:
            self.text.setText(self.tr("Client satisfaction: no feedback yet."))
            self.record_button.setText(self.tr("Record satisfaction…"))
        else:
            parts = [self.tr("Client satisfaction: {stars} {n} of 5").format(
                stars=stars(answer.csat), n=answer.csat)]
            if answer.via:
                parts.append(via_name(answer.via))
            text = " ".join(parts)
            if answer.comment:
                text += f" — “{answer.comment}”"
            self.text.setText(text)
            self.record_button.setText(self.tr("Change…"))
        self.record_button.setAccessibleName(self.record_button.text())
        self.show()
