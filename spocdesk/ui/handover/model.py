"""The list of handed-over cases: one row per case with its note's state.

Severity is shown as text, a symbol and a colour (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from spocdesk.core.handover.absence import decode_actions
from spocdesk.core.model import AbsenceCase, Case, HandoverNote
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

SEVERITY_LABELS = {"stable": QT_TRANSLATE_NOOP("Handover", "● Stable"),
                   "watch": QT_TRANSLATE_NOOP("Handover", "▲ Watch"),
                   "unstable": QT_TRANSLATE_NOOP("Handover", "✖ Unstable")}
SEVERITY_COLOURS = {"stable": fmt.GREEN, "watch": fmt.AMBER, "unstable": fmt.RED}
SEVERITY_HINTS = {
    "stable": QT_TRANSLATE_NOOP(
        "Handover", "Stable: nothing expected to go wrong; routine follow-ups only."),
    "watch": QT_TRANSLATE_NOOP("Handover", "Watch: could change; check on it during the absence."),
    "unstable": QT_TRANSLATE_NOOP(
        "Handover", "Unstable: needs attention soon; read the contingencies first."),
}


translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Translate a label marked with ``QT_TRANSLATE_NOOP("Handover", …)``."""
    return translate("Handover", text)


def severity_label(value: str) -> str:
    return tr(SEVERITY_LABELS.get(value, value))


def severity_hint(value: str) -> str:
    return tr(SEVERITY_HINTS[value]) if value in SEVERITY_HINTS else ""


@dataclass(frozen=True)
class HandoverRow:
    case_id: str
    ref: str
    title: str
    status: str
    priority: str
    note_id: str | None
    severity: str  # "" without a note
    has_contingency: bool
    actions: int
    acknowledged_by: str
    reviewed: bool = True  # False: a prefilled draft the owner never saved


def handover_rows(store: Store, absence_id: str) -> list[HandoverRow]:
    """The handed-over cases with their note's state, in reference order (columns only)."""
    with store.connection() as conn:
        cases = conn.execute(
            sa.select(Case.id, Case.ref, Case.title, Case.status, Case.priority)
            .join(AbsenceCase, AbsenceCase.case_id == Case.id)
            .where(AbsenceCase.absence_id == absence_id, AbsenceCase.deleted_at.is_(None),
                   Case.deleted_at.is_(None))
            .order_by(Case.ref_number)).all()
        notes: dict[str, Any] = {}
        for row in conn.execute(
                sa.select(HandoverNote.id, HandoverNote.case_id, HandoverNote.severity,
                          HandoverNote.contingencies, HandoverNote.actions,
                          HandoverNote.acknowledged_at, HandoverNote.acknowledged_by,
                          HandoverNote.reviewed_at)
                .where(HandoverNote.absence_id == absence_id,
                       HandoverNote.deleted_at.is_(None))
                .order_by(HandoverNote.created_at)):
            notes.setdefault(row.case_id, row)
    rows: list[HandoverRow] = []
    for case in cases:
        note = notes.get(case.id)
        rows.append(HandoverRow(
            case_id=case.id, ref=case.ref, title=case.title, status=case.status,
            priority=case.priority, note_id=note.id if note else None,
            severity=note.severity if note else "",
            has_contingency=bool(note and note.contingencies.strip()),
            actions=len(decode_actions(note.actions)) if note else 0,
            acknowledged_by=(note.acknowledged_by or translate("Handover", "yes"))
            if note is not None and note.acknowledged_at is not None else "",
            reviewed=note is None or note.reviewed_at is not None))
    return rows


def state_text(item: HandoverRow) -> str:
    """The note's state in a few words, with a symbol."""
    if item.note_id is None:
        return translate("Handover", "✎ Not written")
    if item.acknowledged_by:
        return translate("Handover", "✓ Acknowledged")
    if not item.reviewed:
        return translate("Handover", "✎ Draft, not reviewed")
    if not item.has_contingency:
        return translate("Handover", "✖ No contingency")
    if not item.actions:
        return translate("Handover", "⚠ No action")
    return translate("Handover", "✓ Ready")


def state_hint(item: HandoverRow) -> str:
    if item.note_id is None:
        return translate("Handover", "No note saved yet; the draft from the case is shown "
                                     "until you save.")
    text = translate("Handover", "Saved note with %n actions", None, item.actions)
    if item.acknowledged_by:
        text += translate("Handover", ", acknowledged by {who}").format(
            who=item.acknowledged_by)
    return text + "."


COLUMNS = [QT_TRANSLATE_NOOP("Handover", "Ref"), QT_TRANSLATE_NOOP("Handover", "Title"),
           QT_TRANSLATE_NOOP("Handover", "Severity"), QT_TRANSLATE_NOOP("Handover", "Note")]


class HandoverCaseModel(QAbstractTableModel):
    """Read-only: the rows of one absence's handed-over cases."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HandoverRow] = []

    def set_rows(self, rows: list[HandoverRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> HandoverRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str | None) -> int:
        for number, item in enumerate(self._rows):
            if item.case_id == case_id:
                return number
        return -1

    def case_ids(self) -> list[str]:
        return [r.case_id for r in self._rows]

    # -- Qt ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return item.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.ref
            if column == 1:
                return item.title
            if column == 2:
                return severity_label(item.severity) if item.severity else "—"
            if column == 3:
                return state_text(item)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 2 and item.severity:
                return fmt.readable(SEVERITY_COLOURS.get(item.severity))
            if column == 3 and item.note_id is not None and not item.has_contingency:
                return fmt.readable(fmt.OVERDUE_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2 and item.severity:
                return severity_hint(item.severity)
            if column == 1:
                return item.title
            if column == 3:
                return state_hint(item)
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None
