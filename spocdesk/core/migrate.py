"""Alembic, driven from code: where a store's schema stands, and upgrading it."""

from __future__ import annotations

import enum
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaState(enum.Enum):
    CURRENT = "current"
    BEHIND = "behind"
    TOO_NEW = "too new"
    FOREIGN = "foreign"  # tables, but none of ours


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    script = ScriptDirectory.from_config(config())
    revision = script.get_current_head()
    assert revision is not None
    return revision


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(config())
    return {rev.revision for rev in script.walk_revisions()}


def current(conn: sa.Connection) -> str | None:
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
    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
