"""first-contact resolution kept on the case when it is resolved

Until now the dashboard worked the rule out at the time it was asked, by looking
into the log, escalations and audit trail of every case resolved in the period: a
loop in SQL that grows with the cases (a quarter of the large store missed its
300 ms). ``case_record.first_contact`` (1 or 0; NULL while the case is not resolved)
and ``case_record.first_channel`` (the channel of first contact) now keep the
verdict, set by the services when a case is resolved (``cases/first_contact.py``),
and ``ix_case_first_contact`` (resolution moment, status, verdict, category,
channel; live resolved cases) makes a period's rate, per week, category and channel,
one range of an index read alone.

The existing resolved cases are settled here in SQL, in batches by rowid, with the
rule as ``cases/first_contact.py`` stated it at this revision (a copy: a revision
stays as it was written, and the store layer imports no domain); the log says how
far it got. The index
has its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

import importlib
import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)


SETTLED = "resolved_at IS NOT NULL AND status IN ('resolved', 'closed')"
SETTLE = f"""
UPDATE case_record SET
  first_contact = (
    NOT EXISTS (SELECT 1 FROM escalation AS e
                WHERE e.case_id = case_record.id AND e.deleted_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM audit_event AS a WHERE a.entity_id = case_record.id
                    AND a.entity = 'case' AND a.field = 'status'
                    AND a.before IN ('resolved', 'closed')
                    AND a.after IN ('new', 'open', 'waiting', 'escalated'))
    AND (SELECT total(x.direction = 'in') <= 1 AND total(x.direction = 'out') <= 1
           FROM interaction AS x WHERE x.case_id = case_record.id AND x.deleted_at IS NULL
            AND x.direction IN ('in', 'out') AND x.occurred_at <= case_record.resolved_at)),
  first_channel = coalesce((SELECT x.channel FROM interaction AS x
    WHERE x.case_id = case_record.id AND x.deleted_at IS NULL AND x.direction IN ('in', 'out')
    ORDER BY x.occurred_at LIMIT 1), '')
 WHERE rowid > :lo AND rowid <= :hi AND deleted_at IS NULL AND {SETTLED}"""
STEP = 20_000  # rowids per batch: some 5,000 resolved cases


def _settle_all(conn: sa.Connection) -> None:
    total = int(conn.exec_driver_sql(
        f"SELECT count(*) FROM case_record WHERE deleted_at IS NULL AND {SETTLED}").scalar_one())
    top = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM case_record")
              .scalar_one())
    done = 0
    for lo in range(0, top, STEP):
        result = conn.execute(sa.text(SETTLE), {"lo": lo, "hi": lo + STEP})
        done += max(0, int(result.rowcount or 0))
        if total > STEP:
            log.info("first-contact verdicts: %d of %d resolved cases", done, total)


def upgrade() -> None:
    # plain ADD COLUMN: the triggers on case_record (revisions 0006, 0010) stay
    op.add_column("case_record", sa.Column("first_contact", sa.Boolean(), nullable=True))
    op.add_column("case_record", sa.Column("first_channel", sa.String(length=16),
                                           nullable=True))
    _settle_all(op.get_bind())
    op.create_index("ix_case_first_contact", "case_record",
                    ["resolved_at", "status", "first_contact", "category", "first_channel",
                     "deleted_at"],
                    sqlite_where=sa.text("deleted_at IS NULL AND resolved_at IS NOT NULL"))
    importlib.import_module(
        "spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_case_first_contact", table_name="case_record")
    op.drop_column("case_record", "first_channel")
    op.drop_column("case_record", "first_contact")
