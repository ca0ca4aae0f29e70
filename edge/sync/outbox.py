"""The durable outbox as the daemon's `EventSink`: every event committed before it is published.

```python
async with await Outbox.open(settings.sync.outbox, settings.sync.address) as outbox:
    event = await outbox.emit(turn)          # on disk (fsync'd) when this returns
    rows = await outbox.pending(500)         # oldest first: in order per conversation
    await outbox.mark_sent([row.id for row in rows])       # on the broker's PUBACK
    await outbox.mark_received([row.id for row in rows])   # on the cloud's receipt: delivered
    await outbox.requeue(older_than_s=120)   # sent, no receipt since: send again
```

SQLite is blocking, so every call runs on one dedicated thread (the only one that touches the
connection). A full disk never raises out of `emit`: the event is counted as dropped,
`disk_full` turns true (reported in the hub's status) and an error is logged once; the next
successful commit clears it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import TypeVar

from contract.events import Envelope, envelope
from contract.ids import HubAddress
from contract.payloads import Payload
from contract.topics import Topics
from edge.sync.errors import OutboxFullError
from edge.sync.settings import OutboxSettings
from edge.sync.store import Counters, OutboxStore, Row

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


class Outbox:
    """Async access to the outbox; an `edge.events.EventSink`."""

    def __init__(self, store: OutboxStore, executor: ThreadPoolExecutor) -> None:
        """Use `Outbox.open`."""
        self.hub = store.topics.hub
        self.topics = store.topics
        self._store = store
        self._executor = executor
        self.disk_full = False
        #: Set whenever new events are committed; the publisher clears it and waits on it.
        self.added = asyncio.Event()

    @classmethod
    async def open(cls, settings: OutboxSettings, hub: HubAddress) -> Outbox:
        """Open (create, migrate) the outbox file; raises `OutboxError` saying why not."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")
        try:
            store = await asyncio.get_running_loop().run_in_executor(
                executor,
                lambda: OutboxStore(
                    settings.path,
                    Topics(hub),
                    max_bytes=settings.max_bytes,
                    keep_sent_s=settings.keep_sent_s,
                ),
            )
        except BaseException:
            executor.shutdown(wait=True)
            raise
        return cls(store, executor)

    async def emit(self, data: Payload) -> Envelope:
        """Wrap `data` in its envelope and commit it; the envelope is returned either way."""
        (event,) = await self.emit_many([data])
        return event

    async def emit_many(self, data: Sequence[Payload]) -> list[Envelope]:
        """Wrap several payloads and commit them in one transaction."""
        events = [envelope(self.hub, item) for item in data]
        await self.add(events)
        return events

    async def add(self, events: Sequence[Envelope]) -> int:
        """Commit ready-made envelopes (an id already there is skipped); return how many new."""
        try:
            added = await self._call(lambda: self._store.add(events))
        except OutboxFullError as err:
            if not self.disk_full:
                _LOGGER.error("%s; events are being dropped until there is room", err)
            self.disk_full = True
            return 0
        if self.disk_full:
            _LOGGER.warning("outbox %s has room again", self._store.path)
        self.disk_full = False
        if added:
            self.added.set()
        return added

    async def pending(self, limit: int, after_seq: int = 0) -> list[Row]:
        """Up to `limit` unsent events after `after_seq`, oldest first."""
        return await self._call(lambda: self._store.pending(limit, after_seq))

    async def mark_sent(self, ids: Sequence[str]) -> int:
        """Record the broker's acknowledgements (PUBACKs); return how many rows changed."""
        return await self._call(lambda: self._store.mark_sent(ids)) if ids else 0

    async def mark_received(self, ids: Sequence[str]) -> int:
        """Record the cloud's receipts: these events are delivered; return how many."""
        return await self._call(lambda: self._store.mark_received(ids)) if ids else 0

    async def requeue(self, older_than_s: float) -> int:
        """Send again what the broker acknowledged but the cloud has not receipted in time."""
        return await self._call(lambda: self._store.requeue(older_than_s))

    async def forget(self, subject: str) -> int:
        """Remove every event of a conversation or visit, sent or not; return how many."""
        removed = await self._call(lambda: self._store.forget(subject))
        _LOGGER.info("outbox: forgot %d events of %s", removed, subject)
        return removed

    async def prune(self) -> int:
        """Remove received events past their keeping time (housekeeping)."""
        return await self._call(self._store.prune)

    async def counters(self) -> Counters:
        """Depth, bytes and drops."""
        return await self._call(self._store.counters)

    async def depth(self) -> int:
        """Events the cloud has not received yet."""
        return (await self.counters()).depth

    async def dropped(self) -> int:
        """Events dropped over the budget (or for a full disk) since the file was created."""
        return (await self.counters()).dropped

    async def close(self) -> None:
        """Close the file and stop the outbox thread."""
        await self._call(self._store.close)
        self._executor.shutdown(wait=True)

    async def __aenter__(self) -> Outbox:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _call(self, function: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function)
