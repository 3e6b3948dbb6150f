"""the case list sorts by SLA time left from one index

"Time left" orders cases by their nearest running SLA deadline: ``opened_at`` plus
the response allowance while no one has answered, else the resolution allowance,
per priority. Computing that for 100,000 cases and sorting took 400-650 ms. The
deadline does not depend on the moment, only on the case and the SLA targets, so
the case now keeps it: ``sla_deadline``, the deadline's julianday (NULL when no
clock runs: resolved or closed, or a priority without a target), with
``ix_case_sort_sla`` beside the other sort indexes (revision 0009).

Triggers keep it true for every writer: a case inserted, or its priority, status,
opening, first response or resolution changed (a value written to the column
directly is put right too); and every case when the SLA targets (the ``sla`` row
of ``setting``) change. As :func:`spocdesk.core.settings.load` does, a priority the
row leaves out, or a row that is missing or not a JSON object, takes the default
targets the code had at this revision. The value is exactly
``SlaSql.deadline_days()`` (a row damaged in other ways, e.g. out-of-range numbers,
which ``load`` would ignore as a whole, is the one case where they part).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_case_sort_sla"
TRIGGERS = ("case_sla_deadline_ai", "case_sla_deadline_au", "setting_sla_ai",
            "setting_sla_au", "setting_sla_ad")
PRIORITIES = ("low", "normal", "high", "urgent")
DEFAULTS = {"urgent": {"first_response_hours": 1, "resolution_days": 1},
            "high": {"first_response_hours": 4, "resolution_days": 3},
            "normal": {"first_response_hours": 24, "resolution_days": 10},
            "low": {"first_response_hours": 72, "resolution_days": 30}}
_SAVED = "(SELECT value FROM setting WHERE key = 'sla')"
SAVED = (f"(CASE WHEN json_valid({_SAVED}) THEN "
         f"(CASE WHEN json_type({_SAVED}) = 'object' THEN {_SAVED} END) END)")
DEFAULT = f"'{json.dumps(DEFAULTS, sort_keys=True)}'"


def deadline(row: str) -> str:
    """The deadline of the case ``row`` (a table name or NEW) as SQL."""
    def target(name: str) -> str:
        path = f"'$.' || {row}.priority || '.{name}'"
        return f"coalesce(json_extract({SAVED}, {path}), json_extract({DEFAULT}, {path}))"

    known = ", ".join(f"'{p}'" for p in PRIORITIES)
    response, resolution = f"{target('first_response_hours')} / 24.0", target("resolution_days")
    return (f"(CASE WHEN {row}.status IN ('resolved', 'closed') "
            f"OR {row}.priority NOT IN ({known}) THEN NULL "
            f"WHEN {row}.first_response_at IS NULL AND {row}.resolved_at IS NULL "
            f"THEN julianday({row}.opened_at) + min({response}, {resolution}) "
            f"ELSE julianday({row}.opened_at) + {resolution} END)")


def _every_case() -> str:
    return f"UPDATE case_record SET sla_deadline = {deadline('case_record')};"


def triggers() -> list[str]:
    one_case = (f"UPDATE case_record SET sla_deadline = {deadline('case_record')} "
                "WHERE id = NEW.id;")
    stale = f"NEW.sla_deadline IS NOT {deadline('NEW')}"
    return [
        f"CREATE TRIGGER case_sla_deadline_ai AFTER INSERT ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        "CREATE TRIGGER case_sla_deadline_au AFTER UPDATE OF priority, status, opened_at, "
        f"first_response_at, resolved_at, sla_deadline ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        "CREATE TRIGGER setting_sla_ai AFTER INSERT ON setting WHEN NEW.key = 'sla' "
        f"BEGIN {_every_case()} END",
        "CREATE TRIGGER setting_sla_au AFTER UPDATE OF key, value ON setting "
        f"WHEN NEW.key = 'sla' OR OLD.key = 'sla' BEGIN {_every_case()} END",
        "CREATE TRIGGER setting_sla_ad AFTER DELETE ON setting WHEN OLD.key = 'sla' "
        f"BEGIN {_every_case()} END",
    ]


def upgrade() -> None:
    op.add_column("case_record", sa.Column("sla_deadline", sa.Float(), nullable=True))
    op.execute(_every_case())
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON case_record "
               "(sla_deadline, ref_number, status, id) WHERE deleted_at IS NULL")
    for statement in triggers():
        op.execute(statement)
    op.execute(f"ANALYZE {INDEX}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    # a plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the search triggers
    op.execute("ALTER TABLE case_record DROP COLUMN sla_deadline")
