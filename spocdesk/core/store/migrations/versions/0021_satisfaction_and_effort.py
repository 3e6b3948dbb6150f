"""satisfaction on the record, effort per log entry, and the figures of a period

``case_feedback``: the client's satisfaction with a resolved case (CSAT 1–5, a
comment, how it was asked), at most one live record per case
(``ix_case_feedback_case``, unique among live rows); ``ix_case_feedback_recorded``
holds the answers by the moment they were recorded, with the score, so a period's
average is one range of it.

``nps_answer``: a stakeholder's Net Promoter answer (0–10) with the calendar
quarter it counts for; at most one live answer per stakeholder and quarter
(``ix_nps_answer_quarter``, unique among live rows), and ``ix_nps_answer_time``
for a period's score.

``interaction.minutes``: minutes spent on a log entry (NULL: not counted). Two
partial indexes by moment read a period's entries from the index alone (every
index here ends in ``deleted_at``, which SQLite needs in it to read nothing else):
``ix_interaction_minutes``, the timed entries (effort), and
``ix_interaction_inbound``, the inbound ones (contacts and repeat contacts). And
``ix_interaction_case_work`` (a case's live entries in order, with direction and
channel): the first-contact rule and the channel of first contact of a case;
``ix_audit_case_reopened``, the status changes that reopened a case (a partial
index of a few rows: whether a case was ever reopened is one look-up).

Each new index has its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")
REOPENED = ("entity = 'case' AND field = 'status' AND before IN ('resolved', 'closed') "
            "AND after IN ('new', 'open', 'waiting', 'escalated')")


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "case_feedback",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("csat", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"],
                                name=op.f("fk_case_feedback_case_id_case_record")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_feedback")),
    )
    op.create_index("ix_case_feedback_case", "case_feedback", ["case_id"], unique=True,
                    sqlite_where=LIVE)
    op.create_index("ix_case_feedback_recorded", "case_feedback",
                    ["recorded_at", "csat", "case_id", "deleted_at"], sqlite_where=LIVE)
    op.create_table(
        "nps_answer",
        sa.Column("stakeholder_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholder.id"],
                                name=op.f("fk_nps_answer_stakeholder_id_stakeholder")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nps_answer")),
    )
    op.create_index("ix_nps_answer_quarter", "nps_answer", ["stakeholder_id", "quarter"],
                    unique=True, sqlite_where=LIVE)
    op.create_index("ix_nps_answer_time", "nps_answer",
                    ["answered_at", "score", "stakeholder_id", "deleted_at"], sqlite_where=LIVE)
    op.add_column("interaction", sa.Column("minutes", sa.Integer(), nullable=True))
    op.create_index("ix_interaction_minutes", "interaction",
                    ["occurred_at", "minutes", "case_id", "deleted_at"],
                    sqlite_where=sa.text("deleted_at IS NULL AND minutes IS NOT NULL"))
    op.create_index("ix_interaction_inbound", "interaction",
                    ["occurred_at", "case_id", "deleted_at"],
                    sqlite_where=sa.text("deleted_at IS NULL AND direction = 'in'"))
    op.create_index("ix_interaction_case_work", "interaction",
                    ["case_id", "occurred_at", "direction", "channel", "deleted_at"],
                    sqlite_where=LIVE)
    op.create_index("ix_audit_case_reopened", "audit_event",
                    ["entity_id", "entity", "field", "before", "after"],
                    sqlite_where=sa.text(REOPENED))
    importlib.import_module(
        "spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_audit_case_reopened", table_name="audit_event")
    op.drop_index("ix_interaction_case_work", table_name="interaction")
    op.drop_index("ix_interaction_inbound", table_name="interaction")
    op.drop_index("ix_interaction_minutes", table_name="interaction")
    with op.batch_alter_table("interaction") as batch:
        batch.drop_column("minutes")
    op.drop_table("nps_answer")
    op.drop_table("case_feedback")
