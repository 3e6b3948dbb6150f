"""IMAP accounts and how far each watched folder has been read

``mail_account``: host, port, TLS mode (implicit or STARTTLS), user name, an
optional pinned SHA-256 certificate fingerprint (for a self-signed server) and a
poll interval. No password: it lives in the OS keyring, or is asked once per
unlock. ``mail_folder``: the folders watched per account (INBOX and Sent unless
the user names others), each with the mailbox's UIDVALIDITY and the highest UID
already handed to capture, so a sync fetches only what is new. The planner figures
of the new indexes are pinned (revision 0013's table).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("mail_folder", "mail_account")


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
        "mail_account",
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("tls", sa.String(length=16), nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("poll_seconds", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_account")),
    )
    op.create_table(
        "mail_folder",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("uidvalidity", sa.Integer(), nullable=True),
        sa.Column("last_uid", sa.Integer(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(["account_id"], ["mail_account.id"],
                                name=op.f("fk_mail_folder_account_id_mail_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_folder")),
    )
    op.create_index("ix_mail_folder_account", "mail_folder", ["account_id", "name"])
    importlib.import_module(
        "spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_mail_folder_account", table_name="mail_folder")
    for name in TABLES:
        op.drop_table(name)
    op.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('mail_folder', 'mail_account')")
