"""Migrations build exactly the models' schema and keep the data, on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from cloud.errors import StoreError
from cloud.store import db, migrate
from cloud.store.models import Base
from tests.cloud.conftest import PG_ADMIN


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


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind, for this test only."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/blank.sqlite3"
        return
    name = f"showfloor_migrate_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_an_upgrade_keeps_the_stored_rows_and_can_be_undone(blank_url: str) -> None:
    engine = db.make_engine(blank_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO conversations (tenant_id, id, site_id, hub_id, started_at, turns, "
                "sentiment) VALUES ('acme', 'conv-1', 'site-a', 'hub-1', :at, 4, -0.5)"
            ),
            {"at": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    migrate.upgrade(engine)
    migrate.require_current(engine)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT turns, sentiment, sentiment_turn, last_prompt_at FROM conversations")
        ).one()
    assert tuple(row) == (4, -0.5, None, None)
    command.downgrade(migrate.alembic_config(engine), "0001")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT turns FROM conversations")).scalar_one() == 4
    engine.dispose()


def test_0004_keeps_users_and_tokens_and_gives_each_user_a_session_key(blank_url: str) -> None:
    engine = db.make_engine(blank_url)
    migrate.upgrade(engine, "0003")
    at = {"at": datetime(2026, 11, 1, tzinfo=UTC)}
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'A', :at)"), at
        )
        for n in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO users (email, name, password_hash, tenant_id, role, created_at) "
                    f"VALUES ('u{n}@acme.invalid', 'U', 'h', 'acme', 'viewer', :at)"
                ),
                at,
            )
        connection.execute(
            text(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                "SELECT id, 'old', 'hash-' || email, :at FROM users"
            ),
            at,
        )
    migrate.upgrade(engine)
    with engine.begin() as connection:
        users = connection.execute(text("SELECT id, session_key, active FROM users")).all()
        assert len(users) == 2 and all(active for _id, _key, active in users)
        keys = {key for _id, key, _active in users}
        assert len(keys) == 2 and all(len(key) >= 32 for key in keys)
        tokens = connection.execute(text("SELECT user_id, expires_at FROM api_tokens")).all()
        assert sorted(user for user, _ in tokens) == sorted(user for user, _k, _a in users)
        assert {expires for _, expires in tokens} == {None}
        # ids are never reused: a deleted user's id does not come back
        top = max(user for user, _k, _a in users)
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": top})
        connection.execute(
            text(
                "INSERT INTO users (email, name, password_hash, tenant_id, role, created_at, "
                "session_key, active) VALUES ('new@acme.invalid', 'N', 'h', 'acme', 'admin', "
                ":at, 'k', true)"
            ),
            at,
        )
        new = connection.execute(text("SELECT id FROM users WHERE email = 'new@acme.invalid'"))
        assert new.scalar_one() > top
    command.downgrade(migrate.alembic_config(engine), "0003")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM api_tokens")).scalar_one() == 1
    engine.dispose()


def test_0006_adds_each_turns_language_and_keeps_the_turns(blank_url: str) -> None:
    engine = db.make_engine(blank_url)
    config = migrate.alembic_config(engine)
    before = ScriptDirectory.from_config(config).get_revision("0006").down_revision
    assert isinstance(before, str)
    migrate.upgrade(engine, before)
    turn = (
        'INSERT INTO turns (tenant_id, conversation_id, "index", role, speaker, start_s, end_s, '
        "text, labels{extra}) VALUES ('acme', 'conv-1', {n}, 'customer', 'customer-1', 0, 1, "
        "'hola', ''{value})"
    )
    with engine.begin() as connection:
        connection.execute(text(turn.format(extra="", n=0, value="")))
    migrate.upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(text(turn.format(extra=", language", n=1, value=", 'es'")))
        rows = connection.execute(text('SELECT "index", language FROM turns ORDER BY "index"'))
        # a turn stored before the migration has no language; a new one keeps its own
        assert [tuple(r) for r in rows] == [(0, None), (1, "es")]
    command.downgrade(config, before)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM turns")).scalar_one() == 2
    engine.dispose()


def test_0007_gives_stored_crm_settings_the_english_summaries_they_had(blank_url: str) -> None:
    engine = db.make_engine(blank_url)
    config = migrate.alembic_config(engine)
    migrate.upgrade(engine, "0006")
    row = (
        "INSERT INTO crm_settings (tenant_id, site_id, vendor, settings, credentials, user_map, "
        "steps, enabled, updated_by, updated_at{extra}) VALUES ('acme', '{site}', 'hubspot', "
        "'{{}}', '', '{{}}', 'greeted', true, 'admin', '2026-11-29 10:00:00'{value})"
    )
    with engine.begin() as connection:
        connection.execute(text(row.format(extra="", site="site-a", value="")))
    migrate.upgrade(engine, "0007")
    with engine.begin() as connection:
        connection.execute(text(row.format(extra=", language", site="site-b", value=", 'es'")))
        rows = connection.execute(text("SELECT site_id, language FROM crm_settings ORDER BY 1"))
        assert [tuple(r) for r in rows] == [("site-a", "en"), ("site-b", "es")]
    command.downgrade(config, "0006")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM crm_settings")).scalar_one() == 2
    engine.dispose()


def test_0010_puts_existing_sites_in_utc(blank_url: str) -> None:
    engine = db.make_engine(blank_url)
    config = migrate.alembic_config(engine)
    migrate.upgrade(engine, "0009")
    at = {"at": datetime(2026, 11, 1, tzinfo=UTC)}
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'A', :at)"), at
        )
        connection.execute(
            text("INSERT INTO sites (tenant_id, id, name) VALUES ('acme', 'a', 'A')")
        )
    migrate.upgrade(engine, "0010")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT timezone FROM sites")).scalar_one() == "UTC"
    command.downgrade(config, "0009")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sites")).scalar_one() == 1
    engine.dispose()
