"""Alembic from code: `upgrade(engine)` brings any database to the newest schema."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from cloud.errors import StoreError

_LOGGER = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    """An Alembic config whose `env.py` uses `engine`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to `revision`."""
    _LOGGER.info("migrating %s to %s", engine.url.render_as_string(hide_password=True), revision)
    command.upgrade(alembic_config(engine), revision)


def require_current(engine: Engine) -> None:
    """`StoreError` unless the database is at the newest revision."""
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        raise StoreError(
            f"database is at schema revision {current or 'none'}, the code needs {head}: "
            "run `showfloor-cloud migrate`"
        )
