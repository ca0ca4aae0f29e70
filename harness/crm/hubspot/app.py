"""The fake HubSpot as a Starlette app: auth, scopes, limits, body validation, faults.

Every request goes through `_handle`: Bearer token (401), scope (403), the daily, burst and
search limits (429 with `policyName` and the `X-HubSpot-RateLimit-*` headers), the body
against `schema` (400 VALIDATION_ERROR), injected faults, then the operation in `ops`.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from harness.crm.hubspot import ops, schema
from harness.crm.hubspot.portal import DEALS_READ, READ, SCHEMAS, WRITE, Portal, Received

Operation = Callable[[Portal, str, Any], ops.Answer]
KINDS = ("contacts", "calls", "tasks", "deals")
_NO_AUTH = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and "
    "you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)
_NO_SCOPE = (
    "This app hasn't been granted all required scopes to make this call. Read more about "
    "required scopes here: https://developers.hubspot.com/scopes."
)
_MESSAGES = {
    "DAILY": "You have reached your daily limit.",
    "SECONDLY": "You have reached your secondly limit.",
}


def create_app(portal: Portal) -> Starlette:
    """The fake's ASGI app over `portal`."""
    rng = random.Random(portal.config.faults.seed)

    def route(
        path: str,
        method: str,
        operation: Operation,
        model: type[BaseModel] | None,
        scope: str,
        *,
        search: bool = False,
    ) -> Route:
        async def endpoint(request: Request) -> Response:
            return await _handle(portal, rng, request, operation, model, scope, search)

        return Route(path, endpoint, methods=[method])

    objects = "/crm/v3/objects/{kind}"
    routes = [
        route(
            "/crm/v3/objects/contacts/batch/upsert",
            "POST",
            lambda p, k, b: ops.upsert(p, b),
            schema.BatchUpsert,
            WRITE,
        ),
        route(
            "/crm/v3/objects/contacts/gdpr-delete",
            "POST",
            lambda p, k, b: ops.gdpr_delete(p, b),
            schema.GdprDelete,
            WRITE,
        ),
        route(
            f"{objects}/batch/create", "POST", ops.create_batch, schema.BatchInputForCreate, WRITE
        ),
        route(f"{objects}/batch/update", "POST", ops.update_batch, schema.BatchUpdate, WRITE),
        route(f"{objects}/batch/archive", "POST", ops.archive_batch, schema.BatchArchive, WRITE),
        route(f"{objects}/batch/read", "POST", ops.read_batch, schema.BatchRead, READ),
        route(
            "/crm/v4/associations/contacts/calls/batch/read",
            "POST",
            lambda p, k, b: ops.read_associations(p, b, portal.config.association_page),
            schema.AssociationsRead,
            READ,
        ),
        route(
            "/crm/v4/associations/contacts/tasks/batch/read",
            "POST",
            lambda p, k, b: ops.read_associations(p, b, portal.config.association_page, "tasks"),
            schema.AssociationsRead,
            READ,
        ),
        route(
            "/crm/v4/associations/deals/contacts/batch/read",
            "POST",
            lambda p, k, b: ops.read_deal_contacts(p, b),
            schema.AssociationsRead,
            DEALS_READ,
        ),
        route(f"{objects}/search", "POST", ops.search, schema.SearchRequest, READ, search=True),
        route(objects, "POST", ops.create_one, schema.InputForCreate, WRITE),
        route(objects, "GET", lambda p, k, b: ops.list_objects(p, k, b), None, READ),
        route(
            "/crm/v3/properties/{kind}/{name}",
            "GET",
            lambda p, k, b: ops.get_property(p, k, b),
            None,
            SCHEMAS,
        ),
    ]
    return Starlette(routes=routes)


async def _handle(
    portal: Portal,
    rng: random.Random,
    request: Request,
    operation: Operation,
    model: type[BaseModel] | None,
    scope: str,
    search: bool,
) -> Response:
    raw = await request.body()
    status, answer, headers = await _answer(
        portal, rng, request, raw, operation, model, scope, search
    )
    try:
        body: object = (await request.json()) if raw else None
    except ValueError:
        body = raw.decode(errors="replace")
    with portal.lock:
        portal.requests.append(
            Received(request.method, request.url.path, request.url.query, body, status)
        )
        portal.counts[f"status.{status}"] += 1
    if answer is None:
        return Response(status_code=status, headers=headers)
    return JSONResponse(answer, status_code=status, headers=headers)


async def _answer(
    portal: Portal,
    rng: random.Random,
    request: Request,
    raw: bytes,
    operation: Operation,
    model: type[BaseModel] | None,
    scope: str,
    search: bool,
) -> tuple[int, Any, dict[str, str]]:
    kind = request.path_params.get("kind", "contacts")
    if kind not in KINDS:
        return _error(404, "OBJECT_NOT_FOUND", f"Unknown object type {kind}")
    token = request.headers.get("authorization", "")
    scopes = (
        portal.config.tokens.get(token.removeprefix("Bearer "))
        if token.startswith("Bearer ")
        else None
    )
    if scopes is None:
        return _error(
            401,
            "INVALID_AUTHENTICATION",
            _NO_AUTH,
        )
    if kind == "deals" and scope == READ:
        scope = DEALS_READ  # reading deals needs the deals scope, not the contacts one
    if kind == "deals" and scope == WRITE:
        scope = "crm.objects.deals.write"
    if scope not in scopes:
        return _error(
            403,
            "MISSING_SCOPES",
            _NO_SCOPE,
            errors=[
                {
                    "message": "One or more of the following scopes are required.",
                    "context": {"requiredGranularScopes": [scope]},
                }
            ],
        )
    with portal.lock:
        policy, headers = portal.take(search=search)
    if policy is not None:
        portal.counts[f"limited.{policy}"] += 1
        status, body, _ = _error(
            429, "RATE_LIMITS", _MESSAGES[policy], errorType="RATE_LIMIT", policyName=policy
        )
        return status, body, headers
    limit = request.query_params.get("limit", "10")
    if not limit.isdigit() or not 1 <= int(limit) <= 100:
        status, body, _ = _error(400, "VALIDATION_ERROR", f"limit must be 1..100, not {limit}")
        return status, body, headers
    argument: Any = request.path_params.get("name") or int(limit)  # GET: a name or a limit
    if model is not None:
        try:
            argument = model.model_validate_json(raw)
        except ValidationError as err:
            portal.counts["schema_violations"] += 1
            errors = [
                {"message": e["msg"], "in": ".".join(str(p) for p in e["loc"])}
                for e in err.errors()
            ]
            status, body, _ = _error(
                400,
                "VALIDATION_ERROR",
                f"Invalid input JSON: {errors[0]['in']}: {errors[0]['message']}",
                errors=errors,
            )
            return status, body, headers
    faults = portal.config.faults
    model = model if faults.hits(request.url.path) else None
    if model is not None and rng.random() < faults.error_rate:
        portal.counts["fault.error"] += 1
        status, body, _ = _error(rng.choice((500, 502, 503)), "INTERNAL_ERROR", "internal error")
        return status, body, headers
    try:
        with portal.lock:
            status, answer = operation(portal, kind, argument)
    except ops.HsError as err:
        status, body, _ = _error(err.status, err.category, err.message, **err.extra)
        return status, body, headers
    if model is not None and rng.random() < faults.lost_answer_rate:
        portal.counts["fault.lost_answer"] += 1
        status, body, _ = _error(502, "INTERNAL_ERROR", "Bad gateway (the request was applied)")
        return status, body, headers
    if model is not None and rng.random() < faults.timeout_rate:
        portal.counts["fault.timeout"] += 1
        await asyncio.sleep(faults.timeout_s)
    return status, answer, headers


def _error(
    status: int, category: str, message: str, **extra: Any
) -> tuple[int, Any, dict[str, str]]:
    body = {
        "status": "error",
        "message": message,
        "category": category,
        "correlationId": str(uuid.uuid4()),
        **extra,
    }
    return status, body, {}
