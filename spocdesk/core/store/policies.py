"""Who sees what on a team server: row-level security, enforced by PostgreSQL itself.

:func:`install` (run by ``spocdesk server init``, again on every run: it drops and
recreates what it made, so a second run changes nothing) turns on ``ENABLE`` and
``FORCE ROW LEVEL SECURITY`` on every table with personal data and gives each its
policies. They hold for any SQL a person sends with their own credentials, not only
for the app. A person is their login role, ``session_user`` (which ``SET ROLE``
cannot change); a *lead* is a member of ``spocdesk_lead`` (:mod:`.roles`).

Who sees a row
--------------
- **Cases** (``case_record``): their ``owner``; a lead; whoever the owner shared the
  case with (``spocdesk_share``); and the deputy of the owner's absence the case is
  handed over in (``absence.deputy_role``, ``absence_case``) from the absence's first to
  its last day in the team's time zone, while it is neither cancelled nor finished.
- **Stakeholders**: their owner; a lead; whoever they are shared with; whoever sees a
  case they take part in (a deputy sees the clients of the cases they cover). Only a
  person one sees already can be added to a case (a trigger checks it).
- **Follow the case**: participants, escalations, feedback, handover notes, and log
  entries and follow-ups on a case (a log entry or follow-up without a case: its
  owner's, a follow-up on a person: the person's); **follow the stakeholder**: contact
  points, NPS answers; **follow the log entry**: its participants. A row that follows a
  case first compares its copy of the case's owner (:mod:`.case_owner`), so one's own
  caseload needs no look-up per row. Search on a server reads stored documents through
  functions that apply these same rules (:mod:`.search_documents`), so its hits follow
  them.
- **Absences**: their owner (the SPOC who is away), a lead, the deputy; the list of
  handed-over cases follows the absence.
- **Mail**: accounts, their folders and ignore rules are their owner's alone; a
  message is its owner's and, once filed, visible with its case; attachments follow.
- **Audit trail**: the events of a case, stakeholder, follow-up, absence, note, mail
  or mail account follow that record; every event is also its author's (``db_role``);
  a lead sees all. ``db_role`` is set by a trigger to the real login role, whatever the
  client sends.

Changing rows: the same person may change a visible row (a deputy works the cases);
only an owner or a lead may delete an owned record or hand out shares; a new row
must be one's own (``owner`` defaults to the login role; a row with someone else as
owner is refused), a new child must hang on a visible parent. ``owner`` itself can
only be changed by a lead (column rights). Settings, templates, the hourly figures
and the schema version are the team's, without row security.

The role that runs ``server init`` (the schema's owner; row security binds it too,
because of FORCE) keeps full access through its own policy, which also lets the
security-definer function that hands out case numbers see every case.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NoServerRights, NotOnTeamServer
from spocdesk.core.store import backend, case_owner, covering
from spocdesk.core.store.roles import GROUP_LEAD, GROUP_SPOC, ensure_groups, quote

if TYPE_CHECKING:
    from spocdesk.core.store.open import Store

log = logging.getLogger(__name__)

ME = "session_user"
IS_LEAD = "(SELECT spocdesk_is_lead())"  # an InitPlan: asked once per statement
PREFIX = "spocdesk_"
SHARE = "spocdesk_share"
# tables whose rows have an ``owner`` role on the server (revision 0026)
OWNED = ("stakeholder", "case_record", "interaction", "followup", "absence", "mail_account",
         "mail_message", "mail_ignore_rule")
# the team's tables: no personal data, no row security
TEAM_TABLES = ("setting", "template", "interaction_hourly")
# of those, kept only by the server's own triggers (which run as the schema's owner):
# the team reads them and cannot change them, so nobody can skew a lead's figures
DERIVED_TABLES = ("interaction_hourly",)

T = "{t}"  # the policy's own table (filled in by :func:`_policies`)
OWN = f"(owner = {ME} OR {IS_LEAD})"


# the policies' look-ups of a row of another protected table: their text in RULES (an
# EXISTS, which :mod:`.search_documents` spells out for its owner's functions) → the
# call of the function that makes the look-up on the server (with ``{t}``), and each
# such function → the rows it looks for (over its argument ``key``)
LOOKUP_CALLS: dict[str, str] = {}
LOOKUP_FUNCTIONS: dict[str, str] = {}
SEES = "spocdesk_sees_"
# the look-ups made by a call: a person's (their shares, the cases they take part in)
# and a person's cases (each case's own policy). Written out, these nested policies were
# planned into every statement over follow-ups, contact points or people (the agenda
# spent longer planning than counting); a call is planned once a session. A look-up of
# a case stays a sub-select: a call costs more per row it has to answer (a colleague's
# row, which one's own case owner test does not settle: 6x at 100,000 follow-ups),
# and the case's policy alone plans fast enough
CALLED = ("stakeholder", "case_participant")


def looks_up(table: str, alias: str, column: str, of: str, extra: str = "") -> str:
    """``EXISTS`` a row of ``table`` (alias ``alias``) the person sees (by ``table``'s own
    policies) whose ``column`` is the policy's row's ``of`` (and ``extra`` holds).

    For a table of :data:`CALLED` the policy on the server calls
    ``spocdesk_sees_<table>[_by_<column>](key)`` instead: a PL/pgSQL function that runs
    as its caller, so row security applies to its query as it does to the sub-select,
    and whose plan is made once a session."""
    text = f"EXISTS (SELECT 1 FROM {table} AS {alias} WHERE {alias}.{column} = {T}.{of}{extra})"
    if table not in CALLED:
        return text
    name = SEES + table + ("" if column == "id" else f"_by_{column}")
    LOOKUP_FUNCTIONS[name] = (f"SELECT 1 FROM {{schema}}.{table} AS {alias} "
                              f"WHERE {alias}.{column} = key{extra}")
    LOOKUP_CALLS[text] = f"{name}({T}.{of})"
    return text


def follows(parent: str, column: str) -> str:
    """The row's ``column`` names a row of ``parent`` that the person sees (by
    ``parent``'s own policies): one look-up by key per row that the cheaper tests
    before it leave open (:func:`looks_up`). Correlated, so that reading a few rows
    looks up a few parents by key."""
    return looks_up(parent, "x", "id", column)


def _shared(column: str) -> str:
    return (f"EXISTS (SELECT 1 FROM {SHARE} AS s WHERE s.{column} = {T}.id "
            f"AND s.grantee = {ME})")


# the case's own owner is the one away (anyone may plan an absence of their own and
# list any case id in it: that gives their deputy nothing)
DEPUTY = f"""EXISTS (SELECT 1 FROM absence_case AS ac JOIN absence AS a ON a.id = ac.absence_id
 WHERE ac.case_id = {T}.id AND a.owner = {T}.owner AND a.deputy_role = {ME}
   AND ac.deleted_at IS NULL
   AND a.deleted_at IS NULL AND a.finished_at IS NULL
   AND spocdesk_today() BETWEEN a.starts_on AND a.ends_on)"""
CASE_VISIBLE = f"owner = {ME} OR {IS_LEAD} OR {_shared('case_id')} OR {DEPUTY}"
STAKEHOLDER_VISIBLE = (
    f"owner = {ME} OR {IS_LEAD} OR {_shared('stakeholder_id')} "
    f"OR {looks_up('case_participant', 'p', 'stakeholder_id', 'id', ' AND p.deleted_at IS NULL')}")
ON_VISIBLE_CASE = follows("case_record", "case_id")
# the same, first from the row's copy of its case's owner (:mod:`.case_owner`): one's
# own caseload without a look-up per row
ON_CASE = f"({T}.{case_owner.COLUMN} = {ME} OR {ON_VISIBLE_CASE})"
ON_VISIBLE_STAKEHOLDER = follows("stakeholder", "stakeholder_id")
INTERACTION_VISIBLE = f"(case_id IS NULL AND owner = {ME}) OR {IS_LEAD} OR {ON_CASE}"
FOLLOWUP_VISIBLE = (f"(case_id IS NULL AND stakeholder_id IS NULL AND owner = {ME}) "
                    f"OR {IS_LEAD} OR {ON_CASE} OR {ON_VISIBLE_STAKEHOLDER}")
MAIL_VISIBLE = f"owner = {ME} OR {ON_CASE}"
# what a follow-up may hang on: nothing, or a case and a person one sees (a follow-up
# on someone else's case through a person of one's own would plant it there)
FOLLOWUP_LINKS = (f"(case_id IS NULL OR {ON_VISIBLE_CASE}) "
                  f"AND (stakeholder_id IS NULL OR {ON_VISIBLE_STAKEHOLDER})")

# the audit trail: an event follows the record it is about
AUDITED = {"case": "case_record", "stakeholder": "stakeholder", "followup": "followup",
           "absence": "absence", "handover_note": "handover_note", "mail": "mail_message",
           "mail_account": "mail_account"}
# (and its author sees it: what they changed, they saw; ``server import`` writes events
# before the records they are about, and an INSERT … ON CONFLICT must see its new row)
AUDIT_VISIBLE = " OR ".join(
    [IS_LEAD, f"db_role = {ME}"]
    + [f"(entity = '{entity}' AND {follows(table, 'entity_id')})"
       for entity, table in AUDITED.items()])


@dataclass(frozen=True)
class Rules:
    """One table's policies: who sees a row (``see``, also the row a change must leave
    behind, unless ``change`` says more), who may insert one (``insert``; None: ``see``)
    and who may delete one (``delete``; None: ``see``). ``update`` False: nobody
    updates (append-only)."""

    see: str
    insert: str | None = None
    delete: str | None = None
    update: bool = True
    change: str | None = None


def _owned(see: str) -> Rules:
    return Rules(see=see, insert=OWN, delete=OWN)


RULES: dict[str, Rules] = {
    "case_record": _owned(CASE_VISIBLE),
    "stakeholder": _owned(STAKEHOLDER_VISIBLE),
    "case_participant": Rules(ON_CASE),
    "escalation": Rules(ON_CASE),
    "case_feedback": Rules(ON_CASE),
    "handover_note": Rules(ON_CASE),
    "contact_point": Rules(ON_VISIBLE_STAKEHOLDER),
    "nps_answer": Rules(ON_VISIBLE_STAKEHOLDER),
    "interaction": Rules(INTERACTION_VISIBLE, insert=f"owner = {ME} AND ({INTERACTION_VISIBLE})"),
    "interaction_participant": Rules(follows("interaction", "interaction_id")),
    "followup": Rules(FOLLOWUP_VISIBLE, insert=f"owner = {ME} AND {FOLLOWUP_LINKS}",
                      change=f"({FOLLOWUP_VISIBLE}) AND {FOLLOWUP_LINKS}"),
    "absence": Rules(f"owner = {ME} OR {IS_LEAD} OR deputy_role = {ME}", insert=OWN, delete=OWN),
    "absence_case": Rules(follows("absence", "absence_id"),
                          insert=f"{IS_LEAD} OR EXISTS (SELECT 1 FROM absence AS x "
                                 f"WHERE x.id = {T}.absence_id AND x.owner = {ME})"),
    "mail_account": Rules(f"owner = {ME}"),
    "mail_folder": Rules(follows("mail_account", "account_id")),
    "mail_message": Rules(MAIL_VISIBLE, insert=f"owner = {ME} AND (case_id IS NULL "
                                               f"OR {ON_VISIBLE_CASE})"),
    "mail_attachment": Rules(follows("mail_message", "mail_id")),
    "mail_ignore_rule": Rules(f"owner = {ME}"),
    "audit_event": Rules(AUDIT_VISIBLE, insert=f"db_role = {ME}", update=False),
    SHARE: Rules(f"grantee = {ME} OR granted_by = {ME} OR {IS_LEAD}",
                 insert=f"granted_by = {ME}", delete=f"granted_by = {ME} OR {IS_LEAD}",
                 update=False),
}

# the tables row security protects
PROTECTED = tuple(RULES)
# what sees every case number (security definer), for the team's members only
NUMBER_FUNCTIONS = ("spocdesk_highest_case_number(boolean)",
                    "spocdesk_case_numbers_taken(integer[])")


def install(conn: sa.Connection) -> None:
    """Roles, rights, helper functions, triggers and policies, in the caller's
    transaction, as the schema's owner. Idempotent."""
    ensure_groups(conn)
    schema = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    admin = str(conn.execute(sa.text("SELECT current_user")).scalar())
    zone = str(conn.execute(sa.text("SHOW TimeZone")).scalar())
    _functions(conn, schema, zone)
    _share_table(conn)
    _owner_defaults(conn)
    case_owner.install(conn, quote(schema))
    _indexes(conn)
    covering.install(conn)  # the case list's counts read the owner off their indexes
    _audit_trigger(conn)
    _participant_trigger(conn)
    # the checks that read a table as their caller: that table, not one of the
    # caller's own temporary tables of the same name (pg_temp comes first otherwise)
    pin_search_path(conn, schema, "spocdesk_check_share()", "spocdesk_check_participant()",
                    "spocdesk_take_case_owner()")
    for table, rules in RULES.items():
        _policies(conn, table, rules, admin)
    _grants(conn, schema)
    _no_jit(conn)
    log.info("row-level security is in place on the team server")


def _functions(conn: sa.Connection, schema: str, zone: str) -> None:
    path = f"SET search_path = {quote(schema)}, pg_temp"
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_is_lead() RETURNS boolean LANGUAGE sql STABLE "
        f"AS $$ SELECT pg_has_role(session_user, '{GROUP_LEAD}', 'MEMBER') $$"))
    # the team's today: the server's time zone when 'server init' ran (not the session's,
    # which a deputy could move to stretch an absence by a few hours)
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_today() RETURNS date LANGUAGE sql STABLE "
        f"AS $$ SELECT (now() AT TIME ZONE '{zone.replace(chr(39), '')}')::date $$"))
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_highest_case_number(take_lock boolean) "
        f"RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$\n"
        "BEGIN\n"
        "  IF take_lock THEN PERFORM pg_advisory_xact_lock(hashtext('spocdesk_case_number'));"
        " END IF;\n"
        "  RETURN (SELECT max(ref_number) FROM case_record);\n"
        "END $$"))
    # which of these case numbers the team uses (``server import`` renumbers its cases
    # around them): numbers only, of cases the caller may not see
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_case_numbers_taken(numbers integer[]) "
        f"RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER {path} "
        "AS $$ SELECT ref_number FROM case_record WHERE ref_number = ANY(numbers) $$"))
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_stamp_role() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN NEW.db_role := session_user; RETURN NEW; END $$"))
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_check_share() RETURNS trigger LANGUAGE plpgsql "
        "AS $$\n"
        "BEGIN\n"
        "  IF spocdesk_is_lead()\n"
        "     OR EXISTS (SELECT 1 FROM case_record AS c\n"
        "                WHERE c.id = NEW.case_id AND c.owner = session_user)\n"
        "     OR EXISTS (SELECT 1 FROM stakeholder AS s\n"
        "                WHERE s.id = NEW.stakeholder_id AND s.owner = session_user) THEN\n"
        "    RETURN NEW;\n"
        "  END IF;\n"
        "  RAISE EXCEPTION 'only the owner or a lead may share a record'\n"
        "    USING ERRCODE = 'insufficient_privilege';\n"
        "END $$"))
    for function in NUMBER_FUNCTIONS:
        conn.execute(sa.text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
    _lookup_functions(conn, schema)


def _lookup_functions(conn: sa.Connection, schema: str) -> None:
    """The policies' look-ups (:func:`looks_up`): as their caller (not SECURITY DEFINER:
    the caller's row security decides), STABLE, the table named with its schema (a
    temporary table of the caller's own cannot stand in for it)."""
    for name, rows in LOOKUP_FUNCTIONS.items():
        conn.execute(sa.text(
            f"CREATE OR REPLACE FUNCTION {name}(key varchar) RETURNS boolean "
            "LANGUAGE plpgsql STABLE AS $$\n"
            f"BEGIN\n  RETURN EXISTS ({rows.format(schema=quote(schema))});\nEND $$"))


def pin_search_path(conn: sa.Connection, schema: str, *functions: str) -> None:
    """``functions`` (name and argument types) look their tables up in ``schema`` and then
    in the caller's temporary schema, last: an invoker's function that names a table
    unqualified would otherwise read a temporary table of the caller's that bears its
    name (someone could share a colleague's case with themselves through a forged
    ``case_record`` of their own)."""
    for function in functions:
        conn.execute(sa.text(
            f"ALTER FUNCTION {function} SET search_path = {quote(schema)}, pg_temp"))


def planned(condition: str) -> str:
    """A policy's condition as the server holds it: every look-up of another table's row
    (:func:`looks_up`) a call of its function."""
    for text, call in LOOKUP_CALLS.items():
        condition = condition.replace(text, call)
    return condition


def _share_table(conn: sa.Connection) -> None:
    """Shares exist on a server only: a case or a stakeholder, the role it is shared
    with, and who shared it (always the login role)."""
    conn.execute(sa.text(f"""CREATE TABLE IF NOT EXISTS {SHARE} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id varchar(36) REFERENCES case_record (id) ON DELETE CASCADE,
        stakeholder_id varchar(36) REFERENCES stakeholder (id) ON DELETE CASCADE,
        grantee text NOT NULL,
        granted_by text NOT NULL DEFAULT session_user,
        granted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_{SHARE}_one_record CHECK (num_nonnulls(case_id, stakeholder_id) = 1),
        CONSTRAINT uq_{SHARE}_grant UNIQUE NULLS NOT DISTINCT (case_id, stakeholder_id, grantee)
    )"""))
    conn.execute(sa.text(
        f"CREATE INDEX IF NOT EXISTS ix_{SHARE}_grantee ON {SHARE} (grantee, case_id, "
        "stakeholder_id)"))
    conn.execute(sa.text(
        f"CREATE OR REPLACE TRIGGER {SHARE}_owner BEFORE INSERT ON {SHARE} "
        "FOR EACH ROW EXECUTE FUNCTION spocdesk_check_share()"))


def _owner_defaults(conn: sa.Connection) -> None:
    """A new row without an owner is the inserting person's: the column's default, and a
    trigger for an explicit NULL (``server import`` copies the file's empty column)."""
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_default_owner() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN NEW.owner := coalesce(NEW.owner, session_user); RETURN NEW; END $$"))
    for table in OWNED:
        conn.execute(sa.text(
            f"ALTER TABLE {table} ALTER COLUMN owner SET DEFAULT session_user"))
        conn.execute(sa.text(
            f"CREATE OR REPLACE TRIGGER spocdesk_owner BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION spocdesk_default_owner()"))


def _indexes(conn: sa.Connection) -> None:
    """What the policies look up, on the server only (the file has no policies)."""
    for table in OWNED:
        conn.execute(sa.text(
            f"CREATE INDEX IF NOT EXISTS ix_{table}_owner ON {table} (owner, id)"))
    conn.execute(sa.text(
        "CREATE INDEX IF NOT EXISTS ix_absence_deputy_role ON absence (deputy_role, starts_on, "
        "ends_on) WHERE deputy_role <> ''"))
    conn.execute(sa.text(
        "CREATE INDEX IF NOT EXISTS ix_absence_case_case ON absence_case (case_id, absence_id)"))


def _audit_trigger(conn: sa.Connection) -> None:
    conn.execute(sa.text(
        "CREATE OR REPLACE TRIGGER spocdesk_audit_role BEFORE INSERT OR UPDATE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION spocdesk_stamp_role()"))


def _participant_trigger(conn: sa.Connection) -> None:
    """Whoever sees a case sees the people in it, so linking a person to a case needs
    that person in sight already: otherwise a known id, linked to one's own case, would
    open someone else's client. (A trigger, not a policy: a policy on the participants
    that read the stakeholders, whose policy reads the participants, would recurse.)"""
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_check_participant() RETURNS trigger "
        "LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF NOT EXISTS (SELECT 1 FROM stakeholder AS s WHERE s.id = NEW.stakeholder_id) THEN\n"
        "    RAISE EXCEPTION 'the stakeholder is not visible to %', session_user\n"
        "      USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  RETURN NEW;\n"
        "END $$"))
    conn.execute(sa.text(
        "CREATE OR REPLACE TRIGGER spocdesk_participant_visible BEFORE INSERT OR UPDATE OF "
        "stakeholder_id ON case_participant FOR EACH ROW "
        "EXECUTE FUNCTION spocdesk_check_participant()"))


def forced_without_policies(conn: sa.Connection, table: str) -> None:
    """``table`` under forced row security, without the policies spocdesk gave it
    before (the caller gives them again: a second ``server init`` changes nothing)."""
    for (name,) in conn.execute(sa.text(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
            "AND tablename = :table AND policyname LIKE 'spocdesk\\_%'"), {"table": table}):
        conn.execute(sa.text(f"DROP POLICY {quote(name)} ON {table}"))
    conn.execute(sa.text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    conn.execute(sa.text(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))


def _policies(conn: sa.Connection, table: str, rules: Rules, admin: str) -> None:
    forced_without_policies(conn, table)

    def policy(name: str, command: str, using: str | None, check: str | None,
               to: str = "PUBLIC") -> None:
        clauses = (f" USING ({using})" if using else "") + (
            f" WITH CHECK ({check})" if check else "")
        clauses = planned(clauses).replace(T, table)
        conn.execute(sa.text(
            f"CREATE POLICY {PREFIX}{name} ON {table} AS PERMISSIVE FOR {command} "
            f"TO {to}{clauses}"))

    policy("admin", "ALL", "true", "true", to=quote(admin))
    policy("see", "SELECT", rules.see, None)
    policy("insert", "INSERT", None, rules.insert or rules.see)
    if rules.update:
        policy("update", "UPDATE", rules.see, rules.change or rules.see)
    policy("delete", "DELETE", rules.delete or rules.see, None)


def _no_jit(conn: sa.Connection) -> None:
    """No JIT compilation in this database (new sessions): the policies' correlated
    look-ups make the planner's cost estimates large, and compiling a count over a
    caseload took a second where running it takes 20 ms."""
    database = str(conn.execute(sa.text("SELECT current_database()")).scalar())
    savepoint = conn.begin_nested()
    try:
        conn.execute(sa.text(f"ALTER DATABASE {quote(database)} SET jit = off"))
        savepoint.commit()
    except sa.exc.DBAPIError as exc:  # not the database's owner: slower counts, no harm
        savepoint.rollback()
        log.info("could not turn JIT off for the database (%s)", type(exc.orig).__name__)


def _columns(conn: sa.Connection, table: str) -> list[str]:
    return list(conn.execute(sa.text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = :table AND is_generated = 'NEVER' "
        "AND identity_generation IS NULL ORDER BY ordinal_position"), {"table": table}).scalars())


def _grants(conn: sa.Connection, schema: str) -> None:
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {groups}"))
    conn.execute(sa.text(f"GRANT SELECT ON alembic_version TO {groups}"))
    conn.execute(sa.text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} "
                         f"TO {groups}"))
    for function in NUMBER_FUNCTIONS:
        conn.execute(sa.text(f"GRANT EXECUTE ON FUNCTION {function} TO {groups}"))
    for table in (*TEAM_TABLES, *PROTECTED):
        rules = RULES.get(table)
        conn.execute(sa.text(f"REVOKE ALL ON {table} FROM {groups}"))
        if table in DERIVED_TABLES:
            conn.execute(sa.text(f"GRANT SELECT ON {table} TO {groups}"))
            continue
        conn.execute(sa.text(f"GRANT SELECT, INSERT, DELETE ON {table} TO {groups}"))
        if rules is not None and not rules.update:
            continue
        columns = _columns(conn, table)
        kept = ("owner", case_owner.COLUMN)  # a lead's; the server's copy
        conn.execute(sa.text(f"GRANT UPDATE ({_list(c for c in columns if c not in kept)}) "
                             f"ON {table} TO {groups}"))
        if "owner" in columns:  # a lead may hand a record to another person
            conn.execute(sa.text(f"GRANT UPDATE (owner) ON {table} TO {quote(GROUP_LEAD)}"))


def _list(names: Iterable[str]) -> str:
    return ", ".join(quote(n) for n in names)


# -- sharing ------------------------------------------------------------------

NOT_A_MEMBER = QT_TRANSLATE_NOOP(
    "spocdesk.core", "The team server has no role called {name}.")
NOT_YOURS = QT_TRANSLATE_NOOP(
    "spocdesk.core", "Only its owner or a lead can share this record.")
SHARING_ON_SERVER = QT_TRANSLATE_NOOP(
    "spocdesk.core", "Sharing works on a team server only; a store file has one user.")


def share(store: Store, grantee: str, *, case_id: str | None = None,
          stakeholder_id: str | None = None, remove: bool = False) -> bool:
    """Share one case or stakeholder with the role ``grantee`` (``remove``: take it back);
    True when that changed anything. Only the record's owner or a lead may."""
    if store.backend != backend.POSTGRESQL:
        raise NotOnTeamServer(SHARING_ON_SERVER)
    if (case_id is None) == (stakeholder_id is None):
        raise ValueError("share one case or one stakeholder")
    column, record = ("case_id", case_id) if case_id is not None else (
        "stakeholder_id", stakeholder_id)
    params = {"record": record, "grantee": grantee}
    with store.connection() as conn:
        if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :grantee"),
                        params).first() is None:
            raise InvalidInput(NOT_A_MEMBER, name=grantee)
        if remove:
            done = conn.execute(sa.text(
                f"DELETE FROM {SHARE} WHERE {column} = :record AND grantee = :grantee"),
                params).rowcount
        else:
            try:
                done = conn.execute(sa.text(
                    f"INSERT INTO {SHARE} ({column}, grantee) VALUES (:record, :grantee) "
                    f"ON CONFLICT ON CONSTRAINT uq_{SHARE}_grant DO NOTHING"), params).rowcount
            except NoServerRights:  # the trigger: not the owner, not a lead
                raise InvalidInput(NOT_YOURS) from None
        conn.commit()
    return bool(done)
