"""`/healthz`: database and broker state, ingest counters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 when the database answers and (if configured) the broker is connected; else 503."""
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
    return JSONResponse(body, status_code=200 if healthy else 503)
