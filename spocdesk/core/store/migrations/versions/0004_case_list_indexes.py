"""covering indexes for the case list and the dashboard

The case list filters and sorts 100,000 cases in SQL. These indexes let
SQLite answer the views from the index alone (no table pages to decrypt)
and find a case's main stakeholder without scanning its participants; the
dashboard counts interactions per channel in a period from one index range.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_case_list ON case_record (ref_number, status, priority, "
        "opened_at, first_response_at, resolved_at, next_followup_at, last_interaction_at, "
        "id, deleted_at) WHERE deleted_at IS NULL"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_case_participant_main ON case_participant "
        "(case_id, stakeholder_id) WHERE is_main = 1 AND deleted_at IS NULL"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_stakeholder_id_sort ON stakeholder "
        "(id, sort_name, display_name)"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_interaction_time_channel ON interaction "
        "(occurred_at, channel)"
    )
    op.execute("ANALYZE")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_case_list")
    op.execute("DROP INDEX IF EXISTS ix_case_participant_main")
    op.execute("DROP INDEX IF EXISTS ix_stakeholder_id_sort")
    op.execute("DROP INDEX IF EXISTS ix_interaction_time_channel")
