"""the "No next step" view has its own index

"No next step" used to mean "no open follow-up"; it now means what it says, an
empty one-line *next step* on an open case, and "No follow-up planned" is the
old view. ``ix_case_no_next_step`` holds the live cases whose next step is empty
(a partial index: the view's count is a short range of it, per open status),
with its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-05
"""

import importlib
from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_case_no_next_step"


def _statistics() -> object:
    return importlib.import_module(
        "spocdesk.core.migrations.versions.0013_planner_statistics")


def upgrade() -> None:
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON case_record "
               "(status, ref_number, id) WHERE deleted_at IS NULL AND next_step = ''")
    _statistics().pin(op.get_bind())  # type: ignore[attr-defined]


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
