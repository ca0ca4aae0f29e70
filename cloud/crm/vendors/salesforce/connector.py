"""The Salesforce connector: Composite upserts by external id, within the org's API allocation.

Every request carries a token from the cache (refreshed `refresh_margin_s` before the session
timeout, and once more on 401 INVALID_SESSION_ID: `ApiClient`) and goes to the token's
`instance_url`.
Every answer's `Sforce-Limit-Info: api-usage=N/M` is read: at `api_usage_threshold` of M, or on
403 REQUEST_LIMIT_EXCEEDED (Salesforce's limit answer is 403, not 429), the connector stops
sending for `limit_wait_s` and answers Retry. 5xx, timeouts and dropped connections are retried
with exponential backoff and jitter inside the push, then handed back as Retry.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence

import httpx
from pydantic import ValidationError

from cloud.crm.api_client import ApiClient
from cloud.crm.backoff import TransientError
from cloud.crm.connector import CrmError
from cloud.crm.model import (
    Check,
    JobResult,
    Match,
    Person,
    PreviewRequest,
    Retry,
    Sent,
    SyncJob,
)
from cloud.crm.oauth import Token
from cloud.crm.vendors.salesforce import results
from cloud.crm.vendors.salesforce.auth import fetch_token
from cloud.crm.vendors.salesforce.check import run_check
from cloud.crm.vendors.salesforce.plan import Plan, plan
from cloud.crm.vendors.salesforce.settings import Settings
from cloud.crm.vendors.salesforce.wire import (
    CompositeRequest,
    CompositeResponse,
    SearchResponse,
    SubResponse,
    TaskFields,
)

_LOGGER = logging.getLogger(__name__)
_USAGE = re.compile(r"api-usage=(\d+)/(\d+)")
_FIELDS = "Id,FirstName,LastName,Email,Phone"
_RESERVED = re.compile(r"""[?&|!{}\[\]()^~*:\\"'+-]""")


class Connector(ApiClient):
    """Salesforce for one org (`cloud.crm.connector.Connector`)."""

    vendor = "salesforce"
    vendor_name = "Salesforce"
    #: 12 linked conversations (link, steps, activity): 24 subrequests, one Composite call.
    max_batch = 60

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
        #: The last `Sforce-Limit-Info` reading (used, allocation).
        self.api_usage: tuple[int, int] | None = None

    def _url(self, token: Token, path: str) -> str:
        return f"{token.instance_url}{path}"

    def _verdict(self, response: httpx.Response, attempt: int) -> str | None:
        """Read `Sforce-Limit-Info`; 403 REQUEST_LIMIT_EXCEEDED pauses and hands back."""
        found = _USAGE.search(response.headers.get("Sforce-Limit-Info", ""))
        if found is not None:
            used, allowed = int(found[1]), int(found[2])
            self.api_usage = (used, allowed)
            if used >= self.settings.api_usage_threshold * allowed:
                _LOGGER.warning("Salesforce API usage %d/%d: pausing", used, allowed)
                self.pause(self.settings.limit_wait_s)
        codes = {e.errorCode for e in results.errors(_json(response))}
        if response.status_code == 403 and "REQUEST_LIMIT_EXCEEDED" in codes:
            self.pause(self.settings.limit_wait_s)
            raise TransientError("REQUEST_LIMIT_EXCEEDED", self.settings.limit_wait_s)
        return super()._verdict(response, attempt)

    async def _composite(self, call: CompositeRequest) -> list[SubResponse]:
        body = call.model_dump(mode="json", exclude_none=True)
        response = await self.call("POST", f"{self.settings.api_path}/composite", json=body)
        try:
            response.raise_for_status()
            return CompositeResponse.model_validate_json(response.content).compositeResponse
        except (httpx.HTTPStatusError, ValidationError) as err:
            raise CrmError(f"Salesforce refused a composite call: {response.text[:300]}") from err

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """Send `jobs` in Composite calls; one result per job, in order."""
        todo = plan(self.settings, list(jobs))
        answers: dict[str, SubResponse] = {}
        failed: Retry | None = None
        for call in todo.calls:
            try:
                answered = await self._composite(call)
                answered += await self._resend_without_subtype(call, answered, answers)
            except TransientError as err:
                failed = Retry(reason=err.reason, after_s=err.after_s)
                break
            answers.update({answer.referenceId: answer for answer in answered})
        out = [self._result(todo, index, answers, failed) for index in range(len(jobs))]
        return [_known_id(job, result) for job, result in zip(jobs, out, strict=True)]

    def _result(
        self, todo: Plan, index: int, answers: dict[str, SubResponse], failed: Retry | None
    ) -> JobResult:
        if index in todo.done:
            return todo.done[index]
        refs = todo.refs[index]
        if failed is not None and any(ref not in answers for ref in refs):
            return failed
        methods: dict[str, str] = {
            sub.referenceId: sub.method for call in todo.calls for sub in call.compositeRequest
        }
        return results.job_result(refs, todo.primary[index], methods, answers)

    async def _resend_without_subtype(
        self, call: CompositeRequest, answered: list[SubResponse], known: dict[str, SubResponse]
    ) -> list[SubResponse]:
        """Re-send Task upserts that matched an existing Task (a lost answer's retry).

        TaskSubtype is createable but not updateable, so the update branch of an upsert
        refuses it; the Task exists, so the same upsert without it is the update we meant.
        """
        ids = {a.referenceId: results.remote_id(a) for a in [*known.values(), *answered]}
        again = []
        for sub, answer in zip(call.compositeRequest, answered, strict=True):
            bad = results.errors(answer.body)
            if not isinstance(sub.body, TaskFields) or not any(
                "TaskSubtype" in e.fields for e in bad
            ):
                continue
            body = sub.body.model_copy(update={"TaskSubtype": None})
            if body.WhoId.startswith("@{"):
                body = body.model_copy(update={"WhoId": ids.get(body.WhoId[2:-4]) or body.WhoId})
            again.append(sub.model_copy(update={"body": body}))
        if not again:
            return []
        retried = await self._composite(CompositeRequest(compositeRequest=again))
        return retried

    async def search(self, query: str) -> list[Match]:
        """Leads and Contacts whose e-mail or phone matches `query` (parameterized search)."""
        if len(query.strip()) < 2:
            return []
        params = [("q", _sosl(query.strip())), ("sobject", "Lead"), ("Lead.fields", _FIELDS)]
        params += [("sobject", "Contact"), ("Contact.fields", _FIELDS)]
        try:
            response = await self.call(
                "GET", f"{self.settings.api_path}/parameterizedSearch/", params=params
            )
            response.raise_for_status()
            found = SearchResponse.model_validate_json(response.content).searchRecords
        except TransientError as err:
            raise CrmError(f"Salesforce search unavailable: {err.reason}") from err
        except (httpx.HTTPStatusError, ValidationError) as err:
            raise CrmError(f"Salesforce search failed: {response.text[:300]}") from err
        return [
            Match(
                remote_id=record.Id,
                first_name=record.FirstName or "",
                last_name=record.LastName or "",
                email=record.Email,
                phone=record.Phone,
            )
            for record in found
        ]

    async def check(self) -> Check:
        """Token flow, the objects we write, and the external-id field on each."""
        return await run_check(self)

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """The Composite calls `push(jobs)` would send (`{instance_url}` before the first token)."""
        token = self.tokens.cached
        instance = token.instance_url if token is not None and token.instance_url else None
        url = f"{instance or '{instance_url}'}{self.settings.api_path}/composite"
        return [
            PreviewRequest(
                method="POST", url=url, body=call.model_dump(mode="json", exclude_none=True)
            )
            for call in plan(self.settings, list(jobs)).calls
        ]


def _known_id(job: SyncJob, result: JobResult) -> JobResult:
    """A person updated by their known id answers 204 without a body: name that id."""
    person = getattr(job, "person", None)
    known = person.remote_id if isinstance(person, Person) else None
    if isinstance(result, Sent) and result.remote_id is None and not result.detail and known:
        return result.model_copy(update={"remote_id": known})
    return result


def _sosl(text: str) -> str:
    """`text` with SOSL's reserved characters escaped (a phone's `+` is not an operator)."""
    return _RESERVED.sub(lambda found: "\\" + found[0], text)


def _json(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None
