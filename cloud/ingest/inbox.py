"""Messages from paho's network thread to the event loop, in batches, waking the loop rarely.

Handing each message over with `call_soon_threadsafe` wrote to the loop's self-pipe and woke
it once per message: 9% of an ingest process's CPU under load. Here the network thread only
appends to a deque; the loop is woken when a batch it waits for is complete (or its first
message arrives), at most once per wait.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class Inbox(Generic[T]):
    """A deque filled from any thread and drained in batches by one asyncio task."""

    def __init__(self) -> None:
        """Empty; `bind` it to the loop that will drain it before messages arrive."""
        self._items: deque[T] = deque()
        self._lock = threading.Lock()
        self._want: int | None = None  # wake the loop once this many are in
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop whose task drains the inbox."""
        self._loop = loop

    def __len__(self) -> int:
        """How many wait."""
        return len(self._items)

    def put(self, item: T) -> None:
        """Add one (from any thread)."""
        with self._lock:
            self._items.append(item)
            wake = self._want is not None and len(self._items) >= self._want
            if wake:
                self._want = None
        if wake and self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def _until(self, count: int, timeout_s: float | None) -> None:
        """Return once `count` items wait, or after `timeout_s`."""
        with self._lock:
            if len(self._items) >= count:
                return
            self._want = count
            self._wake.clear()
        try:
            async with asyncio.timeout(timeout_s):
                await self._wake.wait()
        except TimeoutError:
            pass
        finally:
            with self._lock:
                self._want = None

    async def batch(self, size: int, wait_s: float) -> list[T]:
        """Up to `size` items: waits for the first, then up to `wait_s` for the rest."""
        while not self._items:
            await self._until(1, None)
        await self._until(size, wait_s)
        with self._lock:
            return [self._items.popleft() for _ in range(min(size, len(self._items)))]
