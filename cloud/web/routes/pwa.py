"""The installable web app's service worker, served from the root so it controls every page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from cloud.web.deps import render, session_user

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/shell")
def shell(request: Request) -> Response:
    """The offline floor the service worker keeps: no tenant data, in the user's language.

    Their setting if signed in, else the browser's.
    """
    with request.app.state.sessions() as session:
        user = session_user(request, session)
        if user is not None:
            request.state.locale = user.locale
    return render(request, "shell.html", {})


@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    """The service worker script, minified (the browser checks it for updates on each visit)."""
    worker = request.app.state.static.assets["sw.js"]
    return Response(worker.body, media_type=worker.media_type, headers={"etag": worker.etag})
