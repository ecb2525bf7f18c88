"""Alembic's entry point: runs migrations on the connection CSO Desk hands it.

Batch mode lets SQLite, which cannot alter most constraints, rebuild a table instead.
"""

from alembic import context

from desktop.domain import Base
from desktop.store.migrations import in_models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=in_models,
)
with context.begin_transaction():
    context.run_migrations()
