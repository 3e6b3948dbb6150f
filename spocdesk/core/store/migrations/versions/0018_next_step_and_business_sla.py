"""the "No next step" view has its own index; SLA deadlines count working time

"No next step" used to mean "no open follow-up"; it now means what it says, an
empty one-line *next step* on an open case, and "No follow-up planned" is the
old view. ``ix_case_no_next_step`` holds the live cases whose next step is empty
(a partial index: the view's count is a short range of it, per open status),
with its planner statistics (revision 0013's table, pinned again here).

SLA clocks count the working week (``sla_business_hours``, on by default; see
:mod:`spocdesk.core.sla_clock`). ``case_record.sla_deadline`` (revision 0010), the
julianday of the nearest running deadline the list sorts "time left" by, is now
computed by the SQL function ``spocdesk_sla_deadline`` (Python, registered on every
connection of the store) from the case and the stored settings rows, read as
``settings.load`` reads them (a damaged targets row now counts as the defaults
here too). The triggers of revision 0010 are replaced by the same ones calling it,
and every open case's deadline is recomputed, in the same transaction, when any of
those settings changes (the SLA targets, ``sla_business_hours``, ``working_days``,
``working_hours_start``, ``working_hours_end``) to another value than its default.

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-05
"""

import importlib
from collections.abc import Sequence
from types import ModuleType

from alembic import op

revision: str = "0018"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_case_no_next_step"
KEYS = ("sla", "sla_business_hours", "working_days", "working_hours_start",
        "working_hours_end")
# the JSON each of those settings is saved as at its default: a row written or removed
# with it changes no deadline (a missing row means the default), so the first save of
# the settings, which writes every row, recomputes nothing it need not
DEFAULTS = {"sla_business_hours": "true", "working_days": '"12345"',
            "working_hours_start": '"09:00"', "working_hours_end": '"17:00"'}


def _revision(name: str) -> ModuleType:
    return importlib.import_module(f"spocdesk.core.store.migrations.versions.{name}")


def _row(key: str) -> str:
    return f"(SELECT value FROM setting WHERE key = '{key}')"


def deadline(row: str) -> str:
    """The deadline of the case ``row`` (a table name or NEW) as SQL: one call of
    ``spocdesk_sla_deadline`` with the case and the stored settings rows."""
    settings = ", ".join(_row(key) for key in KEYS)
    return (f"spocdesk_sla_deadline({row}.priority, {row}.status, {row}.opened_at, "
            f"{row}.first_response_at, {row}.resolved_at, {settings})")


def _every_case() -> str:
    """Every case whose deadline can change: a stopped clock's is NULL whatever the
    settings (each of the others is one call of ``spocdesk_sla_deadline``)."""
    return (f"UPDATE case_record SET sla_deadline = {deadline('case_record')} "
            "WHERE status NOT IN ('resolved', 'closed') OR sla_deadline IS NOT NULL;")


def triggers() -> list[str]:
    one_case = (f"UPDATE case_record SET sla_deadline = {deadline('case_record')} "
                "WHERE id = NEW.id;")
    stale = f"NEW.sla_deadline IS NOT {deadline('NEW')}"
    keys = ", ".join(f"'{key}'" for key in KEYS)
    defaults = {"sla": _revision("0010_case_sla_deadline").DEFAULT,
                **{key: f"'{value}'" for key, value in DEFAULTS.items()}}

    def not_default(row: str) -> str:
        whens = " ".join(f"WHEN '{key}' THEN {value}" for key, value in defaults.items())
        return f"{row}.value IS NOT (CASE {row}.key {whens} END)"

    return [
        f"CREATE TRIGGER case_sla_deadline_ai AFTER INSERT ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        "CREATE TRIGGER case_sla_deadline_au AFTER UPDATE OF priority, status, opened_at, "
        f"first_response_at, resolved_at, sla_deadline ON case_record WHEN {stale} "
        f"BEGIN {one_case} END",
        f"CREATE TRIGGER setting_sla_ai AFTER INSERT ON setting WHEN NEW.key IN ({keys}) "
        f"AND {not_default('NEW')} BEGIN {_every_case()} END",
        "CREATE TRIGGER setting_sla_au AFTER UPDATE OF key, value ON setting "
        f"WHEN (NEW.key IN ({keys}) OR OLD.key IN ({keys})) "
        f"AND (NEW.key IS NOT OLD.key OR NEW.value IS NOT OLD.value) "
        f"BEGIN {_every_case()} END",
        f"CREATE TRIGGER setting_sla_ad AFTER DELETE ON setting WHEN OLD.key IN ({keys}) "
        f"AND {not_default('OLD')} BEGIN {_every_case()} END",
    ]


def _replace_triggers(statements: list[str], recompute: str) -> None:
    for name in _revision("0010_case_sla_deadline").TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in statements:
        op.execute(statement)
    op.execute(recompute)


def upgrade() -> None:
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON case_record "
               "(status, ref_number, id) WHERE deleted_at IS NULL AND next_step = ''")
    _replace_triggers(triggers(), _every_case())
    _revision("0013_planner_statistics").pin(op.get_bind())


def downgrade() -> None:
    old = _revision("0010_case_sla_deadline")
    _replace_triggers(old.triggers(), old._every_case())
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
