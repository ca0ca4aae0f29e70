"""A part's reconnect loop: run it, and when it fails, say why, back off with jitter, retry.

A failed part degrades the hub; it never ends the `TaskGroup` the daemon runs under. Only
cancellation (shutdown) ends the loop, and an `EdgeError` a person must fix (a bad playbook,
a missing model) is retried slowly rather than in a tight crash loop.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from edge.daemon.health import Health
from edge.errors import EdgeError

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter, reset after a part ran well for `healthy_s`."""

    first_s: float = 1.0
    max_s: float = 60.0
    healthy_s: float = 60.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        ceiling = min(self.max_s, self.first_s * 2 ** (attempt - 1))
        return rng.uniform(ceiling / 2, ceiling)


async def supervise(
    name: str,
    part: Callable[[], Awaitable[None]],
    health: Health,
    backoff: Backoff = Backoff(),
    rng: random.Random | None = None,
    stopping: asyncio.Event | None = None,
) -> None:
    """Run `part()` until cancelled, or until it returns once `stopping` is set.

    A part returning while the hub is not stopping counts as a failure (a source ended).
    """
    rng = rng or random.Random()
    loop = asyncio.get_running_loop()
    attempt = 0
    while True:
        started = loop.time()
        try:
            await part()
            if stopping is not None and stopping.is_set():
                return
            reason = "stopped unexpectedly"
        except asyncio.CancelledError:
            raise
        except EdgeError as err:
            reason = str(err)
        except Exception as err:
            _LOGGER.exception("%s failed", name)
            reason = f"{type(err).__name__}: {err}"
        attempt = 1 if loop.time() - started >= backoff.healthy_s else attempt + 1
        delay = backoff.delay(attempt, rng)
        health.degraded(name, f"{reason} (retrying in {delay:.0f} s)")
        await asyncio.sleep(delay)
