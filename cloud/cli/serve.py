"""`showfloor-cloud serve` and `showfloor-cloud migrate`."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import Engine

from cloud.cli.common import add_database, settings_from
from cloud.mqtt import URL_SHAPE
from cloud.push import keys
from cloud.store import db, migrate


def add_parsers(commands: Any) -> None:
    """Register `serve` and `migrate`."""
    serve = commands.add_parser("serve", help="Run the web view, the JSON API and MQTT ingest.")
    serve.add_argument("--host", help="Listen address (setting host).")
    serve.add_argument("--port", type=int, help="Listen port (setting port).")
    serve.add_argument("--mqtt-url", help=f"{URL_SHAPE} (setting mqtt_url).")
    add_database(serve)
    serve.set_defaults(handler=run_serve)
    ingest = commands.add_parser(
        "ingest", help="Only MQTT ingest (scale out: several workers share one subscription)."
    )
    ingest.add_argument(
        "--worker", type=int, default=1, help="Worker number (part of its MQTT client id)."
    )
    ingest.add_argument("--mqtt-url", help=f"{URL_SHAPE} (setting mqtt_url).")
    add_database(ingest)
    ingest.set_defaults(handler=run_ingest)
    mig = commands.add_parser(
        "migrate",
        help="Create or upgrade the database schema (and make the Web Push key if there is none).",
    )
    add_database(mig)
    mig.set_defaults(handler=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    """Upgrade the database to the newest schema; make the VAPID key once (the install step)."""
    settings = settings_from(args)
    engine = db.make_engine(settings.resolved_database_url)
    try:
        db.check(engine)
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    if settings.push_enabled:
        keys.vapid(settings)
    return 0


def prepare_schema(engine: Engine) -> None:
    """SQLite (the embedded default) is migrated here; PostgreSQL must already be current.

    A fresh machine serves at once on SQLite; on PostgreSQL the schema moves only in the
    explicit `migrate` step (its own unit, after a backup), so `serve` on a missing or older
    schema stops with one line saying so (`StoreError`).
    """
    db.check(engine)
    if engine.url.get_backend_name() == "sqlite":
        migrate.upgrade(engine)
    else:
        migrate.require_current(engine)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted (uvicorn runs its own event loop)."""
    import uvicorn

    from cloud.web.app import create_app

    settings = settings_from(args)
    engine = db.make_engine(settings.resolved_database_url)
    try:
        prepare_schema(engine)
    finally:
        engine.dispose()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    """Consume the shared subscription until SIGTERM."""
    import asyncio

    from cloud.ingest.worker import run_worker

    asyncio.run(run_worker(settings_from(args), args.worker))
    return 0
