"""the case list sorts by main stakeholder from one index

Sorting 100,000 cases by their main stakeholder's name through a correlated
look-up (participant → stakeholder per case) took 1.6-2.1 s. The case now
carries ``main_stakeholder_sort``: the ``sort_name`` of its main stakeholder
(NULL when nobody is main), and ``ix_case_main_stakeholder_sort`` serves
``ORDER BY main_stakeholder_sort NULLS LAST, ref_number`` (either direction)
straight from the index.

Triggers keep the column true for every writer — services, importers, the
stakeholder merge, the data-subject erasure, the handover merge, bulk inserts:

- a main link added, moved, demoted, promoted, retired or deleted
  (``case_participant``) recomputes its case(s);
- a stakeholder whose ``sort_name`` changes, or who is deleted, recomputes the
  cases where it is main;
- a value written to the column directly (e.g. a whole row copied from a
  handover pack) is replaced by the recomputed one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_case_main_stakeholder_sort"
TRIGGERS = ("case_main_sort_link_ai", "case_main_sort_link_au", "case_main_sort_link_ad",
            "case_main_sort_stakeholder_au", "case_main_sort_stakeholder_ad",
            "case_main_sort_case_ai", "case_main_sort_case_au")


def main_sort(case_id: str) -> str:
    """The sort name of the case's main stakeholder, as a scalar subquery (the same
    choice as the list's "Main stakeholder" column)."""
    return ("(SELECT s.sort_name FROM case_participant AS p JOIN stakeholder AS s "
            f"ON s.id = p.stakeholder_id WHERE p.case_id = {case_id} AND p.is_main = 1 "
            "AND p.deleted_at IS NULL LIMIT 1)")


def _recompute(where: str) -> str:
    return (f"UPDATE case_record SET main_stakeholder_sort = {main_sort('case_record.id')} "
            f"WHERE {where};")


def _trigger(name: str, event: str, when: str, body: str) -> str:
    return f"CREATE TRIGGER {name} {event} WHEN {when} BEGIN {body} END"


def triggers() -> list[str]:
    is_main = "{0}.is_main = 1 AND {0}.deleted_at IS NULL"
    main_of = ("id IN (SELECT case_id FROM case_participant WHERE stakeholder_id = {0}.id "
               "AND is_main = 1 AND deleted_at IS NULL)")
    return [
        _trigger("case_main_sort_link_ai", "AFTER INSERT ON case_participant",
                 is_main.format("NEW"), _recompute("id = NEW.case_id")),
        _trigger("case_main_sort_link_au", "AFTER UPDATE OF case_id, stakeholder_id, is_main, "
                 "deleted_at ON case_participant",
                 f"({is_main.format('OLD')}) OR ({is_main.format('NEW')})",
                 _recompute("id IN (OLD.case_id, NEW.case_id)")),
        _trigger("case_main_sort_link_ad", "AFTER DELETE ON case_participant",
                 is_main.format("OLD"), _recompute("id = OLD.case_id")),
        _trigger("case_main_sort_stakeholder_au", "AFTER UPDATE OF sort_name ON stakeholder",
                 "NEW.sort_name IS NOT OLD.sort_name", _recompute(main_of.format("NEW"))),
        _trigger("case_main_sort_stakeholder_ad", "AFTER DELETE ON stakeholder", "1",
                 _recompute(main_of.format("OLD"))),
        # a value written directly is replaced by the true one (recursive triggers are
        # off, so these do not fire themselves again)
        _trigger("case_main_sort_case_ai", "AFTER INSERT ON case_record",
                 f"NEW.main_stakeholder_sort IS NOT {main_sort('NEW.id')}",
                 _recompute("id = NEW.id")),
        _trigger("case_main_sort_case_au", "AFTER UPDATE OF main_stakeholder_sort ON case_record",
                 f"NEW.main_stakeholder_sort IS NOT {main_sort('NEW.id')}",
                 _recompute("id = NEW.id")),
    ]


def upgrade() -> None:
    op.add_column("case_record", sa.Column("main_stakeholder_sort", sa.Text(), nullable=True))
    op.execute(_recompute("1"))
    op.create_index(INDEX, "case_record", ["main_stakeholder_sort", "ref_number", "status", "id"],
                    sqlite_where=sa.text("deleted_at IS NULL"))
    for statement in triggers():
        op.execute(statement)
    op.execute(f"ANALYZE {INDEX}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(INDEX, "case_record")
    # a plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the search triggers
    op.execute("ALTER TABLE case_record DROP COLUMN main_stakeholder_sort")
