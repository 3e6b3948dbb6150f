"""the report's tables read in the order of their groups: no sort of a period's rows

The report's tables of a quarter (effort per category, person and case; requests per
category; repeat contacts) took seconds on the large store. Each grouped a period's
60,000-130,000 rows by a case or person id, and SQLite's sorter allocates every row
it sorts on its own (``temp_store = MEMORY``), which an encrypted connection also
locks into memory and wipes (``cipher_memory_security``). Read from an index in the
order of the groups, the same sums need no sort at all:

- ``ix_case_category_cases`` (category, id, reference): each case by category, so a
  category's minutes are summed case by case (one range of
  ``ix_interaction_case_minutes`` per case) and the cases with the most minutes are
  picked with their reference at hand. It replaces 0024's ``ix_case_category``.
- ``ix_case_opened_category`` (category, opening moment): a period's requests per
  category counted in category order.
- ``ix_interaction_inbound_case``: the live inbound log entries by case and moment,
  so whether a case had an inbound entry in a period is one probe (repeat contacts).
- ``interaction_participant.minutes``: the entry's minutes while it is live (NULL
  otherwise), copied by triggers like the moment beside it (revision 0005), and
  ``ix_interaction_participant_effort`` (person, moment, minutes): a person's minutes
  summed in person order. The triggers keep both copies right when an entry's
  minutes, moment or deletion change; the upgrade fills the minutes once.

Each index has its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06
"""

import importlib
import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)

# (table, index, columns, partial condition)
INDEXES = (
    ("case_record", "ix_case_category_cases", "category, id, ref_number, ref", None),
    ("case_record", "ix_case_opened_category", "category, opened_at, deleted_at",
     "deleted_at IS NULL"),
    ("interaction", "ix_interaction_inbound_case", "case_id, occurred_at, deleted_at",
     "deleted_at IS NULL AND direction = 'in'"),
    ("interaction_participant", "ix_interaction_participant_effort",
     "stakeholder_id, occurred_at, minutes, deleted_at",
     "deleted_at IS NULL AND minutes IS NOT NULL"),
)
REPLACED = ("case_record", "ix_case_category", "id, category")

# the minutes a participant row carries: its entry's, while the entry is live
_OF_ENTRY = ("(SELECT CASE WHEN x.deleted_at IS NULL THEN x.minutes END FROM interaction AS x "
             "WHERE x.id = NEW.interaction_id)")
_LIVE = "CASE WHEN NEW.deleted_at IS NULL THEN NEW.minutes END"
EFFORT_TRIGGERS = ("interaction_participant_effort_ai", "interaction_participant_effort_au",
                   "interaction_effort_ai", "interaction_effort_au")


def effort_triggers() -> list[str]:
    """Keep ``interaction_participant.minutes`` (and its moment) equal to its entry's."""
    own = f"UPDATE interaction_participant SET minutes = {_OF_ENTRY} WHERE id = NEW.id;"
    of_entry = (f"UPDATE interaction_participant SET minutes = {_LIVE} "
                f"WHERE interaction_id = NEW.id AND minutes IS NOT {_LIVE};")
    return [
        "CREATE TRIGGER interaction_participant_effort_ai AFTER INSERT ON "
        f"interaction_participant WHEN NEW.minutes IS NOT {_OF_ENTRY} BEGIN {own} END",
        "CREATE TRIGGER interaction_participant_effort_au AFTER UPDATE OF interaction_id, "
        f"minutes ON interaction_participant WHEN NEW.minutes IS NOT {_OF_ENTRY} "
        f"BEGIN {own} END",
        # a participant row written before its entry (never by the services)
        f"CREATE TRIGGER interaction_effort_ai AFTER INSERT ON interaction BEGIN {of_entry} END",
        "CREATE TRIGGER interaction_effort_au AFTER UPDATE OF occurred_at, minutes, deleted_at "
        f"ON interaction BEGIN {of_entry} "
        "UPDATE interaction_participant SET occurred_at = NEW.occurred_at "
        "WHERE interaction_id = NEW.id AND occurred_at IS NOT NEW.occurred_at; END",
    ]


def _create(table: str, name: str, columns: str, where: str | None) -> None:
    partial = f" WHERE {where}" if where else ""
    op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}){partial}")


def upgrade() -> None:
    conn = op.get_bind()
    # plain ADD COLUMN: the triggers on interaction_participant stay
    op.add_column("interaction_participant", sa.Column("minutes", sa.Integer(), nullable=True))
    filled = conn.exec_driver_sql(
        "UPDATE interaction_participant SET minutes = (SELECT x.minutes FROM interaction AS x "
        "WHERE x.id = interaction_participant.interaction_id) "
        "WHERE interaction_id IN (SELECT id FROM interaction "
        "WHERE minutes IS NOT NULL AND deleted_at IS NULL)")
    log.info("minutes copied onto %d participants of timed entries",
             max(0, int(filled.rowcount or 0)))
    # a moment copied before the entry's changed (never by the services): the timed
    # entries' participants must carry the entry's own
    conn.exec_driver_sql(
        "UPDATE interaction_participant SET occurred_at = (SELECT x.occurred_at "
        "FROM interaction AS x WHERE x.id = interaction_participant.interaction_id) "
        "WHERE minutes IS NOT NULL AND occurred_at IS NOT (SELECT x.occurred_at "
        "FROM interaction AS x WHERE x.id = interaction_participant.interaction_id)")
    for statement in effort_triggers():
        op.execute(statement)
    op.execute(f"DROP INDEX IF EXISTS {REPLACED[1]}")
    for table, name, columns, where in INDEXES:
        _create(table, name, columns, where)
    importlib.import_module(
        "spocdesk.core.store.migrations.versions.0013_planner_statistics").pin(conn)


def downgrade() -> None:
    for _table, name, _columns, _where in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    _create(REPLACED[0], REPLACED[1], REPLACED[2], None)
    for name in EFFORT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_column("interaction_participant", "minutes")
