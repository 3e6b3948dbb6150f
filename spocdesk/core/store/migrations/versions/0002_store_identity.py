"""give every store a permanent identity

A handover pack records which store it came from, so a pack is only ever
merged back into the store that made it. Stores made before this revision
get their identity here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    exists = conn.execute(
        sa.text("SELECT 1 FROM setting WHERE key = 'store_id'")
    ).first()
    if exists:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(
        sa.text(
            "INSERT INTO setting (id, key, value, created_at, updated_at, revision) "
            "VALUES (:id, 'store_id', :value, :now, :now, 1)"
        ),
        {"id": str(uuid.uuid4()), "value": f'"{uuid.uuid4()}"', "now": now},
    )


def downgrade() -> None:
    op.execute("DELETE FROM setting WHERE key = 'store_id'")
