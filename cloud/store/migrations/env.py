"""Alembic environment: the engine comes from `cloud.store.migrate.alembic_config`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from cloud.store import models

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through cloud.store.migrate (showfloor-cloud migrate)")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=models.Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
