"""captured e-mail: messages, their attachments, and the senders always ignored

- ``mail_message``: one captured e-mail (sender, recipients as JSON, subject, the
  readable text body, size, where it came from), its place (``state``: unfiled in
  the inbox, filed on a case, ignored, dismissed as not a request), the rule that
  filed it, and the link to the log entry it became (``interaction_id``). Each
  message is kept once: ``dedupe_key`` (its Message-ID, else a hash of its content)
  is unique.
- ``mail_attachment``: its attachments in order; ``data`` is NULL above the size cap.
- ``mail_ignore_rule``: an address or a domain whose mail skips the inbox.

Every index has its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "mail_message",
        sa.Column("dedupe_key", sa.String(length=100), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("sender_name", sa.Text(), nullable=False),
        sa.Column("sender_email", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("in_reply_to", sa.Text(), nullable=False),
        sa.Column("reference_ids", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("filed_by", sa.String(length=16), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("interaction_id", sa.String(length=36), nullable=True),
        *_record(),
        sa.ForeignKeyConstraint(["case_id"], ["case_record.id"],
                                name=op.f("fk_mail_message_case_id_case_record")),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"],
                                name=op.f("fk_mail_message_interaction_id_interaction")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_message")),
    )
    op.create_index("ix_mail_message_key", "mail_message", ["dedupe_key"], unique=True)
    op.create_index("ix_mail_message_message_id", "mail_message", ["message_id"],
                    sqlite_where=sa.text("message_id != '' AND deleted_at IS NULL"))
    op.create_index("ix_mail_message_inbox", "mail_message",
                    ["sender_email", "occurred_at", "id", "state", "deleted_at"],
                    sqlite_where=sa.text("state = 'unfiled' AND deleted_at IS NULL"))
    op.create_index("ix_mail_message_interaction_id", "mail_message", ["interaction_id"])
    op.create_index("ix_mail_message_case_id", "mail_message", ["case_id"])
    op.create_table(
        "mail_attachment",
        sa.Column("mail_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        *_record(),
        sa.ForeignKeyConstraint(["mail_id"], ["mail_message.id"],
                                name=op.f("fk_mail_attachment_mail_id_mail_message")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachment")),
    )
    op.create_index("ix_mail_attachment_mail", "mail_attachment", ["mail_id", "position"])
    op.create_table(
        "mail_ignore_rule",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=False),
        *_record(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_ignore_rule")),
    )
    op.create_index("ix_mail_ignore_rule_pattern", "mail_ignore_rule", ["pattern", "kind"])
    importlib.import_module("spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(
        op.get_bind())


def downgrade() -> None:
    op.drop_table("mail_ignore_rule")
    op.drop_table("mail_attachment")
    op.drop_table("mail_message")
