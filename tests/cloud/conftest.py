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


class _Databases:
    """The session's migrated databases, one of each kind, made on first use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.urls: dict[str, str] = {}
        self.postgres_name: str | None = None

    def url(self, kind: str) -> str:
        if kind not in self.urls:
            if kind == "sqlite":
                url = f"sqlite:///{self.directory / 'cloud.sqlite3'}"
            else:
                self.postgres_name = f"showfloor_test_{secrets.token_hex(4)}"
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f'CREATE DATABASE "{self.postgres_name}"')
                url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.postgres_name}"
            engine = db.make_engine(url)
            migrate.upgrade(engine)
            engine.dispose()
            self.urls[kind] = url
        return self.urls[kind]


@pytest.fixture(scope="session")
def _databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Databases]:
    """Both databases for the whole session, the PostgreSQL one dropped at its end.

    Kept apart from `database_url`: pytest finalizes a parametrized session fixture whenever the
    next test wants the other kind, which under pytest-xdist's `--dist loadfile` is in every
    file; the migrated databases stay made.
    """
    databases = _Databases(tmp_path_factory.mktemp("sqlite"))
    yield databases
    if databases.postgres_name is not None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{databases.postgres_name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, _databases: _Databases) -> str:
    """A migrated database of each kind for the whole session (emptied by `engine`)."""
    return _databases.url(request.param)


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
