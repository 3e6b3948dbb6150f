"""who a row belongs to on a team server: owner roles, the deputy's role, the audit role

A team server (PostgreSQL) decides who sees which row by row-level security
(``spocdesk.core.store.policies``). For that, the records that stand on their own
carry an ``owner``, the PostgreSQL role they belong to: cases, stakeholders, log
entries and follow-ups (which may have no case), absences, and the mail tables. An
absence names its deputy's role (``deputy_role``), who works the handed-over cases
live during the absence; the audit trail keeps the role that really made a change
(``db_role``, set by a server trigger).

The encrypted file has one user: the columns exist so that both backends keep one
schema, stay NULL (``deputy_role`` empty) and nothing reads them. Plain ADD COLUMN:
no table is rebuilt, every trigger stays, no index is added (so no planner figures).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED = ("stakeholder", "case_record", "interaction", "followup", "absence", "mail_account",
         "mail_message", "mail_ignore_rule")


def upgrade() -> None:
    for table in OWNED:
        op.add_column(table, sa.Column("owner", sa.Text(), nullable=True))
    op.add_column("absence", sa.Column("deputy_role", sa.Text(), nullable=False,
                                       server_default=sa.text("''")))
    op.add_column("audit_event", sa.Column("db_role", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_event", "db_role")
    op.drop_column("absence", "deputy_role")
    for table in reversed(OWNED):
        op.drop_column(table, "owner")
