"""What the cloud benchmarks share: a throwaway PostgreSQL database and a tenant with a hub."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import Engine

from cloud.store import admin, db, migrate
from cloud.store.tenancy import Tenant
from contract.ids import HubAddress

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
HUB = HubAddress("bench", "main", "hub-1")


@contextmanager
def postgres(name: str | None = None, keep: bool = False) -> Iterator[Engine]:
    """A migrated database (new unless `name` exists); dropped afterwards unless `keep`."""
    name = name or f"showfloor_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    engine = db.make_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    try:
        migrate.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        if not keep:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def register(engine: Engine) -> str:
    """Tenant `bench` with one hub; returns the hub's MQTT password (idempotent-ish)."""
    with db.session_factory(engine).begin() as session:
        if session.get(Tenant, "bench") is not None:
            return ""
        admin.add_tenant(session, "bench", "Bench Motors")
        admin.add_site(session, "bench", "main", "Main")
        added = admin.add_hub(session, HUB, "", "mqtt://127.0.0.1")
        admin.add_user(session, "bench@bench.invalid", "bench-password", "bench", "manager")
        return added.password
