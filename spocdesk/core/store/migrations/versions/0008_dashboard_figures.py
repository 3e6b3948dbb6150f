"""the dashboard's figures come from indexes and small summaries

On a store of 100,000 cases, 200,000 follow-ups and 1,000,000 log entries the
dashboard took seconds: every figure scanned a table. Now:

- ``stakeholder.last_contact_at`` (latest live interaction with the person) and
  ``stakeholder.contact_due_at`` (when the stay-in-touch cadence runs out: the
  last contact, or the creation when never contacted, plus ``cadence_days``;
  NULL without a cadence) are kept by triggers for every writer, and
  ``ix_stakeholder_contact_due`` answers "past their cadence" as one range;
- ``interaction_hourly`` counts live interactions per UTC hour and channel, kept
  by triggers, so "interactions per channel" sums a few hundred rows; the
  partial hours at a period's edges are counted from ``ix_interaction_time_channel``
  (now covering ``deleted_at`` too);
- partial indexes on a case's opened, first-response and resolved moments serve
  the weekly and monthly trends, and one on (status, priority, …) the workload;
- ``ix_followup_effective_due`` indexes the effective due moment (the snooze when
  set) of open follow-ups, so "overdue" and "due today" are one range count, and
  ``ix_followup_open_case`` answers "has this case an open follow-up" in one seek
  (the "no next step" view and agenda).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONTACT_TRIGGERS = ("stakeholder_contact_ai", "stakeholder_contact_au",
                    "contact_link_ai", "contact_link_au", "contact_link_ad")
HOURLY_TRIGGERS = ("interaction_hourly_ai", "interaction_hourly_au", "interaction_hourly_ad")
CASE_INDEXES = {
    "ix_case_open_work": (["status", "priority", "opened_at", "first_response_at",
                           "resolved_at", "next_followup_at", "id", "deleted_at"],
                          "deleted_at IS NULL"),
    "ix_case_opened_live": (["opened_at"], "deleted_at IS NULL"),
    "ix_case_first_response_live": (["first_response_at", "opened_at"],
                                    "deleted_at IS NULL AND first_response_at IS NOT NULL"),
    "ix_case_resolved_live": (["resolved_at", "status", "priority", "opened_at",
                               "first_response_at"],
                              "deleted_at IS NULL AND resolved_at IS NOT NULL"),
}


def _last_contact(person: str) -> str:
    return ("(SELECT max(occurred_at) FROM interaction_participant "
            f"WHERE stakeholder_id = {person} AND deleted_at IS NULL)")


def refresh_contact(person: str) -> str:
    """Recompute one stakeholder's last contact and cadence deadline (stored moments are
    'YYYY-MM-DD HH:MM:SS.ffffff'; ``datetime()`` drops the fraction, so it is re-added)."""
    since = f"coalesce({_last_contact(person)}, created_at)"
    return (f"UPDATE stakeholder SET last_contact_at = {_last_contact(person)}, "
            f"contact_due_at = CASE WHEN cadence_days > 0 THEN "
            f"datetime({since}, '+' || cadence_days || ' days') || substr({since}, 20) END "
            f"WHERE id = {person};")


def _count(sign: str, row: str) -> str:
    """Add (``+``) or take (``-``) one live interaction ``row`` to or from its hour. The
    WHERE also keeps SQLite's parser from reading ON CONFLICT as a join constraint."""
    return ("INSERT INTO interaction_hourly (hour, channel, n) "
            f"SELECT substr({row}.occurred_at, 1, 13), {row}.channel, {sign}1 "
            f"WHERE {row}.deleted_at IS NULL "
            f"ON CONFLICT (hour, channel) DO UPDATE SET n = n {sign} 1;")


def contact_triggers() -> list[str]:
    return [
        "CREATE TRIGGER stakeholder_contact_ai AFTER INSERT ON stakeholder BEGIN "
        f"{refresh_contact('NEW.id')} END",
        # a value written directly is replaced by the true one (recursive triggers are
        # off, so this does not fire itself again)
        "CREATE TRIGGER stakeholder_contact_au AFTER UPDATE OF cadence_days, created_at, "
        f"last_contact_at, contact_due_at ON stakeholder BEGIN {refresh_contact('NEW.id')} END",
        # revision 0005 fills occurred_at by a later UPDATE when the insert left it empty
        "CREATE TRIGGER contact_link_ai AFTER INSERT ON interaction_participant "
        "WHEN NEW.occurred_at IS NOT NULL AND NEW.deleted_at IS NULL BEGIN "
        f"{refresh_contact('NEW.stakeholder_id')} END",
        "CREATE TRIGGER contact_link_au AFTER UPDATE OF stakeholder_id, occurred_at, "
        "deleted_at ON interaction_participant BEGIN "
        f"{refresh_contact('NEW.stakeholder_id')} "
        f"{refresh_contact('OLD.stakeholder_id')} END",
        "CREATE TRIGGER contact_link_ad AFTER DELETE ON interaction_participant BEGIN "
        f"{refresh_contact('OLD.stakeholder_id')} END",
    ]


def hourly_triggers() -> list[str]:
    return [
        f"CREATE TRIGGER interaction_hourly_ai AFTER INSERT ON interaction BEGIN "
        f"{_count('+', 'NEW')} END",
        "CREATE TRIGGER interaction_hourly_au AFTER UPDATE OF occurred_at, channel, deleted_at "
        f"ON interaction BEGIN {_count('-', 'OLD')} {_count('+', 'NEW')} END",
        f"CREATE TRIGGER interaction_hourly_ad AFTER DELETE ON interaction BEGIN "
        f"{_count('-', 'OLD')} END",
    ]


# the plain columns make it covering: SQLite checks them even when implied (a team
# server creates the same index: spocdesk.core.store.server)
EFFECTIVE_DUE_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_followup_effective_due ON followup "
    "(coalesce(snoozed_until, due_at), due_has_time, snoozed_until, due_at, done_at, "
    "deleted_at) WHERE done_at IS NULL AND deleted_at IS NULL")


def upgrade() -> None:
    op.add_column("stakeholder", sa.Column("last_contact_at", sa.DateTime(), nullable=True))
    op.add_column("stakeholder", sa.Column("contact_due_at", sa.DateTime(), nullable=True))
    op.execute(refresh_contact("stakeholder.id"))  # every row: id = stakeholder.id
    op.create_index("ix_stakeholder_contact_due", "stakeholder", ["contact_due_at"],
                    sqlite_where=sa.text("deleted_at IS NULL AND contact_due_at IS NOT NULL"))
    for statement in contact_triggers():
        op.execute(statement)

    op.create_table(
        "interaction_hourly",
        sa.Column("hour", sa.String(13), nullable=False),  # 'YYYY-MM-DD HH', UTC
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "channel"),
    )
    op.execute("INSERT INTO interaction_hourly (hour, channel, n) "
               "SELECT substr(occurred_at, 1, 13), channel, count(*) FROM interaction "
               "WHERE deleted_at IS NULL GROUP BY 1, 2")
    for statement in hourly_triggers():
        op.execute(statement)
    op.execute("DROP INDEX IF EXISTS ix_interaction_time_channel")
    op.execute("DROP INDEX IF EXISTS ix_interaction_occurred_at")
    op.create_index("ix_interaction_time_channel", "interaction",
                    ["occurred_at", "channel", "deleted_at"])

    for name, (columns, where) in CASE_INDEXES.items():
        op.create_index(name, "case_record", columns, sqlite_where=sa.text(where))
    op.execute(EFFECTIVE_DUE_INDEX)
    op.create_index("ix_followup_snoozed", "followup", ["snoozed_until"],
                    sqlite_where=sa.text("snoozed_until IS NOT NULL AND done_at IS NULL "
                                         "AND deleted_at IS NULL"))
    op.create_index("ix_followup_open_case", "followup", ["case_id"],
                    sqlite_where=sa.text("done_at IS NULL AND deleted_at IS NULL"))
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_followup_open_case", "followup")
    op.drop_index("ix_followup_snoozed", "followup")
    op.execute("DROP INDEX IF EXISTS ix_followup_effective_due")
    for name in CASE_INDEXES:
        op.drop_index(name, "case_record")
    op.drop_index("ix_interaction_time_channel", "interaction")
    op.create_index("ix_interaction_occurred_at", "interaction", ["occurred_at"])
    op.create_index("ix_interaction_time_channel", "interaction", ["occurred_at", "channel"])
    for name in HOURLY_TRIGGERS + CONTACT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("interaction_hourly")
    op.drop_index("ix_stakeholder_contact_due", "stakeholder")
    # plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the search triggers
    op.execute("ALTER TABLE stakeholder DROP COLUMN contact_due_at")
    op.execute("ALTER TABLE stakeholder DROP COLUMN last_contact_at")
