"""Run sync workers on the configured database (`crm work`, or inside `serve`)."""

from __future__ import annotations

import asyncio
import logging

from cloud.crm.connect import ConnectorFactory, VendorFactory
from cloud.crm.vault import Vault
from cloud.crm.worker import SyncWorker, WorkerOptions
from cloud.settings import CloudSettings
from cloud.store import db, migrate

_LOGGER = logging.getLogger(__name__)


async def run_worker(
    settings: CloudSettings, stop: asyncio.Event, factory: ConnectorFactory | None = None
) -> None:
    """Drain the outbox until `stop` is set (the real vendors unless `factory` is given)."""
    engine = db.make_engine(settings.resolved_database_url)
    try:
        await asyncio.to_thread(db.check, engine)
        await asyncio.to_thread(migrate.require_current, engine)
        worker = SyncWorker(
            db.session_factory(engine),
            factory or VendorFactory(Vault.of(settings)),
            WorkerOptions.of(settings),
        )
        _LOGGER.info("CRM sync worker started")
        await worker.run(stop)
    finally:
        engine.dispose()
