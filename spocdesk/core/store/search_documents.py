"""The stored search documents of a team server: one row per record and kind.

The file keeps its documents in FTS5 (revisions 0003, 0007, 0025); a team server keeps
the same documents in ``search_document``: per record its kind, id, case, owner,
moment, ``title``, ``body`` and digit ``terms`` — what :mod:`spocdesk.core.search.server`
used to build from the live records at every keystroke — and a stored, generated
``document`` (``tsvector``: the title folded by ``spocdesk_fold`` weighted ``A``, the
terms ``B``, the folded body ``D``) under a GIN index. A stakeholder's row also holds
the directory's lookup text (revision 0007's ``words``, folded, and ``digits``) under
trigram indexes (``pg_trgm``), so "müll" or "030 100" in the directory is an index
look-up too.

Only live records have a document: not soft-deleted, not on a deleted case, an e-mail
only while it waits unfiled in the Inbox. Statement-level triggers on the source
tables (``case_record``, ``stakeholder``, ``contact_point``, ``interaction``,
``followup``, ``handover_note``, ``mail_message``) write the documents of the rows a
statement touched again, set-based, in the writer's transaction: a case's own row and,
when it is deleted, restored or handed to another owner, its records' rows; a
stakeholder's and, when an organisation is renamed or deleted, its members'; a
contact point's stakeholder's. The trigger functions run as the schema's owner
(``SECURITY DEFINER``): a document holds the whole record whoever changed it, and
nobody else can write the table.

Who reads a document: the table is under ``FORCE ROW LEVEL SECURITY`` and its one
policy for the team follows the document back to its source row, which the source
table's own policies guard (:mod:`.policies`). Whoever cannot read a case, a person
or an entry cannot read its document, a deputy only for the dates of the absence.

:func:`install` (``spocdesk server init``, also on a server made before the table
existed) creates all of it and fills the table once; :func:`rebuild` writes every
document again in bulk (after a ``COPY`` that bypassed the triggers).
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache

import sqlalchemy as sa

from spocdesk.core.store import policies
from spocdesk.core.store.roles import GROUP_LEAD, GROUP_SPOC, quote

log = logging.getLogger(__name__)

TABLE = "search_document"
FOLD = "spocdesk_fold"  # made by spocdesk.core.store.server before this module runs
PREFIX = "spocdesk_search_"

_POINTS = ("(SELECT string_agg(cp.value, ' · ') FROM contact_point AS cp "
           "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL)")
_PHONE_FORMS = " || ' ' || ".join(
    ["cp.normalized"]
    + [f"substr(cp.normalized, {k})" for k in (2, 3, 4)]
    + [f"'0' || substr(cp.normalized, {k})" for k in (2, 3, 4)])
_DIGITS = (f"(SELECT string_agg(CASE WHEN length(cp.normalized) >= 8 THEN {_PHONE_FORMS} "
           "ELSE cp.normalized END, ' ') FROM contact_point AS cp "
           "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL AND cp.kind = 'phone')")
_ORG = ("(SELECT o.display_name FROM stakeholder AS o "
        "WHERE o.id = r.organisation_id AND o.deleted_at IS NULL)")
_ACTIONS = ("(CASE WHEN r.actions ~ '^\\s*\\[' THEN (SELECT string_agg("
            "coalesce(a->>'text', '') || ' ' || coalesce(a->>'owner', ''), ' ') "
            "FROM jsonb_array_elements(r.actions::jsonb) AS a "
            "WHERE jsonb_typeof(a) = 'object') ELSE r.actions END)")
MAIL_PREVIEW = 640  # characters of an e-mail's text searched (as revision 0025)
_CASE_LIVE = ("(r.case_id IS NULL OR EXISTS (SELECT 1 FROM case_record AS lc "
              "WHERE lc.id = r.case_id AND lc.deleted_at IS NULL))")


def _join(*parts: str) -> str:
    return "concat_ws(' · ', " + ", ".join(f"nullif(trim({p}), '')" for p in parts) + ")"


# per kind over alias ``r`` (as revision 0003's KINDS): source table, title, body,
# terms, case id, moment
KINDS: dict[str, tuple[str, str, str, str, str, str]] = {
    "case": ("case_record", "r.ref || ' ' || r.title",
             _join("r.description", "r.next_step", "replace(r.tags, '|', ' ')"),
             "lpad(r.ref_number::text, 4, '0') || ' ' || r.ref_number::text", "r.id",
             "coalesce(r.last_interaction_at, r.opened_at)"),
    "stakeholder": ("stakeholder", "r.display_name",
                    _join("r.given_name", "r.family_name", _ORG, "r.title",
                          "replace(r.tags, '|', ' ')", _POINTS, "r.notes"),
                    f"coalesce({_DIGITS}, '')", "NULL", "r.updated_at"),
    "interaction": ("interaction", "r.summary", "r.body", "''", "r.case_id", "r.occurred_at"),
    "followup": ("followup", "r.title", "r.notes", "''", "r.case_id",
                 "coalesce(r.due_at, r.created_at)"),
    "handover": ("handover_note", "r.summary",
                 _join("r.situation", "r.contingencies", _ACTIONS, "r.synthesis"), "''",
                 "r.case_id", "r.updated_at"),
    # the e-mail waiting in the Inbox (revision 0025 on the file): only while unfiled;
    # the sender's address also in parts (PostgreSQL's parser keeps an address whole,
    # FTS5's splits it: "clinic" finds greta.meyer@clinic.example on both)
    "mail": ("mail_message", "r.subject",
             _join("r.sender_name", "r.sender_email", f"substr(r.body, 1, {MAIL_PREVIEW})"),
             "translate(r.sender_email, '@.-_+', '     ')", "NULL", "r.occurred_at"),
}
_EXTRA_LIVE = {"mail": "r.state = 'unfiled'"}
# whose a document is (the source row's owner; a handover note: its case's)
_OWNER = {"handover": "(SELECT c.owner FROM case_record AS c WHERE c.id = r.case_id)"}
CASE_CHILDREN = tuple(kind for kind, spec in KINDS.items() if spec[4] == "r.case_id")


def live(kind: str) -> str:
    """Which rows of ``kind`` (alias ``r``) have a document."""
    child = kind in CASE_CHILDREN  # a case's record: only while the case lives
    extra = f" AND {_EXTRA_LIVE[kind]}" if kind in _EXTRA_LIVE else ""
    return "r.deleted_at IS NULL" + (f" AND {_CASE_LIVE}" if child else "") + extra


@lru_cache(maxsize=1)
def lookup_documents() -> tuple[str, str]:
    """Revision 0007's directory ``words`` and ``digits`` expressions (alias ``r``),
    spelled for PostgreSQL: one definition of what the directory matches."""
    revision = importlib.import_module(
        "spocdesk.core.store.migrations.versions.0007_stakeholder_lookup")

    def spell(sql: str) -> str:
        return re.sub(r"\bgroup_concat\(", "string_agg(", re.sub(r"\binstr\(", "strpos(", sql))

    return spell(revision.WORDS), spell(revision.DIGITS)


COLUMNS = ("kind", "record_id", "case_id", "owner", "at", "title", "body", "terms",
           "words", "digits")


def select_sql(kind: str, where: str) -> str:
    """The documents of the live rows of ``kind`` (alias ``r``) that ``where`` picks, in
    :data:`COLUMNS` order."""
    table, title, body, terms, case_id, moment = KINDS[kind]
    words, digits = "NULL", "NULL"
    if kind == "stakeholder":
        words, digits = lookup_documents()
        words = f"{FOLD}({words})"
    owner = _OWNER.get(kind, "r.owner")
    return (f"SELECT '{kind}', r.id, {case_id}, {owner}, {moment}, coalesce({title}, ''), "
            f"coalesce({body}, ''), coalesce({terms}, ''), {words}, {digits} "
            f"FROM {table} AS r WHERE {live(kind)} AND ({where})")


def _insert(kind: str, where: str) -> str:
    return f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) {select_sql(kind, where)}"


def document_sql(title: str = "title", terms: str = "terms", body: str = "body") -> str:
    """The weighted ``tsvector`` of a document (what the stored column holds)."""
    return (f"setweight(to_tsvector('simple'::regconfig, {FOLD}({title})), 'A') || "
            f"setweight(to_tsvector('simple'::regconfig, {terms}), 'B') || "
            f"setweight(to_tsvector('simple'::regconfig, {FOLD}({body})), 'D')")


def _create_table(conn: sa.Connection) -> None:
    conn.execute(sa.text(f"""CREATE TABLE {TABLE} (
        kind text NOT NULL,
        record_id varchar(36) NOT NULL,
        case_id varchar(36),
        owner text,
        at timestamp,
        title text NOT NULL,
        body text NOT NULL,
        terms text NOT NULL,
        words text,
        digits text,
        document tsvector GENERATED ALWAYS AS ({document_sql()}) STORED,
        CONSTRAINT pk_{TABLE} PRIMARY KEY (kind, record_id)
    )"""))


def _has_trigrams(conn: sa.Connection) -> bool:
    return bool(conn.execute(sa.text(
        "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first())


def _index_statements(conn: sa.Connection) -> list[str]:
    """The indexes: the match (GIN), the newest matches first, a case's records, and
    the directory's trigrams where the server has ``pg_trgm``."""
    statements = [
        f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_match ON {TABLE} USING gin (document)",
        f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_at ON {TABLE} (at DESC NULLS LAST)",
        f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_case ON {TABLE} (case_id) "
        "WHERE case_id IS NOT NULL",
    ]
    if _has_trigrams(conn):
        schema = conn.execute(sa.text(
            "SELECT extnamespace::regnamespace::text FROM pg_extension "
            "WHERE extname = 'pg_trgm'")).scalar()
        for column in ("words", "digits"):
            statements.append(
                f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_{column} ON {TABLE} "
                f"USING gin ({column} {schema}.gin_trgm_ops) WHERE kind = 'stakeholder'")
    return statements


def _index_names() -> list[str]:
    return [f"ix_{TABLE}_{name}" for name in ("match", "at", "case", "words", "digits")]


# -- keeping the documents current ------------------------------------------------

def _put_function(kind: str, schema: str) -> str:
    """``spocdesk_search_put_<kind>(ids)``: the documents of those records, written again."""
    return (f"CREATE OR REPLACE FUNCTION {PREFIX}put_{kind}(ids text[]) RETURNS void "
            f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp "
            "AS $$\nBEGIN\n"
            "  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;\n"
            f"  DELETE FROM {TABLE} WHERE kind = '{kind}' AND record_id = ANY(ids);\n"
            f"  {_insert(kind, 'r.id = ANY(ids)')};\n"
            "END $$")


def _children_function(schema: str) -> str:
    """``spocdesk_search_put_children(case_ids)``: the documents of those cases' records."""
    body = "".join(
        f"  DELETE FROM {TABLE} WHERE kind = '{kind}' AND case_id = ANY(case_ids);\n"
        f"  {_insert(kind, 'r.case_id = ANY(case_ids)')};\n" for kind in CASE_CHILDREN)
    return (f"CREATE OR REPLACE FUNCTION {PREFIX}put_children(case_ids text[]) RETURNS void "
            f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp "
            "AS $$\nBEGIN\n"
            "  IF case_ids IS NULL OR cardinality(case_ids) = 0 THEN RETURN; END IF;\n"
            f"{body}END $$")


def _ids(column: str) -> str:
    """PL/pgSQL: ``ids`` := the ``column`` values of the statement's rows, old and new."""
    return ("  IF TG_OP = 'INSERT' THEN\n"
            f"    SELECT array_agg(DISTINCT {column}) INTO ids FROM new_rows;\n"
            "  ELSIF TG_OP = 'DELETE' THEN\n"
            f"    SELECT array_agg(DISTINCT {column}) INTO ids FROM old_rows;\n"
            "  ELSE\n"
            f"    SELECT array_agg(DISTINCT u.k) INTO ids FROM (SELECT {column} FROM new_rows "
            f"UNION SELECT {column} FROM old_rows) AS u(k);\n"
            "  END IF;\n")


def _and_when(changed: str, then: str) -> str:
    """PL/pgSQL: ``then`` for every row deleted, and for the updated rows where
    ``changed`` holds (``n`` new, ``o`` old); ``ids`` holds them."""
    return ("  IF TG_OP = 'UPDATE' THEN\n"
            "    SELECT array_agg(n.id) INTO ids FROM new_rows AS n "
            f"JOIN old_rows AS o ON o.id = n.id WHERE {changed};\n"
            "  END IF;\n"
            f"  IF TG_OP <> 'INSERT' THEN\n    {then};\n  END IF;\n")


def _trigger_bodies() -> dict[str, str]:
    """Source table → its trigger function's statements."""
    def put(kind: str, column: str = "id") -> str:
        return _ids(column) + f"  PERFORM {PREFIX}put_{kind}(ids);\n"

    return {
        # a case; and its records when it is deleted, restored or handed on
        "case_record": put("case") + _and_when(
            "n.deleted_at IS DISTINCT FROM o.deleted_at OR n.owner IS DISTINCT FROM o.owner",
            f"PERFORM {PREFIX}put_children(ids)"),
        # a person; and an organisation's members, whose documents hold its name
        "stakeholder": put("stakeholder") + _and_when(
            "n.display_name IS DISTINCT FROM o.display_name "
            "OR n.deleted_at IS DISTINCT FROM o.deleted_at",
            f"PERFORM {PREFIX}put_stakeholder(ARRAY(SELECT m.id FROM stakeholder AS m "
            "WHERE m.organisation_id = ANY(ids)))"),
        "contact_point": put("stakeholder", "stakeholder_id"),
        "interaction": put("interaction"),
        "followup": put("followup"),
        "handover_note": put("handover"),
        "mail_message": put("mail"),
    }


SOURCES = tuple(_trigger_bodies())
_EVENTS = {"insert": ("INSERT", "NEW TABLE AS new_rows"),
           "update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
           "delete": ("DELETE", "OLD TABLE AS old_rows")}


def _triggers(conn: sa.Connection, schema: str) -> None:
    for kind in KINDS:
        conn.execute(sa.text(_put_function(kind, schema)))
    conn.execute(sa.text(_children_function(schema)))
    for table, body in _trigger_bodies().items():
        function = f"{PREFIX}on_{table}"
        conn.execute(sa.text(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
            f"SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp AS $$\n"
            f"DECLARE ids text[];\nBEGIN\n{body}  RETURN NULL;\nEND $$"))
        for event, (verb, transition) in _EVENTS.items():
            conn.execute(sa.text(
                f"CREATE OR REPLACE TRIGGER {PREFIX}{event} AFTER {verb} ON {table} "
                f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"))
    for function in [f"{PREFIX}put_{kind}(text[])" for kind in KINDS] + [
            f"{PREFIX}put_children(text[])"]:
        conn.execute(sa.text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))


# -- who reads a document ----------------------------------------------------------

def visible_sql(alias: str = TABLE) -> str:
    """A document is seen by whoever sees its source row (that table's policies)."""
    cases = " ".join(
        f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM {spec[0]} AS src "
        f"WHERE src.id = {alias}.record_id)" for kind, spec in KINDS.items())
    return f"CASE {alias}.kind {cases} ELSE false END"


def _policy(conn: sa.Connection, admin: str) -> None:
    """Row security as on the record tables (:func:`.policies._policies`): the schema's
    owner does anything, the team reads what :func:`visible_sql` lets through and
    writes nothing (the trigger functions write, as the owner)."""
    policies._policies(conn, TABLE, policies.Rules(
        see=visible_sql(), insert="false", delete="false", update=False), admin)
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    conn.execute(sa.text(f"REVOKE ALL ON {TABLE} FROM PUBLIC, {groups}"))
    conn.execute(sa.text(f"GRANT SELECT ON {TABLE} TO {groups}"))


# -- install and rebuild ---------------------------------------------------------

def _exists(conn: sa.Connection) -> bool:
    return bool(sa.inspect(conn).has_table(TABLE))


def install(conn: sa.Connection) -> None:
    """The table, its triggers, indexes and policy, in the caller's transaction, as the
    schema's owner (after :mod:`.policies`, whose groups it grants to). A new table is
    filled from the records; running it again changes nothing."""
    schema = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    admin = str(conn.execute(sa.text("SELECT current_user")).scalar())
    created = not _exists(conn)
    if created:
        _create_table(conn)
    _triggers(conn, schema)
    _policy(conn, admin)
    if created:
        rebuild(conn)
    else:
        for statement in _index_statements(conn):
            conn.execute(sa.text(statement))


def rebuild(conn: sa.Connection) -> int:
    """Write every document again from the records, in bulk (indexes dropped meanwhile
    and made afresh), in the caller's transaction; the number of documents."""
    for name in _index_names():
        conn.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
    conn.execute(sa.text(f"TRUNCATE {TABLE}"))
    for kind in KINDS:
        conn.execute(sa.text(_insert(kind, "true")))
    for statement in _index_statements(conn):
        conn.execute(sa.text(statement))
    conn.execute(sa.text(f"ANALYZE {TABLE}"))
    count = int(conn.execute(sa.text(f"SELECT count(*) FROM {TABLE}")).scalar_one())
    log.info("wrote %d search documents on the team server", count)
    return count


def problems(conn: sa.Connection) -> list[str]:
    """Differences between the stored documents and the records (empty when they agree):
    per kind, the documents missing or out of date, and those that should not be there.
    Compares what the connection's role may read (all of it for the schema's owner)."""
    found: list[str] = []
    stored = ", ".join(COLUMNS)
    for kind in KINDS:
        fresh = select_sql(kind, "true")
        held = f"SELECT {stored} FROM {TABLE} WHERE kind = '{kind}'"
        missing = int(conn.execute(sa.text(
            f"SELECT count(*) FROM ({fresh} EXCEPT {held}) AS m")).scalar_one())
        extra = int(conn.execute(sa.text(
            f"SELECT count(*) FROM ({held} EXCEPT {fresh}) AS m")).scalar_one())
        if missing or extra:
            found.append(f"the search documents lack or hold outdated {missing} and hold "
                         f"{extra} stale {kind} document(s)")
    return found
