"""every case list column sorts from an index

Sorting 100,000 cases by title, status, priority, next follow-up, last
interaction or age built a temporary B-tree (and, for the dated columns, read
each case's row for its id): 250-600 ms on 2 cores. Each of these indexes holds
the sort key, the reference (the tie-break), the status (what most views filter
on) and the id, only for live cases, so ``ORDER BY key [NULLS LAST], ref_number``
in either direction is one index scan. Status and priority sort in workflow /
urgency order, not by name: their indexes are on the same ``CASE`` expression the
list query writes (:func:`spocdesk.core.cases.query.rank_sql`; a test
checks they match).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_RANK = ("new", "open", "waiting", "escalated", "resolved", "closed")
PRIORITY_RANK = ("low", "normal", "high", "urgent")


def _rank(column: str, values: Sequence[str], other: int) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {i}" for i, value in enumerate(values))
    return f"(CASE {column} {whens} ELSE {other} END)"


INDEXES = {
    "ix_case_sort_title": 'title COLLATE "NOCASE", ref_number, status, id',
    "ix_case_sort_status": f"{_rank('status', STATUS_RANK, len(STATUS_RANK))}, ref_number, "
                           "status, id",
    "ix_case_sort_priority": f"{_rank('priority', PRIORITY_RANK, -1)}, ref_number, status, id",
    "ix_case_sort_followup": "next_followup_at, ref_number, status, id",
    "ix_case_sort_interaction": "last_interaction_at, ref_number, status, id",
    # the list's "age" runs against opened_at: youngest first = opened_at DESC, ref ASC
    "ix_case_sort_opened": "opened_at DESC, ref_number, status, id",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON case_record ({columns}) "
                   "WHERE deleted_at IS NULL")
        op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
