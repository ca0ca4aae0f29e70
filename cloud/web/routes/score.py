"""The purchase score on the pages: the follow-up-first list and a conversation's outcome."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cloud.score import outcomes, prospects, train
from cloud.store.zones import site_zones
from cloud.views.floor import staff_names
from cloud.views.scope import Scope
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render_page,
    require_manager,
    translations,
)
from cloud.web.i18n import error_text

router = APIRouter(tags=["score"], include_in_schema=False)
Csrf = [Depends(check_csrf)]


@router.get("/follow-up", response_class=HTMLResponse)
def follow_up_page(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    days: Annotated[int, Query(ge=1, le=90)] = 7,
) -> Response:
    """Open prospects of the last `days` days, most likely to buy first, with the reasons."""
    scope = Scope.of(user, None, days)
    rows = prospects.follow_up(session, scope)
    model = train.current(session, user.tenant_id)
    names = staff_names(session, Scope.of(user))
    zones = site_zones(session, user.tenant_id)
    return render_page(
        request,
        user,
        "follow_up.html",
        rows=rows,
        model=model,
        names=names,
        days=days,
        zones=zones,
    )


@router.post("/conversations/{conversation_id}/outcome", dependencies=Csrf)
def mark_outcome(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    conversation_id: str,
    outcome: Annotated[Literal["sold", "not_sold"], Form()],
) -> Response:
    """A manager marks the conversation sold or not sold; the tenant's model is retrained."""
    require_manager(user)
    try:
        outcomes.mark(session, user, conversation_id, outcome == "sold")
    except outcomes.OutcomeError as err:
        t = translations(request)
        text = t.gettext("%(why)s (nothing was saved)") % {"why": error_text(err, t)}
        raise HTTPException(400, text) from err
    train.train(session, user.tenant_id)
    return RedirectResponse(f"/conversations/{conversation_id}", status_code=303)
