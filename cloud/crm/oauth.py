"""An OAuth 2.0 access-token cache for the connectors that fetch tokens (Salesforce, Dynamics).

The vendor-specific part (which grant, which endpoint, what the answer means) is a `fetch`
coroutine; the cache keeps the token, refreshes it `margin_s` before it expires, lets one
caller fetch while the others wait, and drops it when the vendor says it is no longer valid
(a 401), so the next `get` fetches a new one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from pydantic import BaseModel, ConfigDict, Field


class Token(BaseModel):
    """An access token and what came with it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    access_token: str = Field(repr=False)
    expires_at: float = Field(description="On the cache's clock (seconds).")
    instance_url: str | None = Field(
        default=None, description="Salesforce: the org's URL every API call must go to."
    )


#: Fetch a new token; gets the cache's clock reading so it can compute `expires_at`.
Fetch = Callable[[float], Awaitable[Token]]


class TokenCache:
    """One token at a time, refreshed before it expires and once after a 401."""

    def __init__(
        self, fetch: Fetch, *, margin_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._fetch = fetch
        self._margin_s = margin_s
        self._clock = clock
        self._token: Token | None = None
        self._lock = asyncio.Lock()
        #: How many tokens were fetched (tests and the benchmark count them).
        self.fetches = 0

    def _fresh(self, token: Token | None) -> bool:
        return token is not None and self._clock() < token.expires_at - self._margin_s

    async def get(self) -> Token:
        """The cached token, or a new one if there is none or it expires within the margin."""
        if self._fresh(self._token) and self._token is not None:
            return self._token
        async with self._lock:
            if not self._fresh(self._token) or self._token is None:
                self._token = await self._fetch(self._clock())
                self.fetches += 1
            return self._token

    def invalidate(self, token: Token) -> None:
        """Forget `token` (the vendor refused it); a newer token fetched meanwhile is kept."""
        if self._token is token:
            self._token = None

    @property
    def cached(self) -> Token | None:
        """The token held now (None before the first fetch or after `invalidate`)."""
        return self._token
