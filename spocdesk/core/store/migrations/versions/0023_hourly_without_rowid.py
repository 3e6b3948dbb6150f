"""interactions per hour and channel kept in their key's B-tree (WITHOUT ROWID)

``interaction_hourly`` (revision 0008) answers "interactions per channel" of a
period: a year is some 50,000 (hour, channel) rows. Keyed by (hour, channel), the
period was one range, but grouping it by channel went through a sorter: about
120 ms of the year dashboard on a 10,000-case store (the range itself: 1.5 ms).
Keyed by (channel, hour) and stored ``WITHOUT ROWID`` (the rows live in the key's
own B-tree), each channel's period is one range of the key, summed without a sort
and without a second look-up for ``n``; the triggers' upserts touch one B-tree
instead of two.

The table is rebuilt with its rows, its triggers dropped and put back word for
word (revision 0008's), and its planner statistics pinned again under the
table's own name (a WITHOUT ROWID table has no separate primary-key index).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

import importlib
from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("hour VARCHAR(13) NOT NULL, channel VARCHAR(16) NOT NULL, n INTEGER NOT NULL, "
            "CONSTRAINT pk_interaction_hourly PRIMARY KEY (channel, hour)")


def _rebuild(options: str) -> None:
    figures = importlib.import_module(
        "spocdesk.core.store.migrations.versions.0008_dashboard_figures")
    for name in figures.HOURLY_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"CREATE TABLE interaction_hourly_new ({_COLUMNS}){options}")
    op.execute("INSERT INTO interaction_hourly_new (hour, channel, n) "
               "SELECT hour, channel, n FROM interaction_hourly")
    op.execute("DROP TABLE interaction_hourly")
    op.execute("ALTER TABLE interaction_hourly_new RENAME TO interaction_hourly")
    for statement in figures.hourly_triggers():
        op.execute(statement)
    importlib.import_module(
        "spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(op.get_bind())


def upgrade() -> None:
    _rebuild(" WITHOUT ROWID")


def downgrade() -> None:
    _rebuild("")  # the key's order stays: the triggers' upsert names its columns, not order
