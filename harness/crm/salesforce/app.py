"""A fake Salesforce org over HTTP (Starlette), for the tests and the benchmark.

Same paths as Salesforce (`/services/oauth2/token`, `/services/data/vXX.X/...`), every request
validated against Salesforce's Postman items (`shapes`), records kept by `org`, tokens by
`auth`. Limits: a rolling 24-hour API allocation (`api_limit`) on the fake clock, reported in
`Sforce-Limit-Info: api-usage=N/M` on every API answer and refused with 403
REQUEST_LIMIT_EXCEEDED. Faults: `fail_next("limit" | "server" | "timeout" | "lost")`, a random
share of 503s (`faults.transient_rate`), `auth.expire_all()`. Every request is recorded.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from harness.crm.clock import FakeClock
from harness.crm.faults import Fault, Faults, Recorded
from harness.crm.salesforce.auth import Auth, TokenRefused
from harness.crm.salesforce.org import ApiFault, Org
from harness.crm.salesforce.shapes import Item, ShapeError, Shapes

DAY_S = 86_400.0
MAX_SUBREQUESTS = 25
_REF = re.compile(r"@\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}")


@dataclass
class FakeSalesforce:
    """The org, its limits and faults, and an ASGI `app` to serve with `harness.http.serve`."""

    clock: FakeClock = field(default_factory=FakeClock)
    api_limit: int = 100_000
    instance_host: str = "127.0.0.1"
    lost_delay_s: float = 1.0
    org: Org = field(default_factory=Org)
    faults: Faults = field(default_factory=Faults)
    requests: list[Recorded] = field(default_factory=list)
    api_calls: int = 0
    subrequests: int = 0

    def __post_init__(self) -> None:
        self.auth = Auth(self.clock)
        self.shapes = Shapes()
        self._usage: deque[float] = deque()
        self.app = Starlette(routes=[Route("/{path:path}", self._handle, methods=_ALL)])

    def fail_next(self, kind: Fault, count: int = 1, after: int = 0) -> None:
        """`count` API calls fail as `kind` (limit, server, timeout, lost) after `after` more."""
        self.faults.add(kind, count, after)

    def usage(self) -> int:
        """API calls in the rolling 24 hours."""
        while self._usage and self._usage[0] <= self.clock() - DAY_S:
            self._usage.popleft()
        return len(self._usage)

    def _limit_header(self) -> dict[str, str]:
        return {"Sforce-Limit-Info": f"api-usage={self.usage()}/{self.api_limit}"}

    def _error(self, status: int, code: str, message: str) -> Response:
        body = [{"message": message, "errorCode": code, "fields": []}]
        return JSONResponse(body, status, headers=self._limit_header())

    async def _handle(self, request: Request) -> Response:
        raw = await request.body()
        body: Any = None
        form: dict[str, str] = {}
        if raw and request.headers.get("content-type", "").startswith("application/x-www-form"):
            form = dict(parse_qsl(raw.decode()))
        elif raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return self._error(400, "JSON_PARSER_ERROR", "Unexpected character")
        path = request.url.path
        self.requests.append(
            Recorded(
                request.method,
                request.url.hostname or "",
                path,
                list(parse_qsl(request.url.query)),
                dict(request.headers),
                body if body is not None else form or None,
            )
        )
        try:
            item, variables = self.shapes.match(request.method, path)
            self.shapes.content_type(item, request.headers.get("content-type"), bool(raw))
            if path.endswith("/oauth2/token"):
                return self._token(item, form, request)
            return await self._api(request, item, variables, body)
        except ShapeError as err:
            return self._error(err.status, err.code, err.message)

    def _token(self, item: Item, form: dict[str, str], request: Request) -> Response:
        try:
            self.shapes.token_form(item, form)
            token = self.auth.grant(form)
        except ShapeError as err:
            return JSONResponse({"error": err.code, "error_description": err.message}, 400)
        except TokenRefused as err:
            return JSONResponse(err.body, 400)
        instance = f"http://{self.instance_host}:{request.url.port}"
        return JSONResponse(
            {
                "access_token": token,
                "instance_url": instance,
                "id": f"{instance}/id/00D000000000001AAA/005000000000001AAA",
                "token_type": "Bearer",
                "issued_at": str(int(self.clock() * 1000)),
                "signature": "fake",
            }
        )

    async def _api(
        self, request: Request, item: Item, variables: dict[str, str], body: Any
    ) -> Response:
        bearer = request.headers.get("authorization", "")
        token = bearer.removeprefix("Bearer ")
        if request.url.hostname != self.instance_host:
            return self._error(401, "INVALID_SESSION_ID", "This session is not valid here")
        if not bearer.startswith("Bearer ") or not self.auth.valid(token):
            return self._error(401, "INVALID_SESSION_ID", "Session expired or invalid")
        if self.usage() >= self.api_limit:
            return self._error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        fault = self.faults.next()
        if fault == "limit":
            return self._error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        if fault == "server":
            return self._error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable")
        if fault == "timeout":
            await asyncio.sleep(self.lost_delay_s)
            return self._error(503, "SERVER_UNAVAILABLE", "answered too late")
        self._usage.append(self.clock())
        self.api_calls += 1
        self.shapes.query(item, {key for key, _ in parse_qsl(request.url.query)})
        status, answer = self._run(request.method, item, variables, body, request)
        if fault == "lost":
            await asyncio.sleep(self.lost_delay_s)
        if status == 204:
            return Response(status_code=204, headers=self._limit_header())
        return JSONResponse(answer, status, headers=self._limit_header())

    def _run(
        self, method: str, item: Item, variables: dict[str, str], body: Any, request: Request
    ) -> tuple[int, Any]:
        if item.name == "Composite":
            return self._composite(item, body)
        query = dict(parse_qsl(request.url.query))
        if item.name == "Parameterized Search":
            wanted = {
                sobject: query.get(f"{sobject}.fields", "Id").split(",")
                for sobject in request.query_params.getlist("sobject")
            }
            try:
                return 200, {"searchRecords": self.org.search(query["q"], wanted)}
            except ApiFault as fault:
                return fault.status, fault.body
        return self._rest(method, item, variables, body)

    def _rest(
        self, method: str, item: Item, variables: dict[str, str], body: Any
    ) -> tuple[int, Any]:
        """One REST operation (also a Composite subrequest): (status, body)."""
        sobject = variables.get("sobject_api_name", "")
        values = body if isinstance(body, dict) else {}
        try:
            if item.name == "SObject Describe":
                return 200, self.org.describe(sobject)
            if item.name == "SObject Rows by External ID":
                name, value = variables["field_name"], unquote(variables["field_value"])
                if method == "PATCH":
                    return self.org.upsert(sobject, name, value, values)
                if method == "DELETE":
                    self.org.delete_by_external_id(sobject, name, value)
                    return 204, None
            if method == "PATCH":
                self.org.update(sobject, variables["record_id"], values)
                return 204, None
            if method == "DELETE":
                self.org.delete(sobject, variables["record_id"])
                return 204, None
        except ApiFault as fault:
            return fault.status, fault.body
        return 405, [{"message": f"{method} not supported here", "errorCode": "METHOD_NOT_ALLOWED"}]

    def _composite(self, item: Item, body: Any) -> tuple[int, Any]:
        subrequests = self.shapes.composite_body(item, body)
        if len(subrequests) > MAX_SUBREQUESTS:
            raise ShapeError(400, "LIMIT_EXCEEDED", "Limit Exceeded: max 25 subrequests")
        done: dict[str, tuple[int, Any]] = {}
        out = []
        for sub in subrequests:
            self.subrequests += 1
            ref = str(sub["referenceId"])
            status, answer = self._subrequest(sub, done)
            done[ref] = (status, answer)
            out.append(
                {"body": answer, "httpHeaders": {}, "httpStatusCode": status, "referenceId": ref}
            )
        return 200, {"compositeResponse": out}

    def _subrequest(self, sub: dict[str, Any], done: dict[str, tuple[int, Any]]) -> tuple[int, Any]:
        halted: list[str] = []

        def resolve(match: re.Match[str]) -> str:
            status, answer = done.get(match[1], (0, None))
            if not 200 <= status < 300 or not isinstance(answer, dict) or match[2] not in answer:
                halted.append(match[1])
                return ""
            return str(answer[match[2]])

        text = _REF.sub(resolve, json.dumps({"url": sub["url"], "body": sub.get("body")}))
        if halted:
            message = f"Invalid reference specified. No value for {halted[0]} found."
            return 400, [{"message": message, "errorCode": "PROCESSING_HALTED", "fields": []}]
        resolved = json.loads(text)
        method, url = str(sub["method"]), str(resolved["url"])
        try:
            item, variables = self.shapes.match(method, url.split("?")[0])
            has_body = resolved["body"] is not None
            if method in {"PATCH", "POST"} and not has_body:
                raise ShapeError(400, "JSON_PARSER_ERROR", "a PATCH needs a body")
        except ShapeError as err:
            return err.status, [{"message": err.message, "errorCode": err.code, "fields": []}]
        return self._rest(method, item, variables, resolved["body"])


_ALL = ["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD"]
