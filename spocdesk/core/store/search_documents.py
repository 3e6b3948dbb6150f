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

Who reads a document: nobody of the team reads the table itself (no SELECT; it is
under ``FORCE ROW LEVEL SECURITY`` too, with a policy that follows a document back to
its source row). PostgreSQL checks a row policy before any condition that is not
LEAKPROOF, so ``document @@ query`` or ``words LIKE …`` under a policy could not use an
index. Instead the team calls four functions that run as the schema's owner:
``spocdesk_search_matches`` (the ranked search's newest matches), ``spocdesk_search_ids``
and ``spocdesk_search_case_numbers`` (the lists' text filters) and
``spocdesk_lookup_ids`` (the directory). They match through the indexes first and
then keep only the documents whose record the caller (``session_user``) may read, by
the rules of :mod:`.policies` themselves (:func:`explicit`): whoever cannot read a
case, a person or an entry finds no hit, id or count of it, a deputy only for the
dates of the absence. The document's ``owner`` and ``case_owner`` (mirrored from its
record and its case, kept by the same triggers) answer the common cases without a
look-up.

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
MATCHES = f"{PREFIX}matches"  # the functions the team reads the documents through
IDS = f"{PREFIX}ids"
CASE_NUMBERS = f"{PREFIX}case_numbers"
QUERY = f"{PREFIX}query"
LOOKUP_IDS = "spocdesk_lookup_ids"

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
_OWNER = {"handover": "NULL"}
# the owner of the case a document is of (the case's own, or its record's case's): who
# sees that case sees the document (the functions' first, cheap test)
_CASE_OWNER = {"case": "r.owner", "stakeholder": "NULL", "mail": "NULL"}
_OF_CASE = "(SELECT c.owner FROM case_record AS c WHERE c.id = r.case_id)"
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


COLUMNS = ("kind", "record_id", "case_id", "owner", "case_owner", "at", "title", "body",
           "terms", "words", "digits", "number")


def select_sql(kind: str, where: str) -> str:
    """The documents of the live rows of ``kind`` (alias ``r``) that ``where`` picks, in
    :data:`COLUMNS` order."""
    table, title, body, terms, case_id, moment = KINDS[kind]
    words, digits = "NULL", "NULL"
    if kind == "stakeholder":
        words, digits = lookup_documents()
        words = f"{FOLD}({words})"
    owner = _OWNER.get(kind, "r.owner")
    case_owner = _CASE_OWNER.get(kind, _OF_CASE)
    number = "r.ref_number" if kind == "case" else "NULL"
    return (f"SELECT '{kind}', r.id, {case_id}, {owner}, {case_owner}, {moment}, "
            f"coalesce({title}, ''), "
            f"coalesce({body}, ''), coalesce({terms}, ''), {words}, {digits}, {number} "
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
        case_owner text,
        at timestamp,
        title text NOT NULL,
        body text NOT NULL,
        terms text NOT NULL,
        words text,
        digits text,
        number integer,
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
#
# PostgreSQL checks a row policy before any condition that is not LEAKPROOF, and such a
# condition can then not use an index: ``document @@ query`` or ``words LIKE …`` under a
# policy scans every document. So the team does not read the table at all (no SELECT
# for its groups); it calls four functions that run as the schema's owner, match
# through the indexes first, and then keep only the documents whose record the caller
# (``session_user``) may read, by the very rules of :mod:`.policies`, spelled out for a
# reader that row security does not bind (:func:`explicit`). The table's own policy
# (the document follows its source row) stays, for anyone granted SELECT later.

_SUBSELECT = re.compile(r"EXISTS \(SELECT 1 FROM (\w+) AS (\w+) WHERE ")


def explicit(table: str, alias: str, depth: int = 0) -> str:
    """Who sees the row ``alias`` of ``table``: its policy's condition (``RULES[table].see``),
    with every sub-select on a protected table also holding that table's condition, so
    that it means the same without row security (as the owner's functions read)."""
    if depth > 8:
        raise RecursionError(f"the policies of {table} refer to each other")

    def nested(found: re.Match[str]) -> str:
        inner, name = found.group(1), found.group(2)
        if inner not in policies.RULES:
            return found.group(0)
        rule = explicit(inner, name, depth + 1)
        return f"EXISTS (SELECT 1 FROM {inner} AS {name} WHERE ({rule}) AND "

    return _SUBSELECT.sub(nested, policies.RULES[table].see).replace(policies.T, alias)


def visible_sql(alias: str = TABLE) -> str:
    """A document is seen by whoever sees its source row (by row security: the table's
    own policy)."""
    cases = " ".join(
        f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM {spec[0]} AS src "
        f"WHERE src.id = {alias}.record_id)" for kind, spec in KINDS.items())
    return f"CASE {alias}.kind {cases} ELSE false END"


SEEN = f"{PREFIX}seen"


def _seen_function(conn: sa.Connection, schema: str) -> None:
    """``spocdesk_search_seen(kind, record_id)``: whether the caller (``session_user``) may
    read that record, by :func:`explicit` (a function, so that its per-kind queries are
    planned once a session, not with every search)."""
    branches = "".join(
        f"  {'IF' if n == 0 else 'ELSIF'} kind = '{kind}' THEN\n"
        f"    RETURN EXISTS (SELECT 1 FROM {spec[0]} AS src WHERE src.id = record "
        f"AND ({explicit(spec[0], 'src')}));\n"
        for n, (kind, spec) in enumerate(KINDS.items()))
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {SEEN}(kind text, record varchar) RETURNS boolean "
        f"LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp "
        f"AS $$\nBEGIN\n{branches}  END IF;\n  RETURN false;\nEND $$"))
    conn.execute(sa.text(f"REVOKE ALL ON FUNCTION {SEEN}(text, varchar) FROM PUBLIC"))


def seen_sql(alias: str = "d") -> str:
    """:func:`visible_sql` for the owner's functions: first what the document's own
    columns answer (the caller is the schema's owner; owns the case; owns the case,
    person or e-mail itself; leads, for all but another's e-mail), then the source row
    (``spocdesk_search_seen``)."""
    me = policies.ME
    return (f"({me} = current_user OR {alias}.case_owner = {me} "
            f"OR ({alias}.kind IN ('case', 'stakeholder', 'mail') AND {alias}.owner = {me}) "
            f"OR ({alias}.kind <> 'mail' AND {policies.IS_LEAD}) "
            f"OR {SEEN}({alias}.kind, {alias}.record_id))")


# the ranked search walks the newest documents in order when more than one in
# WALK_SHARE of them match (a short prefix matches a quarter of the documents: its
# newest 3,000 lie among the newest 12,000 or so), at most WALK_AT_MOST of them; what
# the walk leaves to find comes from the GIN index
WALK_SHARE = 10
WALK_AT_MOST = 200_000

# the functions build their queries with format() and %L for the arguments, so that
# each call is planned for its own values (a prefix's matches, a pattern's trigrams)
_RESULT = ("TABLE (kind text, record_id varchar, title text, body text, case_id varchar, "
           "at timestamp, rank real)")


#: a lexeme of the parsed text as a prefix term, quoted for ``tsquery`` input
_PREFIX_TERM = r"'''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') || ''':*'"


def _query_function(conn: sa.Connection) -> None:
    """``spocdesk_search_query(text, digits)``: what the user typed as a query of the
    documents: the words as the documents' own parser splits the folded text (an e-mail
    address is one word there, as in the documents), each a prefix, all of them; or
    ``digits`` as a prefix of the phone terms. Built from the parsed words, quoted, so no
    text is a syntax error (``⑴`` folds to ``(1)``); a word of one letter is left out,
    as on the file."""
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {QUERY}(t text, digits text) RETURNS tsquery "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ "
        "SELECT CASE WHEN digits IS NULL THEN w.q ELSE (digits || ':*B')::tsquery || w.q END "
        f"FROM (SELECT coalesce(string_agg({_PREFIX_TERM}, ' & '), '')::tsquery AS q "
        f"FROM unnest(to_tsvector('simple'::regconfig, {FOLD}(t))) AS u "
        "WHERE length(u.lexeme) > 1) AS w $fn$"))


def _functions(conn: sa.Connection, schema: str) -> None:
    """``spocdesk_search_matches(query, kinds, budget)``: the newest ``budget`` documents
    of ``kinds`` the caller sees that match ``query``, with their ``ts_rank``;
    ``spocdesk_search_ids(query, kind)``: the ids of the records of ``kind`` the caller
    sees whose document matches; ``spocdesk_search_case_numbers(query)``: the reference
    numbers of those cases (the case list joins by them); ``spocdesk_lookup_ids(patterns,
    digits)``: the ids of the stakeholders the caller sees whose directory words are LIKE
    every pattern (or whose digits are LIKE ``digits``)."""
    _query_function(conn)
    seen = seen_sql("d").replace("'", "''")
    header = ("LANGUAGE plpgsql STABLE SECURITY DEFINER "
              f"SET search_path = {quote(schema)}, pg_temp AS $$\nBEGIN\n")
    match = "d.document @@ %L::tsquery AND d.kind = ANY(%L::text[]) AND " + seen
    # the newest matches are chosen by their row address (narrow rows to sort), and only
    # those rows are read whole and ranked; sorted by an expression the index on ``at``
    # does not serve, or the planner walks that index testing every document (matches
    # are not spread evenly over time: a word of old records would walk them all)
    ranked = (f"SELECT r.kind, r.record_id, r.title, r.body, r.case_id, r.at, "
              f"ts_rank(r.document, %L::tsquery) FROM {TABLE} AS r WHERE r.ctid = ANY(ARRAY("
              "SELECT d.ctid FROM {source} AS d WHERE " + match
              + " ORDER BY coalesce(d.at, ''-infinity'') DESC LIMIT %s))")
    narrow = "w.ctid, w.kind, w.record_id, w.owner, w.case_owner, w.at, w.document"
    newest = (f"(SELECT {narrow} FROM {TABLE} AS w WHERE w.at > %L::timestamp "
              "ORDER BY w.at DESC NULLS LAST LIMIT %s)")
    older = (f"(SELECT {narrow} FROM {TABLE} AS w WHERE %L::timestamp IS NULL "
             "OR w.at <= %L::timestamp OR w.at IS NULL)")
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {MATCHES}(query tsquery, kinds text[], "
        f"budget integer) RETURNS {_RESULT} LANGUAGE plpgsql SECURITY DEFINER "  # EXPLAINs
        f"SET search_path = {quote(schema)}, pg_temp AS $$\n"
        "DECLARE plan json; matching float8; total float8; walk integer; edge timestamp;"
        " found integer := 0;\nBEGIN\n"
        # how many documents match, by the planner's statistics
        f"  EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} AS d "
        "WHERE d.document @@ %L::tsquery', query) INTO plan;\n"
        "  matching := greatest((plan->0->'Plan'->>'Plan Rows')::float8, 1);\n"
        f"  SELECT greatest(reltuples, 1) INTO total FROM pg_class "
        f"WHERE oid = '{TABLE}'::regclass;\n"
        # many: the newest budget matches lie among the newest documents, walked in
        # order (twice as many as their share would need); few: the GIN index finds all
        f"  IF matching * {WALK_SHARE} > total AND matching > 4 * budget THEN\n"
        f"    walk := least(ceil(2 * budget * total / matching), {WALK_AT_MOST});\n"
        f"    EXECUTE format('SELECT at FROM {TABLE} ORDER BY at DESC NULLS LAST "
        "OFFSET %s LIMIT 1', walk - 1) INTO edge;\n"
        "  END IF;\n"
        "  IF edge IS NOT NULL THEN\n"
        "    RETURN QUERY EXECUTE format('" + ranked.format(source=newest) + "', "
        "query, edge, walk, query, kinds, budget);\n"
        "    GET DIAGNOSTICS found = ROW_COUNT;\n"
        "  END IF;\n"
        # the rest, older than the walked ones, through the GIN index
        "  IF found < budget THEN\n"
        "    RETURN QUERY EXECUTE format('" + ranked.format(source=older) + "', "
        "query, edge, edge, query, kinds, budget - found);\n"
        "  END IF;\nEND $$"))
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {IDS}(query tsquery, kind text) "
        f"RETURNS SETOF varchar ROWS 10000 {header}"
        f"  RETURN QUERY EXECUTE format('SELECT d.record_id FROM {TABLE} AS d "
        f"WHERE d.document @@ %L::tsquery AND d.kind = %L AND {seen}', query, kind);\n"
        "END $$"))
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {CASE_NUMBERS}(query tsquery) "
        f"RETURNS SETOF integer ROWS 10000 {header}"
        f"  RETURN QUERY EXECUTE format('SELECT d.number FROM {TABLE} AS d "
        f"WHERE d.document @@ %L::tsquery AND d.kind = ''case'' AND {seen}', query);\n"
        "END $$"))
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {LOOKUP_IDS}(patterns text[], digits text) "
        f"RETURNS SETOF varchar LANGUAGE plpgsql STABLE SECURITY DEFINER "
        f"SET search_path = {quote(schema)}, pg_temp AS $$\n"
        "DECLARE words text := 'true'; pattern text;\nBEGIN\n"
        "  FOREACH pattern IN ARRAY coalesce(patterns, '{}') LOOP\n"
        f"    words := words || format(' AND d.words LIKE %L', {FOLD}(pattern));\n"
        "  END LOOP;\n"
        "  IF digits IS NOT NULL THEN\n"
        "    words := format('(%s) OR d.digits LIKE %L', words, digits);\n"
        "  END IF;\n"
        f"  RETURN QUERY EXECUTE format('SELECT d.record_id FROM {TABLE} AS d "
        f"WHERE d.kind = ''stakeholder'' AND (%s) AND {seen}', words);\n"
        "END $$"))
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    for function in (f"{MATCHES}(tsquery, text[], integer)", f"{IDS}(tsquery, text)",
                     f"{CASE_NUMBERS}(tsquery)", f"{LOOKUP_IDS}(text[], text)",
                     f"{QUERY}(text, text)"):
        conn.execute(sa.text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT EXECUTE ON FUNCTION {function} TO {groups}"))


def _policy(conn: sa.Connection, admin: str) -> None:
    """Row security as on the record tables (:func:`.policies._policies`): the schema's
    owner does anything, a reader sees what :func:`visible_sql` lets through, nobody
    writes (the trigger functions write, as the owner); and the team reads only through
    the functions (no SELECT)."""
    policies._policies(conn, TABLE, policies.Rules(
        see=visible_sql(), insert="false", delete="false", update=False), admin)
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    conn.execute(sa.text(f"REVOKE ALL ON {TABLE} FROM PUBLIC, {groups}"))


# -- install and rebuild ---------------------------------------------------------

def _exists(conn: sa.Connection) -> bool:
    return bool(sa.inspect(conn).has_table(TABLE))


def _columns(conn: sa.Connection) -> list[str]:
    return list(conn.execute(sa.text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = :table ORDER BY ordinal_position"),
        {"table": TABLE}).scalars())


def install(conn: sa.Connection) -> None:
    """The table, its triggers, indexes and policy, in the caller's transaction, as the
    schema's owner (after :mod:`.policies`, whose groups it grants to). A new table is
    filled from the records; running it again changes nothing."""
    schema = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    admin = str(conn.execute(sa.text("SELECT current_user")).scalar())
    if _exists(conn) and _columns(conn) != [*COLUMNS, "document"]:
        conn.execute(sa.text(f"DROP TABLE {TABLE}"))  # an older shape: derived data
    created = not _exists(conn)
    if created:
        _create_table(conn)
    _triggers(conn, schema)
    _seen_function(conn, schema)
    _functions(conn, schema)
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
