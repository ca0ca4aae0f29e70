"""The Dynamics 365 connector: Dataverse Web API upserts by alternate key, within the limits.

Service protection allows 6,000 requests per 5 minutes per application user: the connector
counts its own requests in a sliding window and waits (up to `max_wait_s`, else answers Retry
with the time left) before one that would not fit; a 429 names its `Retry-After`, which is
honoured the same way. Tokens come from Entra ID and are refreshed before `expires_in` runs out
and once more on a 401. 5xx, timeouts and dropped connections are retried with exponential
backoff and jitter inside the push, then handed back as Retry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

import httpx
from pydantic import ValidationError

from cloud.crm.api_client import ApiClient
from cloud.crm.backoff import SlidingWindow, TransientError
from cloud.crm.connector import CrmError
from cloud.crm.model import Check, Failed, JobResult, Match, PreviewRequest, Retry, Sent, SyncJob
from cloud.crm.oauth import Token
from cloud.crm.vendors.dynamics.auth import fetch_token
from cloud.crm.vendors.dynamics.check import run_check
from cloud.crm.vendors.dynamics.plan import Request, plan
from cloud.crm.vendors.dynamics.settings import Settings
from cloud.crm.vendors.dynamics.wire import ErrorBody, Rows

_LOGGER = logging.getLogger(__name__)
ODATA_HEADERS = {
    "OData-MaxVersion": "4.0",
    "OData-Version": "4.0",
    "Accept": "application/json",
    "Content-Type": "application/json; charset=utf-8",
}
_COLUMNS = "firstname,lastname,emailaddress1,telephone1"


class Connector(ApiClient):
    """Dynamics 365 for one environment (`cloud.crm.connector.Connector`)."""

    vendor = "dynamics"
    vendor_name = "Dataverse"
    max_batch = 100

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`clock` and `sleep` are for a benchmark that runs a fake's time faster."""
        super().__init__(
            lambda client, now: fetch_token(client, settings, now),
            settings,
            transport=transport,
            clock=clock,
            sleep=sleep,
        )
        self.settings = settings
        self.window = SlidingWindow(settings.window_requests, settings.window_s, clock)

    def _url(self, token: Token, path: str) -> str:
        return f"{self.settings.api_url}{path}"

    def _headers(self, token: Token) -> dict[str, str]:
        return {**ODATA_HEADERS, "Authorization": f"Bearer {token.access_token}"}

    async def _before(self) -> None:
        """Wait until one more request fits the window and any Retry-After; count it."""
        while True:
            wait = max(self.window.wait_s(1), self.pause_left())
            if wait <= 0:
                self.window.record()
                return
            if wait > self.settings.max_wait_s:
                raise TransientError("Dataverse service protection window is full", wait)
            await self._sleep(wait)

    def _verdict(self, response: httpx.Response, attempt: int) -> str | None:
        """429: honour Retry-After (wait here, or hand back when longer than max_wait_s)."""
        if response.status_code == 429:
            after = _retry_after(response) or self.settings.backoff.delay(attempt)
            self.pause(after)
            reason = f"429 {_error(response)}"
            _LOGGER.info("Dataverse throttled: %s; Retry-After %.1f s", reason, after)
            if after > self.settings.max_wait_s:
                raise TransientError(reason, after)
            return reason
        if response.status_code >= 500:
            return f"Dataverse answered {response.status_code} {_error(response)}"
        return None

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """Send `jobs`, one request per record; one result per job, in order.

        One person's requests go in order (lead before activity); different people's go
        `concurrency` at a time. After a transient failure nothing more is sent: the jobs
        not yet sent answer Retry.
        """
        todo = plan(self.settings, list(jobs))
        outcomes: dict[int, list[JobResult]] = {}
        halted: list[Retry] = []
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def chain(requests: list[Request]) -> None:
            for request in requests:
                result: JobResult
                if halted:
                    result = halted[0]
                else:
                    try:
                        async with gate:
                            response = await self.call(
                                request.method, request.path, request.headers, json=request.dump()
                            )
                        result = _result(request, response)
                    except TransientError as err:
                        halted.append(Retry(reason=err.reason, after_s=err.after_s))
                        result = halted[0]
                for index in request.jobs:
                    outcomes.setdefault(index, []).append(result)

        chains: dict[str, list[Request]] = {}
        for request in todo.requests:
            chains.setdefault(request.person, []).append(request)
        try:
            async with asyncio.TaskGroup() as group:
                for requests in chains.values():
                    group.create_task(chain(requests))
        except* CrmError as refused:  # e.g. credentials refused: the other chains are cancelled
            raise refused.exceptions[0] from None
        return [
            todo.done[index] if index in todo.done else _combine(outcomes[index])
            for index in range(len(jobs))
        ]

    async def search(self, query: str) -> list[Match]:
        """Leads and contacts whose e-mail or phone equals `query`."""
        text = query.strip().replace("'", "''")
        if not text:
            return []
        found: list[Match] = []
        for entity_set, key in (("leads", "leadid"), ("contacts", "contactid")):
            params = {
                "$select": f"{key},{_COLUMNS}",
                "$filter": f"emailaddress1 eq '{text}' or telephone1 eq '{text}'",
                "$top": "20",
            }
            try:
                response = await self.call("GET", f"/{entity_set}", params=params)
                response.raise_for_status()
                rows = Rows.model_validate_json(response.content).value
            except TransientError as err:
                raise CrmError(f"Dynamics search unavailable: {err.reason}") from err
            except (httpx.HTTPStatusError, ValidationError) as err:
                raise CrmError(f"Dynamics search failed: {response.text[:300]}") from err
            found += [
                Match(
                    remote_id=f"{entity_set}({getattr(row, key)})",
                    first_name=row.firstname or "",
                    last_name=row.lastname or "",
                    email=row.emailaddress1,
                    phone=row.telephone1,
                )
                for row in rows
            ]
        return found

    async def check(self) -> Check:
        """Token flow, the application user, and both alternate keys."""
        return await run_check(self)

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """The requests `push(jobs)` would send, in order."""
        return [
            PreviewRequest(
                method=request.method,
                url=f"{self.settings.api_url}{request.path}",
                body=request.dump(),
            )
            for request in plan(self.settings, list(jobs)).requests
        ]


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers["Retry-After"]))
    except (KeyError, ValueError):
        return None


def _error(response: httpx.Response) -> str:
    try:
        error = ErrorBody.model_validate_json(response.content).error
    except ValidationError:
        return response.text[:200]
    return f"{error.code}: {error.message}"


def _result(request: Request, response: httpx.Response) -> JobResult:
    """Sent (the record as `leads(<guid>)`), or Failed with Dataverse's code and message."""
    if request.method == "DELETE" and response.status_code in {204, 404}:
        return Sent(detail="deleted" if response.status_code == 204 else "already gone")
    if response.status_code >= 300:
        return Failed(reason=_error(response))
    key = {
        "leads": "leadid",
        "contacts": "contactid",
        "phonecalls": "activityid",
        "tasks": "activityid",
    }
    record_id: object = None
    if response.content:
        try:
            record_id = response.json().get(key.get(request.entity_set, ""))
        except (ValueError, AttributeError):
            record_id = None
    if record_id is None:
        entity = response.headers.get("OData-EntityId", "")
        return Sent(remote_id=entity.rsplit("/", 1)[-1] or None)
    return Sent(remote_id=f"{request.entity_set}({record_id})")


def _combine(results: list[JobResult]) -> JobResult:
    """A job's result from its requests' (a forget has several)."""
    for result in results:
        if not isinstance(result, Sent):
            return result
    if len(results) > 1:
        return Sent(detail=f"deleted or found gone: {len(results)} record(s)")
    return results[0]
