"""The shared token cache: one fetch at a time, refresh before expiry, drop on 401."""

from __future__ import annotations

import asyncio

from cloud.crm.oauth import Token, TokenCache
from harness.crm.clock import FakeClock
from tests.aio import run


def test_tokens_are_cached_refreshed_before_expiry_and_dropped_when_refused() -> None:
    clock = FakeClock()
    fetched: list[float] = []

    async def fetch(now: float) -> Token:
        fetched.append(now)
        await asyncio.sleep(0.01)
        return Token(access_token=f"t{len(fetched)}", expires_at=now + 100)

    cache = TokenCache(fetch, margin_s=10, clock=clock)

    async def go() -> list[str]:
        seen = [t.access_token for t in await asyncio.gather(*[cache.get() for _ in range(5)])]
        clock.advance(80)
        seen.append((await cache.get()).access_token)  # 20 s left: still fresh
        clock.advance(11)
        refreshed = await cache.get()  # 9 s left: inside the margin
        seen.append(refreshed.access_token)
        cache.invalidate(Token(access_token="other", expires_at=0))  # not ours: kept
        seen.append((await cache.get()).access_token)
        cache.invalidate(refreshed)
        seen.append((await cache.get()).access_token)
        return seen

    assert run(go(), 10) == ["t1"] * 6 + ["t2", "t2", "t3"]
    assert cache.fetches == 3
