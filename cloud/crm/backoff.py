"""Waiting politely: exponential backoff with full jitter, and a client-side sliding window.

Shared by the connectors that retry transient failures (5xx, timeouts, dropped connections)
inside one `push` before handing a `Retry` back to the worker, and that must not exceed a
vendor's request window (Dynamics: 6,000 requests per 5 minutes per user).
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, Field


class Backoff(BaseModel):
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base * 2**n))."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_s: float = Field(default=1.0, gt=0, description="The first retry waits up to this long.")
    cap_s: float = Field(default=60.0, gt=0, description="No single wait is longer than this.")
    attempts: int = Field(
        default=3, ge=1, description="Tries of one request inside a push, the first included."
    )

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before try `attempt + 1` (`attempt` counts from 0)."""
        ceiling = min(self.cap_s, self.base_s * 2**attempt)
        return (rng or random).uniform(0.0, ceiling)


class SlidingWindow:
    """At most `limit` requests in any `window_s` seconds, tracked on our side.

    `reserve(n)` says how long to wait before `n` more requests fit (0 when they fit now) and,
    when they fit, records them.
    """

    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or window_s <= 0:
            raise ValueError("a sliding window needs limit >= 1 and window_s > 0")
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._sent: deque[float] = deque()

    def _expire(self, now: float) -> None:
        while self._sent and self._sent[0] <= now - self.window_s:
            self._sent.popleft()

    def wait_s(self, n: int = 1) -> float:
        """Seconds until `n` more requests fit in the window (0 if they fit now)."""
        n = min(n, self.limit)
        now = self._clock()
        self._expire(now)
        excess = len(self._sent) + n - self.limit
        if excess <= 0:
            return 0.0
        return max(0.0, self._sent[excess - 1] + self.window_s - now)

    def record(self, n: int = 1) -> None:
        """Count `n` requests sent now."""
        now = self._clock()
        self._sent.extend([now] * n)

    def __len__(self) -> int:
        self._expire(self._clock())
        return len(self._sent)


class TransientError(Exception):
    """Inside a connector: this try failed in a way that may pass (never leaves `push`)."""

    def __init__(self, reason: str, after_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after_s = after_s
