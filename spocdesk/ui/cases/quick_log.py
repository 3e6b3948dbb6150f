"""The quick log under a case's detail: one interaction with the people it was with,
and optionally a new next step and a follow-up at a time typed as people say it,
saved as one user action (Ctrl+Enter). Ctrl+J brings it into view and focus. Not in
use, it folds to its first row (a small window keeps room for the timeline)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import quick_log, templates
from spocdesk.core.cases.detail import CaseDetail
from spocdesk.core.cases.service import CHANNELS, DIRECTIONS, MAX_MINUTES, NewInteraction
from spocdesk.core.errors import SpocError
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.call_timer import CallTimer
from spocdesk.ui.cases.templates_dialog import NoteTemplatePicker
from spocdesk.ui.cases.with_field import WithField
from spocdesk.ui.ops import warn
from spocdesk.ui.when_edit import WhenEdit

# runs one service call, publishes its change-set or shows its sentence (like
# spocdesk.ui.ops.run_op); True when done
Runner = Callable[[Callable[[], Outcome[Any]]], bool]


def _combo(parent: QWidget, name: str, values: list[str], label: Any) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for value in values:
        box.addItem(label(value), value)
    return box


class QuickLogComposer(QGroupBox):
    """Channel, direction, summary, details, next step and follow-up of one log entry."""

    def __init__(self, bus: ChangeBus, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Log an interaction (Ctrl+J)"))
        self.setObjectName("quickLog")
        self.bus = bus
        self.run = run
        self.store: Store | None = None
        self.case: CaseDetail | None = None
        self._build_entry()
        self._build_effort()
        self._build_follow_up()
        self._lay_out()
        self._watch_use()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_entry(self) -> None:
        """What was said, how, and with whom."""
        self.template = NoteTemplatePicker(self.bus, self)
        self.template.picked.connect(self.apply_note_template)
        self.channel = _combo(self, "logChannel", CHANNELS, fmt.channel)
        self.direction = _combo(self, "logDirection", DIRECTIONS, fmt.direction)
        self.direction.setCurrentIndex(DIRECTIONS.index("out"))
        self.summary = QLineEdit(self)
        self.summary.setObjectName("logSummary")
        self.summary.setPlaceholderText(self.tr("Summary — Ctrl+Enter saves"))
        self.with_field = WithField(self)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("logBody")
        self.body.setPlaceholderText(self.tr("Details (optional)"))
        self.body.setMaximumHeight(46)
        self.body.setTabChangesFocus(True)
        for widget, name in ((self.channel, self.tr("Channel")),
                             (self.direction, self.tr("Direction")),
                             (self.summary, self.tr("Summary")),
                             (self.body, self.tr("Details"))):
            widget.setAccessibleName(name)

    def _build_effort(self) -> None:
        """Minutes spent on it (optional), and the call timer that fills them."""
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("logMinutes")
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setSpecialValueText(self.tr("– min"))  # 0: not counted
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes spent"))
        self.minutes.setToolTip(self.tr("Minutes spent on it (optional; counted as effort)"))
        self.call_timer = CallTimer(self)
        self.call_timer.wall_clock = lambda: self.store.now() if self.store else None
        self.call_timer.started.connect(self._call_started)
        self.call_timer.stopped.connect(self.minutes.setValue)

    def _call_started(self) -> None:
        """A call is a phone entry; the summary is where the notes go meanwhile."""
        self.channel.setCurrentIndex(max(0, self.channel.findData("phone")))
        self.summary.setFocus()

    def _build_follow_up(self) -> None:
        """What happens next: the case's next step, a follow-up, and the Log button."""
        self.next_step = QLineEdit(self)
        self.next_step.setObjectName("logNextStep")
        self.next_step.setAccessibleName(self.tr("New next step"))
        self.next_step.setPlaceholderText(self.tr("New next step (optional)"))
        self.followup = QCheckBox(self.tr("F&ollow up"), self)
        self.followup.setObjectName("logFollowup")
        self.followup.setToolTip(self.tr("Also plan a follow-up, with the first person "
                                         "(Alt+O, then type when)"))
        self.followup_at = WhenEdit(self.bus, self, name="logFollowupAt")
        self.followup_at.text.setAccessibleName(self.tr("Follow-up time"))
        # words typed or picked from the presets ask for a follow-up
        self.followup_at.text.textChanged.connect(
            lambda text: self.followup.setChecked(bool(text) or self.followup.isChecked()))
        self.followup.toggled.connect(self._followup_toggled)
        self._followup_toggled(False)
        self.save_button = QPushButton(self.tr("Log"), self)
        self.save_button.setObjectName("logSave")
        self.save_button.setToolTip(self.tr("Log it (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)

    def _lay_out(self) -> None:
        """The first row always; the rest (with whom, details, next step, follow-up, Log)
        in :attr:`more`, shown while the composer is in use (see :meth:`_fold`)."""
        with_label = QLabel(self.tr("&With:"), self)
        with_label.setBuddy(self.with_field.search)
        first = [(self.template, 0), (self.channel, 0), (self.direction, 0), (self.summary, 1)]
        rows: list[list[tuple[QWidget, int]]] = [
            [(with_label, 0), (self.with_field, 1)],
            [(self.body, 1), (self.minutes, 0), (self.call_timer, 0)],
            # the time's preview gets room before the next step does
            [(self.next_step, 1), (self.followup, 0), (self.followup_at, 3),
             (self.save_button, 0)],
            [(self.followup_at.problem_label, 1)],  # full width, under its row
        ]
        self.more = QWidget(self)
        self.more.setObjectName("quickLogMore")
        more = QVBoxLayout(self.more)
        more.setContentsMargins(0, 0, 0, 0)
        more.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        for row, box in [(first, layout)] + [(row, more) for row in rows]:
            line = QHBoxLayout()
            for widget, stretch in row:
                line.addWidget(widget, stretch)
            box.addLayout(line)
        layout.addWidget(self.more)
        order = [self.template, self.channel, self.direction, self.summary,
                 self.with_field.search, self.with_field.from_case, self.body, self.minutes,
                 self.call_timer.button, self.next_step,
                 self.followup, self.followup_at.text, self.followup_at.presets,
                 self.save_button]
        for first_widget, second in itertools.pairwise(order):
            QWidget.setTabOrder(first_widget, second)  # as the rows read

    # -- folding ----------------------------------------------------------

    def _watch_use(self) -> None:
        """Unused, the composer is one row, so that a small window keeps room for the
        timeline; it unfolds when focus comes in or anything is typed, and folds again
        only when focus has left and nothing is typed (typed text never hides)."""
        for line in (self.summary, self.next_step, self.followup_at.text,
                     self.with_field.search):
            line.textChanged.connect(lambda _t: self._fold())
        self.body.textChanged.connect(self._fold)
        self.minutes.valueChanged.connect(lambda _v: self._fold())
        self.followup.toggled.connect(lambda _on: self._fold())
        self.with_field.changed.connect(self._fold)
        self.call_timer.started.connect(self._fold)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._fold()

    def in_use(self) -> bool:
        """Whether something is typed or chosen that folding would hide."""
        return bool(self.summary.text() or self.body.toPlainText() or self.next_step.text()
                    or self.followup_at.text.text() or self.with_field.search.text()
                    or self.minutes.value() or self.followup.isChecked()
                    or self.call_timer.running or not self.with_field.is_default())

    @property
    def folded(self) -> bool:
        return self.more.isHidden()

    def unfold(self) -> None:
        self.more.setVisible(True)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # focus in a popup (completer, menu) or another window leaves it as it is
        if new is not None and new.window() is self.window():
            self._fold(focus=new)

    def _fold(self, focus: QWidget | None = None) -> None:
        focus = focus if focus is not None else QApplication.focusWidget()
        inside = focus is not None and (focus is self or self.isAncestorOf(focus))
        self.more.setVisible(inside or self.in_use())

    def _followup_toggled(self, on: bool) -> None:
        """Off: the preview is greyed, the field stays typeable (typing turns it on).
        Turned on from the box itself (Space, Alt+O, a click), the time is next: focus
        goes there, eight Tabs from the summary otherwise."""
        self.followup_at.preview.setEnabled(on)
        if on:
            self.followup_at.refresh()  # the default counts from now
            if self.followup.hasFocus():
                self.followup_at.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.followup_at.text.selectAll()

    # -- showing ----------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.template.set_store(store)
        self.with_field.set_store(store)
        self.followup_at.set_store(store)
        self.set_case(None)

    def set_case(self, case: CaseDetail | None) -> None:
        """Show ``case`` (again, after a refresh: what is typed stays)."""
        if case is None or self.case is None or case.id != self.case.id:
            self.clear()
            self.call_timer.reset()
        self.case = case
        self.with_field.set_case(case)
        self.setEnabled(case is not None)

    def clear(self) -> None:
        self.summary.clear()
        self.body.clear()
        self.minutes.setValue(0)
        self.next_step.clear()
        self.followup.setChecked(False)
        self.followup_at.text.clear()

    def focus(self) -> None:
        """Ctrl+J: into view (any scroll area around it scrolls) and into the summary."""
        self.unfold()
        self.summary.setFocus()
        self.summary.selectAll()
        ancestor = self.parentWidget()
        while ancestor is not None:
            if isinstance(ancestor, QScrollArea):
                ancestor.ensureWidgetVisible(self, 0, 0)
            ancestor = ancestor.parentWidget()

    # -- actions ----------------------------------------------------------

    def apply_note_template(self, template_id: str) -> None:
        """Fill the summary and text from a note template for this case."""
        if self.case is None or self.store is None:
            return
        try:
            note = templates.render_note(self.store, template_id, self.case.id)
        except SpocError as exc:
            warn(self, self.tr("Template not used"), str(exc))
            return
        self.summary.setText(note.summary)
        self.body.setPlainText(note.body)
        self.summary.setFocus()

    def save(self) -> None:
        if self.case is None or self.store is None:
            return
        case, store = self.case, self.store
        if not self.summary.text().strip():
            self.summary.setFocus()
            return
        followup_due = None
        if self.followup.isChecked():
            try:
                followup_due = self.followup_at.moment()
            except SpocError:  # the preview says why
                self.followup_at.text.setFocus()
                return
        next_step = self.next_step.text().strip() or None
        self.call_timer.stop()  # saved during the call: it ends now
        data = quick_log.QuickLog(
            entry=NewInteraction(channel=str(self.channel.currentData()),
                                 direction=str(self.direction.currentData()),
                                 summary=self.summary.text(),
                                 body=self.body.toPlainText(),
                                 occurred_at=self.call_timer.began_at,
                                 stakeholder_ids=self.with_field.ids(),
                                 minutes=self.minutes.value() or None),
            next_step=next_step, followup_due=followup_due)
        if self.run(lambda: quick_log.quick_log(store, case.id, data)):
            focus = QApplication.focusWidget()
            inside = focus is not None and self.isAncestorOf(focus)
            self.clear()
            self.call_timer.reset()
            self.with_field.reset()
            if inside:  # saved from the keyboard: ready for the next entry, not in the
                self.summary.setFocus()  # emptied time field (the next words went there)
