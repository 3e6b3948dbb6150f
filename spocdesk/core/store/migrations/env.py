"""Alembic environment: always runs on the store's own (keyed) connection."""

from alembic import context

from spocdesk.core.model import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("spocdesk migrations run through spocdesk.core.store.migrate only")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the full-text indexes (FTS5 tables, their shadow tables, their doc maps) out
    of autogenerate: they are made by raw SQL in revisions 0003 and 0007, not by the models."""
    return not (type_ == "table" and str(name).startswith(("search_index",
                                                          "stakeholder_lookup")))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
