"""when each stakeholder was last in contact, answerable from one index

"Stakeholders past their stay-in-touch cadence" needs each person's latest
interaction. Looking that up through the interaction table costs one random
read per log entry (seconds on a million entries). The link row now carries
the interaction's moment, so the latest contact is one seek in
``ix_interaction_participant_contact``. A trigger fills it for every writer
(services, importers, merges, bulk inserts); log entries are append-only, so
it never goes stale.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("interaction_participant", sa.Column("occurred_at", sa.DateTime(),
                                                       nullable=True))
    op.execute(
        "UPDATE interaction_participant SET occurred_at = "
        "(SELECT occurred_at FROM interaction WHERE interaction.id = "
        "interaction_participant.interaction_id)"
    )
    op.create_index("ix_interaction_participant_contact", "interaction_participant",
                    ["stakeholder_id", "occurred_at"],
                    sqlite_where=sa.text("deleted_at IS NULL"))
    op.execute(
        "CREATE TRIGGER interaction_participant_moment AFTER INSERT ON "
        "interaction_participant WHEN NEW.occurred_at IS NULL BEGIN "
        "UPDATE interaction_participant SET occurred_at = "
        "(SELECT occurred_at FROM interaction WHERE id = NEW.interaction_id) "
        "WHERE id = NEW.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS interaction_participant_moment")
    op.drop_index("ix_interaction_participant_contact", "interaction_participant")
    with op.batch_alter_table("interaction_participant") as batch:
        batch.drop_column("occurred_at")
