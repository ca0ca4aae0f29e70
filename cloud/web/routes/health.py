"""`/healthz`: up or down for anyone; database, broker and ingest counters for admins.

A load balancer or systemd check needs only the status code and `{"status": "up"}`; what the
broker said and how many events went where is for an admin (session cookie or API token).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from cloud.web.deps import any_user

router = APIRouter(tags=["health"])


def _details(request: Request) -> tuple[bool, dict[str, Any]]:
    body: dict[str, Any] = {"database": "ok", "broker": "not configured"}
    healthy = True
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as err:
        body["database"], healthy = f"error: {err.__class__.__name__}", False
    consumer = request.app.state.consumer
    if consumer is not None:
        body["broker"] = "connected" if consumer.connected else f"down: {consumer.last_error}"
        healthy = healthy and consumer.connected
        stats = consumer.stats
        body["ingest"] = {
            "stored": stats.stored,
            "duplicates": stats.duplicates,
            "dead_letters": stats.dead,
            "rejected": stats.rejected,
            "rejected_by_reason": dict(stats.rejected_by_reason),
            "batches": stats.batches,
            "batches_written_one_by_one": stats.fallbacks,
            "forgotten": stats.forgotten,
        }
    return healthy, body


def _is_admin(request: Request) -> bool:
    if "authorization" not in request.headers and "showfloor_session" not in request.cookies:
        return False
    try:
        with request.app.state.sessions() as session:
            user = any_user(request, session)
    except SQLAlchemyError:
        return False  # the database is down: the public answer says so
    return user is not None and user.role == "admin"


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 when the database answers and (if configured) the broker is connected; else 503."""
    healthy, details = _details(request)
    body: dict[str, Any] = {"status": "up" if healthy else "down"}
    if _is_admin(request):
        body |= details
    return JSONResponse(body, status_code=200 if healthy else 503)
