"""HubSpot's limits, obeyed before sending: the burst window, search's window, the daily cap.

`Limits.acquire` waits (up to `max_wait_s`) for a free slot in the window it knows; a longer
wait, or a daily limit reached, raises `Deferred` with how long until the request may go, so
the jobs come back as `Retry(after_s=...)` and nothing is sent that HubSpot would refuse.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cloud.crm.vendors.hubspot.settings import Settings


class Deferred(Exception):
    """Do not send now: try again in `after_s` seconds."""

    def __init__(self, reason: str, after_s: float) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after_s = max(0.0, after_s)


class Window:
    """At most `limit` requests in any `period_s` (a sliding log of send times)."""

    def __init__(self, limit: int, period_s: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        # 2 % margin: HubSpot counts a request when it arrives, we when we send it
        self.period_s = period_s * 1.02
        self._clock = clock
        self._sent: deque[float] = deque()
        self._closed_until = 0.0

    def delay(self) -> float:
        """Seconds until one more request fits (0: now)."""
        now = self._clock()
        while self._sent and self._sent[0] <= now - self.period_s:
            self._sent.popleft()
        wait = self._closed_until - now
        if len(self._sent) >= self.limit:
            wait = max(wait, self._sent[0] + self.period_s - now)
        return max(0.0, wait)

    def take(self) -> None:
        """Count one request sent now."""
        self._sent.append(self._clock())

    def close_for(self, seconds: float) -> None:
        """HubSpot said the window is used up (by us or another app of the portal)."""
        self._closed_until = max(self._closed_until, self._clock() + seconds)


def until_midnight(zone: str, now: datetime | None = None) -> float:
    """Seconds until the next midnight in `zone` (when HubSpot's daily limit resets)."""
    local = (now or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone))
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo)
    return (midnight.astimezone(UTC) - local.astimezone(UTC)).total_seconds()  # DST-proof


class Limits:
    """Every limit of one token, plus the backoff after transient failures."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self._settings = settings
        self._clock = clock
        self.general = Window(settings.requests_per_window, settings.window_s, clock)
        self.search = Window(settings.search_per_window, settings.search_window_s, clock)
        self._daily_until = 0.0
        self._failures = 0

    async def acquire(self, *, search: bool) -> None:
        """Wait for a slot in every window the request counts against, or raise `Deferred`."""
        windows = (self.general, self.search) if search else (self.general,)
        while True:
            daily = self._daily_until - self._clock()
            if daily > 0:
                raise Deferred("HubSpot daily limit reached; waiting for the reset", daily)
            wait = max(window.delay() for window in windows)
            if wait <= 0:
                for window in windows:
                    window.take()
                return
            if wait > self._settings.max_wait_s:
                raise Deferred("HubSpot rate window full", wait)
            await asyncio.sleep(wait)

    def daily_reached(self) -> float:
        """Stop sending until midnight in the portal's zone; the seconds until then."""
        after_s = until_midnight(self._settings.account_timezone)
        self._daily_until = self._clock() + after_s
        return after_s

    def observe(self, headers: Mapping[str, str]) -> None:
        """Read HubSpot's `X-HubSpot-RateLimit-*` headers of an answer."""
        if _int(headers.get("x-hubspot-ratelimit-daily-remaining")) == 0:
            self.daily_reached()
        if _int(headers.get("x-hubspot-ratelimit-remaining")) == 0 and self.general.delay() == 0:
            # the portal's window is used up but not by us alone: another app shares it
            interval_ms = _int(headers.get("x-hubspot-ratelimit-interval-milliseconds"))
            self.general.close_for((interval_ms or 0) / 1000 or self._settings.window_s)

    def backoff(self) -> float:
        """Delay before retrying after one more 5xx/timeout in a row (exponential, jittered)."""
        self._failures += 1
        base, cap = self._settings.backoff_base_s, self._settings.backoff_cap_s
        ceiling: float = min(cap, base * 2.0 ** min(self._failures - 1, 30))
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # jitter, not crypto

    def succeeded(self) -> None:
        """An answer came back: the backoff starts over."""
        self._failures = 0


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
