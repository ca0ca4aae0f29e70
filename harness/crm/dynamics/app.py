"""A fake Dataverse environment with its Entra ID tenant over HTTP (Starlette).

Same paths as the real services (`/{tenant}/oauth2/v2.0/token`, `/api/data/v9.2/...`).
Every API request must carry the OData headers the Web API documentation tells clients to send
(`OData-MaxVersion: 4.0`, `OData-Version: 4.0`, `Accept: application/json`, and
`Content-Type: application/json` with a body) and a valid bearer token; the fake is stricter
than Dataverse here on purpose, so a connector that forgets them fails in tests. Bodies are
checked by `tables` (typed columns, `@odata.bind` lookups, activity parties).

Limits: service protection's 6,000 requests per 5 minutes per user on the fake clock, refused
with 429, `Retry-After` and 0x80072322. Faults: `fail_next("limit" | "server" | "timeout" |
"lost")`, a random share of 503s (`faults.transient_rate`), `entra.expire_all()`.
"""

from __future__ import annotations

import asyncio
import json
import math
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
from harness.crm.dynamics.entra import Entra, Refused
from harness.crm.dynamics.tables import ID, DataverseError, Tables
from harness.crm.faults import Fault, Faults, Recorded

API = "/api/data/v9.2"
REQUIRED_HEADERS = {"odata-maxversion": "4.0", "odata-version": "4.0"}
_RECORD = re.compile(r"^(?P<set>[a-z]+)\((?P<key>.*)\)$")
_KEYS = re.compile(r"^EntityDefinitions\(LogicalName='(?P<table>[a-z]+)'\)/Keys$")


@dataclass
class FakeDataverse:
    """The environment, its limits and faults, and an ASGI `app` for `harness.http.serve`."""

    clock: FakeClock = field(default_factory=FakeClock)
    window_requests: int = 6000
    window_s: float = 300.0
    throttle_after_s: float = 1.0
    lost_delay_s: float = 1.0
    app_user: bool = True
    tables: Tables = field(default_factory=Tables)
    faults: Faults = field(default_factory=Faults)
    requests: list[Recorded] = field(default_factory=list)
    api_calls: int = 0
    throttled: int = 0

    def __post_init__(self) -> None:
        self.entra = Entra(self.clock)
        self._window: deque[float] = deque()
        self.app = Starlette(routes=[Route("/{path:path}", self._handle, methods=_ALL)])

    def fail_next(self, kind: Fault, count: int = 1, after: int = 0) -> None:
        """`count` API calls fail as `kind` (limit, server, timeout, lost) after `after` more."""
        self.faults.add(kind, count, after)

    def _retry_after(self) -> float | None:
        """Seconds until one more request fits the window (None: it fits now)."""
        now = self.clock()
        while self._window and self._window[0] <= now - self.window_s:
            self._window.popleft()
        if len(self._window) < self.window_requests:
            return None
        return self._window[0] + self.window_s - now

    async def _handle(self, request: Request) -> Response:
        raw = await request.body()
        path = unquote(request.url.path)
        form = dict(parse_qsl(raw.decode())) if path.endswith("/oauth2/v2.0/token") else {}
        try:
            body = json.loads(raw) if raw and not form else None
        except ValueError:
            body = None
            raw_error = True
        else:
            raw_error = False
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
        if form:
            return self._token(path, form)
        try:
            if raw_error:
                raise DataverseError(400, "0x80060891", "The request body is not valid JSON.")
            return await self._api(request, path.removeprefix(API).lstrip("/"), body)
        except DataverseError as err:
            return JSONResponse(err.body, err.status)

    def _token(self, path: str, form: dict[str, str]) -> Response:
        tenant = path.strip("/").split("/")[0]
        try:
            return JSONResponse(self.entra.grant(tenant, form))
        except Refused as err:
            return JSONResponse(err.body, err.status)

    def _check_headers(self, request: Request, has_body: bool) -> None:
        for name, value in REQUIRED_HEADERS.items():
            if request.headers.get(name) != value:
                raise DataverseError(400, "0x80060888", f"The header {name} must be {value}.")
        if "application/json" not in request.headers.get("accept", ""):
            raise DataverseError(406, "0x80060888", "Accept must include application/json.")
        if has_body and not request.headers.get("content-type", "").startswith("application/json"):
            raise DataverseError(415, "0x80060888", "Content-Type must be application/json.")

    async def _api(self, request: Request, path: str, body: Any) -> Response:
        if not request.url.path.startswith(API + "/"):
            raise DataverseError(404, "0x8006088a", "Resource not found.")
        bearer = request.headers.get("authorization", "")
        if not bearer.startswith("Bearer ") or not self.entra.valid(bearer[7:]):
            return Response(
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        self._check_headers(request, body is not None)
        wait = self._retry_after()
        fault = self.faults.next() if wait is None else "limit"
        if fault == "limit":
            self.throttled += 1
            after = wait if wait is not None else self.throttle_after_s
            message = (
                f"Number of requests exceeded the limit of {self.window_requests} over time "
                f"window of {int(self.window_s)} seconds."
            )
            return JSONResponse(
                {"error": {"code": "0x80072322", "message": message}},
                429,
                headers={"Retry-After": str(math.ceil(after))},
            )
        if fault == "server":
            return JSONResponse(
                {"error": {"code": "0x80040216", "message": "An unexpected error occurred."}}, 503
            )
        if fault == "timeout":
            await asyncio.sleep(self.lost_delay_s)
            return Response(status_code=504)
        self._window.append(self.clock())
        self.api_calls += 1
        response = self._run(request, path, body)
        if fault == "lost":
            await asyncio.sleep(self.lost_delay_s)
        return response

    def _run(self, request: Request, path: str, body: Any) -> Response:
        method, query = request.method, request.query_params
        if path == "WhoAmI" and method == "GET":
            if not self.app_user:
                raise DataverseError(
                    403, "0x80072560", "The user is not a member of the organization."
                )
            return JSONResponse(
                {"UserId": "app-user", "BusinessUnitId": "bu", "OrganizationId": "org"}
            )
        keys = _KEYS.match(path)
        if keys is not None and method == "GET":
            table = keys["table"]
            defined = [k for s, k in self.tables.keys.items() if s.removesuffix("s") == table]
            value = [{"KeyAttributes": [k], "EntityKeyIndexStatus": "Active"} for k in defined]
            return JSONResponse({"value": value})
        record = _RECORD.match(path)
        if record is None and method == "GET":
            select = query.get("$select", "").split(",")
            rows = self.tables.query(
                path, select, query.get("$filter", ""), int(query.get("$top", "50"))
            )
            return JSONResponse({"@odata.context": f"$metadata#{path}", "value": rows})
        if record is None:
            raise DataverseError(405, "0x80060888", f"{method} is not allowed on {path}.")
        entity_set, key = record["set"], record["key"]
        if method == "DELETE":
            self.tables.delete(entity_set, key)
            return Response(status_code=204)
        if method != "PATCH" or not isinstance(body, dict):
            raise DataverseError(400, "0x80060888", f"{method} {path} needs a JSON object body.")
        created, row_id = self.tables.upsert(entity_set, key, body, dict(request.headers))
        entity_id = f"{request.base_url}api/data/v9.2/{entity_set}({row_id})"
        if "return=representation" not in request.headers.get("prefer", ""):
            return Response(status_code=204, headers={"OData-EntityId": entity_id})
        row = self.tables.rows[entity_set][row_id]
        select = [c for c in query.get("$select", "").split(",") if c] or list(row)
        answer = {name: row.get(name) for name in {*select, ID[entity_set]}}
        return JSONResponse(answer, 201 if created else 200, headers={"OData-EntityId": entity_id})


_ALL = ["GET", "POST", "PATCH", "DELETE", "PUT"]
