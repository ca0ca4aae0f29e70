"""Live floor over server-sent events: a change signal from ingest, snapshots per stream.

Ingest in this process calls `Changes.touch` after each committed batch; every open stream
wakes, renders its own user's floor (tenant and site scoped as the page), and sends it only if
it differs from what that browser has. Ingest in other processes (`showfloor-cloud ingest`)
is seen by the periodic check every `live_check_s`. An event's id is the digest of its
content: a browser that reconnects with `Last-Event-ID` is sent nothing until something
changes. A stream ends after `live_stream_s` (the browser reconnects, its session checked
again) or at once when the user's session ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

#: What the browser waits before reconnecting after a stream ends or drops (ms).
RETRY_MS = 3000
#: Fewest seconds between two renders of one stream: under heavy ingest (a batch every
#: ~50 ms) a stream renders at most twice a second, not once per batch.
MIN_GAP_S = 0.5


class Changes:
    """A counter ingest bumps after each commit; streams wait for it to move."""

    def __init__(self) -> None:
        """No change yet."""
        self.version = 0
        self._moved: asyncio.Event | None = None

    def touch(self, *_: object) -> None:
        """Something was stored (call on the event loop)."""
        self.version += 1
        if self._moved is not None:
            self._moved.set()
            self._moved = None

    async def wait(self, seen: int, timeout_s: float) -> int:
        """The version once it is past `seen`, or after `timeout_s` whatever it is."""
        if self.version == seen:
            if self._moved is None:
                self._moved = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._moved.wait(), timeout_s)
        return self.version


@dataclass(frozen=True)
class Snapshot:
    """One event of the stream: its name and data (text; several lines allowed)."""

    event: str
    data: str

    @property
    def id(self) -> str:
        """The content's digest (what `Last-Event-ID` sends back)."""
        return hashlib.sha256(f"{self.event}\n{self.data}".encode()).hexdigest()[:24]

    def frame(self) -> str:
        """The event as an SSE frame."""
        lines = "".join(f"data: {line}\n" for line in self.data.splitlines() or [""])
        return f"id: {self.id}\nevent: {self.event}\n{lines}\n"


async def stream(
    snapshot: Callable[[], Snapshot | None],
    changes: Changes,
    *,
    last_id: str | None,
    check_s: float,
    lifetime_s: float,
    clock: Callable[[], float],
) -> AsyncIterator[str]:
    """SSE frames: `snapshot()` (in a thread) whenever it may have changed, sent if new.

    `snapshot` returns None when the user may no longer see the floor: the stream ends.
    """
    yield f"retry: {RETRY_MS}\n\n"
    sent, seen = last_id, -1
    end = clock() + lifetime_s
    rendered = float("-inf")
    while clock() < end:
        gap = rendered + MIN_GAP_S - clock()
        if gap > 0:
            await asyncio.sleep(gap)
        seen = changes.version
        rendered = clock()
        found = await asyncio.to_thread(snapshot)
        if found is None:
            return
        if found.id != sent:
            sent = found.id
            yield found.frame()
        else:
            yield ": still here\n\n"  # a comment: proxies keep the stream open
        await changes.wait(seen, min(check_s, max(0.0, end - clock())))
