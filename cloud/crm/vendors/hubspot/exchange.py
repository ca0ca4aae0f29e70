"""One HTTP request to HubSpot and what its answer means (the only module that does I/O).

`Exchange.send` returns the JSON of a 2xx answer and raises for the rest:

- `Deferred` (limits.py): not sent because a known limit would refuse it, or a 429, 5xx,
  timeout or connection error: try again after `after_s`;
- `Rejected`: a permanent 4xx (validation, 404, 409) with HubSpot's message;
- `CrmAuthError`: 401 (token refused) or 403 (a scope missing, named).

`preview.py` implements the same protocol without sending, so preview == push by construction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import httpx
from pydantic import ValidationError

from cloud.crm.connector import CrmAuthError
from cloud.crm.vendors.hubspot.limits import Deferred, Limits
from cloud.crm.vendors.hubspot.wire import Body, ErrorReply

_LOGGER = logging.getLogger(__name__)

CONTACTS = "/crm/v3/objects/contacts"
CALLS = "/crm/v3/objects/calls"


@dataclass(frozen=True)
class Request:
    """One HTTP request: method, path under the base URL, typed body."""

    method: str
    path: str
    body: Body | None = None
    search: bool = False

    def json(self) -> object:
        """The body as sent (None: no body)."""
        return None if self.body is None else self.body.model_dump(mode="json", exclude_none=True)


class Rejected(Exception):
    """HubSpot refused the request for good (4xx other than 401/403/429)."""

    def __init__(self, status: int, error: ErrorReply) -> None:
        super().__init__(f"HubSpot {status} {error.category}: {error.message}".strip())
        self.status = status
        self.error = error


class Exchange(Protocol):
    """Sends a request; the JSON answer, or one of the exceptions above."""

    async def send(self, request: Request) -> object:
        """Send `request` (obeying the limits); the parsed JSON of the 2xx answer."""
        ...


class HttpExchange:
    """`Exchange` over an `httpx.AsyncClient` that carries the base URL and the token."""

    def __init__(self, client: httpx.AsyncClient, limits: Limits) -> None:
        self._client = client
        self._limits = limits

    async def send(self, request: Request) -> object:
        """See `Exchange.send`."""
        await self._limits.acquire(search=request.search)
        try:
            response = await self._client.request(request.method, request.path, json=request.json())
        except httpx.TimeoutException as err:
            raise Deferred(
                f"HubSpot timed out ({type(err).__name__})", self._limits.backoff()
            ) from err
        except httpx.TransportError as err:
            raise Deferred(f"HubSpot unreachable: {err}", self._limits.backoff()) from err
        self._limits.observe(response.headers)
        if not response.is_success:
            raise self._failure(request, response)
        self._limits.succeeded()
        try:
            return response.json() if response.content else None
        except ValueError as err:  # the write may have happened: retrying is idempotent
            raise Deferred("HubSpot answered without JSON", self._limits.backoff()) from err

    def _failure(self, request: Request, response: httpx.Response) -> Exception:
        status = response.status_code
        error = _error(response)
        _LOGGER.info("HubSpot %s %s: %s %s", request.method, request.path, status, error.message)
        if status == 429:
            if error.policyName == "DAILY":
                return Deferred(
                    f"HubSpot daily limit: {error.message}", self._limits.daily_reached()
                )
            window = self._limits.search if request.search else self._limits.general
            after_s = _retry_after(response) or window.period_s
            window.close_for(after_s)
            return Deferred(f"HubSpot rate limit ({error.policyName}): {error.message}", after_s)
        if status >= 500:
            return Deferred(f"HubSpot {status}: {error.message}", self._limits.backoff())
        if status == 401:
            return CrmAuthError(
                f"HubSpot refused the access token (401 {error.category}): check the private "
                "app's token"
            )
        if status == 403:
            scopes = _required_scopes(error)
            if scopes:
                return CrmAuthError(f"HubSpot token is missing scope {' or '.join(scopes)}")
            return CrmAuthError(f"HubSpot refused access (403 {error.category}): {error.message}")
        return Rejected(status, error)


def _error(response: httpx.Response) -> ErrorReply:
    try:
        return ErrorReply.model_validate_json(response.content)
    except ValidationError:
        return ErrorReply(message=response.text[:200])


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None


def _required_scopes(error: ErrorReply) -> list[str]:
    found: list[str] = []
    for item in error.errors:
        context = item.get("context")
        if isinstance(context, dict):
            scopes = context.get("requiredGranularScopes") or context.get("requiredScopes")
            if isinstance(scopes, list):
                found.extend(str(scope) for scope in scopes)
    return found
