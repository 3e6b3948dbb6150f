"""Who is on the team, and with whom a record is shared: what the *Share with…* dialog
and the absence's deputy field show (issue 22). Sharing itself is
:func:`spocdesk.core.store.policies.share`; who then sees what is the server's row
security.

On a store file there is one person: :func:`members` is empty and :func:`shares`
raises :class:`~spocdesk.core.errors.NotOnTeamServer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from spocdesk.core.errors import NotOnTeamServer
from spocdesk.core.store import backend
from spocdesk.core.store.policies import SHARE, SHARING_ON_SERVER
from spocdesk.core.store.roles import GROUPS

if TYPE_CHECKING:
    from spocdesk.core.store.open import Store


@dataclass(frozen=True)
class Share:
    """One record shared with one colleague's role, by whom and when."""

    grantee: str
    granted_by: str
    granted_at: datetime


def on_team_server(store: Store | None) -> bool:
    return store is not None and store.backend == backend.POSTGRESQL


def members(store: Store) -> list[str]:
    """The team's login roles (members of spocdesk's group roles), by name; empty on a
    store file. Role names are no secret on a server: every login may list them."""
    if not on_team_server(store):
        return []
    with store.connection() as conn:
        return list(conn.execute(sa.text(
            "SELECT DISTINCT r.rolname FROM pg_roles AS r "
            "JOIN pg_auth_members AS m ON m.member = r.oid "
            "JOIN pg_roles AS g ON g.oid = m.roleid "
            "WHERE g.rolname = ANY(:groups) AND r.rolcanlogin ORDER BY r.rolname"),
            {"groups": list(GROUPS.values())}).scalars())


def me(store: Store) -> str:
    """The role one is logged in as ("" on a store file)."""
    if not on_team_server(store):
        return ""
    with store.connection() as conn:
        return str(conn.execute(sa.text("SELECT session_user")).scalar())


def _record(case_id: str | None, stakeholder_id: str | None) -> tuple[str, str]:
    if (case_id is None) == (stakeholder_id is None):
        raise ValueError("one case or one stakeholder")
    return ("case_id", case_id) if case_id is not None else ("stakeholder_id",
                                                             str(stakeholder_id))


def shares(store: Store, *, case_id: str | None = None,
           stakeholder_id: str | None = None) -> list[Share]:
    """With whom one case (or stakeholder) is shared, as far as one may know: the shares
    one gave or received (a lead: all), oldest first."""
    if not on_team_server(store):
        raise NotOnTeamServer(SHARING_ON_SERVER)
    column, record = _record(case_id, stakeholder_id)
    with store.connection() as conn:
        return [Share(str(g), str(b), a) for g, b, a in conn.execute(sa.text(
            f"SELECT grantee, granted_by, granted_at FROM {SHARE} WHERE {column} = :record "
            "ORDER BY granted_at, grantee"), {"record": record})]


def may_share(store: Store, *, case_id: str | None = None,
              stakeholder_id: str | None = None) -> bool:
    """Whether one may share the record (and take shares back): its owner or a lead."""
    if not on_team_server(store):
        return False
    column, record = _record(case_id, stakeholder_id)
    table = "case_record" if column == "case_id" else "stakeholder"
    with store.connection() as conn:
        return bool(conn.execute(sa.text(
            f"SELECT owner = session_user OR spocdesk_is_lead() FROM {table} "
            "WHERE id = :record"), {"record": record}).scalar())
