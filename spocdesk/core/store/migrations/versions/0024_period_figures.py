"""a year's figures from index ranges: the times by bin, the SLA verdict on the case

On the large store (100,000 cases, nine in ten opened in the last twelve months) a
year's dashboard took 825 ms and a quarter's quality figures 670 ms, most of it in
sorting every case of the period: for the medians and 90th percentiles of the times
to first response and to resolution, and for grouping by week. And every resolved
case's SLA verdict was worked out anew, in working time, for each look.

- ``ix_case_response_time`` and ``ix_case_resolution_time`` index each time by a
  *bin* (a whole number growing with the time: one per minute below 100 minutes, then
  two significant digits of the minutes), then by the moment that places the case in
  a period, then by the time itself (``spocdesk.core.metrics.percentiles``): a
  period's cases per bin are counted in one pass in bin order, and the value at a
  rank is read from one bin's short range. Expression indexes: raw SQL here (the
  models cannot state them), the expressions word for word those of the queries.
- ``case_record.sla_breached``: the SLA verdict of a resolved or closed case (1 a
  clock stopped after its deadline, 0 both in time; NULL while not stopped or with no
  target for its priority), computed by the SQL function ``spocdesk_sla_breached``
  (:mod:`spocdesk.core.sla_clock`) from the case and the stored settings rows, kept
  by triggers like ``sla_deadline`` (revision 0018): when the case changes, and for
  every stopped case when the SLA settings change to another value than their
  default. ``ix_case_resolved_sla`` (resolution moment, verdict; live resolved cases)
  makes a week's resolved, resolved-with-a-target and breached counts one range.
  The verdict is that of the computer's time zone at the moment it is worked out, as
  for ``sla_deadline``.

- The report's tables of a period (effort per category, person and case; demand per
  person and organisation) grouped every row of the period by a case or person id
  after looking up each row's case or person: seconds for a quarter. Indexes read
  alone now serve them; one in case order (``ix_interaction_case_minutes``) lets a
  case's minutes be summed in order without a sort; ``ix_interaction_minutes`` gains
  the entry's id and ``ix_case_opened_live`` the entry moment and id (both rebuilt).

Each index has its planner statistics (revision 0013's table, pinned again here).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

import importlib
import logging
from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)


def _revision(name: str) -> ModuleType:
    return importlib.import_module(f"spocdesk.core.store.migrations.versions.{name}")


def _bin(value: str, minutes_per_unit: int, *, server: bool = False) -> str:
    """The bin of a time (SQLite's words, or PostgreSQL's for a team server)."""
    if server:
        minutes = f"trunc(({value}) * {minutes_per_unit})::bigint"
        length, digits = f"length({minutes}::text)", f"substr({minutes}::text, 1, 2)::bigint"
    else:
        minutes = f"CAST(({value}) * {minutes_per_unit} AS INTEGER)"
        length, digits = f"length({minutes})", f"CAST(substr({minutes}, 1, 2) AS INTEGER)"
    return (f"(CASE WHEN ({value}) >= 0 THEN (CASE WHEN {minutes} < 100 THEN {minutes} "
            f"ELSE {length} * 100 + {digits} END) ELSE -1 END)")


_RESPONSE = "(julianday(first_response_at) - julianday(opened_at)) * 24.0"
_RESOLUTION = "julianday(resolved_at) - julianday(opened_at)"
TIME_INDEXES = {
    "ix_case_response_time": (
        f"{_bin(_RESPONSE, 60)}, first_response_at, {_RESPONSE}",
        "deleted_at IS NULL AND first_response_at IS NOT NULL"),
    "ix_case_resolution_time": (
        f"{_bin(_RESOLUTION, 1440)}, resolved_at, {_RESOLUTION}",
        "deleted_at IS NULL AND resolved_at IS NOT NULL AND status IN ('resolved', 'closed')"),
}


_SERVER_RESPONSE = "EXTRACT(EPOCH FROM (first_response_at - opened_at)) / 3600.0"
_SERVER_RESOLUTION = "EXTRACT(EPOCH FROM (resolved_at - opened_at)) / 86400.0"
#: the same indexes for a team server (``server.init_schema``), in PostgreSQL's words
SERVER_TIME_INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS {name} ON case_record ({_bin(value, unit, server=True)}, "
    f"{moment}, ({value})) WHERE {TIME_INDEXES[name][1]}"
    for name, value, unit, moment in (
        ("ix_case_response_time", _SERVER_RESPONSE, 60, "first_response_at"),
        ("ix_case_resolution_time", _SERVER_RESOLUTION, 1440, "resolved_at")))

# (table, index, columns, partial condition); rebuilt ones name their old columns
REPORT_INDEXES = (
    ("interaction", "ix_interaction_case_minutes", "case_id, occurred_at, minutes, deleted_at",
     "deleted_at IS NULL AND minutes IS NOT NULL"),
    ("interaction_participant", "ix_interaction_participant_live",
     "interaction_id, stakeholder_id, deleted_at", "deleted_at IS NULL"),
    ("case_record", "ix_case_category", "id, category", None),
    ("stakeholder", "ix_stakeholder_organisation_of", "id, kind, organisation_id", None),
)
REBUILT = (
    ("interaction", "ix_interaction_minutes", "occurred_at, minutes, case_id, id, deleted_at",
     "occurred_at, minutes, case_id, deleted_at", "deleted_at IS NULL AND minutes IS NOT NULL"),
    ("case_record", "ix_case_opened_live", "opened_at, created_at, id, deleted_at", "opened_at",
     "deleted_at IS NULL"),
)
VERDICT_INDEX = "ix_case_resolved_sla"
VERDICT_WHERE = ("deleted_at IS NULL AND resolved_at IS NOT NULL "
                 "AND status IN ('resolved', 'closed')")
VERDICT_TRIGGERS = ("case_sla_verdict_ai", "case_sla_verdict_au", "setting_sla_verdict_ai",
                    "setting_sla_verdict_au", "setting_sla_verdict_ad")
STOPPED = "status IN ('resolved', 'closed')"


def verdict(row: str) -> str:
    """The verdict of the case ``row`` (a table name, NEW or OLD) as SQL: one call of
    ``spocdesk_sla_breached`` with the case and the stored settings rows (revision
    0018's keys, read the same way)."""
    sla = _revision("0018_next_step_and_business_sla")
    settings = ", ".join(sla._row(key) for key in sla.KEYS)
    return (f"spocdesk_sla_breached({row}.priority, {row}.status, {row}.opened_at, "
            f"{row}.first_response_at, {row}.resolved_at, {settings})")


def _every_case() -> str:
    """Every case whose verdict can change with the settings: the stopped ones, and
    any that still carries one."""
    return (f"UPDATE case_record SET sla_breached = {verdict('case_record')} "
            f"WHERE {STOPPED} OR sla_breached IS NOT NULL;")


def verdict_triggers() -> list[str]:
    sla = _revision("0018_next_step_and_business_sla")
    one_case = (f"UPDATE case_record SET sla_breached = {verdict('case_record')} "
                "WHERE id = NEW.id;")
    # an open case without a verdict needs no call of the function
    stale = ("(NEW.status IN ('resolved', 'closed') OR NEW.sla_breached IS NOT NULL) "
             f"AND NEW.sla_breached IS NOT {verdict('NEW')}")
    keys = ", ".join(f"'{key}'" for key in sla.KEYS)
    defaults = {"sla": _revision("0010_case_sla_deadline").DEFAULT,
                **{key: f"'{value}'" for key, value in sla.DEFAULTS.items()}}

    def not_default(row: str) -> str:
        whens = " ".join(f"WHEN '{key}' THEN {value}" for key, value in defaults.items())
        return f"{row}.value IS NOT (CASE {row}.key {whens} END)"

    return [
        f"CREATE TRIGGER case_sla_verdict_ai AFTER INSERT ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        "CREATE TRIGGER case_sla_verdict_au AFTER UPDATE OF priority, status, opened_at, "
        f"first_response_at, resolved_at, sla_breached ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        f"CREATE TRIGGER setting_sla_verdict_ai AFTER INSERT ON setting "
        f"WHEN NEW.key IN ({keys}) AND {not_default('NEW')} BEGIN {_every_case()} END",
        "CREATE TRIGGER setting_sla_verdict_au AFTER UPDATE OF key, value ON setting "
        f"WHEN (NEW.key IN ({keys}) OR OLD.key IN ({keys})) "
        "AND (NEW.key IS NOT OLD.key OR NEW.value IS NOT OLD.value) "
        f"BEGIN {_every_case()} END",
        f"CREATE TRIGGER setting_sla_verdict_ad AFTER DELETE ON setting "
        f"WHEN OLD.key IN ({keys}) AND {not_default('OLD')} BEGIN {_every_case()} END",
    ]


def _create(table: str, name: str, columns: str, where: str | None) -> None:
    partial = f" WHERE {where}" if where else ""
    op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}){partial}")


def upgrade() -> None:
    conn = op.get_bind()
    for table, name, columns, _old, where in REBUILT:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        _create(table, name, columns, where)
    for table, name, columns, partial in REPORT_INDEXES:
        _create(table, name, columns, partial)
    for name, (columns, where) in TIME_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON case_record ({columns}) "
                   f"WHERE {where}")
    # plain ADD COLUMN: the triggers on case_record stay
    op.add_column("case_record", sa.Column("sla_breached", sa.Integer(), nullable=True))
    done = conn.exec_driver_sql(
        f"UPDATE case_record SET sla_breached = {verdict('case_record')} WHERE {STOPPED}")
    log.info("SLA verdicts of %d stopped cases", max(0, int(done.rowcount or 0)))
    for statement in verdict_triggers():
        op.execute(statement)
    op.create_index(VERDICT_INDEX, "case_record", ["resolved_at", "sla_breached"],
                    sqlite_where=sa.text(VERDICT_WHERE))
    _revision("0013_planner_statistics").pin(conn)


def downgrade() -> None:
    for _table, name, _columns, _partial in REPORT_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for table, name, _new, columns, where in REBUILT:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        _create(table, name, columns, where)
    op.drop_index(VERDICT_INDEX, table_name="case_record")
    for name in VERDICT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_column("case_record", "sla_breached")
    for name in TIME_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
