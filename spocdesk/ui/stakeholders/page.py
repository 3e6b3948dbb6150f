"""The Stakeholders page: the directory list with search-as-you-type and filters,
the detail pane, and the directory's actions (new, import, duplicates, export,
data-subject export and erasure)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QMarginsF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPdfWriter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.people import contacts_export
from spocdesk.core.people import query as sq
from spocdesk.core.people.query import StakeholderFilter
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.page import EmptyState, Page, record_table
from spocdesk.ui.stakeholders.detail import NewStakeholderDialog, StakeholderDetailPanel
from spocdesk.ui.stakeholders.model import StakeholderTableModel

RELEVANT = {"stakeholder", "case", "interaction", "followup", "case_participant",
            "contact_point"}


def _tr(text: str) -> str:
    """Translate a text marked with ``QT_TRANSLATE_NOOP("StakeholdersPage", …)``."""
    return QCoreApplication.translate("StakeholdersPage", text)


EXPORTED = QT_TRANSLATE_NOOP("StakeholdersPage",
                             "Everything spocdesk holds about this person, exported")
_FIELDS = {  # the keys of data_subject.export_person, as the PDF labels them
    "kind": QT_TRANSLATE_NOOP("StakeholdersPage", "Kind"),
    "display_name": QT_TRANSLATE_NOOP("StakeholdersPage", "Display name"),
    "given_name": QT_TRANSLATE_NOOP("StakeholdersPage", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("StakeholdersPage", "Family name"),
    "title": QT_TRANSLATE_NOOP("StakeholdersPage", "Title"),
    "preferred_channel": QT_TRANSLATE_NOOP("StakeholdersPage", "Preferred channel"),
    "notes": QT_TRANSLATE_NOOP("StakeholdersPage", "Notes"),
    "verified_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Verified at"),
    "cadence_days": QT_TRANSLATE_NOOP("StakeholdersPage", "Cadence days"),
    "created_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Created at"),
    "updated_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Updated at"),
    "organisation": QT_TRANSLATE_NOOP("StakeholdersPage", "Organisation"),
    "tags": QT_TRANSLATE_NOOP("StakeholdersPage", "Tags"),
    "label": QT_TRANSLATE_NOOP("StakeholdersPage", "Label"),
    "value": QT_TRANSLATE_NOOP("StakeholdersPage", "Value"),
    "preferred": QT_TRANSLATE_NOOP("StakeholdersPage", "Preferred"),
    "ref": QT_TRANSLATE_NOOP("StakeholdersPage", "Ref"),
    "status": QT_TRANSLATE_NOOP("StakeholdersPage", "Status"),
    "role": QT_TRANSLATE_NOOP("StakeholdersPage", "Role"),
    "opened_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Opened at"),
    "next_step": QT_TRANSLATE_NOOP("StakeholdersPage", "Next step"),
    "occurred_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Occurred at"),
    "channel": QT_TRANSLATE_NOOP("StakeholdersPage", "Channel"),
    "direction": QT_TRANSLATE_NOOP("StakeholdersPage", "Direction"),
    "summary": QT_TRANSLATE_NOOP("StakeholdersPage", "Summary"),
    "body": QT_TRANSLATE_NOOP("StakeholdersPage", "Body"),
    "author": QT_TRANSLATE_NOOP("StakeholdersPage", "Author"),
    "case": QT_TRANSLATE_NOOP("StakeholdersPage", "Case"),
    "due_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Due at"),
    "rrule": QT_TRANSLATE_NOOP("StakeholdersPage", "Rrule"),
    "done_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Done at"),
    "snoozed_until": QT_TRANSLATE_NOOP("StakeholdersPage", "Snoozed until"),
    "to_name": QT_TRANSLATE_NOOP("StakeholdersPage", "To name"),
    "escalated_at": QT_TRANSLATE_NOOP("StakeholdersPage", "Escalated at"),
    "reason": QT_TRANSLATE_NOOP("StakeholdersPage", "Reason"),
    "outcome": QT_TRANSLATE_NOOP("StakeholdersPage", "Outcome"),
    "at": QT_TRANSLATE_NOOP("StakeholdersPage", "At"),
    "entity": QT_TRANSLATE_NOOP("StakeholdersPage", "Entity"),
    "action": QT_TRANSLATE_NOOP("StakeholdersPage", "Action"),
    "field": QT_TRANSLATE_NOOP("StakeholdersPage", "Field"),
    "before": QT_TRANSLATE_NOOP("StakeholdersPage", "Before"),
    "after": QT_TRANSLATE_NOOP("StakeholdersPage", "After"),
}


def _label(key: str) -> str:
    return _tr(_FIELDS.get(key, key.replace("_", " ").capitalize()))


def write_person_pdf(data: dict[str, Any], path: Path) -> None:
    """A readable PDF of :func:`data_subject.export_person`'s dictionary."""
    import html

    def esc(value: Any) -> str:
        return html.escape("" if value is None else str(value))

    record = data.get("stakeholder", {})
    parts = [f"<h1>{esc(record.get('display_name'))}</h1>",
             f"<p>{esc(_tr(EXPORTED))} {esc(data.get('exported_at'))}.</p>",
             f"<h2>{esc(_tr(QT_TRANSLATE_NOOP('StakeholdersPage', 'Record')))}</h2><table>"]
    for key, value in record.items():
        if value not in (None, "", []):
            parts.append(f"<tr><td><b>{esc(_label(key))}</b>&nbsp;&nbsp;</td>"
                         f"<td>{esc(value)}</td></tr>")
    parts.append("</table>")
    sections = (("contact_points", QT_TRANSLATE_NOOP("StakeholdersPage", "Contact points")),
                ("cases", QT_TRANSLATE_NOOP("StakeholdersPage", "Cases")),
                ("interactions", QT_TRANSLATE_NOOP("StakeholdersPage", "Interactions")),
                ("followups", QT_TRANSLATE_NOOP("StakeholdersPage", "Follow-ups")),
                ("escalations", QT_TRANSLATE_NOOP("StakeholdersPage", "Escalations")),
                ("audit", QT_TRANSLATE_NOOP("StakeholdersPage", "Audit entries")))
    for key, title in sections:
        rows = data.get(key) or []
        parts.append(f"<h2>{esc(_tr(title))} ({len(rows)})</h2>")
        for row in rows:
            fields = "; ".join(f"<b>{esc(_label(k))}</b>: {esc(v)}" for k, v in row.items()
                               if v not in (None, "", []) and k != "id")
            parts.append(f"<p>{fields}</p>")
    document = QTextDocument()
    document.setHtml("".join(parts))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(str(record.get("display_name", "")))
    document.print_(writer)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


class EraseDialog:
    """The confirmation before erasing; ``ask()`` is the one place tests replace."""

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> bool:
        box = QMessageBox(parent)
        box.setObjectName("eraseConfirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("EraseDialog", "Erase {name}?").format(
            name=name))
        box.setText(QCoreApplication.translate("EraseDialog", "Erase {name} for good?").format(
            name=name))
        box.setInformativeText(QCoreApplication.translate("EraseDialog",
            "Their record and every contact point are deleted, not archived. Their name is "
            "replaced by “[erased person]” in interactions and cases, they are removed from "
            "every case and interaction, and their follow-ups are deleted. The audit log "
            "keeps only that an erasure happened. This cannot be undone."))
        erase = box.addButton(QCoreApplication.translate("EraseDialog", "Erase"),
                              QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is erase


class FileChooser:
    """File dialogs behind one ``ask()`` each, so tests can replace them."""

    @classmethod
    def save(cls, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    @classmethod
    def open(cls, parent: QWidget, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None


class StakeholdersPage(Page):
    title = "Stakeholders"
    icon_name = "stakeholders"

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.text = QLineEdit(self)
        self.text.setObjectName("stakeholderSearch")
        self.text.setAccessibleName(self.tr("Search stakeholders"))
        self.text.setPlaceholderText(self.tr("Search: name, organisation, e-mail, phone (Ctrl+F)"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(120)  # room to see what is typed in a narrow window

        self.kind = self._choice("stakeholderFilterKind", self.tr("Everyone"),
                                 [(self.tr("People"), "person"),
                                  (self.tr("Organisations"), "organisation")])
        self.tag = self._choice("stakeholderFilterTag", self.tr("Any tag"), [])
        self.organisation = self._choice("stakeholderFilterOrganisation",
                                         self.tr("Any organisation"), [])
        self.organisation.setMaximumWidth(220)
        self.role = QLineEdit(self)
        self.role.setObjectName("stakeholderFilterRole")
        self.role.setAccessibleName(self.tr("Filter by role or title"))
        self.role.setPlaceholderText(self.tr("Role / title"))
        self.role.setClearButtonEnabled(True)
        self.role.setMaximumWidth(140)
        self.role.setMinimumWidth(70)
        self.not_contacted = self._choice(
            "stakeholderFilterNotContacted", self.tr("Contact: any"),
            [(self.tr("Not contacted in {n} days").format(n=n), str(n))
             for n in (30, 60, 90, 180, 365)])
        self.not_verified = self._choice(
            "stakeholderFilterNotVerified", self.tr("Verified: any"),
            [(self.tr("Not verified in {n} months").format(n=n), str(n))
             for n in (6, 12, 24)])

        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip, slot in (
                ("newStakeholder", self.tr("New stakeholder"),
                 self.tr("Add a person or an organisation (Ctrl+N)"), self.new_stakeholder),
                ("importContacts", self.tr("Import…"),
                 self.tr("Import contacts from a vCard or CSV file"), self.import_contacts),
                ("findDuplicates", self.tr("Find duplicates…"),
                 self.tr("Find and merge stakeholders that look alike"), self.find_duplicates),
                ("exportVcard", self.tr("Export vCard…"),
                 self.tr("Export all or the selected stakeholders as vCard"), self.export_vcard)):
            button = QPushButton(label, self)
            button.setObjectName(key)
            button.setAccessibleName(label.rstrip("…"))
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        self.role.textChanged.connect(lambda _t: self._debounce.start())

        self.model = StakeholderTableModel(self)
        self.table = record_table(
            self, self.model, name="stakeholderTable", accessible_name=self.tr("Stakeholders"),
            widths=(190, 160, 110, 64, 200, 120, 76, 96, 104, 70),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = EmptyState("", "", self)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.detail = StakeholderDetailPanel(bus, self)
        self.detail.open_stakeholder.connect(self.select_stakeholder)
        self.detail.export_requested.connect(self.export_person)
        self.detail.erase_requested.connect(self.erase_person)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("stakeholderCount")
        self.count_label.setAccessibleName(self.tr("Number of stakeholders shown"))

        more = QPushButton(self)  # a push button keeps room for its menu's arrow
        more.setObjectName("moreStakeholderActions")
        more.setAccessibleName(self.tr("More actions"))
        more.setText(self.tr("More"))
        menu = QMenu(more)
        for key in ("findDuplicates", "exportVcard"):
            button = self.buttons.pop(key)
            action = menu.addAction(button.text())
            action.setObjectName(key + "Action")
            action.setToolTip(button.toolTip())
            action.triggered.connect(button.click)
            self.buttons[key] = button
            button.hide()
        more.setMenu(menu)
        self.needs_store(*self.buttons.values(), more)
        search_row = QHBoxLayout()
        search_row.addWidget(self.text, 1)
        search_row.addWidget(self.buttons["newStakeholder"])
        search_row.addWidget(self.buttons["importContacts"])
        search_row.addWidget(more)
        QWidget.setTabOrder(self.buttons["importContacts"], more)  # Tab follows the row
        filters = QGridLayout()  # two rows of three, so that a narrow window still fits
        for i, widget in enumerate((self.kind, self.tag, self.organisation, self.role,
                                    self.not_contacted, self.not_verified)):
            filters.addWidget(widget, i // 3, i % 3)
        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.list_stack, 1)
        list_layout.addWidget(self.count_label)
        detail_scroll = QScrollArea(self)
        detail_scroll.setObjectName("stakeholderDetailScroll")
        detail_scroll.setAccessibleName(self.tr("Stakeholder details"))
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setMinimumWidth(220)
        # never cut: a pane narrower than the card (a long translation) scrolls sideways
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        splitter = QSplitter(self)
        splitter.addWidget(list_side)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([880, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        for keys, slot in (("Ctrl+N", self.new_stakeholder), ("Ctrl+F", self.focus_search),
                           ("F2", self.detail.edit_current), ("Ctrl+E", self.detail.edit_current)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _choice(self, name: str, anything: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(anything)
        box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(5)
        box.addItem(anything, None)
        for label, value in items:
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return box

    # -- Page -------------------------------------------------------------

    def load(self) -> None:
        assert self.store is not None
        if self.detail.store is self.store:  # shown again after changes made elsewhere
            self.refresh_for(None)
            return
        self._fill_choices()
        self.detail.set_store(self.store)
        self.model.set_store(self.store)
        self._after_reload()

    def clear(self) -> None:
        self.model.set_store(None)
        self.detail.set_store(None)
        for box, anything in ((self.tag, self.tr("Any tag")),
                              (self.organisation, self.tr("Any organisation"))):
            box.blockSignals(True)
            box.clear()
            box.addItem(anything, None)
            box.blockSignals(False)
        self.text.clear()
        self.count_label.clear()

    def refresh_for(self, changes: ChangeSet | None) -> None:
        """After a change (``None``: any, while the page was hidden): the rows are read
        again and the chosen people stay selected, found by id, never replaced by the
        first row; the detail is read again."""
        if changes is not None and not changes.kinds() & RELEVANT:
            return
        selected = self.selected_ids()
        shown = self.detail.current.id if self.detail.current else None
        if changes is None or "stakeholder" in changes.kinds():
            self._fill_choices()
        if self.model.refresh():  # the same rows in the same order: the selection stays
            self._show_count()
        else:  # rows came, went or moved: select them again
            self._after_reload(select=selected, first=False)
        now = self.selected_ids()  # read the person again (the one shown when none is left)
        self.detail.show_stakeholder(now[0] if now else shown)

    # -- filtering and selection ------------------------------------------

    def current_filter(self) -> StakeholderFilter:
        return StakeholderFilter(
            text=self.text.text().strip(), tag=self.tag.currentData(),
            title=self.role.text().strip() or None,
            organisation_id=self.organisation.currentData(), kind=self.kind.currentData(),
            not_contacted_days=_int(self.not_contacted.currentData()),
            not_verified_months=_int(self.not_verified.currentData()))

    def apply_filter(self) -> None:
        if self.store is None:
            return
        self._debounce.stop()
        selected = self.selected_ids()
        try:
            self.model.set_filter(self.current_filter())
        except SpocError as exc:
            self.count_label.setText(str(exc))
            return
        self._after_reload(select=selected)

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        self.count_label.setText(fmt.grouped(self.tr("%n stakeholders", "", rows), rows))

    def _after_reload(self, select: list[str] | None = None, *, first: bool = True) -> None:
        """Select ``select`` again (those the query still holds); ``first``: the first row
        when none of them is left."""
        rows = self.model.rowCount()
        self._show_count()
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.list_stack.setCurrentWidget(self.empty)
            if self.current_filter() == StakeholderFilter():
                self.empty.set_text(
                    self.tr("No stakeholders yet"),
                    self.tr("Press Ctrl+N to add a person, or Import… to bring in contacts "
                            "from Google, Outlook or a phone (vCard or CSV)."))
            else:
                self.empty.set_text(self.tr("No stakeholders match"),
                                    self.tr("Try other words or clear the filters."))
        found = [row for sid in select or [] if (row := self.model.row_of(sid)) >= 0]
        if not found and rows and first:
            found = [0]
        selection = QItemSelection()
        for row in found:
            selection.select(self.model.index(row, 0),
                             self.model.index(row, self.model.columnCount() - 1))
        self.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if found:
            self.table.scrollTo(self.model.index(found[0], 0))
        elif first:
            self.detail.show_stakeholder(None)

    def _fill_choices(self) -> None:
        assert self.store is not None
        for box, anything, items in (
                (self.tag, self.tr("Any tag"), [(t, t) for t in sq.tags(self.store)]),
                (self.organisation, self.tr("Any organisation"),
                 [(name, oid) for oid, name in sq.organisations(self.store)])):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(anything, None)
            for label, value in items:
                box.addItem(label, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [sid for row in rows if (sid := self.model.stakeholder_id(row))]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        self.detail.show_stakeholder(ids[0] if len(ids) == 1 else (ids[0] if ids else None))

    def select_stakeholder(self, stakeholder_id: str) -> None:
        """Show one stakeholder (e.g. from search or the detail pane): clear filters
        that hide it."""
        if self.model.row_of(stakeholder_id) < 0:
            for widget in (self.text, self.role):
                widget.blockSignals(True)
                widget.clear()
                widget.blockSignals(False)
            for box in (self.kind, self.tag, self.organisation, self.not_contacted,
                        self.not_verified):
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
            self.apply_filter()
        row = self.model.row_of(stakeholder_id)
        if row >= 0:
            self.table.clearSelection()
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    # -- actions ----------------------------------------------------------

    def new_stakeholder(self) -> None:
        if self.store is None:
            return
        made = NewStakeholderDialog.add_new(self.store, self)
        if made is None:
            return
        self.bus.publish(made[0].changes)
        self.select_stakeholder(made[0].value)

    def import_contacts(self) -> None:
        if self.store is None:
            return
        from spocdesk.ui.stakeholders.import_dialog import import_contacts

        import_contacts(self.store, self.bus, self)

    def find_duplicates(self) -> None:
        if self.store is None:
            return
        from spocdesk.ui.stakeholders.duplicates_dialog import DuplicatesDialog

        DuplicatesDialog.run(self.store, self.bus, self)

    def export_vcard(self) -> None:
        if self.store is None:
            return
        selected = self.selected_ids()
        ids: list[str] | None = None
        if len(selected) > 1:
            choice = QMessageBox.question(
                self, self.tr("Export vCard"),
                self.tr("Export only the %n selected stakeholders? “No” exports everyone.",
                        "", len(selected)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel)
            if choice == QMessageBox.StandardButton.Cancel:
                return
            ids = selected if choice == QMessageBox.StandardButton.Yes else None
        path = FileChooser.save(self, self.tr("Export vCard"), "contacts.vcf",
                                self.tr("vCard files (*.vcf)"))
        if path is None:
            return
        try:
            outcome = contacts_export.export_vcards(self.store, path, ids)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), str(exc))
            return
        self.count_label.setText(fmt.grouped(self.tr(
            "%n stakeholders exported to {file}.", "", outcome.value), outcome.value).format(
            file=path.name))

    def export_person(self, stakeholder_id: str) -> None:
        if self.store is None:
            return
        from spocdesk.core.people import data_subject

        path = FileChooser.save(self, self.tr("Export everything about this person"),
                                "person.json", self.tr("JSON files (*.json)"))
        if path is None:
            return
        try:
            data = data_subject.export_person(self.store, stakeholder_id)
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            write_person_pdf(data, path.with_suffix(".pdf"))
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), str(exc))
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not exported"),
                                self.tr("{file} cannot be written ({why}).").format(
                                    file=path, why=exc.strerror or exc))
            return
        self.count_label.setText(self.tr("Exported to {json} and {pdf}.").format(
            json=path.name, pdf=path.with_suffix(".pdf").name))

    def erase_person(self, stakeholder_id: str) -> None:
        if self.store is None:
            return
        from spocdesk.core.people import data_subject

        name = self.detail.current.display_name if self.detail.current else ""
        if not EraseDialog.ask(self, name):
            return
        try:
            outcome = data_subject.erase_person(self.store, stakeholder_id)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not erased"), str(exc))
            return
        self.bus.publish(outcome.changes)
        self.count_label.setText(self.tr("The person was erased."))
