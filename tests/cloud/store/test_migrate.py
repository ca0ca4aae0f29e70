"""Migrations build exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from cloud.errors import StoreError
from cloud.store import db, migrate
from cloud.store.models import Base


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    migrate.require_current(engine)


def test_an_unmigrated_database_is_named_with_the_fix(tmp_path: object) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path}/empty.sqlite3")
    with pytest.raises(StoreError, match="showfloor-cloud migrate"):
        migrate.require_current(engine)
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a SQLAlchemy URL"),
        ("mysql://x@127.0.0.1/db", "not supported"),
    ],
)
def test_bad_database_urls_get_one_clear_line(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        db.make_engine(url)


def test_an_unreachable_database_is_reported() -> None:
    engine = db.make_engine("postgresql://postgres@127.0.0.1:1/nothing")
    with pytest.raises(StoreError, match="cannot reach the database"):
        db.check(engine)
    engine.dispose()
