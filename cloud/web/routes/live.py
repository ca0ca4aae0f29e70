"""The live floor as server-sent events (`/floor/events`); the page polls `/floor/live` else."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from cloud.views import floor
from cloud.views.scope import Scope
from cloud.web.deps import LoginRequired, locale_of, principal_of, session_user, translations
from cloud.web.live import Snapshot, stream

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/floor/events")
def floor_events(
    request: Request, last_event_id: Annotated[str | None, Header(max_length=64)] = None
) -> StreamingResponse:
    """Hubs, live conversations and open alerts of the user's scope, as they change.

    Signed in as for the pages (the session cookie), checked again at every update: a
    session that ends (logout, password change, disabled user) ends the stream.
    """
    sessions = request.app.state.sessions
    with sessions() as session:
        user = session_user(request, session)
        if user is None:
            raise LoginRequired
        principal = principal_of(user)
        request.state.locale = user.locale  # the stream speaks the page's language
    language = {"locale": locale_of(request), "translations": translations(request)}
    templates = request.app.state.templates
    page = templates.get_template("_floor_live.html")

    def snapshot() -> Snapshot | None:
        with sessions() as session:
            if session_user(request, session) is None:
                return None
            view = floor.floor(session, Scope.of(principal))
            html = page.render(request=request, user=principal, floor=view, **language)
        return Snapshot("floor", html)

    settings = request.app.state.settings
    frames = stream(
        snapshot,
        request.app.state.changes,
        last_id=last_event_id,
        check_s=settings.live_check_s,
        lifetime_s=settings.live_stream_s,
        clock=time.monotonic,
    )
    return StreamingResponse(
        frames,
        media_type="text/event-stream",
        headers={"X-Accel-Buffering": "no"},  # nginx: pass each event on at once
    )
