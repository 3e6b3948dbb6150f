"""the case list's view counts come from covering index ranges

``ix_case_record_next_followup_at`` (revision 0001, on every case) lost its work to
``ix_case_sort_followup`` (revision 0009: live cases only, covering the list's
columns), but SQLite still chose it for "next follow-up before now", reading each
matching case's row: 40-130 ms to count the "Follow-up overdue" view at 100,000
cases, against 3-15 ms over the covering index. Dropping it leaves that choice to
the index that answers without the rows (the count of every view now takes its
own index range, see ``case_query.count_parts``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_case_record_next_followup_at")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_case_record_next_followup_at "
               "ON case_record (next_followup_at)")
