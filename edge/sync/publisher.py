"""Drains the outbox to the broker: QoS 1, in order; delivered only on the cloud's receipt.

```python
publisher = Publisher(settings.sync, outbox, status=hub_status, handler=run_command)
task = tg.create_task(publisher.run(), name="publisher")   # until cancelled
publisher.health()                                          # HubPart for the status event
```

`run()` connects (and keeps reconnecting with backoff and jitter), publishes the retained
status, subscribes to the hub's commands and hands the outbox to paho in insertion order,
at most `sync.inflight` messages unacknowledged at once, reading `sync.batch` rows per query.
PUBACKs mark events sent, the cloud's receipts (`.../cmd/receipt`) mark them received; both
are written back to the outbox in batches. A PUBACK only says the broker has the message, and
a broker that is killed or loses its disk loses what it held: every `receipt_timeout_s / 4`
the events sent longer than `receipt_timeout_s` ago without a receipt are sent again.
When `run()` is cancelled it waits briefly for outstanding PUBACKs, publishes the retained
`offline` status and disconnects cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from pydantic import ValidationError

from contract.events import HubStatusEvent, ReceiptCommand, envelope, parse_command
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
#: Bounds of how often unreceipted events are looked for.
REQUEUE_EVERY_S = (0.2, 30.0)


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
        self._receipted: list[str] = []
        #: Events the cloud receipted, and events sent again for want of a receipt.
        self.received_count = 0
        self.resent = 0
        low, high = REQUEUE_EVERY_S
        self._requeue_every_s = min(high, max(low, settings.receipt_timeout_s / 4))
        self._requeue_at = time.monotonic() + self._requeue_every_s
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

    @property
    def in_flight(self) -> int:
        """Events published and not yet acknowledged by the broker."""
        return len(self._inflight)

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
        """Connected: subscribe, re-read the outbox from the start, publish the status.

        Without a session the broker has lost (or expired) what it held for us; what it had
        acknowledged comes back after `receipt_timeout_s`, unless the cloud receipts it.
        """
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
        """A command message; a receipt is taken in here, never acknowledged."""
        if topic != self.topics.receipts:
            self._commands.put_nowait((topic, payload))
            return
        try:
            receipt = parse_command(payload)
        except ValidationError as err:
            _LOGGER.warning("ignoring a malformed receipt: %s", err.errors()[0]["msg"])
            return
        if not isinstance(receipt, ReceiptCommand) or receipt.hub != self.topics.hub:
            _LOGGER.warning(
                "ignoring %s on the receipt topic, for %s", receipt.type, receipt.source
            )
            return
        self._receipted.extend(receipt.data.ids)
        self._wake.set()

    # The tasks.

    async def _drain(self) -> None:
        while True:
            await self._flush_acks()
            await self._requeue()
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
        """PUBACKs first, then receipts (a receipt may overtake the PUBACK of its event)."""
        ids, self._acked = self._acked, []
        try:
            await self.outbox.mark_sent(ids)
        except Exception:
            _LOGGER.exception("could not mark %d events sent; they will be sent again", len(ids))
        ids, self._receipted = self._receipted, []
        try:
            self.received_count += await self.outbox.mark_received(ids)
        except Exception:
            _LOGGER.exception("could not record %d receipts; the events will be sent again",
                              len(ids))  # fmt: skip

    async def _requeue(self) -> None:
        """Every so often: what has waited too long for its receipt goes out again."""
        if time.monotonic() < self._requeue_at:
            return
        self._requeue_at = time.monotonic() + self._requeue_every_s
        try:
            again = await self.outbox.requeue(self.settings.receipt_timeout_s)
        except Exception:
            _LOGGER.exception("could not look for events without a receipt; trying later")
            return
        if again:
            _LOGGER.warning(
                "%d events got no receipt from the cloud within %.0f s; sending them again",
                again,
                self.settings.receipt_timeout_s,
            )
            self.resent += again
            self._cursor = 0

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
