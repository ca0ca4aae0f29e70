"""Failed-login limiter: a sliding one-minute window per (address, account), in memory."""

from __future__ import annotations

import time
from collections import defaultdict, deque


class LoginLimiter:
    """Allows `per_minute` failures per key, then refuses until the oldest is a minute old."""

    def __init__(self, per_minute: int) -> None:
        """Limit to `per_minute` failures."""
        self._per_minute = per_minute
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)

    def _window(self, key: str) -> deque[float]:
        window = self._failures[key]
        cutoff = time.monotonic() - 60.0
        while window and window[0] < cutoff:
            window.popleft()
        return window

    def retry_after(self, key: str) -> int:
        """Seconds to wait before trying `key` again; 0 when allowed now."""
        window = self._window(key)
        if len(window) < self._per_minute:
            return 0
        return max(1, int(window[0] + 60.0 - time.monotonic()) + 1)

    def failed(self, key: str) -> None:
        """Count a failure."""
        self._window(key).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        """Forget the failures of `key`."""
        self._failures.pop(key, None)
