"""The inbox list (the lazy shape of every big list): the ids of the unfiled messages
in the inbox's order — the sender with the newest message first, each sender's
messages newest first — and the rows on screen, fetched a page at a time.

The sender is written on the first row of each sender's group only, with how many
messages they have waiting, so the list reads as groups.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from spocdesk.core.mail import inbox, inbox_ids
from spocdesk.core.mail.inbox import InboxRow
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.lazy_model import ID_ROLE, PAGE, Index, LazyIdModel

COLUMNS: list[tuple[str, str]] = [
    ("sender", QT_TRANSLATE_NOOP("InboxModel", "From")),
    ("subject", QT_TRANSLATE_NOOP("InboxModel", "Subject")),
    ("received", QT_TRANSLATE_NOOP("InboxModel", "Received")),
    ("preview", QT_TRANSLATE_NOOP("InboxModel", "Preview")),
]
translate = QCoreApplication.translate


def sender_text(row: InboxRow) -> str:
    name = row.sender_name or row.sender_email or translate("InboxModel", "(no sender)")
    if row.sender_name and row.sender_email:
        name = f"{row.sender_name} <{row.sender_email}>"
    if row.sender_count > 1:
        return translate("InboxModel", "{sender} ({n})").format(sender=name, n=row.sender_count)
    return name


class InboxModel(LazyIdModel):
    columns = COLUMNS
    first_screen = 2 * PAGE

    def query_ids(self, store: Store, limit: int | None = None) -> list[str]:
        return inbox_ids.unfiled_ids(store, limit)

    def query_count(self, store: Store) -> int:
        return inbox.count_unfiled(store)

    def query_holds(self, store: Store, record_id: str) -> bool:
        return inbox_ids.is_unfiled(store, record_id)

    def query_rows(self, store: Store, ids: list[str]) -> dict[str, Any]:
        return dict(inbox_ids.unfiled_rows(store, ids))

    def first_of_sender(self, row: int) -> bool:
        """Whether ``row`` starts a sender's group (the sender is written there)."""
        if row == 0:
            return True
        this, before = self.row_data(row), self.row_data(row - 1)
        return before is None or this is None or before.sender_email != this.sender_email

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ID_ROLE:
            return self.record_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole):
            return None
        row: InboxRow | None = self.row_data(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if key == "sender":
            full = sender_text(row)
            if role == Qt.ItemDataRole.DisplayRole and not self.first_of_sender(index.row()):
                return ""  # the group's first row names the sender
            return full
        if key == "subject":
            subject = row.subject or translate("InboxModel", "(no subject)")
            if row.attachments:
                subject += " · " + translate("InboxModel", "%n attachment(s)", "",
                                             row.attachments)
            return subject
        if key == "received":
            return fmt.when(row.occurred_at)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.preview
        return row.preview
