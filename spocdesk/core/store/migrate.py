"""Alembic, driven from code: where a store's schema stands, and upgrading it.

Alembic (and the revision scripts) are imported only when a store is behind or
its revision is unknown: reading ``alembic_version`` and the newest revision
file's name answers "current?" for every ordinary unlock, and importing Alembic
cost a quarter to half a second of start-up."""

from __future__ import annotations

import enum
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")  # revision id = the file's number


class SchemaState(enum.Enum):
    CURRENT = "current"
    BEHIND = "behind"
    TOO_NEW = "too new"
    FOREIGN = "foreign"  # tables, but none of ours


def config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def head() -> str:
    """The newest revision: the highest-numbered file under ``migrations/versions``
    (a test checks it is Alembic's head, and that every file's number is its id)."""
    numbers = [m.group(1) for p in (MIGRATIONS / "versions").iterdir()
               if (m := _REVISION_FILE.match(p.name))]
    return max(numbers)


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(config())
    return {rev.revision for rev in script.walk_revisions()}


def current(conn: sa.Connection) -> str | None:
    if not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                "AND name = 'alembic_version'").first():
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) <= 1:
        return rows[0][0] if rows else None
    from alembic.runtime.migration import MigrationContext  # it explains several heads

    return MigrationContext.configure(conn).get_current_revision()


def state(conn: sa.Connection) -> SchemaState:
    revision = current(conn)
    if revision is None:
        tables = sa.inspect(conn).get_table_names()
        return SchemaState.FOREIGN if tables else SchemaState.BEHIND
    if revision == head():
        return SchemaState.CURRENT
    if revision not in known_revisions():
        return SchemaState.TOO_NEW
    return SchemaState.BEHIND


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()  # pooled connections read the new schema and planner statistics
