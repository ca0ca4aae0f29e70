"""Drains the outbox to the broker: QoS 1, in order, marked sent only on PUBACK.

```python
publisher = Publisher(settings.sync, outbox, status=hub_status, handler=run_command)
task = tg.create_task(publisher.run(), name="publisher")   # until cancelled
publisher.health()                                          # HubPart for the status event
```

`run()` connects (and keeps reconnecting with backoff and jitter), publishes the retained
status, subscribes to the hub's commands and hands the outbox to paho in insertion order,
at most `sync.inflight` messages unacknowledged at once, reading `sync.batch` rows per query.
PUBACKs are written back to the outbox in batches. When `run()` is cancelled it waits briefly
for outstanding PUBACKs, publishes the retained `offline` status and disconnects cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from contract.events import HubStatusEvent, envelope
from contract.payloads import HubPart, HubStatus
from contract.topics import Topics
from edge import __version__
from edge.sync.commands import CommandHandler, handle, refuse
from edge.sync.errors import BrokerError
from edge.sync.link import Link
from edge.sync.outbox import Outbox
from edge.sync.settings import SyncSettings

_LOGGER = logging.getLogger(__name__)
#: How long shutdown waits for outstanding PUBACKs and the offline status.
SHUTDOWN_GRACE_S = 2.0


def _online() -> HubStatus:
    return HubStatus(state="online", version=__version__)


class Publisher:
    """The hub's MQTT side; a `LinkListener` for its own link."""

    def __init__(
        self,
        settings: SyncSettings,
        outbox: Outbox,
        *,
        status: Callable[[], HubStatus] = _online,
        handler: CommandHandler = refuse,
    ) -> None:
        """Publish `outbox` with `settings`; `status` gives the hub's state for `.../status`."""
        self.settings = settings
        self.outbox = outbox
        self.topics = Topics(settings.address)
        self._status = status
        self._handler = handler
        offline = envelope(self.topics.hub, HubStatus(state="offline", version=__version__))
        self.link = Link(settings, will=(self.topics.status, offline.model_dump_json().encode()))
        self.error: BrokerError | None = None
        self.published = 0
        self._inflight: dict[int, str] = {}
        self._inflight_ids: set[str] = set()
        self._acked: list[str] = []
        self._status_mids: dict[int, asyncio.Future[bool]] = {}
        self._cursor = 0
        self._status_due = False
        self._wake = asyncio.Event()
        self._commands: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()

    def health(self) -> HubPart:
        """How the publisher is doing, for the hub's status and `doctor`."""
        if self.link.connected:
            return HubPart(name="publisher", ok=True)
        detail = str(self.error) if self.error else f"not connected to {self.link.where}"
        return HubPart(name="publisher", ok=False, detail=detail)

    async def run(self) -> None:
        """Publish until cancelled; then flush, publish `offline` and disconnect."""
        self.link.start(self)
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self._drain(), name="publisher-drain")
                group.create_task(self._serve_commands(), name="publisher-commands")
        finally:
            await self._shutdown()

    async def publish_status(self) -> None:
        """Publish the retained status now (the daemon calls this when a part changes)."""
        self._status_due = True
        self._wake.set()

    # LinkListener: called on the event loop's thread.

    def link_up(self, session_present: bool) -> None:
        """Connected: subscribe, re-read the outbox from the start, publish the status."""
        _LOGGER.info("connected to %s (session present: %s)", self.link.where, session_present)
        self.error = None
        self.link.subscribe(self.topics.commands)
        self._cursor = 0
        self._status_due = True
        self._wake.set()

    def link_down(self, error: BrokerError | None) -> None:
        """Disconnected or could not connect: remember why (paho keeps what is in flight)."""
        if error is not None and str(error) != str(self.error):
            _LOGGER.error("%s", error)
        self.error = error or self.error
        self._wake.set()

    def acknowledged(self, mid: int, ok: bool, reason: str) -> None:
        """A PUBACK: the event is marked sent at the next flush (or retried if refused)."""
        future = self._status_mids.pop(mid, None)
        if future is not None:
            if not future.done():
                future.set_result(ok)
            return
        event_id = self._inflight.pop(mid, None)
        if event_id is None:
            return
        self._inflight_ids.discard(event_id)
        if ok:
            self._acked.append(event_id)
        else:
            _LOGGER.error(
                "the broker refused event %s (%s); it stays in the outbox", event_id, reason
            )
            self._cursor = 0
        self._wake.set()

    def received(self, topic: str, payload: bytes) -> None:
        """A command message."""
        self._commands.put_nowait((topic, payload))

    # The tasks.

    async def _drain(self) -> None:
        while True:
            await self._flush_acks()
            if self._status_due and self.link.connected:
                self._status_due = False
                await self._send_status(self._status())
            room = self.settings.inflight - len(self._inflight)
            if not self.link.connected or room <= 0:
                await self._nap()
                continue
            self.outbox.added.clear()
            rows = await self.outbox.pending(min(self.settings.batch, room), self._cursor)
            if not rows:
                await self._nap(self.outbox.added)
                continue
            for row in rows:
                if not self.link.connected:
                    break
                self._cursor = row.seq
                if row.id in self._inflight_ids:
                    continue
                retain = row.topic == self.topics.status
                mid = self.link.publish(row.topic, row.payload, retain=retain)
                self._inflight[mid] = row.id
                self._inflight_ids.add(row.id)
                self.published += 1

    async def _serve_commands(self) -> None:
        while True:
            topic, payload = await self._commands.get()
            result = await handle(self.topics.hub, topic, payload, self._handler)
            if result is not None:
                await self.outbox.emit(result)

    async def _flush_acks(self) -> None:
        if not self._acked:
            return
        ids, self._acked = self._acked, []
        try:
            await self.outbox.mark_sent(ids)
        except Exception:
            _LOGGER.exception("could not mark %d events sent; they will be sent again", len(ids))

    async def _send_status(self, status: HubStatus) -> asyncio.Future[bool]:
        counters = await self.outbox.counters()
        status = status.model_copy(
            update={
                "outbox_depth": counters.depth,
                "outbox_dropped": counters.dropped,
                "disk_full": self.outbox.disk_full or status.disk_full,
            }
        )
        event = envelope(self.topics.hub, status)
        if not isinstance(event, HubStatusEvent):
            raise TypeError("a HubStatus must wrap into a HubStatusEvent")
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        mid = self.link.publish(self.topics.status, event.model_dump_json(), retain=True)
        self._status_mids[mid] = future
        return future

    async def _nap(self, *events: asyncio.Event, timeout_s: float = 0.5) -> None:
        """Until an ack, a (dis)connect, one of `events`, or `timeout_s`."""
        waiters = [asyncio.ensure_future(event.wait()) for event in (self._wake, *events)]
        try:
            await asyncio.wait(waiters, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            self._wake.clear()

    async def _shutdown(self) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(SHUTDOWN_GRACE_S):
                while self._inflight and self.link.connected:
                    await self._nap(timeout_s=0.1)
        await self._flush_acks()
        if self.link.connected:
            offline = self._status().model_copy(update={"state": "offline"})
            future = await self._send_status(offline)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SHUTDOWN_GRACE_S):
                    await future
        await asyncio.to_thread(self.link.stop)
        _LOGGER.info(
            "publisher stopped; %d events still in flight stay in the outbox", len(self._inflight)
        )
