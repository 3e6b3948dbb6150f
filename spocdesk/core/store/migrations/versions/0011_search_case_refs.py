"""the case list's text filter joins its matches to the cases by reference number

The case list's free-text filter took the matching documents of the search index
(revision 0003), kept the case documents by reading each one's unindexed ``kind``
from the FTS content table, and joined their ``record_id`` (a TEXT uuid) to the
cases: 700-1,000 ms for a word found in 30,000 cases. The kind is in the document
id already (bits 20-22); the join is what remains, and a uuid join costs a string
comparison per probe where an integer costs one machine word.

``search_index_case`` maps the document id of every case document to the case's
``ref_number`` (unique, and the first column of the case list's index), so the
filter reads ``ref_number IN (SELECT ref_number FROM search_index_case WHERE docid
IN (<matching rowids of kind case>))``: an integer lookup per match and an integer
probe per listed case (about 100 ms at 23,000 matches among 75,000 open cases).

Triggers on ``search_index_doc`` keep it in step: every writer that (re)indexes a
case goes through that table (revision 0003's triggers, ``rebuild_index``), so a
case document written or dropped writes or drops its row, whoever wrote it. The
names start with ``search_index_`` like the index's own, so that rebuilding the
index (revision 0003's :func:`create_index`, which drops those triggers) is
followed by :func:`create_refs` (``search.rebuild_index`` does both).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFS = "search_index_case"
DOC = "search_index_doc"
CASE_KIND = 1  # revision 0003: document id = seconds << 23 | kind << 20 | n
KIND_SHIFT = 20
_IS_CASE = "((({docid}) >> " + str(KIND_SHIFT) + ") & 7) = " + str(CASE_KIND)
TRIGGERS = ("search_index_case_doc_ai", "search_index_case_doc_ad")


def _is_case(docid: str) -> str:
    return _IS_CASE.format(docid=docid)


def trigger_statements() -> list[str]:
    return [
        f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON {DOC} WHEN {_is_case('NEW.docid')} "
        f"BEGIN\nINSERT OR REPLACE INTO {REFS} (docid, ref_number) SELECT NEW.docid, "
        f"c.ref_number FROM case_record AS c WHERE c.id = NEW.record_id;\nEND",
        f"CREATE TRIGGER {TRIGGERS[1]} AFTER DELETE ON {DOC} WHEN {_is_case('OLD.docid')} "
        f"BEGIN\nDELETE FROM {REFS} WHERE docid = OLD.docid;\nEND",
    ]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS] + [
        f"DROP TABLE IF EXISTS {REFS}"]


def create_statements() -> list[str]:
    return [
        f"CREATE TABLE {REFS} (docid INTEGER PRIMARY KEY, ref_number INTEGER NOT NULL)",
        # from the cases (100,000 unique-index look-ups), not by scanning every document
        f"INSERT INTO {REFS} (docid, ref_number) SELECT d.docid, c.ref_number "
        f"FROM case_record AS c JOIN {DOC} AS d ON d.record_id = c.id "
        f"WHERE {_is_case('d.docid')}",
        *trigger_statements(),
    ]


def create_refs(conn: sa.Connection) -> None:
    """Drop and build the table and its triggers from the search index's documents
    (after revision 0003's ``create_index``; also used to rebuild)."""
    for statement in [*drop_statements(), *create_statements()]:
        conn.exec_driver_sql(statement)


def upgrade() -> None:
    create_refs(op.get_bind())


def downgrade() -> None:
    conn = op.get_bind()
    for statement in drop_statements():
        conn.exec_driver_sql(statement)
