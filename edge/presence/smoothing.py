"""RSSI smoothing: a one-dimensional Kalman filter with a gate against multipath dropouts.

The state is the true RSSI at one hub from one beacon, modelled as a random walk (variance
grows by `process_noise` dB² per second); each reading has variance `measurement_noise` dB².
Multipath makes readings fall 10-20 dB below the truth now and then, so an innovation beyond
`gate` standard deviations is clipped to the gate (a Huber-style robust update) instead of
pulling the estimate down. With `median_of` n > 1, each reading is first replaced by the median
of the hub's last n readings (this one included; the window empties at `reset`), which drops a
lone outlier before it reaches the filter. A dozen lines of arithmetic: no library (filterpy and
pykalman, the usual choices, are matrix-general and unmaintained since 2018/2020) is worth the
dependency.
"""

from __future__ import annotations

import math
import statistics
from collections import deque


class RssiFilter:
    """Smoothed RSSI of one beacon at one hub; `update` per reading, `value` at any time."""

    def __init__(
        self,
        process_noise: float,
        measurement_noise: float,
        gate: float = 2.0,
        median_of: int = 1,
    ) -> None:
        self._q = process_noise
        self._r = measurement_noise
        self._gate = gate
        self._recent: deque[float] = deque(maxlen=max(1, median_of))
        self.estimate: float | None = None
        self.variance = 0.0
        self.updated_at = 0.0

    def update(self, rssi: float, now: float) -> float:
        """Fold in one reading taken at `now` (seconds); returns the new estimate."""
        if self._recent.maxlen != 1:
            self._recent.append(float(rssi))
            rssi = statistics.median(self._recent)
        if self.estimate is None:
            self.estimate, self.variance, self.updated_at = float(rssi), self._r, now
            return self.estimate
        prior = self.variance + self._q * max(0.0, now - self.updated_at)
        innovation = rssi - self.estimate
        spread = math.sqrt(prior + self._r)
        limit = self._gate * spread
        innovation = max(-limit, min(limit, innovation))
        gain = prior / (prior + self._r)
        self.estimate += gain * innovation
        self.variance = (1.0 - gain) * prior
        self.updated_at = now
        return self.estimate

    def assume(self, estimate: float, now: float) -> float:
        """Take `estimate`, already smoothed elsewhere (another hub's), as the state now."""
        self.estimate, self.updated_at = float(estimate), now
        self.variance = self._r if self.variance == 0.0 else self.variance
        return self.estimate

    def reset(self) -> None:
        """Forget the beacon (it left)."""
        self._recent.clear()
        self.estimate = None
        self.variance = 0.0
