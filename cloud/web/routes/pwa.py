"""The installable web app's service worker, served from the root so it controls every page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    """The service worker script, minified (the browser checks it for updates on each visit)."""
    worker = request.app.state.static.assets["sw.js"]
    return Response(worker.body, media_type=worker.media_type, headers={"etag": worker.etag})
