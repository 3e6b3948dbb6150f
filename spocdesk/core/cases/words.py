"""The words a case's history is told in: a label per audited field and action, what
kind of value each field holds, and who "owner" and "deputy" are by name.

The audit trail stores field names (``next_step``), codes (``waiting``), ISO
timestamps and the roles ``owner``/``deputy``; people read labels, translated
values, local dates and names. The labels are English templates marked
``QT_TRANSLATE_NOOP("spocdesk.core", …)``: the GUI translates them with Qt, the
command line prints them as they are (:func:`spocdesk.core.errors.render`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from spocdesk.core import settings as settings_mod
from spocdesk.core.errors import QT_TRANSLATE_NOOP
from spocdesk.core.model import Absence
from spocdesk.core.store import Store

OWNER = "owner"
DEPUTY = "deputy"

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("spocdesk.core", "Title"),
    "description": QT_TRANSLATE_NOOP("spocdesk.core", "Description"),
    "status": QT_TRANSLATE_NOOP("spocdesk.core", "Status"),
    "priority": QT_TRANSLATE_NOOP("spocdesk.core", "Priority"),
    "category": QT_TRANSLATE_NOOP("spocdesk.core", "Category"),
    "tags": QT_TRANSLATE_NOOP("spocdesk.core", "Tags"),
    "due_at": QT_TRANSLATE_NOOP("spocdesk.core", "Due date"),
    "next_step": QT_TRANSLATE_NOOP("spocdesk.core", "Next step"),
    "resolved_at": QT_TRANSLATE_NOOP("spocdesk.core", "Resolved"),
    "closed_at": QT_TRANSLATE_NOOP("spocdesk.core", "Closed"),
    "first_response_at": QT_TRANSLATE_NOOP("spocdesk.core", "First response"),
    "participant": QT_TRANSLATE_NOOP("spocdesk.core", "People"),
    "main_stakeholder": QT_TRANSLATE_NOOP("spocdesk.core", "Main stakeholder"),
    "participant_role": QT_TRANSLATE_NOOP("spocdesk.core", "Role"),
}

# what the history says for an event that is not a field change
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("spocdesk.core", "case opened"),
    "delete": QT_TRANSLATE_NOOP("spocdesk.core", "case deleted"),
    "erase": QT_TRANSLATE_NOOP("spocdesk.core", "personal data erased"),
}

# fields whose values are codes or moments, not text a person typed
VALUE_KINDS = {
    "status": "status", "priority": "priority",
    "due_at": "moment", "resolved_at": "moment", "closed_at": "moment",
    "first_response_at": "moment",
}


def field_label(field: str) -> str:
    """The English template labelling ``field`` (the name itself when unknown)."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def value_kind(field: str) -> str:
    """``status``, ``priority``, ``moment`` or ``text``."""
    return VALUE_KINDS.get(field, "text")


def parse_moment(value: str | None) -> datetime | None:
    """An audited moment (ISO 8601, as :mod:`audit` writes it); ``None`` if it is not one."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class AuthorNames:
    """Who wrote an entry, by name: ``owner`` from the ``owner_name`` setting, ``deputy``
    from the latest absence that names one. Empty when unknown; ``me`` is the role
    this store writes as (a handover pack writes as the deputy)."""

    owner: str = ""
    deputy: str = ""
    me: str = OWNER

    def name(self, role: str) -> str:
        """The name for ``role`` ("" when unknown; any other author is kept as written)."""
        if role == OWNER:
            return self.owner
        if role == DEPUTY:
            return self.deputy
        return role


def author_names(store: Store) -> AuthorNames:
    with store.session() as session:
        owner = settings_mod.load(session).owner_name.strip()
        deputy = session.scalar(
            sa.select(Absence.deputy_name)
            .where(Absence.deleted_at.is_(None), sa.func.trim(Absence.deputy_name) != "")
            .order_by(Absence.starts_on.desc(), Absence.created_at.desc()).limit(1))
    if owner.casefold() == OWNER:  # the setting's default: no name given yet
        owner = ""
    return AuthorNames(owner=owner, deputy=(deputy or "").strip(), me=store.author)
