"""The managers' pages: live floor, conversations, scorecards, analytics, CSV export."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from cloud.errors import NotFoundError
from cloud.practice.progress import progress
from cloud.store.zones import site_zones
from cloud.views import analytics, conversation, floor, scorecards
from cloud.views.scope import Principal, Scope
from cloud.views.table import Table
from cloud.web.deps import CurrentUser, SessionDep, render
from cloud.web.routes import crm

router = APIRouter(tags=["pages"], include_in_schema=False)
Days = Annotated[int, Query(ge=1, le=3660)]
SiteFilter = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z0-9-]*$")]
#: ISO 639-1 code of a language spoken in the conversations; empty: every language.
LanguageFilter = Annotated[str | None, Query(pattern=r"^([a-z]{2})?$")]


def _render(request: Request, user: Principal, name: str, **context: Any) -> Response:
    context.update(user=user, path=request.url.path)
    return render(request, name, context)


def _scope(
    user: Principal, site: str | None, days: int | None, language: str | None = None
) -> Scope:
    return Scope.of(user, site or None, days, language=language or None)


def tables(session: Session, scope: Scope) -> dict[str, Table]:
    """Every table the analytics and scorecard pages show, by CSV name."""
    found = [
        scorecards.scorecards(session, scope),
        analytics.objection_totals(session, scope),
        analytics.objections_by_day(session, scope),
        analytics.traffic_heat(session, scope),
        analytics.conversion(session, scope),
        progress(session, scope),
    ]
    return {table.name: table for table in found}


@router.get("/")
def home() -> Response:
    """The live floor is the start page."""
    return RedirectResponse("/floor", status_code=303)


@router.get("/floor", response_class=HTMLResponse)
def floor_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Hubs, live conversations and open alerts; refreshes itself every few seconds."""
    return _render(request, user, "floor.html", floor=floor.floor(session, Scope.of(user)))


@router.get("/floor/live", response_class=HTMLResponse)
def floor_live(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """The floor's body alone (what the page polls)."""
    return _render(request, user, "_floor_live.html", floor=floor.floor(session, Scope.of(user)))


@router.get("/conversations", response_class=HTMLResponse)
def conversations_page(
    request: Request, user: CurrentUser, session: SessionDep, days: Days = 30
) -> Response:
    """The newest conversations."""
    rows = conversation.recent(session, Scope.of(user, None, days))
    names = floor.staff_names(session, Scope.of(user))
    return _render(
        request,
        user,
        "conversations.html",
        rows=rows,
        names=names,
        days=days,
        zones=site_zones(session, user.tenant_id),
    )


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def conversation_page(
    request: Request, user: CurrentUser, session: SessionDep, conversation_id: str
) -> Response:
    """One conversation in full (redacted turns), with its CRM link and sync state."""
    return crm.conversation_page(request, user, session, conversation_id)


@router.get("/scorecards", response_class=HTMLResponse)
def scorecards_page(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    days: Days = 30,
    site: SiteFilter = None,
    language: LanguageFilter = None,
) -> Response:
    """Each salesperson against the team."""
    scope = _scope(user, site, days, language)
    table = scorecards.scorecards(session, scope)
    return _render(
        request,
        user,
        "scorecards.html",
        table=table,
        practice=progress(session, scope),
        days=days,
        site=site or "",
        language=language or "",
    )


@router.get("/analytics", response_class=HTMLResponse)
def analytics_page(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    days: Days = 30,
    site: SiteFilter = None,
    language: LanguageFilter = None,
) -> Response:
    """Objections over time, traffic heat map, conversion proxies."""
    found = tables(session, _scope(user, site, days, language))
    return _render(
        request,
        user,
        "analytics.html",
        tables=found,
        days=days,
        site=site or "",
        language=language or "",
    )


@router.get("/export/{table}.csv")
def export_csv(
    user: CurrentUser,
    session: SessionDep,
    table: str,
    days: Days = 30,
    site: SiteFilter = None,
    language: LanguageFilter = None,
) -> Response:
    """Any analytics or scorecard table as CSV."""
    found = tables(session, _scope(user, site, days, language))
    if table not in found:
        raise NotFoundError(f"no table {table!r}; tables: {', '.join(found)}")
    return found[table].response()
