"""one full-text search index, kept in sync by triggers

One FTS5 table, ``search_index``, holds one document per live (not soft-deleted)
case, stakeholder, interaction, follow-up and handover note. Triggers on the
base tables keep it in step in the same transaction as every write, so every
service, importer, merge and bulk insert is covered without further code.

* ``search_index`` columns: ``title``, ``body`` and ``terms`` are indexed
  (``unicode61 remove_diacritics 2``: case- and accent-insensitive; prefix
  indexes for 2 and 3 characters); ``kind``, ``record_id``, ``case_id`` and
  ``at`` (the moment used for recency) are stored but not indexed.
* ``terms`` holds digit forms: a case's reference number as ``0042 42`` and a
  stakeholder's phone numbers as digits only (``contact_point.normalized``,
  also without a 1-3 digit country code and in national form with a leading 0).
* ``search_index_doc`` maps a live record's id (the base tables' TEXT uuid) to
  its document's rowid, so a trigger finds a record's document by index. The
  rowid encodes the record's moment and kind (``seconds << 23 | kind << 20 | n``)
  so that ranking by recency and filtering by kind need only the rowid.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "search_index"
DOC = "search_index_doc"
PREFIX = "search_index"


def is_index_table(name: str | None) -> bool:
    """The FTS5 table, its shadow tables and the doc map (not in the model metadata)."""
    return bool(name) and (name == INDEX or str(name).startswith(PREFIX + "_"))


def _join(*parts: str) -> str:
    """The non-empty parts, separated by a middle dot (no token; reads well in snippets)."""
    return "concat_ws(' · ', " + ", ".join(f"nullif(trim({p}), '')" for p in parts) + ")"


# A phone's digits as stored (``49301234567``), without a 1-3 digit country code
# (``301234567``) and in national form with a trunk 0 (``0301234567``).
_PHONE_FORMS = " || ' ' || ".join(
    ["cp.normalized"]
    + [f"substr(cp.normalized, {k})" for k in (2, 3, 4)]
    + [f"'0' || substr(cp.normalized, {k})" for k in (2, 3, 4)]
)


# For each kind: (table, kind, indexed columns of the base table, SQL expressions
# over alias ``r`` for title, body, terms, case_id, at).
_STAKEHOLDER_POINTS = (
    "(SELECT group_concat(cp.value, ' · ') FROM contact_point AS cp "
    "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL)"
)
_STAKEHOLDER_DIGITS = (
    f"(SELECT group_concat(CASE WHEN length(cp.normalized) >= 8 THEN {_PHONE_FORMS} "
    "ELSE cp.normalized END, ' ') FROM contact_point AS cp "
    "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL AND cp.kind = 'phone')"
)
_STAKEHOLDER_ORG = (
    "(SELECT o.display_name FROM stakeholder AS o "
    "WHERE o.id = r.organisation_id AND o.deleted_at IS NULL)"
)
_HANDOVER_ACTIONS = (
    "(CASE WHEN json_valid(r.actions) THEN (SELECT group_concat("
    "coalesce(json_extract(a.value, '$.text'), '') || ' ' || "
    "coalesce(json_extract(a.value, '$.owner'), ''), ' ') "
    "FROM json_each(r.actions) AS a WHERE a.type = 'object') ELSE r.actions END)"
)

KINDS: dict[str, dict[str, str]] = {
    "case": {
        "table": "case_record",
        "watch": "ref, ref_number, title, description, next_step, tags, opened_at, "
                 "last_interaction_at, deleted_at",
        "title": "r.ref || ' ' || r.title",
        "body": _join("r.description", "r.next_step", "replace(r.tags, '|', ' ')"),
        "terms": "printf('%04d %d', r.ref_number, r.ref_number)",
        "case_id": "r.id",
        "moment": "coalesce(r.last_interaction_at, r.opened_at)",
    },
    "stakeholder": {
        "table": "stakeholder",
        "watch": "display_name, given_name, family_name, organisation_id, title, tags, notes, "
                 "deleted_at",
        "title": "r.display_name",
        "body": _join("r.given_name", "r.family_name", _STAKEHOLDER_ORG, "r.title",
                      "replace(r.tags, '|', ' ')", _STAKEHOLDER_POINTS, "r.notes"),
        "terms": f"coalesce({_STAKEHOLDER_DIGITS}, '')",
        "case_id": "NULL",
        "moment": "r.updated_at",
    },
    "interaction": {
        "table": "interaction",
        "watch": "summary, body, case_id, occurred_at, deleted_at",
        "title": "r.summary",
        "body": "r.body",
        "terms": "''",
        "case_id": "r.case_id",
        "moment": "r.occurred_at",
    },
    "followup": {
        "table": "followup",
        "watch": "title, notes, case_id, due_at, deleted_at",
        "title": "r.title",
        "body": "r.notes",
        "terms": "''",
        "case_id": "r.case_id",
        "moment": "coalesce(r.due_at, r.created_at)",
    },
    "handover": {
        "table": "handover_note",
        "watch": "summary, situation, contingencies, actions, synthesis, case_id, deleted_at",
        "title": "r.summary",
        "body": _join("r.situation", "r.contingencies", _HANDOVER_ACTIONS, "r.synthesis"),
        "terms": "''",
        "case_id": "r.case_id",
        "moment": "r.updated_at",
    },
}

COLUMNS = "rowid, title, body, terms, kind, record_id, case_id, at"
KIND_CODES = {"case": 1, "stakeholder": 2, "interaction": 3, "followup": 4, "handover": 5}
KIND_SHIFT = 20  # bits 20-22: the kind
TIME_SHIFT = 23  # bits 23 and up: the record's moment, in seconds since 1970
SLOT = (1 << KIND_SHIFT) - 1  # up to 1,048,576 records of one kind per second

CASE_CHILDREN = ("interaction", "followup", "handover")
_CASE_LIVE = ("(r.case_id IS NULL OR EXISTS (SELECT 1 FROM case_record AS lc "
              "WHERE lc.id = r.case_id AND lc.deleted_at IS NULL))")


def _live(kind: str, where: str, spec: dict[str, str] | None = None) -> str:
    extra = f" AND {_CASE_LIVE}" if kind in CASE_CHILDREN else ""
    if spec is not None and spec.get("live"):  # a later kind's own condition (rev. 0025)
        extra += f" AND {spec['live']}"
    return f"r.deleted_at IS NULL{extra} AND ({where})"


def _new_docids(kind: str, where: str, spec: dict[str, str] | None = None) -> str:
    """Give the live rows of ``kind`` matching ``where`` a document id.

    A document id carries its record's moment and kind, so ranking by recency and
    filtering by kind never read the FTS content table::

        docid = seconds << 23 | kind << 20 | n

    ``n`` counts the documents of one kind within one second (those already
    there, then the new ones in record id order).

    ``spec``: a kind added by a later revision (its own ``code``), else ``KINDS``'."""
    spec = spec or KINDS[kind]
    code = spec.get("code") or KIND_CODES[kind]
    base = (f"(max(coalesce(CAST(strftime('%s', {spec['moment']}) AS INTEGER), 0), 0) "
            f"<< {TIME_SHIFT}) | ({code} << {KIND_SHIFT})")
    taken = (f"coalesce((SELECT max(x.docid) FROM {DOC} AS x "
             f"WHERE x.docid BETWEEN fresh.base AND fresh.base + {SLOT}) - fresh.base + 1, 0)")
    return (
        f"INSERT INTO {DOC} (docid, record_id) "
        f"SELECT fresh.base + {taken} "
        f"+ row_number() OVER (PARTITION BY fresh.base ORDER BY fresh.id) - 1, fresh.id "
        f"FROM (SELECT {base} AS base, r.id AS id FROM {spec['table']} AS r "
        f"WHERE {_live(kind, where, spec)}) AS fresh"
    )


def _documents(kind: str, where: str, spec: dict[str, str] | None = None) -> str:
    """INSERT the documents of the live rows of ``kind`` matching ``where`` (alias r)."""
    spec = spec or KINDS[kind]
    return (
        f"INSERT INTO {INDEX} ({COLUMNS}) "
        f"SELECT d.docid, {spec['title']}, {spec['body']}, {spec['terms']}, '{kind}', r.id, "
        f"{spec['case_id']}, julianday({spec['moment']}) "
        f"FROM {spec['table']} AS r JOIN {DOC} AS d ON d.record_id = r.id "
        f"WHERE {_live(kind, where, spec)}"
    )


def _rewrite(kind: str, ids: str, where: str, spec: dict[str, str] | None = None) -> str:
    """Trigger body: drop the documents of the records ``ids`` (a scalar or a SELECT)
    and write those of the live ones (``where`` over alias r) again."""
    return (
        f"DELETE FROM {INDEX} WHERE rowid IN "
        f"(SELECT docid FROM {DOC} WHERE record_id IN ({ids}));\n"
        f"DELETE FROM {DOC} WHERE record_id IN ({ids});\n"
        f"{_new_docids(kind, where, spec)};\n"
        f"{_documents(kind, where, spec)};\n"
    )


def _reindex(kind: str, id_expr: str) -> str:
    return _rewrite(kind, id_expr, f"r.id = {id_expr}")


def _children_reindex(case_expr: str) -> str:
    """A case deleted or restored takes its log, follow-ups and handover notes along."""
    body = ""
    for kind in CASE_CHILDREN:
        table = KINDS[kind]["table"]
        children = f"SELECT ch.id FROM {table} AS ch WHERE ch.case_id = {case_expr}"
        body += _rewrite(kind, children, f"r.case_id = {case_expr}")
    return body


def _forget(id_expr: str) -> str:
    return (
        f"DELETE FROM {INDEX} WHERE rowid = "
        f"(SELECT docid FROM {DOC} WHERE record_id = {id_expr});\n"
        f"DELETE FROM {DOC} WHERE record_id = {id_expr};\n"
    )


def _members_reindex(org_expr: str) -> str:
    """A renamed or deleted organisation changes its members' documents."""
    members = f"SELECT m.id FROM stakeholder AS m WHERE m.organisation_id = {org_expr}"
    return _rewrite("stakeholder", members, f"r.organisation_id = {org_expr}")


def trigger_statements() -> list[str]:
    statements: list[str] = []
    for kind, spec in KINDS.items():
        table = spec["table"]
        statements += [
            f"CREATE TRIGGER {PREFIX}_{table}_ai AFTER INSERT ON {table} BEGIN\n"
            f"{_reindex(kind, 'NEW.id')}END",
            f"CREATE TRIGGER {PREFIX}_{table}_au AFTER UPDATE OF {spec['watch']} ON {table} "
            f"BEGIN\n{_reindex(kind, 'NEW.id')}END",
            f"CREATE TRIGGER {PREFIX}_{table}_ad AFTER DELETE ON {table} BEGIN\n"
            f"{_forget('OLD.id')}END",
        ]
    statements += [
        f"CREATE TRIGGER {PREFIX}_case_record_deleted_au AFTER UPDATE OF deleted_at "
        f"ON case_record WHEN OLD.deleted_at IS NOT NEW.deleted_at BEGIN\n"
        f"{_children_reindex('NEW.id')}END",
        f"CREATE TRIGGER {PREFIX}_stakeholder_org_au AFTER UPDATE OF display_name, deleted_at "
        f"ON stakeholder WHEN NEW.kind = 'organisation' BEGIN\n"
        f"{_members_reindex('NEW.id')}END",
        f"CREATE TRIGGER {PREFIX}_contact_point_ai AFTER INSERT ON contact_point BEGIN\n"
        f"{_reindex('stakeholder', 'NEW.stakeholder_id')}END",
        f"CREATE TRIGGER {PREFIX}_contact_point_au AFTER UPDATE OF stakeholder_id, kind, value, "
        f"normalized, deleted_at ON contact_point BEGIN\n"
        f"{_reindex('stakeholder', 'OLD.stakeholder_id')}"
        f"{_reindex('stakeholder', 'NEW.stakeholder_id')}END",
        f"CREATE TRIGGER {PREFIX}_contact_point_ad AFTER DELETE ON contact_point BEGIN\n"
        f"{_reindex('stakeholder', 'OLD.stakeholder_id')}END",
    ]
    return statements


def create_statements() -> list[str]:
    return [
        f"CREATE TABLE {DOC} (docid INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE)",
        f"CREATE VIRTUAL TABLE {INDEX} USING fts5(title, body, terms, kind UNINDEXED, "
        "record_id UNINDEXED, case_id UNINDEXED, at UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
        *trigger_statements(),
    ]


def populate_statements() -> list[str]:
    statements: list[str] = []
    for kind in KINDS:
        statements += [_new_docids(kind, "1"), _documents(kind, "1")]
    statements.append(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('optimize')")
    return statements


def drop_statements(conn: sa.Connection) -> list[str]:
    triggers = conn.execute(sa.text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
    names = [t for t in triggers if t.startswith(PREFIX + "_")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names] + [
        f"DROP TABLE IF EXISTS {INDEX}",
        f"DROP TABLE IF EXISTS {DOC}",
    ]


BUILD_CACHE_KIB = 256 * 1024


def create_index(conn: sa.Connection) -> None:
    """Drop and build the index, its triggers and its documents (also used to rebuild).

    A large page cache while building keeps FTS5's segment merges in memory
    instead of spilling every intermediate page to the WAL."""
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
    try:
        for statement in [*drop_statements(conn), *create_statements(),
                          *populate_statements()]:
            conn.exec_driver_sql(statement)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")


def upgrade() -> None:
    create_index(op.get_bind())


def downgrade() -> None:
    conn = op.get_bind()
    for statement in drop_statements(conn):
        conn.exec_driver_sql(statement)
