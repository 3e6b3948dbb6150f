"""the directory's search-as-you-type: a trigram index over names, e-mails and phone digits

The directory filter matched ``LIKE '%text%'`` over every contact point of every
stakeholder: 140-380 ms per keystroke at 50,000 people. ``stakeholder_lookup`` is
an FTS5 table with the ``trigram`` tokenizer (case- and accent-insensitive), so any
substring of three characters or more is an index look-up. One document per live
stakeholder:

* ``words``: display name, given and family name (when the display name does not
  already hold them), the organisation's name, and every contact point that is not
  a phone (normalised: e-mails in lower case), joined by `` · `` so that a typed
  substring never spans two of them;
* ``digits``: each phone number as digits (``49301234567``) and, for a number with
  a country code, in national form with a trunk 0 (``0301234567``, from a 1-3 digit
  code), so "1234567", "030 123" and "+49 30 12" all find "+49 30 1234567".

``stakeholder_lookup_doc`` maps a stakeholder's id (TEXT uuid) to its document's
rowid. Triggers on ``stakeholder`` and ``contact_point`` keep both in step within
the writer's transaction; :mod:`spocdesk.core.search.bulk_index` suspends them
for a large import and calls :func:`rewrite` set-based instead. The FTS table uses
``secure-delete`` so an erased person's words leave the index at once.

``ix_stakeholder_name_order`` serves the directory's default order (and a short
name prefix) without sorting 50,000 rows per keystroke.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOOKUP = "stakeholder_lookup"
DOC = "stakeholder_lookup_doc"
PREFIX = "stakeholder_lookup_"
# the directory's default order (sort name, display name, id) straight from an index
ORDER_INDEX = "ix_stakeholder_name_order"


def _name_part(column: str) -> str:
    """A name part, left out when the display name already contains it."""
    return (f"CASE WHEN instr(lower(r.display_name), lower(trim({column}))) > 0 THEN NULL "
            f"ELSE nullif(trim({column}), '') END")


# a phone number's forms: the digits, and with a 1-3 digit country code replaced by a
# trunk 0 (only for numbers written with a country code: not starting with one 0)
_INTERNATIONAL = "(substr(cp.normalized, 1, 1) <> '0' OR substr(cp.normalized, 1, 2) = '00')"
_BARE = "ltrim(cp.normalized, '0')"
_PHONE_FORMS = (
    f"CASE WHEN length({_BARE}) >= 8 AND {_INTERNATIONAL} THEN "
    + " || ' ' || ".join([_BARE] + [f"'0' || substr({_BARE}, {k})" for k in (2, 3, 4)])
    + " ELSE cp.normalized END"
)

WORDS = (
    "concat_ws(' · ', nullif(trim(r.display_name), ''), "
    f"{_name_part('r.given_name')}, {_name_part('r.family_name')}, "
    "(SELECT nullif(trim(o.display_name), '') FROM stakeholder AS o "
    "WHERE o.id = r.organisation_id AND o.deleted_at IS NULL), "
    "(SELECT group_concat(cp.normalized, ' · ') FROM contact_point AS cp "
    "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL AND cp.kind <> 'phone' "
    "AND cp.normalized <> ''))"
)
DIGITS = (
    f"coalesce((SELECT group_concat({_PHONE_FORMS}, ' ') FROM contact_point AS cp "
    "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL AND cp.kind = 'phone' "
    "AND cp.normalized <> ''), '')"
)


def rewrite(ids: str) -> list[str]:
    """Statements that drop the documents of the stakeholders ``ids`` (what goes inside
    ``IN (…)``: one id expression or a SELECT) and write those of the live ones again."""
    live = f"r.id IN ({ids}) AND r.deleted_at IS NULL"
    return [
        f"DELETE FROM {LOOKUP} WHERE rowid IN "
        f"(SELECT docid FROM {DOC} WHERE record_id IN ({ids}))",
        f"DELETE FROM {DOC} WHERE record_id IN ({ids})",
        f"INSERT INTO {DOC} (record_id) SELECT r.id FROM stakeholder AS r WHERE {live}",
        f"INSERT INTO {LOOKUP} (rowid, words, digits) SELECT d.docid, {WORDS}, {DIGITS} "
        f"FROM stakeholder AS r JOIN {DOC} AS d ON d.record_id = r.id WHERE {live}",
    ]


def _trigger(name: str, event: str, ids: str, when: str = "") -> str:
    condition = f" WHEN {when}" if when else ""
    body = "".join(f"{statement};\n" for statement in rewrite(ids))
    return f"CREATE TRIGGER {PREFIX}{name} {event}{condition} BEGIN\n{body}END"


def trigger_statements() -> list[str]:
    members = "SELECT m.id FROM stakeholder AS m WHERE m.organisation_id = NEW.id"
    return [
        _trigger("stakeholder_ai", "AFTER INSERT ON stakeholder", "NEW.id"),
        _trigger("stakeholder_au", "AFTER UPDATE OF display_name, given_name, family_name, "
                 "organisation_id, deleted_at ON stakeholder", "NEW.id"),
        _trigger("stakeholder_ad", "AFTER DELETE ON stakeholder", "OLD.id"),
        _trigger("org_au", "AFTER UPDATE OF display_name, deleted_at ON stakeholder",
                 members, "NEW.kind = 'organisation'"),
        _trigger("contact_point_ai", "AFTER INSERT ON contact_point", "NEW.stakeholder_id"),
        _trigger("contact_point_au", "AFTER UPDATE OF stakeholder_id, kind, normalized, "
                 "deleted_at ON contact_point", "OLD.stakeholder_id, NEW.stakeholder_id"),
        _trigger("contact_point_ad", "AFTER DELETE ON contact_point", "OLD.stakeholder_id"),
    ]


def create_statements() -> list[str]:
    return [
        f"CREATE TABLE {DOC} (docid INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE)",
        f"CREATE VIRTUAL TABLE {LOOKUP} USING fts5(words, digits, "
        "tokenize = 'trigram remove_diacritics 1')",
        f"INSERT INTO {LOOKUP} ({LOOKUP}, rank) VALUES ('secure-delete', 1)",
        *trigger_statements(),
    ]


def drop_statements(conn: sa.Connection) -> list[str]:
    names = conn.execute(sa.text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names if name.startswith(PREFIX)] + [
        f"DROP TABLE IF EXISTS {LOOKUP}",
        f"DROP TABLE IF EXISTS {DOC}",
    ]


def create_lookup(conn: sa.Connection) -> None:
    """Drop and build the lookup, its triggers and its documents (also used to rebuild)."""
    for statement in [*drop_statements(conn), *create_statements(),
                      *rewrite("SELECT id FROM stakeholder"),
                      f"INSERT INTO {LOOKUP} ({LOOKUP}) VALUES ('optimize')"]:
        conn.exec_driver_sql(statement)


def upgrade() -> None:
    create_lookup(op.get_bind())
    op.create_index(ORDER_INDEX, "stakeholder", ["sort_name", "display_name", "id"],
                    sqlite_where=sa.text("deleted_at IS NULL"))
    op.execute(f"ANALYZE {ORDER_INDEX}")


def downgrade() -> None:
    op.drop_index(ORDER_INDEX, "stakeholder")
    conn = op.get_bind()
    for statement in drop_statements(conn):
        conn.exec_driver_sql(statement)
