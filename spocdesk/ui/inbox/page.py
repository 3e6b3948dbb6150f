"""The Inbox: e-mail no rule could file, grouped by sender (newest first), triaged
from the keyboard. The list and its count come from SQL a page at a time; the chosen
message is shown whole below it.

Keys (the page lists them, and so does Help → Keyboard shortcuts): **N** new case
(the sender as requester), **T** new case from a template, **A** add to a case,
**S** new stakeholder from the sender, **X** or **Delete** not a request, **I**
always ignore this sender, **Shift+I** always ignore the sender's domain. After
each action the next message is chosen, so a run of messages needs one key each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import templates
from spocdesk.core.cases.service import format_ref
from spocdesk.core.errors import SpocError
from spocdesk.core.followups.recurrence import local_zone
from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import KIND as MAIL_KIND
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.inbox.model import InboxModel
from spocdesk.ui.lazy_model import ID_ROLE
from spocdesk.ui.mail.message_view import MessageView
from spocdesk.ui.ops import run_op
from spocdesk.ui.page import EmptyState, Page, record_table

translate = QCoreApplication.translate
# (key, object name, label): the page's actions in the order of its buttons
ACTIONS: list[tuple[str, str, str]] = [
    ("N", "newCase", QT_TRANSLATE_NOOP("InboxPage", "New case")),
    ("T", "newCaseFromTemplate", QT_TRANSLATE_NOOP("InboxPage", "From template…")),
    ("A", "addToCase", QT_TRANSLATE_NOOP("InboxPage", "Add to case…")),
    ("S", "newStakeholder", QT_TRANSLATE_NOOP("InboxPage", "New stakeholder from sender")),
    ("X", "notRequest", QT_TRANSLATE_NOOP("InboxPage", "Not a request")),
    ("I", "ignoreSender", QT_TRANSLATE_NOOP("InboxPage", "Always ignore sender")),
    ("Shift+I", "ignoreDomain", QT_TRANSLATE_NOOP("InboxPage", "Always ignore domain")),
]
_REF = re.compile(r"^\s*(?:c\s*-?\s*)?0*(\d{1,9})\b", re.IGNORECASE)


def case_ref(text: str) -> str | None:
    """``42``, ``c42``, ``C-0042`` or ``C-0042 Boiler`` → ``C-0042``."""
    found = _REF.match(text)
    return format_ref(int(found.group(1))) if found else None


class CaseRefDialog(QDialog):
    """*Add to case…*: type the case's number (``42`` is enough) and Enter."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addToCaseDialog")
        self.setWindowTitle(self.tr("Add to case"))
        self.store = store
        self.ref = QLineEdit(self)
        self.ref.setObjectName("caseRef")
        self.ref.setAccessibleName(self.tr("Case reference"))
        self.ref.setPlaceholderText(self.tr("e.g. 42 or C-0042"))
        self.found = QLabel(self)
        self.found.setObjectName("caseFound")
        self.found.setWordWrap(True)
        self.ref.textChanged.connect(self._look_up)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(self.tr("&Case:"), self.ref)
        form.addRow(self.found)
        form.addRow(buttons)
        self._look_up("")

    def _look_up(self, text: str) -> None:
        ref = case_ref(text)
        title = None
        if ref is not None:
            from spocdesk.core.cases import detail

            try:
                title = detail.get_case(self.store, ref).title
            except SpocError:
                title = None
        self.found.setText(f"{ref}  {title}" if title else (
            self.tr("No case {ref}").format(ref=ref) if ref else ""))
        self.ok.setEnabled(title is not None)

    @classmethod
    def ask(cls, store: Store, parent: QWidget | None = None) -> str | None:
        dialog = cls(store, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        ref = case_ref(dialog.ref.text()) if accepted else None
        dialog.deleteLater()
        return ref


def ask_template(store: Store, parent: QWidget) -> str | None:
    """The case template for *From template…* (``None``: cancelled, or there is none)."""
    names = [row.name for row in templates.list_templates(store, "case")]
    if not names:
        return None
    name, ok = QInputDialog.getItem(parent, translate("InboxPage", "New case from template"),
                                    translate("InboxPage", "&Template:"), names, 0, False)
    return name if ok and name else None


class InboxPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Inbox")
    icon_name = "channel-email"
    count_changed = Signal(int)  # messages waiting (the sidebar shows it)
    open_case = Signal(str)  # a case id
    sync_requested = Signal()  # Sync now: the main window's mail sync reads the accounts

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.model = InboxModel(self)
        self.waiting = 0
        self.heading = QLabel(self)
        self.heading.setObjectName("inboxHeading")
        self.heading.setWordWrap(True)
        self.said = QLabel(self)
        self.said.setObjectName("inboxSaid")
        self.said.setWordWrap(True)
        self.said.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_status, self.sync_button = self._build_sync_line()
        self.table = self._build_table()
        self.message = MessageView(self)
        self.empty = EmptyState(self.tr("Nothing waits in the inbox"), self.tr(
            "E-mail no rule could file comes here. Drop .eml, .msg or mbox files onto the "
            "window, or use File → Import mail… (Ctrl+Shift+I)."), self)
        self.buttons = self._build_actions()
        self._layout()
        bus.changed.connect(self._count_on_change)
        self._show_empty()

    # -- parts --------------------------------------------------------------

    def _build_table(self) -> Any:
        table = record_table(self, self.model, name="inboxTable",
                             accessible_name=self.tr("Unfiled e-mail"),
                             widths=(220, 260, 130, 200),
                             selection=QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(False)  # the inbox's order: by sender, newest first
        table.horizontalHeader().setSortIndicatorShown(False)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def _build_sync_line(self) -> tuple[QLabel, QPushButton]:
        """"Last synced 10:42 · 3 new", or why the accounts were not read; and *Sync
        now* (F5, the main window's File menu has it too)."""
        status = QLabel(self)
        status.setObjectName("syncStatus")
        status.setAccessibleName(self.tr("Mail sync"))
        status.setWordWrap(True)
        status.setTextFormat(Qt.TextFormat.PlainText)
        status.hide()
        keys = QKeySequence("F5").toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(self.tr("Sync now ({keys})").format(keys=keys), self)
        button.setObjectName("syncNow")
        button.setAccessibleName(self.tr("Sync mail now"))
        button.clicked.connect(self.sync_requested.emit)
        button.hide()
        self.needs_store(button)
        return status, button

    def show_sync_status(self, text: str) -> None:
        """The mail sync's line (empty: no account, nothing to say)."""
        self.sync_status.setText(text)
        self.sync_status.setVisible(bool(text))
        self.sync_button.setVisible(bool(text))

    def set_syncing(self, running: bool) -> None:
        self.sync_button.setEnabled(not running and self.store is not None)

    def _build_actions(self) -> dict[str, QPushButton]:
        slots: dict[str, Callable[[], None]] = {
            "newCase": self.new_case, "newCaseFromTemplate": self.new_case_from_template,
            "addToCase": self.add_to_case, "newStakeholder": self.new_stakeholder,
            "notRequest": self.not_request, "ignoreSender": self.ignore_sender,
            "ignoreDomain": self.ignore_domain}
        buttons: dict[str, QPushButton] = {}
        for key, name, label in ACTIONS:
            keys = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button = QPushButton(f"{self.tr(label)} ({keys})", self)
            button.setObjectName(name)
            button.setAccessibleName(self.tr(label))
            button.clicked.connect(slots[name])
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slots[name])
            buttons[name] = button
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.not_request)
        self.needs_store(*buttons.values())
        return buttons

    def _layout(self) -> None:
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for name in ("newCase", "newCaseFromTemplate", "addToCase", "newStakeholder"):
            row1.addWidget(self.buttons[name])
        for name in ("notRequest", "ignoreSender", "ignoreDomain"):
            row2.addWidget(self.buttons[name])
        row1.addStretch(1)
        row2.addStretch(1)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.table)
        self.split.addWidget(self.message)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_status, 1)
        sync_row.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addLayout(sync_row)
        layout.addWidget(self.heading)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.said)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.empty, 1)

    # -- loading ------------------------------------------------------------

    def set_store(self, store: Store | None, *, defer: bool = False) -> None:
        super().set_store(store, defer=defer)
        self._count()  # the sidebar's number, also while the page is not shown

    def load(self) -> None:
        self.model.set_store(self.store)
        self._after_reload(None, 0)

    def clear(self) -> None:
        self.model.set_store(None)
        self.message.show_mail(None, None)
        self.said.clear()
        self._count()

    def refresh_for(self, changes: ChangeSet) -> None:
        """New mail, or mail filed: the rows are read again; the chosen message stays
        chosen, or — filed away — the one now in its place is chosen."""
        current = self.current_id()
        row = max(self.table.currentIndex().row(), 0)
        if self.model.refresh():
            self._count()
            return
        self._after_reload(current, row)

    def _after_reload(self, wanted: str | None, row: int) -> None:
        self._count()
        found = self.model.row_of(wanted) if wanted else -1
        if found < 0 and self.model.rowCount():
            found = min(row, self.model.rowCount() - 1)
        if found >= 0:
            self.table.selectRow(found)
            self.table.scrollTo(self.model.index(found, 0))
        else:
            self.message.show_mail(None, None)
        self._show_empty()

    def _count_on_change(self, changes: ChangeSet) -> None:
        if MAIL_KIND in changes.kinds() or not changes.kinds():
            self._count()

    def _count(self) -> None:
        waiting = inbox.count_unfiled(self.store) if self.store is not None else 0
        senders = inbox.count_senders(self.store) if self.store is not None and waiting else 0
        self.heading.setText(self.tr("%n e-mail(s) to file", "", waiting) + (
            " " + self.tr("from %n sender(s)", "", senders) if waiting else ""))
        if waiting != self.waiting:
            self.waiting = waiting
            self.count_changed.emit(waiting)

    def _show_empty(self) -> None:
        empty = self.store is not None and self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.split.setVisible(not empty)

    # -- the chosen message -------------------------------------------------

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def select_mail(self, mail_id: str) -> None:
        """Choose the message (a search hit), scrolled into view, the list focused for
        the keyboard's triage actions."""
        if self._stale and self.store is not None:  # not shown since the unlock yet
            self._stale = False
            self.load()
        row = self.model.row_of(mail_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self.table.setFocus()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        mail_id = rows[0].data(ID_ROLE) if rows else None
        self.message.show_mail(self.store, mail_id)

    # -- actions ------------------------------------------------------------

    def _act(self, action: Callable[[Store, str], Outcome[Any]], title: str,
             said: Callable[[Any], str]) -> None:
        mail_id, store = self.current_id(), self.store
        if mail_id is None or store is None:
            return
        outcome = run_op(self, self.bus, lambda: action(store, mail_id), title)
        if outcome is not None:
            self.said.setText(said(outcome.value))
        self.table.setFocus()

    def new_case(self, template: str | None = None) -> None:
        self._act(lambda s, m: inbox.new_case_from_mail(s, m, template=template,
                                                         tz=local_zone()),
                  self.tr("No case opened"),
                  lambda ref: self.tr("{ref} opened; the e-mail is logged there and its "
                                      "sender is the requester.").format(ref=ref))

    def new_case_from_template(self) -> None:
        if self.store is None or self.current_id() is None:
            return
        name = ask_template(self.store, self)
        if name is None:
            self.said.setText(self.tr("There is no case template yet (File → Templates…).")
                              if not templates.list_templates(self.store, "case") else "")
            return
        self.new_case(name)

    def add_to_case(self) -> None:
        if self.store is None or self.current_id() is None:
            return
        ref = CaseRefDialog.ask(self.store, self)
        if ref is None:
            self.table.setFocus()
            return
        self._act(lambda s, m: inbox.file_to_case(s, m, ref), self.tr("Not filed"),
                  lambda _entry: self.tr("Filed on {ref}.").format(ref=ref))

    def new_stakeholder(self) -> None:
        self._act(inbox.new_stakeholder_from_sender, self.tr("No stakeholder added"),
                  lambda _id: self.tr("The sender is now a stakeholder; the e-mail stays "
                                      "here to be filed."))

    def not_request(self) -> None:
        self._act(inbox.dismiss, self.tr("Not changed"),
                  lambda _id: self.tr("Not a request: taken out of the inbox."))

    def ignore_sender(self) -> None:
        self._act(lambda s, m: inbox.ignore_sender(s, m), self.tr("Not ignored"),
                  lambda n: self.tr("This sender is ignored from now on; %n e-mail(s) left "
                                    "the inbox.", "", n))

    def ignore_domain(self) -> None:
        self._act(lambda s, m: inbox.ignore_sender(s, m, domain=True), self.tr("Not ignored"),
                  lambda n: self.tr("The sender's domain is ignored from now on; %n "
                                    "e-mail(s) left the inbox.", "", n))
