"""The Handover page: plan an absence, write an I-PASS note per handed-over case,
see what is missing, print the briefing, export the deputy's pack and merge it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QLocale, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.handover import absence, merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.handover.absence import AbsencePlan, AbsenceView, NoteDraft
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store, team
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.date_field import DateField
from spocdesk.ui.handover.dialogs import (
    PACK_FILTER,
    PDF_FILTER,
    AbsenceDialog,
    AddCasesDialog,
    FileChooser,
    MergeDialog,
    PackPassphraseDialog,
    ReviewBeforeExportDialog,
    pydate,
    qdate,
)
from spocdesk.ui.handover.model import ID_ROLE, HandoverCaseModel, handover_rows
from spocdesk.ui.handover.note_editor import NoteEditor
from spocdesk.ui.page import EmptyState, Page
from spocdesk.ui.share_dialog import RoleField

T = TypeVar("T")
RELEVANT = {"absence", "absence_case", "handover_note", "case", "followup", "interaction",
            "stakeholder", "case_participant", "escalation"}


def busy(work: Callable[[], T]) -> T:
    """Run slow work under a wait cursor."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QCoreApplication.processEvents()
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


def absence_label(view: AbsenceView) -> str:
    locale = QLocale()
    days = " – ".join(locale.toString(qdate(day), QLocale.FormatType.ShortFormat)
                      for day in (view.starts_on, view.ends_on))
    who = view.deputy_name or QCoreApplication.translate("Handover", "no deputy named")
    if view.finished_at is not None:
        return f"{days} · {who} · " + QCoreApplication.translate("Handover", "finished")
    return f"{days} · {who}"


class HandoverPage(Page):
    title = "Handover"
    icon_name = "handover"

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.absences: list[AbsenceView] = []
        self.current: AbsenceView | None = None
        self.deputy_mode = False  # the open store is a handover pack: the deputy's view

        # -- top row: which absence, plan a new one
        heading = QLabel(self.tr("Handover"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.absence_choice = QComboBox(self)
        self.absence_choice.setObjectName("absenceChoice")
        self.absence_choice.setAccessibleName(self.tr("Absence"))
        self.absence_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.absence_choice.setMinimumContentsLength(14)
        self.absence_choice.currentIndexChanged.connect(self._absence_chosen)
        self.plan_button = QPushButton(self.tr("Plan an absence…"), self)
        self.plan_button.setObjectName("planAbsence")
        self.plan_button.clicked.connect(self.plan_absence)
        self.cancel_button = QPushButton(self.tr("Cancel absence…"), self)
        self.cancel_button.setObjectName("cancelAbsence")
        self.cancel_button.clicked.connect(self.cancel_absence)
        self.finish_button = QPushButton(self.tr("Finish absence…"), self)
        self.finish_button.setObjectName("finishAbsence")
        self.finish_button.setToolTip(self.tr("You are back and took the pack back"))
        self.finish_button.clicked.connect(self.finish_absence)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.absence_choice, 1)
        top.addWidget(self.plan_button)
        top.addWidget(self.finish_button)
        top.addWidget(self.cancel_button)

        # -- empty state
        empty_box = QWidget(self)
        self.empty = EmptyState(
            self.tr("No absence planned"),
            self.tr("Before you go on leave, plan the absence here: which cases your deputy "
                    "covers, a structured note for each, a printable briefing and an "
                    "encrypted pack to hand over."), empty_box)
        self.empty.setObjectName("handoverEmpty")
        self.empty_plan = QPushButton(self.tr("Plan an absence…"), empty_box)
        self.empty_plan.setObjectName("emptyPlanAbsence")
        self.empty_plan.clicked.connect(self.plan_absence)
        self.empty_merge = QPushButton(self.tr("Merge a returned pack…"), empty_box)
        self.empty_merge.setObjectName("emptyMergePack")
        self.empty_merge.clicked.connect(self.merge_pack)
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.empty_plan)
        empty_buttons.addWidget(self.empty_merge)
        empty_buttons.addStretch(1)
        empty_layout = QVBoxLayout(empty_box)
        empty_layout.addWidget(self.empty, 0)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(1)

        # -- the absence planner
        self.planner = self._build_planner()

        # -- completeness
        self.progress = QProgressBar(self)
        self.progress.setObjectName("completenessBar")
        self.progress.setAccessibleName(self.tr("Notes complete"))
        self.progress.setMaximumHeight(18)
        self.completeness_label = QLabel(self)
        self.completeness_label.setObjectName("completenessText")
        self.completeness_label.setWordWrap(True)
        self.completeness_label.setAccessibleName(self.tr("What is missing"))

        # -- handed-over cases and the note
        self.model = HandoverCaseModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("handoverCases")
        self.table.setAccessibleName(self.tr("Handed-over cases"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # many rows at once: drop several cases in one go (the note shows the current row)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.table.setMinimumWidth(360)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.case_count = QLabel(self)
        self.case_count.setObjectName("handoverCaseCount")
        self.add_button = add = QPushButton(self.tr("Add cases…"), self)
        add.setObjectName("addHandoverCases")
        add.clicked.connect(self.add_cases)
        self.drop_button = QPushButton(self.tr("Drop selected"), self)
        self.drop_button.setObjectName("dropHandoverCase")
        self.drop_button.setToolTip(self.tr("Take the selected cases out of the handover "
                                            "(Ctrl- or Shift-click to select several)"))
        self.drop_button.clicked.connect(self.drop_case)
        case_buttons = QHBoxLayout()
        case_buttons.addWidget(self.case_count, 1)
        case_buttons.addWidget(add)
        case_buttons.addWidget(self.drop_button)
        cases_side = QWidget(self)
        cases_layout = QVBoxLayout(cases_side)
        cases_layout.setContentsMargins(0, 0, 0, 0)
        cases_layout.addWidget(self.table, 1)
        cases_layout.addLayout(case_buttons)

        self.editor = NoteEditor(self)
        self.editor.save_requested.connect(self.save_note)
        self.editor.acknowledge_requested.connect(self.acknowledge)
        self.editor.reset_requested.connect(self.refill_note)
        editor_scroll = QScrollArea(self)
        editor_scroll.setObjectName("noteEditorScroll")
        editor_scroll.setAccessibleName(self.tr("Handover note"))
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("handoverSplitter")
        self.splitter.addWidget(cases_side)
        self.splitter.addWidget(editor_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([460, 540])
        self._splitter_placed = False  # sizes set from the real width when first shown

        # -- the hand-over itself
        self.pdf_button = QPushButton(self.tr("Export briefing PDF…"), self)
        self.pdf_button.setObjectName("exportBriefing")
        self.pdf_button.clicked.connect(self.export_briefing)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printBriefing")
        self.print_button.clicked.connect(self.print_briefing)
        self.pack_button = QPushButton(self.tr("Export handover &pack…"), self)
        self.pack_button.setObjectName("exportPack")
        self.pack_button.setToolTip(self.tr("An encrypted file with its own passphrase for "
                                            "your deputy"))
        self.pack_button.clicked.connect(self.export_pack)
        self.merge_button = QPushButton(self.tr("&Merge returned pack…"), self)
        self.merge_button.setObjectName("mergePack")
        self.merge_button.clicked.connect(self.merge_pack)
        self.send_back_button = QPushButton(self.tr("Send &back…"), self)
        self.send_back_button.setObjectName("sendBackPack")
        self.send_back_button.setToolTip(self.tr("Save a finished, verified copy of this "
                                                 "handover pack to send to its owner"))
        self.send_back_button.clicked.connect(self.send_back)
        self.send_back_button.setVisible(False)  # the deputy's, in a pack
        self.message = QLabel(self)
        self.message.setObjectName("handoverMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (self.pdf_button, self.print_button, self.pack_button, self.merge_button,
                       self.send_back_button):
            bottom.addWidget(button)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.planner)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.completeness_label, 3)
        content_layout.addLayout(progress_row)
        content_layout.addWidget(self.splitter, 1)
        content_layout.addLayout(bottom)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("handoverStack")
        self.stack.addWidget(empty_box)
        self.stack.addWidget(content)
        self.empty_box, self.content = empty_box, content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._show_empty()

    NARROW = 900  # below this width the note goes under the list, not beside it

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = (Qt.Orientation.Vertical if event.size().width() < self.NARROW
                  else Qt.Orientation.Horizontal)
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._splitter_placed = False
        self._place_splitter()

    def _place_splitter(self) -> None:
        """Give the note editor three fifths of the room, from the real size the first
        time the splitter is on screen (sizes set while hidden are squeezed when the
        cases list and the editor first lay out), and after each change of direction."""
        if self._splitter_placed or not self.splitter.isVisible():
            return
        layout = self.content.layout()
        if layout is not None:
            layout.activate()
        vertical = self.splitter.orientation() == Qt.Orientation.Vertical
        total = self.splitter.height() if vertical else self.splitter.width()
        if total < 200:
            return
        self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
        self._splitter_placed = True

    def _build_planner(self) -> QGroupBox:
        box = QGroupBox(self.tr("Absence"), self)
        box.setObjectName("absencePlanner")
        self.starts_on = DateField(box)
        self.ends_on = DateField(box)
        for edit, name, label in ((self.starts_on, "plannerFrom", self.tr("First day away")),
                                  (self.ends_on, "plannerTo", self.tr("Last day away"))):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(fmt.date_format())
        self.deputy_name = QLineEdit(box)
        self.deputy_name.setObjectName("plannerDeputy")
        self.deputy_name.setAccessibleName(self.tr("Deputy's name"))
        self.deputy_name.setPlaceholderText(self.tr("Who covers for you?"))
        self.deputy_contact = QLineEdit(box)
        self.deputy_contact.setObjectName("plannerDeputyContact")
        self.deputy_contact.setAccessibleName(self.tr("How to reach the deputy"))
        self.deputy_contact.setPlaceholderText(self.tr("Phone or e-mail"))
        self.deputy_role = RoleField.for_deputy([], box)  # a team server's: live deputy
        self.deputy_role.setObjectName("plannerDeputyRole")
        self.deputy_role_label = QLabel(self.tr("Deputy's role:"), box)
        self.deputy_role.hide()
        self.deputy_role_label.hide()
        self._team_of: Store | None = None  # whose team the role field lists
        self.absence_note = QPlainTextEdit(box)
        self.absence_note.setObjectName("plannerNote")
        self.absence_note.setAccessibleName(self.tr("General note for the deputy"))
        self.absence_note.setPlaceholderText(self.tr("A general note for the deputy"))
        self.absence_note.setTabChangesFocus(True)
        self.absence_note.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.save_absence_button = QPushButton(self.tr("Save absence"), box)
        self.save_absence_button.setObjectName("saveAbsence")
        self.save_absence_button.clicked.connect(self.save_absence)
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("From:"), box), 0, 0)
        grid.addWidget(self.starts_on, 0, 1)
        grid.addWidget(QLabel(self.tr("To:"), box), 0, 2)
        grid.addWidget(self.ends_on, 0, 3)
        grid.addWidget(QLabel(self.tr("Deputy:"), box), 1, 0)
        grid.addWidget(self.deputy_name, 1, 1)
        grid.addWidget(QLabel(self.tr("Contact:"), box), 1, 2)
        grid.addWidget(self.deputy_contact, 1, 3)
        # the note on a row of its own keeps the planner narrow enough for a small window
        grid.addWidget(self.deputy_role_label, 2, 0)  # (a team server's)
        grid.addWidget(self.deputy_role, 2, 1)
        grid.addWidget(QLabel(self.tr("Note:"), box), 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.absence_note, 3, 1, 1, 3)
        grid.addWidget(self.save_absence_button, 3, 4, Qt.AlignmentFlag.AlignBottom)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row_label in box.findChildren(QLabel):
            row_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return box

    # -- Page -------------------------------------------------------------

    def load(self) -> None:
        assert self.store is not None
        self._show_team(self.store)
        self._set_deputy_mode(packmod.is_pack(self.store))
        self.absences = absence.list_absences(self.store)
        wanted = self.current.id if self.current else packmod.latest_absence_id(self.store)
        self.absence_choice.blockSignals(True)
        self.absence_choice.clear()
        for view in self.absences:
            self.absence_choice.addItem(absence_label(view), view.id)
        index = self.absence_choice.findData(wanted)
        self.absence_choice.setCurrentIndex(index if index >= 0 else 0)
        self.absence_choice.blockSignals(False)
        self._absence_chosen()

    def _set_deputy_mode(self, on: bool) -> None:
        """In a pack the deputy reads, works and acknowledges notes; planning, packing
        and merging are the owner's."""
        self.deputy_mode = on
        for widget in (self.plan_button, self.cancel_button, self.pack_button,
                       self.merge_button, self.add_button, self.drop_button,
                       self.save_absence_button, self.empty_plan, self.empty_merge):
            widget.setVisible(not on)
        self.send_back_button.setVisible(on)
        for edit in (self.starts_on, self.ends_on, self.deputy_name, self.deputy_contact):
            edit.setReadOnly(on)
        self.absence_note.setReadOnly(on)
        self.deputy_role.setEnabled(not on)
        self.planner.setTitle(self.tr("Absence — you are the deputy; this is the handover "
                                      "pack you were given") if on else self.tr("Absence"))

    def clear(self) -> None:
        self._set_deputy_mode(False)
        self.absences = []
        self.current = None
        self.absence_choice.blockSignals(True)
        self.absence_choice.clear()
        self.absence_choice.blockSignals(False)
        self.model.clear()
        self.editor.show_nothing()
        for edit in (self.deputy_name, self.deputy_contact):
            edit.clear()
        self.deputy_role.setEditText("")
        self.absence_note.clear()
        self.completeness_label.clear()
        self.message.clear()
        self._show_empty()

    def refresh_for(self, changes: ChangeSet) -> None:
        if changes.kinds() & RELEVANT:
            self.load()

    # -- showing ----------------------------------------------------------

    def _show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty_box)
        self.absence_choice.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.finish_button.setVisible(False)
        self.empty_merge.setEnabled(self.store is not None)
        self.empty_plan.setEnabled(self.store is not None)
        self.plan_button.setEnabled(self.store is not None)

    def _absence_chosen(self) -> None:
        if self.store is None:
            return
        absence_id = self.absence_choice.currentData()
        view = next((a for a in self.absences if a.id == absence_id), None)
        if view is None:
            self.current = None
            self.model.clear()
            self.editor.show_nothing()
            self._show_empty()
            return
        switching = self.current is None or self.current.id != view.id
        if switching and self.editor.dirty:
            self.save_note()
        self.current = view
        self.stack.setCurrentWidget(self.content)
        self._place_splitter()
        self.absence_choice.setEnabled(True)
        self.cancel_button.setEnabled(True)
        started = self.store.now().date() >= view.starts_on
        self.finish_button.setVisible(not self.deputy_mode and view.finished_at is None
                                      and started)
        self.plan_button.setEnabled(True)
        if switching or not self._planner_dirty():
            self.starts_on.setDate(qdate(view.starts_on))
            self.ends_on.setDate(qdate(view.ends_on))
            self.deputy_name.setText(view.deputy_name)
            self.deputy_contact.setText(view.deputy_contact)
            for edit in (self.deputy_name, self.deputy_contact):
                edit.setCursorPosition(0)  # show the start of a long name
            self.deputy_role.setEditText(view.deputy_role)
            self.absence_note.setPlainText(view.note)
        self._reload_cases()

    def focus_in(self) -> None:
        """Ctrl+4: on the handed-over cases, where the work is (the notes, the deputy's
        reading), not the planner's twelve Tab stops above them; with no absence, on
        *Plan an absence…*."""
        if self.stack.currentWidget() is self.content:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            super().focus_in()

    def _planner_dirty(self) -> bool:
        view = self.current
        return view is not None and self.planner_value() != AbsencePlan(
            starts_on=view.starts_on, ends_on=view.ends_on, deputy_name=view.deputy_name,
            deputy_contact=view.deputy_contact, note=view.note,
            deputy_role=view.deputy_role if self._on_team_server() else None)

    def _reload_cases(self) -> None:
        assert self.store is not None and self.current is not None
        selected = self.editor.case_id
        self.model.set_rows(handover_rows(self.store, self.current.id))
        rows = self.model.rowCount()
        self.case_count.setText(self.tr("%n cases handed over", "", rows))
        self._update_completeness()
        row = self.model.row_of(selected)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self._select_only(row)
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(self.model.index(row, 0))
            case_id = self.model.row_at(row).case_id  # type: ignore[union-attr]
            if case_id != self.editor.case_id or not self.editor.dirty:
                self._show_note(case_id)
        else:
            self.editor.show_nothing()
        self.drop_button.setEnabled(rows > 0)
        for button in (self.pdf_button, self.print_button, self.pack_button):
            button.setEnabled(rows > 0)

    def _update_completeness(self) -> None:
        assert self.store is not None and self.current is not None
        report = absence.completeness(self.store, self.current.id)
        self.progress.setRange(0, max(1, report.total))
        self.progress.setValue(report.complete_notes if report.total else 0)
        self.progress.setFormat(self.tr("%v of %m notes complete"))
        self.progress.setToolTip(self.tr("A note is complete when it is saved and has a "
                                         "contingency."))
        if not report.total:
            text = self.tr("No cases are handed over: add some with “Add cases…”.")
        else:
            sentences = report.sentences()
            text = " ".join(sentences) if sentences else self.tr(
                "All %n cases have a saved note with actions and contingencies, "
                "acknowledged.", "", report.total)
        self.completeness_label.setText(text)

    def _show_note(self, case_id: str) -> None:
        assert self.store is not None and self.current is not None
        item = self.model.row_at(self.model.row_of(case_id))
        heading = f"{item.ref}  {item.title}" if item else ""
        try:
            note = absence.get_note(self.store, self.current.id, case_id)
            if note is None:
                draft = absence.prefill_note(self.store, self.current.id, case_id)
            else:
                draft = NoteDraft(severity=note.severity, summary=note.summary,
                                  actions=list(note.actions), situation=note.situation,
                                  contingencies=note.contingencies)
        except SpocError as exc:
            self.message.setText(str(exc))
            self.editor.show_nothing()
            return
        self.editor.show_note(case_id, heading, draft, note, self.current.deputy_name)

    def _selection_changed(self, _s: QItemSelection, _d: QItemSelection) -> None:
        case_id = self.selected_case_id()
        if case_id == self.editor.case_id:
            return
        if self.editor.dirty and not self.save_note():
            # keep the unsaved note on screen rather than lose it
            self.select_case(self.editor.case_id)
            return
        if case_id is None:
            self.editor.show_nothing()
        else:
            self._show_note(case_id)

    def selected_case_id(self) -> str | None:
        """The case whose note is shown: the current row when selected, else the first."""
        rows = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if current.isValid() and any(r.row() == current.row() for r in rows):
            rows = [self.model.index(current.row(), 0)]
        value = self.model.data(rows[0], ID_ROLE) if rows else None
        return str(value) if value else None

    def selected_case_ids(self) -> list[str]:
        rows = sorted(r.row() for r in self.table.selectionModel().selectedRows())
        found = (self.model.data(self.model.index(row, 0), ID_ROLE) for row in rows)
        return [str(value) for value in found if value]

    def select_case(self, case_id: str | None) -> None:
        row = self.model.row_of(case_id)
        if row >= 0:
            self._select_only(row)

    def _select_only(self, row: int) -> None:
        """Select one row and make it current, whatever keys are held (``selectRow``
        extends the selection while Ctrl or Shift is down)."""
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    # -- running services -------------------------------------------------

    def _run(self, action: Callable[[], Outcome[Any]], title: str) -> Outcome[Any] | None:
        """Run one service call; publish its change-set or show its one sentence."""
        try:
            outcome = action()
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        self.bus.publish(outcome.changes)
        return outcome

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # -- absence ----------------------------------------------------------

    def planner_value(self) -> AbsencePlan:
        return AbsencePlan(starts_on=pydate(self.starts_on.date()),
                           ends_on=pydate(self.ends_on.date()),
                           deputy_name=self.deputy_name.text().strip(),
                           deputy_contact=self.deputy_contact.text().strip(),
                           note=self.absence_note.toPlainText(),
                           deputy_role=(self.deputy_role.role() if self._on_team_server()
                                        else None))

    def _on_team_server(self) -> bool:
        return not self.deputy_role.isHidden()

    def _show_team(self, store: Store) -> None:
        """The deputy's role on a team server (the team's other roles to choose from);
        hidden on a store file and in a pack."""
        if self._team_of is store:
            return
        self._team_of = store
        on_server = team.on_team_server(store)
        self.deputy_role.clear()
        if on_server:
            me = team.me(store)
            self.deputy_role.members = [m for m in team.members(store) if m != me]
            self.deputy_role.addItems(self.deputy_role.members)
        self.deputy_role.setVisible(on_server)
        self.deputy_role_label.setVisible(on_server)

    def plan_absence(self) -> None:
        if self.store is None:
            return
        members = ([m for m in team.members(self.store) if m != team.me(self.store)]
                   if team.on_team_server(self.store) else None)
        plan = AbsenceDialog.ask(self, members)
        if plan is None:
            return
        store = self.store
        outcome = self._run(lambda: absence.plan_absence(store, plan),
                            self.tr("Absence not planned"))
        if outcome is not None:
            self.current = absence.get_absence(store, outcome.value)
            self.load()
            self.table.setFocus()  # next: a note for each case
            self.message.setText(self.tr(
                "Absence planned with the cases that need cover: new or open, escalated, high "
                "or urgent, a follow-up due while you are away, or SLA at risk. Add or drop "
                "cases, then write a note for each."))

    def save_absence(self) -> None:
        if self.store is None or self.current is None:
            return
        store, absence_id, plan = self.store, self.current.id, self.planner_value()
        problem = self.deputy_role.problem() if self._on_team_server() else ""
        if problem:
            self.message.setText(problem)
            self.deputy_role.setFocus()
            return
        if self._run(lambda: absence.update_absence(store, absence_id, plan),
                     self.tr("Absence not saved")):
            self.message.setText(self.tr("Absence saved."))

    def cancel_absence(self) -> None:
        if self.store is None or self.current is None:
            return
        if not self.confirm(self.tr("Cancel the absence?"),
                            self.tr("Cancel the absence {label}? Its notes are kept but no "
                                    "longer shown.").format(label=absence_label(self.current))):
            return
        store, absence_id = self.store, self.current.id
        self.editor.show_nothing()
        self.current = None
        self._run(lambda: absence.cancel_absence(store, absence_id),
                  self.tr("Absence not cancelled"))

    def add_cases(self) -> None:
        if self.store is None or self.current is None:
            return
        chosen = AddCasesDialog.ask(self.store, self.model.case_ids(), self)
        if chosen:
            store, absence_id = self.store, self.current.id
            self._run(lambda: absence.set_cases(store, absence_id, add=chosen),
                      self.tr("Cases not added"))

    def drop_case(self) -> None:
        """Drop every selected case from the handover in one step."""
        case_ids = self.selected_case_ids()
        if self.store is None or self.current is None or not case_ids:
            return
        store, absence_id = self.store, self.current.id
        if self.editor.case_id in case_ids:
            self.editor.show_nothing()
        self._run(lambda: absence.set_cases(store, absence_id, drop=case_ids),
                  self.tr("Cases not dropped"))

    def finish_absence(self) -> None:
        if self.store is None or self.current is None:
            return
        store, absence_id = self.store, self.current.id
        if self._run(lambda: absence.finish_absence(store, absence_id),
                     self.tr("Absence not finished")):
            self.current = absence.get_absence(store, absence_id)
            self.load()
            self.message.setText(self.tr("Absence finished. Welcome back."))

    # -- notes ------------------------------------------------------------

    def save_note(self) -> bool:
        case_id = self.editor.case_id
        if self.store is None or self.current is None or case_id is None:
            return False
        store, absence_id, draft = self.store, self.current.id, self.editor.draft()
        self.editor.dirty = False  # the reload the change-set causes shows the saved note
        if self._run(lambda: absence.save_note(store, absence_id, case_id, draft),
                     self.tr("Note not saved")) is None:
            self.editor.dirty = True
            return False
        self.message.setText(self.tr("Note saved."))
        return True

    def refill_note(self) -> None:
        case_id = self.editor.case_id
        if self.store is None or self.current is None or case_id is None:
            return
        draft = absence.prefill_note(self.store, self.current.id, case_id)
        note = absence.get_note(self.store, self.current.id, case_id)
        item = self.model.row_at(self.model.row_of(case_id))
        heading = f"{item.ref}  {item.title}" if item else ""
        self.editor.show_note(case_id, heading, draft, note, self.current.deputy_name)
        self.editor.dirty = True

    def acknowledge(self) -> None:
        case_id = self.editor.case_id
        if self.store is None or self.current is None or case_id is None:
            return
        receiver, synthesis = self.editor.acknowledgement()
        if not receiver:
            QMessageBox.warning(self, self.tr("Not acknowledged"),
                                self.tr("Enter the receiver's name to acknowledge the note."))
            return
        if (self.editor.dirty or self.editor.note_id is None) and not self.save_note():
            return
        note = absence.get_note(self.store, self.current.id, case_id)
        if note is None:
            return
        store = self.store
        if self._run(lambda: absence.acknowledge(store, note.id, receiver, synthesis),
                     self.tr("Not acknowledged")):
            self.message.setText(self.tr("Note acknowledged by {who}.").format(who=receiver))

    def _save_pending(self) -> bool:
        """Save the note being edited; ``False`` when that failed."""
        return not self.editor.dirty or self.save_note()

    # -- briefing, pack, merge ---------------------------------------------

    def _default_path(self, suffix: str) -> Path:
        assert self.current is not None
        return Path.home() / f"handover-{self.current.starts_on.isoformat()}{suffix}"

    def export_briefing(self) -> None:
        if self.store is None or self.current is None or not self._save_pending():
            return
        path = FileChooser.ask_save(self, self.tr("Export the handover briefing "
                                                  "(a PDF, not encrypted)"),
                                    self._default_path(".pdf"), PDF_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from spocdesk.ui.briefing_pdf import write_briefing_pdf

        store, absence_id = self.store, self.current.id
        try:
            written = busy(lambda: write_briefing_pdf(store, absence_id, path))
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Briefing not written"), str(exc))
            return
        self.message.setText(self.tr(
            "Briefing written to {path}. The PDF is not encrypted: only you can open the "
            "file; hand it over in person or encrypted, and delete it after the "
            "absence.").format(path=written))

    def print_briefing(self) -> None:
        if self.store is None or self.current is None or not self._save_pending():
            return
        from spocdesk.ui.briefing_pdf import print_briefing

        try:
            printed = print_briefing(self.store, self.current.id, self)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Briefing not printed"), str(exc))
            return
        if printed:
            self.message.setText(self.tr("Briefing sent to the printer."))

    def unready_cases(self) -> list[tuple[str, str]]:
        """(case id, one line) for each case without a reviewed note, a contingency or
        an action, in list order."""
        assert self.store is not None and self.current is not None
        report = absence.completeness(self.store, self.current.id)
        lines = []
        for row in range(self.model.rowCount()):
            item = self.model.row_at(row)
            if item is None:
                continue
            missing = []
            if item.case_id in report.unreviewed:
                missing.append(self.tr("no reviewed note"))
            if item.case_id in report.without_contingency:
                missing.append(self.tr("no contingency"))
            if item.case_id in report.without_actions:
                missing.append(self.tr("no action"))
            if missing:
                lines.append((item.case_id, f"{item.ref}  {item.title}: " + ", ".join(missing)))
        return lines

    def export_pack(self) -> None:
        if self.store is None or self.current is None or not self._save_pending():
            return
        unready = self.unready_cases()
        if unready and ReviewBeforeExportDialog.ask(unready, self) != "export":
            self.select_case(unready[0][0])
            self.message.setText(self.tr("Review the notes listed, then export the pack."))
            return
        secret = PackPassphraseDialog.ask(True, self)
        if not secret:
            return
        path = FileChooser.ask_save(self, self.tr("Export the handover pack"),
                                    self._default_path(".spocpack"), PACK_FILTER)
        if path is None:
            return
        store, absence_id = self.store, self.current.id

        def work() -> Outcome[packmod.PackInfo]:
            # a case without a saved note travels with its draft, marked as a draft
            changes = ChangeSet()
            missing = absence.completeness(store, absence_id).without_note
            for case_id in missing:
                draft = absence.prefill_note(store, absence_id, case_id)
                changes.merge(absence.save_note(store, absence_id, case_id, draft,
                                                reviewed=False).changes)
            written = packmod.export_pack(store, absence_id, path, secret)
            return Outcome(written.value, changes.merge(written.changes))

        self.message.setText(self.tr("Writing the handover pack…"))
        outcome = self._run(lambda: busy(work), self.tr("Handover pack not written"))
        if outcome is None:
            self.message.clear()
            return
        info = outcome.value
        self.message.setText(self.tr(
            "Handover pack with %n cases written to {path}. Tell your deputy its passphrase "
            "another way than the file.", "", info.counts.get("case_record", 0)).format(
            path=info.path))

    def merge_pack(self) -> None:
        if self.store is None or not self._save_pending():
            return
        path = FileChooser.ask_open(self, self.tr("Merge a returned handover pack"),
                                    PACK_FILTER)
        if path is None:
            return
        secret = PackPassphraseDialog.ask(False, self)
        if not secret:
            return
        store = self.store
        self.message.setText(self.tr("Checking the handover pack…"))
        try:
            plan = busy(lambda: merge.plan_merge(store, path, secret))
        except (SpocError, OSError) as exc:
            self.message.clear()
            QMessageBox.warning(self, self.tr("Pack not merged"), str(exc))
            return
        if plan.summary.nothing_to_do:
            self.message.setText(self.tr("Nothing to merge: this pack brings no change "
                                         "(already merged?)."))
            return
        choices = MergeDialog.ask(plan, self)
        if choices is None:
            self.message.setText(self.tr("Merge cancelled; nothing was changed."))
            return
        self.current = None
        outcome = self._run(lambda: busy(lambda: merge.apply_merge(store, plan, choices)),
                            self.tr("Pack not merged"))
        if outcome is None:
            self.message.clear()
            return
        summary = outcome.value
        self.current = absence.get_absence(store, summary.absence_id) if any(
            a.id == summary.absence_id for a in absence.list_absences(store)) else None
        self.load()
        self.message.setText(" ".join((
            self.tr("The handover pack was merged: %n cases changed by the deputy.", "",
                    len(summary.cases)),
            self.tr("%n conflicts.", "", len(summary.conflicts)),
            self.tr("%n fields took the deputy's value.", "", summary.resolved_for_deputy),
            *summary.notices())))
        finished = self.current is not None and self.current.finished_at is not None
        if self.current is not None and not finished and self.offer_finish():
            merged = self.message.text()
            self.finish_absence()
            if self.current is not None and self.current.finished_at is not None:
                self.message.setText(merged + " " + self.tr("Absence finished."))

    def send_back(self) -> None:
        """The deputy: write a finished, verified copy of the pack where they choose."""
        from spocdesk.ui.handover.deputy import SendBackChooser, default_send_back_path

        if self.store is None or not self._save_pending():
            return
        path = SendBackChooser.ask(self, default_send_back_path(self.store))
        if path is None:
            return
        store = self.store
        try:  # an existing file was confirmed in the file dialog
            written = busy(lambda: packmod.send_back(store, path, overwrite=path.exists()))
        except (SpocError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Pack not sent back"), str(exc))
            return
        self.message.setText(self.tr(
            "A verified copy of the handover pack is at {path}. Send that file to its owner; "
            "the passphrase stays the same.").format(path=written))

    def offer_finish(self) -> bool:
        """After the hand-back: finish the absence now? (tests replace this)"""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Finish the absence?"),
                          self.tr("The deputy's work is back in your store. Finish the "
                                  "absence now? It stays in the list, marked finished."),
                          parent=self)
        finish = box.addButton(self.tr("Finish absence"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is finish
