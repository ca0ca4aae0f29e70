"""One authenticated API call with retries, shared by the OAuth connectors (Salesforce, Dynamics).

`ApiClient.call` takes a token from the cache, sends, refreshes the token once on a 401,
retries transport errors and 5xx with exponential backoff and full jitter (`Backoff`), and
asks the vendor's subclass about everything else: `_before` (wait for or refuse a limit),
`_url` and `_headers` (where and how), and `_verdict` (return the answer, back off, or raise
a `TransientError` for a rate limit). It raises `TransientError` when the tries run out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import httpx

from cloud.crm.backoff import Backoff, TransientError
from cloud.crm.connector import CrmAuthError
from cloud.crm.oauth import Token, TokenCache

_LOGGER = logging.getLogger(__name__)

#: Fetch a token with this client at this clock reading.
FetchWith = Callable[[httpx.AsyncClient, float], Awaitable[Token]]


class ClientSettings(Protocol):
    """What `ApiClient` reads from a vendor's settings."""

    @property
    def timeout_s(self) -> float: ...  # noqa: D102
    @property
    def refresh_margin_s(self) -> float: ...  # noqa: D102
    @property
    def backoff(self) -> Backoff: ...  # noqa: D102


class ApiClient:
    """An `httpx.AsyncClient`, its token cache, the clock and sleep limits are measured with."""

    vendor_name = "the vendor"

    def __init__(
        self,
        fetch: FetchWith,
        settings: ClientSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._client = httpx.AsyncClient(transport=transport, timeout=settings.timeout_s)
        self.tokens = TokenCache(
            lambda now: fetch(self._client, now), margin_s=settings.refresh_margin_s, clock=clock
        )
        self._backoff = settings.backoff
        self._clock = clock
        self._sleep = sleep
        self._paused_until = 0.0

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._client.aclose()

    def pause_left(self) -> float:
        """Seconds until the vendor's limit lets us send again (0 if it does now)."""
        return max(0.0, self._paused_until - self._clock())

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (a rate limit's answer)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def _before(self) -> None:
        """Wait for, or refuse with `TransientError`, a request the limits do not allow yet."""
        if self.pause_left() > 0:
            raise TransientError(f"{self.vendor_name} rate limit", self.pause_left())

    def _url(self, token: Token, path: str) -> str:
        raise NotImplementedError

    def _headers(self, token: Token) -> dict[str, str]:
        return {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}

    def _verdict(self, response: httpx.Response, attempt: int) -> str | None:
        """None: return `response`; a reason: back off and try again. May raise."""
        if response.status_code >= 500:
            return f"{self.vendor_name} answered {response.status_code}"
        return None

    async def call(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """One API call: token, limits, one refresh on 401, backoff on 5xx and timeouts."""
        refreshed = False
        attempt = 0
        while True:
            await self._before()
            token = await self.tokens.get()
            try:
                response = await self._client.request(
                    method,
                    self._url(token, path),
                    headers={**self._headers(token), **(headers or {})},
                    **kwargs,
                )
            except httpx.TransportError as err:
                reason = f"{type(err).__name__} calling {self.vendor_name}"
            else:
                if response.status_code == 401 and not refreshed:
                    self.tokens.invalidate(token)
                    refreshed = True
                    continue
                if response.status_code == 401:
                    raise CrmAuthError(
                        f"{self.vendor_name} refused a fresh token: {response.text[:200]}"
                    )
                verdict = self._verdict(response, attempt)
                if verdict is None:
                    return response
                reason = verdict
            attempt += 1
            delay = self._backoff.delay(attempt)
            if attempt >= self._backoff.attempts:
                raise TransientError(reason, max(delay, self.pause_left()))
            _LOGGER.info("%s; retry %d in %.2f s", reason, attempt, delay)
            await self._sleep(max(delay, self.pause_left()))
