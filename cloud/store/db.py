"""Engine and sessions for the embedded SQLite default or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cloud.errors import StoreError
from cloud.store import zones


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    # Local time of a site's zone (SQLite has no time zones; see cloud.store.zones).
    dbapi_connection.create_function(
        "sf_local_time", 2, zones.sqlite_local_time, deterministic=True
    )


def make_engine(url: str) -> Engine:
    """An engine for `url`; `StoreError` says what is wrong with a bad URL."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StoreError(
            "database URL is not a SQLAlchemy URL: use postgresql+psycopg://USER@HOST/DB "
            "or sqlite:///PATH"
        ) from err
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"database {parsed.get_backend_name()!r} is not supported: use sqlite or postgresql"
        )
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_size=5, max_overflow=10, pool_pre_ping=True)
    except NoSuchModuleError as err:
        raise StoreError(f"no driver for {parsed.drivername!r}: use postgresql+psycopg") from err
    return engine


def check(engine: Engine) -> None:
    """Connect once; `StoreError` says the database cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as err:
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise StoreError(
            f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from err


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit (pages render after the commit)."""
    return sessionmaker(engine, expire_on_commit=False)
