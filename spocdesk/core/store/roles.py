"""The people of a team server: PostgreSQL login roles in spocdesk's two group roles.

``spocdesk server init`` creates two group roles (NOLOGIN), once per server:

- ``spocdesk_spoc`` — a SPOC: sees and changes their own cases and stakeholders, those
  shared with them, and during an absence the cases handed over to them;
- ``spocdesk_lead`` — a team lead: sees and changes the team's whole caseload.

What each may touch is the server's row-level security
(:mod:`spocdesk.core.store.policies`); the group roles only carry the table rights.
:func:`add_user` (``spocdesk server add-user NAME --role spoc|lead``, run by an
administrator: a superuser or a role with CREATEROLE) makes one person's login role
in one of them. The initial password never reaches the server in plain text: the
driver turns it into a SCRAM-SHA-256 verifier first, so the server's statement log
cannot show it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotAStore
from spocdesk.core.store import backend

log = logging.getLogger(__name__)

SPOC = "spoc"
LEAD = "lead"
# what ``--role`` accepts → the group role on the server
GROUPS = {SPOC: "spocdesk_spoc", LEAD: "spocdesk_lead"}
GROUP_SPOC = GROUPS[SPOC]
GROUP_LEAD = GROUPS[LEAD]

# what a person's role name may be: lower case, digits, '_', '.', '-'; up to 63 bytes
_NAME = re.compile(r"[a-z_][a-z0-9_.-]{0,62}")
_RESERVED = ("pg_", "spocdesk_")

BAD_NAME = QT_TRANSLATE_NOOP(
    "spocdesk.core",
    "{name} cannot be a team member's role: use lower-case letters, digits, '_', '.' "
    "or '-', starting with a letter, and not beginning with pg_ or spocdesk_.")
BAD_ROLE = QT_TRANSLATE_NOOP("spocdesk.core", "The role must be spoc or lead, not {role}.")
ROLE_EXISTS = QT_TRANSLATE_NOOP(
    "spocdesk.core",
    "The team server already has a role called {name}; its password was not changed.")
NEEDS_SERVER = QT_TRANSLATE_NOOP(
    "spocdesk.core", "server add-user needs the team server: spocdesk --store "
    "postgresql://admin@host/database server add-user NAME --role spoc")
NO_GROUPS = QT_TRANSLATE_NOOP(
    "spocdesk.core", "it has no spocdesk roles yet; run 'spocdesk server init'")


@dataclass(frozen=True)
class UserAdded:
    """A new login role: its name, ``spoc`` or ``lead``, and the server (no password)."""

    name: str
    role: str
    server: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "group": GROUPS[self.role],
                "server": self.server}


def quote(name: str) -> str:
    """``name`` as a PostgreSQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name) or name.startswith(_RESERVED):
        raise InvalidInput(BAD_NAME, name=name)
    return name


def ensure_groups(conn: sa.Connection) -> None:
    """Create the group roles when the server has none yet (roles belong to the whole
    server, so a second database on it finds them there)."""
    for group in GROUPS.values():
        if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :name"),
                        {"name": group}).first() is None:
            conn.execute(sa.text(f"CREATE ROLE {quote(group)} NOLOGIN"))
            log.info("created the group role %s", group)


def groups_exist(conn: sa.Connection) -> bool:
    found = conn.execute(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                         {"names": list(GROUPS.values())}).scalar()
    return found == len(GROUPS)


def _verifier(conn: sa.Connection, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` (what the server stores), made by libpq
    on this computer."""
    raw = conn.connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    secret = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return bytes(secret).decode("ascii")


def add_user(url: str, admin_password: str | None, name: str, role: str,
             new_password: str) -> UserAdded:
    """Create the login role ``name`` with ``new_password`` in the group for ``role``
    (``spoc`` or ``lead``), connecting to ``url`` as its (administrator's) role."""
    from spocdesk.core.store.server import server_engine, translate_server_error

    check_name(name)
    if role not in GROUPS:
        raise InvalidInput(BAD_ROLE, role=role)
    where = backend.display_url(url)
    engine = server_engine(url, admin_password)
    try:
        with translate_server_error(url), engine.begin() as conn:
            if not groups_exist(conn):
                raise NotAStore(where, NO_GROUPS)
            if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :name"),
                            {"name": name}).first() is not None:
                raise InvalidInput(ROLE_EXISTS, name=name)
            verifier = _verifier(conn, name, new_password).replace("'", "''")
            # a utility statement takes no parameters: the name is checked and quoted,
            # the verifier is base64, '$' and ':'
            conn.exec_driver_sql(
                f"CREATE ROLE {quote(name)} LOGIN INHERIT PASSWORD '{verifier}' "
                f"IN ROLE {quote(GROUPS[role])}")
    finally:
        engine.dispose()
    log.info("added a team member's role")
    return UserAdded(name=name, role=role, server=where)
