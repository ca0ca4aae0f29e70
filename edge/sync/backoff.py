"""Exponential backoff with full jitter, so a showroom's hubs do not reconnect in lockstep."""

from __future__ import annotations

import random


class Backoff:
    """Delays that double from `minimum` up to `maximum`, each drawn uniformly below the cap.

    "Full jitter" (a delay uniform in [minimum, cap]) spreads reconnecting clients best after
    a broker restart.
    """

    def __init__(self, minimum: float, maximum: float, *, rng: random.Random | None = None) -> None:
        """Delays between `minimum` and `maximum` seconds."""
        if not 0 < minimum <= maximum:
            raise ValueError("backoff needs 0 < minimum <= maximum")
        self.minimum = minimum
        self.maximum = maximum
        self._rng = rng or random.Random()
        self._attempt = 0

    def next(self) -> float:
        """The delay before the next attempt."""
        cap = min(self.maximum, self.minimum * 2.0**self._attempt)
        self._attempt = min(self._attempt + 1, 64)
        return self._rng.uniform(self.minimum, cap)

    def longest(self) -> float:
        """The longest delay, for errors that retrying soon cannot fix."""
        self._attempt = 64
        return self._rng.uniform(self.maximum / 2, self.maximum)

    def reset(self) -> None:
        """After a success: start again from `minimum`."""
        self._attempt = 0
