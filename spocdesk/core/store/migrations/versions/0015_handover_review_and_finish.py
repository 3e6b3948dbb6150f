"""a handover note says whether the owner reviewed it; an absence can be finished

``handover_note.reviewed_at``: when the owner last saved the note in the app. A
note prefilled from the case (and saved so that it travels in the pack) stays a
draft — "not reviewed" in the app, the briefing and the pack — until then. Notes
saved before this revision count as reviewed at their last change: nothing told
them apart.

``absence.finished_at``: when the owner finished the absence after taking the pack
back; a finished absence is no longer the current one.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("handover_note", sa.Column("reviewed_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE handover_note SET reviewed_at = updated_at")
    op.add_column("absence", sa.Column("finished_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("absence", "finished_at")
    op.drop_column("handover_note", "reviewed_at")
