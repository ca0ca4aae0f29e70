"""Ingest on its own (`showfloor-cloud ingest --worker N`), and systemd's notify protocol.

Several workers share one subscription (`$share/ingest/...`), so the broker splits the hubs'
events between them; each worker has its own client id, hence its own persistent session.
Under systemd (`Type=notify`) a worker and `serve` say READY once running and keep the
watchdog fed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from sqlalchemy.orm import Session, sessionmaker

from cloud.errors import BrokerError, ConfigError
from cloud.ingest.consumer import IngestConsumer
from cloud.ingest.writer import BatchWriter
from cloud.mqtt import URL_SHAPE
from cloud.push.alerts import build_notifier
from cloud.settings import CloudSettings
from cloud.store import db, migrate

# Stdlib only: importing it pulls none of the hub's audio or model libraries.
from edge.daemon.systemd import Notifier, watchdog_interval

_LOGGER = logging.getLogger(__name__)


def build_consumer(
    settings: CloudSettings,
    sessions: sessionmaker[Session],
    client_id: str | None = None,
    *,
    subscribe: bool = True,
) -> IngestConsumer:
    """The MQTT consumer of `settings` (which must name a broker); `subscribe`: see there."""
    broker = settings.broker
    if broker is None:
        raise ConfigError(f"ingest needs a broker: mqtt.host or mqtt_url ({URL_SHAPE})")
    return IngestConsumer(
        broker,
        BatchWriter(sessions),
        client_id=client_id or settings.mqtt_client_id,
        batch_size=settings.ingest_batch_size,
        batch_wait_s=settings.ingest_batch_wait_s,
        retry_s=settings.ingest_retry_s,
        session_expiry_s=settings.mqtt_session_expiry_s,
        subscribe=subscribe,
    )


async def systemd_watchdog(ready: IngestConsumer | None = None) -> None:
    """READY=1 (once `ready` has subscribed), then WATCHDOG=1 at half the unit's WatchdogSec."""
    notifier = Notifier()
    # A bounded wait in the thread: cancelling (SIGTERM) never leaves a thread blocked.
    while ready is not None and not await asyncio.to_thread(ready.subscribed.wait, 0.5):
        pass
    notifier.notify(READY=1)
    interval = watchdog_interval()
    if interval is None:
        return
    while True:
        notifier.notify(WATCHDOG=1)
        await asyncio.sleep(interval)


async def run_worker(settings: CloudSettings, worker: int) -> None:
    """Consume until SIGTERM or SIGINT.

    Raises:
        BrokerError: the broker refused the subscription (the process exits non-zero).
    """
    engine = db.make_engine(settings.resolved_database_url)
    await asyncio.to_thread(db.check, engine)
    await asyncio.to_thread(migrate.require_current, engine)
    consumer = build_consumer(
        settings, db.session_factory(engine), f"{settings.mqtt_client_id}-{worker}"
    )
    pusher = None
    if settings.push_enabled:
        pusher = build_notifier(settings, db.session_factory(engine))
        consumer.listeners.append(pusher.on_batch)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with asyncio.TaskGroup() as group:
            task = group.create_task(consumer.run(), name="ingest")
            watchdog = group.create_task(systemd_watchdog(consumer), name="watchdog")
            await stop.wait()
            Notifier().notify(STOPPING=1)
            for running in (task, watchdog):
                running.cancel()
    except* BrokerError as refused:  # the one line `showfloor-cloud` prints, not a group
        raise refused.exceptions[0] from None
    finally:
        if pusher is not None:
            await pusher.aclose()
        with contextlib.suppress(Exception):
            engine.dispose()
