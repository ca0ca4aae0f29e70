"""Every cloud test runs against SQLite and PostgreSQL (a throwaway database per session)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, delete

from cloud.settings import CloudSettings
from cloud.store import db, migrate
from cloud.store.models import Base

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated, empty database of each kind for the whole session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'cloud.sqlite3'}"
        name = None
    else:
        name = f"showfloor_test_{secrets.token_hex(4)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    engine = db.make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    if name is not None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the session database, emptied before the test."""
    engine = db.make_engine(database_url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, engine: Engine) -> CloudSettings:
    """Settings for an app on the test database, without a broker, cookies over plain HTTP."""
    return CloudSettings(
        database_url=SecretStr(database_url),
        state_dir=tmp_path / "state",
        session_secret=SecretStr("test-session-secret-" + "x" * 20),
        secure_cookies=False,
        # a live stream ends soon (the browser reconnects): a test client reading it whole
        # (the route enumerations of test_tenancy, test_sites) gets its answer
        live_stream_s=0.3,
    )
