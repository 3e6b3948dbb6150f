"""Alembic environment: always runs on the store's own (keyed) connection."""

from alembic import context

from spocdesk.core.model import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("spocdesk migrations run through spocdesk.core.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
