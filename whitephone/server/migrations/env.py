"""Alembic environment of the hub: `whitephone.server.migrate` passes its open connection in
`config.attributes`; the target is the hub's table metadata."""

from alembic import context

from whitephone.server.db import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
