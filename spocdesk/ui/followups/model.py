"""The agenda as one flat table model: a header row per section (with its count),
then that section's first rows as the core's SQL returned them (with limits).
The view spans header rows across all columns; only item rows are selectable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from spocdesk.core.errors import SpocError
from spocdesk.core.followups.recurrence import describe_rule
from spocdesk.core.followups.service import (
    STAY_IN_TOUCH,
    Agenda,
    CaseBrief,
    ContactDue,
    FollowUpRow,
)
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the follow-up, case or stakeholder id
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # header | followup | case | contact | more
CASE_ROLE = Qt.ItemDataRole.UserRole + 3  # the case id a row belongs to, if any

HEADER, FOLLOWUP, CASE, CONTACT, MORE = "header", "followup", "case", "contact", "more"
COLUMNS = [QT_TRANSLATE_NOOP("AgendaModel", "Title"), QT_TRANSLATE_NOOP("AgendaModel", "Due"),
           QT_TRANSLATE_NOOP("AgendaModel", "Case"),
           QT_TRANSLATE_NOOP("AgendaModel", "Stakeholder"),
           QT_TRANSLATE_NOOP("AgendaModel", "Repeats")]
SECTION_LABELS = {
    "overdue": QT_TRANSLATE_NOOP("AgendaModel", "Overdue"),
    "today": QT_TRANSLATE_NOOP("AgendaModel", "Today"),
    "tomorrow": QT_TRANSLATE_NOOP("AgendaModel", "Tomorrow"),
    "this_week": QT_TRANSLATE_NOOP("AgendaModel", "This week"),
    "later": QT_TRANSLATE_NOOP("AgendaModel", "Later"),
    "no_date": QT_TRANSLATE_NOOP("AgendaModel", "No date"),
    "no_followup": QT_TRANSLATE_NOOP("AgendaModel", "Cases with no follow-up planned"),
    "contact": QT_TRANSLATE_NOOP("AgendaModel", "Stakeholders due for contact"),
}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AgendaRow:
    kind: str
    section: str
    count: int = 0  # headers: the section's total; "more": how many are not shown
    item: FollowUpRow | CaseBrief | ContactDue | None = None


@cache
def repeat_text(rule: str) -> str:
    try:
        return describe_rule(rule)
    except SpocError:
        return rule


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []
        self.now: datetime | None = None

    # -- filling ----------------------------------------------------------

    def set_agenda(self, agenda: Agenda | None) -> None:
        self.beginResetModel()
        self._rows = []
        self.now = agenda.bounds.now if agenda is not None else None
        if agenda is not None:
            for bucket in agenda.buckets:
                self._section(bucket.key, bucket.count, bucket.items, FOLLOWUP)
            self._section("no_followup", agenda.without_followup,
                          agenda.cases_without_followup, CASE)
            self._section("contact", agenda.due_for_contact,
                          agenda.stakeholders_due_for_contact, CONTACT)
        self.endResetModel()

    def _section(self, key: str, count: int, items: list[Any], kind: str) -> None:
        self._rows.append(AgendaRow(HEADER, key, count))
        self._rows.extend(AgendaRow(kind, key, item=item) for item in items)
        if count > len(items):
            self._rows.append(AgendaRow(MORE, key, count - len(items)))

    def row(self, row: int) -> AgendaRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        for number, entry in enumerate(self._rows):
            if entry.item is not None and entry.item.id == record_id:
                return number
        return -1

    def is_header(self, row: int) -> bool:
        entry = self.row(row)
        return entry is not None and entry.kind in (HEADER, MORE)

    def count(self, section: str) -> int:
        return next((r.count for r in self._rows if r.kind == HEADER and r.section == section),
                    0)

    def item_rows(self) -> int:
        return sum(1 for r in self._rows if r.kind not in (HEADER, MORE))

    # -- Qt model API -----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS) \
                and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_header(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        entry = self.row(index.row())
        if entry is None:
            return None
        if role == ID_ROLE:
            return entry.item.id if entry.item is not None else None
        if role == KIND_ROLE:
            return entry.kind
        if role == CASE_ROLE:
            if isinstance(entry.item, FollowUpRow):
                return entry.item.case_id
            return entry.item.id if isinstance(entry.item, CaseBrief) else None
        if role == Qt.ItemDataRole.FontRole and entry.kind == HEADER:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(entry)
        if role == Qt.ItemDataRole.BackgroundRole and entry.kind == HEADER:
            return QApplication.palette().color(QPalette.ColorRole.AlternateBase)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, index.column())
        return None

    def _overdue(self, entry: AgendaRow) -> bool:
        return entry.section == "overdue" and entry.kind == FOLLOWUP

    def _colour(self, entry: AgendaRow) -> QColor | None:
        if entry.kind == HEADER and entry.section == "overdue" and entry.count:
            return fmt.readable(fmt.OVERDUE_COLOUR,
                                QApplication.palette().color(QPalette.ColorRole.AlternateBase))
        if self._overdue(entry):
            return fmt.readable(fmt.OVERDUE_COLOUR)
        if entry.kind == MORE or (entry.kind == HEADER and not entry.count):
            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        return None

    def _text(self, entry: AgendaRow, column: int) -> str:
        if entry.kind == HEADER:
            if column != 0:
                return ""
            label = self.tr(SECTION_LABELS[entry.section])
            if entry.section == "overdue" and entry.count:
                label = "⚠ " + label
            return self.tr("{label}  ({n})").format(label=label, n=fmt.number(entry.count))
        if entry.kind == MORE:
            return self.tr("… and {n} more").format(n=fmt.number(entry.count)) \
                if column == 0 else ""
        item = entry.item
        if isinstance(item, FollowUpRow):
            return self._followup_text(entry, item, column)
        if isinstance(item, CaseBrief):
            return [item.title, self.tr("no follow-up planned"), item.ref, "", ""][column]
        if isinstance(item, ContactDue):
            last = self.tr("last contact {when}").format(when=fmt.when(
                item.last_contact_at, with_time=False)) if item.last_contact_at else \
                self.tr("never contacted")
            every = self.tr("every %n days", "", item.cadence_days)
            return [self.tr("Get in touch with {name}").format(name=item.name), last, "",
                    item.name, every][column]
        return ""

    def _followup_text(self, entry: AgendaRow, item: FollowUpRow, column: int) -> str:
        if column == 0:
            return ("⚠ " if self._overdue(entry) else "") + item.title
        if column == 1:
            if item.due is None:
                return ""
            timed = item.due_has_time or item.snoozed_until is not None
            text = fmt.when(item.due, with_time=timed)
            if item.snoozed_until is not None:
                text = self.tr("{when} (snoozed)").format(when=text)
            if self._overdue(entry):
                text = self.tr("overdue · {when}").format(when=text)
            return text
        if column == 2:
            return item.case_ref or ""
        if column == 3:
            return item.stakeholder_name or ""
        if item.rrule:
            return repeat_text(item.rrule)
        return self.tr("stay in touch") if item.kind == STAY_IN_TOUCH else ""

    def _tooltip(self, entry: AgendaRow, column: int) -> str | None:
        item = entry.item
        if isinstance(item, FollowUpRow):
            if column == 1 and self._overdue(entry) and item.due is not None:
                return self.tr("Overdue since {when}").format(when=fmt.when(item.due))
            if column == 0:
                lines = [item.title]
                for label, column_text in ((self.tr("Case"), item.case_ref),
                                           (self.tr("Stakeholder"), item.stakeholder_name),
                                           (self.tr("Repeats"), self._followup_text(
                                               entry, item, 4))):
                    if column_text:
                        lines.append(f"{label}: {column_text}")
                return "\n".join(lines)
            return self._followup_text(entry, item, column) or None
        text = self._text(entry, column)
        return text or None
