"""The Follow-ups page: the agenda (Overdue … No date, cases without a next step,
stakeholders due for contact) and the actions on the selected item."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.followups import recurrence
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import FollowUpRow
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.followups.dialogs import NewFollowUpDialog, SnoozeDialog
from spocdesk.ui.followups.model import (
    CASE,
    CASE_ROLE,
    CONTACT,
    FOLLOWUP,
    HEADER,
    AgendaModel,
)
from spocdesk.ui.page import EmptyState, Page

RELEVANT = {"followup", "case", "stakeholder", "interaction", "case_participant", "settings"}
LIMIT = 100  # rows per section; the header always shows the full count


def show_warning(parent: QWidget, title: str, text: str) -> None:
    """One sentence to the user (tests replace this function)."""
    QMessageBox.warning(parent, title, text)


class AgendaView(QTreeView):
    """A flat tree: header rows span all columns; Enter activates the current row."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class FollowUpsPage(Page):
    title = "Follow-ups"
    icon_name = "followups"
    open_case = Signal(str)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.tz = recurrence.local_zone()
        self._undo_id: str | None = None  # the row done last on this page
        self._quiet = False  # True while publishing our own change-set
        self._seen: ChangeSet | None = None  # the change-set refreshed for last

        self.model = AgendaModel(self)
        self.view = AgendaView(self)
        self.view.setObjectName("agendaView")
        self.view.setAccessibleName(self.tr("Agenda"))
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 190), (2, 80), (3, 170), (4, 190)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(column, width)
        header.setMinimumSectionSize(60)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)

        self.empty = EmptyState(self.tr("Nothing to follow up"),
                                self.tr("Promises, call-backs and reminders appear here by "
                                        "due date. Press Ctrl+N to add a follow-up."), self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.done_button = self._button("followUpDone", self.tr("&Done"),
                                        self.tr("Mark the selected follow-up done "
                                                "(Ctrl+D or Space)"), self.mark_done)
        self.skip_button = self._button("followUpSkip", self.tr("S&kip"),
                                        self.tr("Skip this occurrence of a repeating "
                                                "follow-up (Ctrl+Shift+D)"), self.skip)
        self.snooze_button = QPushButton(self)  # keeps room for its menu's arrow
        self.snooze_button.setObjectName("followUpSnooze")
        self.snooze_button.setAccessibleName(self.tr("Snooze"))
        self.snooze_button.setText(self.tr("Snoo&ze"))
        self.snooze_button.setToolTip(self.tr("Hide the selected follow-up until later "
                                              "(Ctrl+Shift+S)"))
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_menu.setObjectName("snoozeMenu")
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        self.snooze_button.setMenu(self.snooze_menu)
        self.undo_button = self._button("followUpUndo", self.tr("&Undo done"),
                                        self.tr("Restore the follow-up done last (Ctrl+Z)"),
                                        self.undo_done)
        self.new_button = self._button("newFollowUp", self.tr("&New follow-up"),
                                       self.tr("Add a follow-up (Ctrl+N)"), self.new_followup)
        self.summary = QLabel(self)
        self.summary.setObjectName("agendaSummary")
        self.summary.setAccessibleName(self.tr("Agenda summary"))
        self.summary.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("agendaStatus")
        self.status.setAccessibleName(self.tr("Last action"))
        self.status.setWordWrap(True)

        actions = QHBoxLayout()
        for widget in (self.done_button, self.skip_button, self.snooze_button,
                       self.undo_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Ctrl+K stays the main window's search everywhere; skipping is "done, this time"
        for keys, slot in (("Ctrl+D", self.mark_done), ("Ctrl+Shift+D", self.skip),
                           ("Ctrl+Z", self.undo_done), ("Ctrl+N", self.new_followup),
                           ("Ctrl+Shift+S", self.show_snooze_menu)):
            QShortcut(QKeySequence(keys), self, slot, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.view, self.mark_done,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow window, give the title the room: hide the less needed columns."""
        super().resizeEvent(event)
        width = event.size().width()
        self.view.setColumnHidden(4, width < 900)
        self.view.setColumnHidden(3, width < 700)
        self.view.setColumnHidden(2, width < 560)

    def _button(self, name: str, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- Page -------------------------------------------------------------

    def load(self) -> None:
        self.reload()

    def clear(self) -> None:
        self.model.set_agenda(None)
        self.summary.clear()
        self.status.clear()
        self._undo_id = None
        self._update_actions()

    def refresh_for(self, changes: ChangeSet) -> None:
        if changes is self._seen:
            return  # already refreshed for this one
        self._seen = changes
        if not self._quiet and changes.kinds() & RELEVANT:
            self.reload()

    def reload(self, select: str | None = None, near_row: int = -1, keep: bool = True) -> None:
        """Re-run the agenda queries (limited per section); keep the selection on the
        same item (``keep``) or else near the row it was on."""
        if self.store is None:
            return
        selected = select or (self.selected_id() if keep else None)
        row_before = near_row if near_row >= 0 else self.view.currentIndex().row()
        try:
            agenda = followups.agenda(self.store, self.tz, limit=LIMIT)
        except SpocError as exc:
            self.status.setText(str(exc))
            return
        self.model.set_agenda(agenda)
        for row in range(self.model.rowCount()):
            if self.model.is_header(row):
                self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self._summarise()
        nothing = not self.model.item_rows()
        self.stack.setCurrentWidget(self.empty if nothing else self.view)
        self.summary.setVisible(not nothing)
        row = self.model.row_of(selected) if selected else -1
        if row < 0:
            row = self._selectable_near(max(0, row_before))
        self._select_row(row)
        self._update_actions()

    def _summarise(self) -> None:
        parts = []
        for key in ("overdue", "today", "tomorrow", "this_week", "later", "no_date"):
            n = self.model.count(key)
            name = {"overdue": self.tr("overdue"), "today": self.tr("today"),
                    "tomorrow": self.tr("tomorrow"), "this_week": self.tr("this week"),
                    "later": self.tr("later"), "no_date": self.tr("no date")}[key]
            parts.append(f"{fmt.number(n)} {name}")
        text = " · ".join(parts)
        overdue = self.model.count("overdue")
        if overdue:
            colour = fmt.readable(fmt.OVERDUE_COLOUR, self.palette().window().color())
            assert colour is not None
            self.summary.setText(f"<span style='color:{colour.name()}'>⚠</span> " + text)
        else:
            self.summary.setText(text)

    def _selectable_near(self, row: int) -> int:
        rows = self.model.rowCount()
        for candidate in [*range(min(row, rows - 1), rows), *range(min(row, rows) - 1, -1, -1)]:
            if candidate >= 0 and not self.model.is_header(candidate):
                return candidate
        return -1

    def _select_row(self, row: int) -> None:
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        if all(self.model.is_header(r) for r in range(row)):
            self.view.scrollToTop()  # the first item: show the headers above it too
        else:
            if self.model.is_header(row - 1):  # keep the section's header in sight
                self.view.scrollTo(self.model.index(row - 1, 0))
            self.view.scrollTo(index)

    # -- selection ----------------------------------------------------------

    def selected_row(self) -> FollowUpRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        entry = self.model.row(rows[0].row())
        return entry.item if entry is not None and isinstance(entry.item, FollowUpRow) else None

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        entry = self.model.row(rows[0].row())
        return entry.item.id if entry is not None and entry.item is not None else None

    def select_followup(self, followup_id: str) -> bool:
        """Show one follow-up (e.g. from a notification); False when it is not listed."""
        row = self.model.row_of(followup_id)
        self._select_row(row)
        self._update_actions()
        if row >= 0:
            self.view.setFocus()
        return row >= 0

    def _update_actions(self) -> None:
        item = self.selected_row()
        self.done_button.setEnabled(item is not None)
        self.snooze_button.setEnabled(item is not None)
        self.skip_button.setEnabled(item is not None and bool(
            item.rrule or item.kind == followups.STAY_IN_TOUCH))
        self.undo_button.setEnabled(self.store is not None)
        self.new_button.setEnabled(self.store is not None)

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.row(index.row())
        if entry is None or entry.kind == HEADER:
            return
        case_id = self.model.data(index, CASE_ROLE)
        if case_id and entry.kind in (FOLLOWUP, CASE):
            self.open_case.emit(str(case_id))

    # -- actions ----------------------------------------------------------

    def _run(self, title: str, action: object) -> object | None:
        try:
            outcome = action()  # type: ignore[operator]
        except SpocError as exc:
            show_warning(self, title, str(exc))
            return None
        return outcome

    def mark_done(self) -> None:
        item = self.selected_row()
        if self.store is None or item is None:
            return
        store, row = self.store, self.view.currentIndex().row()
        outcome = self._run(self.tr("Follow-up not done"),
                            lambda: followups.complete(store, item.id))
        if outcome is None:
            return
        assert isinstance(outcome, followups.Outcome)
        self._undo_id = outcome.value.done_id
        if outcome.value.next_due is not None:
            self.status.setText(self.tr("Done: {title}. Next time: {when}. Ctrl+Z takes it "
                                        "back.").format(title=item.title,
                                                        when=fmt.when(outcome.value.next_due)))
        else:
            self.status.setText(self.tr("Done: {title}. Ctrl+Z takes it back.").format(
                title=item.title))
        self._publish(outcome.changes, row)

    def skip(self) -> None:
        item = self.selected_row()
        if self.store is None or item is None:
            return
        store, row = self.store, self.view.currentIndex().row()
        outcome = self._run(self.tr("Occurrence not skipped"),
                            lambda: followups.skip_occurrence(store, item.id))
        if outcome is None:
            return
        assert isinstance(outcome, followups.Outcome)
        nxt = outcome.value
        self.status.setText(self.tr("Skipped: {title}. Next time: {when}.").format(
            title=item.title, when=fmt.when(nxt)) if nxt else
            self.tr("Skipped: {title}. That was its last time.").format(title=item.title))
        self._publish(outcome.changes, row)

    def snooze_until(self, until: datetime) -> None:
        item = self.selected_row()
        if self.store is None or item is None:
            return
        store, row = self.store, self.view.currentIndex().row()
        outcome = self._run(self.tr("Follow-up not snoozed"),
                            lambda: followups.snooze(store, item.id, until))
        if outcome is None:
            return
        assert isinstance(outcome, followups.Outcome)
        self.status.setText(self.tr("Snoozed: {title} until {when}.").format(
            title=item.title, when=fmt.when(until)))
        self._publish(outcome.changes, row)

    def snooze_preset(self, key: str) -> None:
        if self.store is None:
            return
        for preset in followups.snooze_presets(self.store.now(), self.tz):
            if preset.key == key:
                self.snooze_until(preset.until)
                return

    def snooze_chosen(self) -> None:
        if self.store is None or self.selected_row() is None:
            return
        until = SnoozeDialog.ask(self.store.now(), self)
        if until is not None:
            self.snooze_until(until)

    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        if self.store is None:
            return
        for number, preset in enumerate(followups.snooze_presets(self.store.now(), self.tz),
                                        start=1):
            action = QAction(f"&{number}  " + self.preset_label(preset), self.snooze_menu)
            action.setObjectName(f"snooze_{preset.key}")
            action.setToolTip(fmt.when(preset.until))
            action.triggered.connect(lambda _=False, k=preset.key: self.snooze_preset(k))
            self.snooze_menu.addAction(action)
        chosen = QAction(self.tr("&Chosen time…"), self.snooze_menu)
        chosen.setObjectName("snooze_chosen")
        chosen.triggered.connect(self.snooze_chosen)
        self.snooze_menu.addAction(chosen)

    def preset_label(self, preset: followups.SnoozePreset) -> str:
        """The preset's label in the user's language, with a local time of day."""
        at = fmt.local(preset.until)
        time = QLocale().toString(at.time(), QLocale.FormatType.ShortFormat) if at else ""
        labels = {"15m": self.tr("15 minutes"), "1h": self.tr("1 hour"),
                  "tomorrow": self.tr("Tomorrow {time}").format(time=time),
                  "monday": self.tr("Next Monday {time}").format(time=time)}
        return labels.get(preset.key, preset.label)

    def show_snooze_menu(self) -> None:
        if self.selected_row() is not None:
            self.snooze_button.showMenu()

    def undo_done(self) -> None:
        if self.store is None:
            return
        store = self.store
        target = self._undo_id or followups.last_done(store)
        if target is None:
            self.status.setText(self.tr("There is nothing done to take back."))
            return
        outcome = self._run(self.tr("Nothing taken back"),
                            lambda: followups.undo_complete(store, target))
        self._undo_id = None
        if outcome is None:
            return
        assert isinstance(outcome, followups.Outcome)
        self.status.setText(self.tr("Taken back: the follow-up is open again."))
        self._publish(outcome.changes, select=str(outcome.value))

    def new_followup(self) -> None:
        if self.store is None:
            return
        entry = self.model.row(self.view.currentIndex().row())
        case_ref, person = "", ""
        if entry is not None and self.selected_id() is not None:
            item = entry.item
            if entry.kind == CASE and item is not None:
                case_ref = getattr(item, "ref", "")
            elif entry.kind == CONTACT and item is not None:
                person = getattr(item, "name", "")
        data = NewFollowUpDialog.ask(self.store, self, case_ref, person)
        if data is None:
            return
        store = self.store
        outcome = self._run(self.tr("Follow-up not added"),
                            lambda: followups.add_followup(store, data))
        if outcome is None:
            return
        assert isinstance(outcome, followups.Outcome)
        self.status.setText(self.tr("Added: {title}.").format(title=data.title))
        self._publish(outcome.changes, select=str(outcome.value))

    def _publish(self, changes: ChangeSet, row: int = -1, select: str | None = None) -> None:
        """Publish to the other views, then reload this page once: the item acted on
        leaves the list at once and the selection stays where it was."""
        self._quiet = True
        try:
            self.bus.publish(changes)
        finally:
            self._quiet = False
        self.reload(select=select, near_row=row, keep=False)
