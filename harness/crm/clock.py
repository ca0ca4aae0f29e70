"""A clock the CRM fakes share: real time, sped up for a benchmark or moved on by a test."""

from __future__ import annotations

import threading
import time


class FakeClock:
    """Seconds since the fake started, `speed` times faster than real time, plus any `advance`."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be > 0")
        self.speed = speed
        self._start = time.monotonic()
        self._offset = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        """Now, in fake seconds."""
        with self._lock:
            return (time.monotonic() - self._start) * self.speed + self._offset

    def advance(self, seconds: float) -> None:
        """Jump forward (token expiry, a rate window's end) without waiting."""
        with self._lock:
            self._offset += seconds
