"""The installable web app's service worker, served from the root so it controls every page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(tags=["pages"], include_in_schema=False)
WORKER = Path(__file__).resolve().parents[1] / "static" / "sw.js"


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker script (the browser checks it for updates on each visit)."""
    return Response(WORKER.read_bytes(), media_type="text/javascript")
