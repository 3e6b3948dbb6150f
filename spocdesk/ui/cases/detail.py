"""One case in detail: editable fields, people, timeline, history, and the quick log."""

from __future__ import annotations

import html
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import detail as case_detail
from spocdesk.core.cases import escalation as case_escalation
from spocdesk.core.cases import words as case_words
from spocdesk.core.cases import workflow as case_workflow
from spocdesk.core.cases.detail import CaseDetail
from spocdesk.core.errors import Conflict, SpocError
from spocdesk.core.metrics import feedback, figures
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store, team
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases import words
from spocdesk.ui.cases.dialogs import EscalateDialog, OutcomeDialog, StakeholderPicker
from spocdesk.ui.cases.feedback import FeedbackBar, FeedbackDialog, ask_for_feedback
from spocdesk.ui.cases.fields import CaseFields, case_values
from spocdesk.ui.cases.quick_log import QuickLogComposer
from spocdesk.ui.cases.timeline_view import TimelinePanel
from spocdesk.ui.conflict_bar import ConflictBar
from spocdesk.ui.mail import files as mail_files
from spocdesk.ui.ops import run_op
from spocdesk.ui.share_dialog import ShareDialog

FEEDBACK_AFTER = ("resolved", "closed")  # a save into these offers to record satisfaction
TABS_MIN_HEIGHT = 160  # px: the tab bar, the timeline's filter and three of its lines


class _Tabs(QTabWidget):
    """Tabs that take the height the detail's header leaves: they ask for little (their
    tallest tab's wish made the scroll area around the detail scroll, and the timeline
    showed a line at 800x600), yet never less than a tab needs (an e-mail shown under
    the timeline still scrolls into view)."""

    def sizeHint(self) -> QSize:
        wish = super().sizeHint()
        least = self.minimumSizeHint()
        return QSize(wish.width(), max(least.height(), TABS_MIN_HEIGHT))


class CaseDetailPanel(QWidget):
    """Shows the case chosen in the list; every change goes through a service."""

    find_in_list = Signal(str)  # the case shown, which the list's view no longer holds

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.bus = bus
        self.store: Store | None = None
        self.case: CaseDetail | None = None
        # the case a save builds on: as shown, except that a refresh which changed a
        # field being typed in leaves it as it was when the typing began (the save then
        # meets a conflict instead of overwriting that change)
        self._seen: CaseDetail | None = None
        self._undo: tuple[str, dict[str, Any]] | None = None  # case, values a save replaced
        self._unsaved: tuple[str, dict[str, Any]] | None = None  # kept through a lock

        self.heading = QLabel(self)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.badges = QLabel(self)
        self.badges.setObjectName("caseBadges")
        self.badges.setWordWrap(True)
        self.feedback_bar = FeedbackBar(self)
        self.feedback_bar.record.connect(self.record_feedback)
        self.feedback_bar.ask.connect(self.ask_for_feedback)
        self.conflict_bar = ConflictBar(self)
        self.conflict_bar.keep_mine.connect(self.keep_mine)
        self.conflict_bar.take_theirs.connect(self.take_theirs)
        status_row = self._build_status()

        self.tabs = _Tabs(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self._build_fields(), self.tr("&Details"))
        self.tabs.addTab(self._build_people(), self.tr("&People"))
        self.timeline = TimelinePanel(self)
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.history = QListWidget(self)
        self.history.setObjectName("caseHistory")
        self.history.setAccessibleName(self.tr("Change history"))
        self.history.setWordWrap(True)
        self.tabs.addTab(self.history, self.tr("Histor&y"))  # Alt+H is the Help menu

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)  # the tabs' room in a small window
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.badges)
        layout.addWidget(self.feedback_bar)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.view_note)
        layout.addLayout(status_row)
        layout.addWidget(self.tabs, 1)
        # the page may dock it outside its scroll area, so that it stays in sight
        self.quick_log = QuickLogComposer(bus, self._run, self)
        layout.addWidget(self.quick_log)
        # a mail file dropped on the quick log's text is filed on the case, not its path
        self._mail_drops = mail_files.MailDropFilter(
            self.import_mail, *self.quick_log.findChildren(QLineEdit),
            self.quick_log.body.viewport())
        self.setAcceptDrops(True)  # mail files dropped on a case are filed on it
        self.show_case(None)

    # -- building ---------------------------------------------------------

    def _build_status(self) -> QHBoxLayout:
        """The line that says whether the fields are saved, with the case's buttons, and
        the line saying the case is not in the list's view."""
        self.view_note = QLabel(self)
        self.view_note.setObjectName("caseViewNote")
        self.view_note.setWordWrap(True)
        self.view_note.setTextFormat(Qt.TextFormat.RichText)
        self.view_note.linkActivated.connect(self._find_in_list)
        self.view_note.hide()
        self.save_state = QLabel(self)
        self.save_state.setObjectName("caseSaveState")
        self.save_state.setWordWrap(True)
        self.save_state.setAccessibleName(self.tr("Save state"))
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.setObjectName("saveCase")
        self.save_button.setToolTip(self.tr("Fields save when you leave them; Ctrl+S saves "
                                            "now, Ctrl+Z undoes the last change"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.escalate_button = QPushButton(self.tr("Escalate…"), self)
        self.escalate_button.setObjectName("escalateCase")
        self.escalate_button.clicked.connect(self.escalate)
        self.outcome_button = QPushButton(self.tr("Record outcome…"), self)
        self.outcome_button.setObjectName("recordOutcome")
        self.outcome_button.clicked.connect(self.record_outcome)
        self.share_button = QPushButton(self.tr("Share with…"), self)  # a team server's
        self.share_button.setObjectName("shareCase")
        self.share_button.setToolTip(self.tr("Let a colleague see and work this case"))
        self.share_button.clicked.connect(self.share)
        self.share_button.hide()
        row = QHBoxLayout()  # above the tabs: in sight without scrolling
        row.addWidget(self.save_state, 1)
        for button in (self.share_button, self.escalate_button, self.outcome_button,
                       self.save_button):
            row.addWidget(button)
        return row

    def _build_fields(self) -> QWidget:
        page = QWidget(self)
        self.fields = CaseFields(page)
        self.fields.edited.connect(self._edited)
        self.fields.left.connect(self.flush)
        self.fields.undo_requested.connect(self.undo)
        self.title, self.status, self.next_step = (self.fields.title, self.fields.status,
                                                   self.fields.next_step)
        layout = QVBoxLayout(page)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        # scrolled in its own tab: a tab widget is as tall as its tallest tab, and the
        # fields would hold the timeline to a line or two in a small window
        scroll = QScrollArea(self)
        scroll.setObjectName("caseFieldsScroll")
        scroll.setAccessibleName(self.tr("Case fields"))
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _build_people(self) -> QWidget:
        page = QWidget(self)
        self.people = QTableWidget(0, 3, page)
        self.people.setObjectName("caseParticipants")
        self.people.setAccessibleName(self.tr("Stakeholders involved"))
        self.people.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"),
                                               self.tr("Main")])
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().hide()
        self.people.setTabKeyNavigation(False)
        self.people.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.people.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        add = QPushButton(self.tr("Add…"), page)
        add.setObjectName("addParticipant")
        add.clicked.connect(self.add_participant)
        remove = QPushButton(self.tr("Remove"), page)
        remove.setObjectName("removeParticipant")
        remove.clicked.connect(self.remove_participant)
        main = QPushButton(self.tr("Make main"), page)
        main.setObjectName("makeMain")
        main.clicked.connect(self.make_main)
        self.role_edit = QComboBox(page)
        self.role_edit.setObjectName("participantRole")
        self.role_edit.setAccessibleName(self.tr("Role of the selected stakeholder"))
        self.role_edit.setEditable(True)
        self.role_edit.addItems(case_workflow.ROLES)
        self.role_edit.activated.connect(lambda _i: self.change_role())
        row = QHBoxLayout()
        for widget in (add, remove, main):
            row.addWidget(widget)
        row.addStretch(1)
        role_row = QHBoxLayout()  # a row of its own: the tab fits a narrow window
        role_row.addWidget(QLabel(self.tr("Role:"), page))
        role_row.addWidget(self.role_edit, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.people)
        layout.addLayout(row)
        layout.addLayout(role_row)
        return page

    # -- showing ----------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self.case.id if self.case else None

    def set_store(self, store: Store | None) -> None:
        if store is None:  # locked: what could not be saved waits (off screen) for unlock
            changed = self.fields.changed() if self.case else {}
            self._unsaved = (self.case.id, changed) if self.case and changed else None
        self.store = store
        self.share_button.setVisible(team.on_team_server(store))
        self.quick_log.set_store(store)
        self.show_case(None)

    def show_case(self, case_id: str | None) -> None:
        """Show another case; the caller has saved the fields first (:meth:`flush`)."""
        self.case = None
        if case_id is not None and self.store is not None:
            try:
                self.case = case_detail.get_case(self.store, case_id)
            except SpocError:
                self.case = None
        self.setEnabled(self.case is not None)
        self._seen = self.case
        self._undo = None
        self.conflict_bar.clear()
        self.view_note.clear()  # nothing of the case before stays behind (lock)
        self.view_note.hide()
        self._say("")
        self._fill()
        if self._unsaved and self.case and self._unsaved[0] == self.case.id:
            self.fields.put(self._unsaved[1])
            self._unsaved = None
            self._say(self.tr("These changes could not be saved before the lock; Ctrl+S "
                              "saves them."), problem=True)

    def refresh(self) -> None:
        """Read the shown case again after a change; a field being edited keeps its text."""
        if self.case is None or self.store is None:
            return
        typed = self.fields.changed()
        try:
            self.case = case_detail.get_case(self.store, self.case.id)
        except SpocError:
            self.show_case(None)
            return
        if self._seen is None or not self._clashes(self._seen, self.case, typed):
            self._seen = self.case  # what the user sees now is what a save builds on
        self._fill(keep=typed)

    @staticmethod
    def _clashes(seen: CaseDetail, fresh: CaseDetail, typed: Collection[str]) -> bool:
        """Whether someone changed a field the user is typing in since the typing began
        (the other fields just show the new values)."""
        before, after = case_values(seen), case_values(fresh)
        return any(before[name] != after[name] for name in typed)

    def set_in_view(self, in_view: bool) -> None:
        """Whether the list's view holds the case shown (not once it was resolved in the
        Open view, or filtered away): the detail stays on the case and says so."""
        if self.case is not None:
            self.view_note.setText("{note} <a href=\"#all\">{link}</a>".format(
                note=html.escape(self.tr("{ref} is no longer in this view.").format(
                    ref=self.case.ref)),
                link=html.escape(self.tr("Show it among all cases"))))
        self.view_note.setVisible(not in_view and self.case is not None)

    def _find_in_list(self, _link: str) -> None:
        if self.case is not None:
            self.find_in_list.emit(self.case.id)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.save_state.setText(text)
        self.save_state.setStyleSheet(fmt.colour_css(fmt.RED) if problem else "")

    def _fill(self, keep: Collection[str] = ()) -> None:
        case = self.case
        self.history.clear()
        self.people.setRowCount(0)
        if case is None:
            self.timeline.clear()
            self.heading.setText(self.tr("No case selected"))
            self.badges.setText(self.tr("Choose a case in the list, or press Ctrl+N for a "
                                        "new one."))
            self.fields.fill(None)
            self.quick_log.set_case(None)
            self.feedback_bar.show_case(None, None)
            return
        self.quick_log.set_case(case)
        self.heading.setText(f"{case.ref}  {case.title}")
        self.badges.setText(self._badges(case))
        self.feedback_bar.show_case(self.store, case)
        self.fields.fill(case, keep)
        self.outcome_button.setEnabled(case.escalated)
        self._fill_people(case)
        self._fill_timeline(case)
        self._fill_history(case)

    def _badges(self, case: CaseDetail) -> str:
        parts = [fmt.status(case.status), fmt.priority(case.priority)]
        if case.escalated:
            parts.append(self.tr("⚑ Escalated, waiting for an outcome"))
        sla = fmt.sla(case.sla_state, case.sla_time_left)
        if sla:
            parts.append(self.tr("SLA: {state}").format(state=sla))
        if case.next_followup_at is None and case.status not in ("resolved", "closed"):
            parts.append(self.tr("— no follow-up planned"))
        elif case.next_followup_at is not None:
            parts.append(self.tr("Next follow-up {when}").format(
                when=fmt.when(case.next_followup_at)))
        minutes = figures.minutes_of_case(self.store, case.id) if self.store else 0
        if minutes:  # the effort logged on it (the quick log's minutes)
            parts.append(self.tr("{minutes} min logged").format(minutes=minutes))
        return "  ·  ".join(parts)

    def _fill_people(self, case: CaseDetail) -> None:
        self.people.setRowCount(len(case.participants))
        for row, person in enumerate(case.participants):
            name = QTableWidgetItem(person.name)
            name.setData(Qt.ItemDataRole.UserRole, person.stakeholder_id)
            self.people.setItem(row, 0, name)
            self.people.setItem(row, 1, QTableWidgetItem(person.role))
            self.people.setItem(row, 2, QTableWidgetItem("★" if person.is_main else ""))

    def _fill_timeline(self, case: CaseDetail) -> None:
        assert self.store is not None
        self.timeline.show_case(self.store, case.id, case_words.author_names(self.store))

    def _fill_history(self, case: CaseDetail) -> None:
        assert self.store is not None
        names = case_words.author_names(self.store)
        for event in case_detail.case_history(self.store, case.id):
            self.history.addItem(words.history_line(event, names))
        if not self.history.count():
            self.history.addItem(self.tr("No changes recorded yet."))

    # -- mail dropped on the case --------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.case is not None and mail_files.dropped_mail(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()  # the main window takes other files, or none

    def dropEvent(self, event: QDropEvent) -> None:
        paths = mail_files.dropped_mail(event.mimeData())
        if self.case is None or self.store is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, self, lambda: self.import_mail(paths))  # not inside the drop

    def import_mail(self, paths: list[Any]) -> None:
        """File the e-mails of ``paths`` on this case (those a rule files elsewhere stay
        there) and say how many came."""
        if self.case is None or self.store is None:
            return
        said = mail_files.import_files(self, self.store, self.bus, paths,
                                       case_ref=self.case.ref)
        if said:
            self._say(said)

    # -- actions ----------------------------------------------------------

    def _run(self, action: Any) -> bool:
        """The quick log's way to run its service call (see :func:`run_op`)."""
        return run_op(self, self.bus, action, self.tr("Not saved")) is not None

    # -- saving the fields -------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether a field holds something not saved yet."""
        return self.case is not None and bool(self.fields.changed())

    def _edited(self) -> None:
        if self.dirty:
            self._say(self.tr("Not saved yet: fields save when you leave them (Ctrl+S)."))

    def flush(self) -> bool:
        """Save what the fields hold (only the fields the user changed). ``False``, with
        one sentence on screen, when that failed: the caller stays on this case."""
        changed = self.fields.changed() if self.case is not None else {}
        if not changed or self.case is None or self.store is None:
            return True
        case, store = self.case, self.store
        try:
            outcome = case_workflow.update_case(store, case.id, seen=self._seen or case,
                                                **changed)
        except Conflict as exc:  # saved by someone else meanwhile: the user chooses
            self.conflict_bar.show_conflict(exc)
            self._say("")  # the bar says it, in one sentence
            return False
        except SpocError as exc:
            self._say(self.tr("Not saved: {reason}").format(reason=exc), problem=True)
            return False
        self.conflict_bar.clear()
        self._undo = (case.id, {key: self.fields.base[key] for key in changed})
        resolved = changed.get("status") in FEEDBACK_AFTER \
            and self.fields.base.get("status") not in FEEDBACK_AFTER
        self.fields.base.update(changed)
        self._published(outcome, case)
        self._say(self.tr("Saved. Ctrl+Z undoes it."))
        if resolved:  # once the save's refreshes are done, if the case is still shown
            QTimer.singleShot(0, self, lambda: self.offer_feedback(case.id))
        return True

    def keep_mine(self) -> None:
        """After a conflict: save the typed fields on top of what is saved now."""
        self.conflict_bar.clear()
        self.refresh()  # the other edit in the fields the user did not type in
        self._seen = self.case
        self.flush()

    def take_theirs(self) -> None:
        """After a conflict: show the saved case and drop what was typed."""
        self.conflict_bar.clear()
        if self.case is None or self.store is None:
            return
        try:
            self.case = case_detail.get_case(self.store, self.case.id)
        except SpocError:
            self.show_case(None)
            return
        self._seen = self.case
        self._fill()
        self._say(self.tr("Showing the saved case; your changes were dropped."))

    def save(self) -> None:
        """Ctrl+S and the button: save now."""
        if self.case is not None and not self.dirty:
            self._say(self.tr("All changes are saved."))
        self.flush()

    def undo(self) -> None:
        """Ctrl+Z with nothing typed: put back the values the last save replaced."""
        if self._undo is None or self.case is None or self.store is None \
                or self._undo[0] != self.case.id or self.dirty:
            return
        case, store, previous = self.case, self.store, self._undo[1]
        try:
            outcome = case_workflow.update_case(store, case.id,
                                                expected_revision=case.revision, **previous)
        except SpocError as exc:
            self._say(self.tr("Not undone: {reason}").format(reason=exc), problem=True)
            return
        self._undo = None
        self._published(outcome, case)
        self._say(self.tr("Undone."))

    def _published(self, outcome: Outcome[Any], case: CaseDetail) -> None:
        """Tell the other views; read the case again unless their refresh already did."""
        self.bus.publish(outcome.changes)
        if self.case is case:
            self.refresh()

    # -- satisfaction --------------------------------------------------------

    def offer_feedback(self, case_id: str) -> None:
        """Just resolved: ask now how satisfied the client is (*Later* leaves the case in
        Feedback pending). Not when another case is shown by then, nor when an answer
        is on record already."""
        if self.case is None or self.store is None or self.case.id != case_id \
                or self.case.status not in FEEDBACK_AFTER:
            return
        try:
            if feedback.feedback_of(self.store, case_id) is not None:
                return
        except SpocError:
            return
        self.record_feedback()

    def record_feedback(self) -> None:
        if self.case is None or self.store is None:
            return
        case, store = self.case, self.store
        answer = FeedbackDialog.ask(store, case, self)
        if answer is not None:
            run_op(self, self.bus, lambda: feedback.record_csat(
                store, case.id, answer.csat, comment=answer.comment, via=answer.via),
                self.tr("Satisfaction not recorded"))

    def ask_for_feedback(self) -> None:
        if self.case is not None and self.store is not None:
            ask_for_feedback(self, self.store, self.case)

    def focus_quick_log(self) -> None:
        self.quick_log.focus()

    def toggle_call(self) -> None:
        """Ctrl+Shift+L: a call starts (the quick log in sight) or ends."""
        if self.case is None:
            return
        if not self.quick_log.call_timer.running:
            self.quick_log.focus()
        self.quick_log.call_timer.toggle()

    def share(self) -> None:
        """*Share with…*: which colleagues see and work this case (a team server)."""
        if self.case is None or self.store is None or not self.flush():
            return
        ShareDialog.ask(self.store, f"{self.case.ref} {self.case.title}",
                        case_id=self.case.id, parent=self)

    def escalate(self) -> None:
        if self.case is None or self.store is None:
            return
        answer = EscalateDialog.ask(self)
        if answer:
            case, store = self.case, self.store
            run_op(self, self.bus,
                   lambda: case_escalation.escalate(store, case.id, answer[0], answer[1]),
                   self.tr("Not escalated"))

    def record_outcome(self) -> None:
        if self.case is None or self.store is None:
            return
        pending = [e for e in self.case.escalations if e.is_open]
        if not pending:
            return
        outcome = OutcomeDialog.ask(pending[-1].to_name, self)
        if outcome:
            store = self.store
            run_op(self, self.bus, lambda: case_escalation.record_escalation_outcome(
                store, pending[-1].id, outcome), self.tr("Outcome not recorded"))

    def _selected_person(self) -> str | None:
        row = self.people.currentRow()
        item = self.people.item(row, 0) if row >= 0 else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def add_participant(self) -> None:
        if self.case is None or self.store is None:
            return
        chosen = StakeholderPicker.ask(self.store, self)
        if chosen:
            case, store = self.case, self.store
            run_op(self, self.bus, lambda: case_workflow.add_participant(
                store, case.id, chosen[0], chosen[1]), self.tr("Stakeholder not added"))

    def remove_participant(self) -> None:
        person = self._selected_person()
        if self.case is None or self.store is None or person is None:
            return
        case, store = self.case, self.store
        run_op(self, self.bus, lambda: case_workflow.remove_participant(store, case.id, person),
               self.tr("Stakeholder not removed"))

    def make_main(self) -> None:
        person = self._selected_person()
        if self.case is None or self.store is None or person is None:
            return
        case, store = self.case, self.store
        run_op(self, self.bus,
               lambda: case_workflow.set_main_participant(store, case.id, person),
               self.tr("Main stakeholder not changed"))

    def change_role(self) -> None:
        person = self._selected_person()
        role = self.role_edit.currentText().strip()
        if self.case is None or self.store is None or person is None or not role:
            return
        case, store = self.case, self.store
        run_op(self, self.bus,
               lambda: case_workflow.set_participant_role(store, case.id, person, role),
               self.tr("Role not changed"))

