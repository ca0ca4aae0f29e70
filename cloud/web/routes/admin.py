"""Hubs and commands: register a hub (credentials + snippet), send commands, forget subjects."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal

from anyio import from_thread
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud import commands
from cloud.errors import BrokerError, CloudError, NotFoundError
from cloud.store import admin as store_admin
from cloud.store.audit import audit
from cloud.store.events import CommandAudit
from cloud.store.tenancy import Hub, Site
from cloud.store.zones import site_zones
from cloud.views.scope import Principal, Scope
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render,
    require_admin,
    require_manager,
)
from contract.ids import HubAddress

_LOGGER = logging.getLogger(__name__)
router = APIRouter(tags=["admin"], include_in_schema=False)
Csrf = [Depends(check_csrf)]
Slug = Annotated[str, Form(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]


def _render(request: Request, user: Principal, name: str, **context: Any) -> Response:
    context.update(user=user, path=request.url.path)
    return render(request, name, context)


def _hubs_context(session: Session, user: Principal) -> dict[str, Any]:
    scope = Scope.of(user)
    hubs = session.scalars(select(Hub).where(scope.where(Hub)).order_by(Hub.site_id, Hub.id))
    sites = session.scalars(
        select(Site)
        .where(Site.tenant_id == user.tenant_id)
        .where(Site.id == user.site_id if user.site_id else Site.id.is_not(None))
        .order_by(Site.id)
    )
    audit = session.scalars(
        select(CommandAudit)
        .where(scope.where(CommandAudit))
        .order_by(CommandAudit.requested_at.desc())
        .limit(20)
    )
    return {
        "hubs": list(hubs),
        "sites": list(sites),
        "audit": list(audit),
        "zones": site_zones(session, user.tenant_id),
    }


@router.get("/hubs", response_class=HTMLResponse)
def hubs_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Hubs, their state, commands and the command audit."""
    return _render(request, user, "hubs.html", **_hubs_context(session, user), added=None)


def regenerate_broker_files(request: Request, session: Session) -> None:
    """Rewrite the Mosquitto files after a hub change (when the cloud knows its broker user)."""
    settings = request.app.state.settings
    broker = settings.broker
    if broker is not None and broker.username and broker.password:
        store_admin.write_broker_files(
            session, settings.resolved_broker_dir, broker.username, broker.password
        )


@router.post("/hubs", response_class=HTMLResponse, dependencies=Csrf)
def add_hub(
    request: Request, user: CurrentUser, session: SessionDep, site_id: Slug, hub_id: Slug
) -> Response:
    """Register a hub of the user's tenant; the page shows its config snippet once."""
    require_admin(user)
    if user.site_id is not None and site_id != user.site_id:
        raise HTTPException(404, f"no site {site_id!r}")
    try:
        added = store_admin.add_hub(
            session,
            HubAddress(user.tenant_id, site_id, hub_id),
            hub_id,
            request.app.state.settings.broker_public_url,
        )
    except CloudError as err:
        raise HTTPException(404 if "no site" in str(err) else 409, str(err)) from err
    session.flush()
    audit(session, user, "hub.add", added.hub.id, f"site {site_id}", site_id=site_id)
    regenerate_broker_files(request, session)
    return _render(request, user, "hubs.html", **_hubs_context(session, user), added=added)


@router.post("/sites/{site_id}/timezone", response_class=HTMLResponse, dependencies=Csrf)
def set_timezone(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    site_id: str,
    timezone: Annotated[str, Form(max_length=64)],
) -> Response:
    """Move a site of the admin's tenant to another IANA time zone (audited)."""
    require_admin(user)
    if user.site_id is not None and site_id != user.site_id:
        raise HTTPException(404, f"no site {site_id!r}")
    try:
        before = store_admin.set_site_timezone(session, user.tenant_id, site_id, timezone)
    except NotFoundError as err:
        raise HTTPException(404, str(err)) from err
    except ValueError as err:
        raise HTTPException(422, str(err)) from err
    audit(session, user, "site.timezone", site_id, f"{before} -> {timezone}", site_id=site_id)
    session.flush()
    return _render(request, user, "hubs.html", **_hubs_context(session, user), added=None)


def audit_forget(
    session: Session, user: Principal, sent: CommandAudit, problem: str | None
) -> None:
    """The audit log's line for a forget request (the command audit keeps the hub's answer)."""
    detail = f"request {sent.id}; {sent.removed_in_cloud} rows erased; {problem or 'sent'}"
    audit(session, user, "forget", sent.subject or "", detail, site_id=sent.site_id)


def _publish(request: Request, topic: str, payload: bytes) -> str | None:
    consumer = request.app.state.consumer
    if consumer is None:
        return "no broker configured: the command is recorded but not sent"
    try:
        from_thread.run(consumer.publish, topic, payload)
    except BrokerError as err:
        return f"not sent: {err}"
    return None


def send_command(
    request: Request,
    make: Callable[[Session], tuple[CommandAudit, str, bytes]],
    record: Callable[[Session, CommandAudit, str | None], None],
) -> tuple[CommandAudit, str | None]:
    """Commit a command (and what it did in the cloud) before publishing it, then record the send.

    The hub may answer within milliseconds; its answer is matched to the committed command row,
    so the row must exist first (ingest drops an answer to a command it does not know). Each
    step has its own transaction; the request's session only reads. Returns the command row
    (detached) and the problem, if it was not sent.
    """
    sessions = request.app.state.sessions
    with sessions.begin() as session:
        sent, topic, payload = make(session)
        session.flush()
        command_id = sent.id
    problem = _publish(request, topic, payload)
    with sessions.begin() as session:
        sent = session.get_one(CommandAudit, command_id)
        sent.published = problem is None
        record(session, sent, problem)
        session.flush()
        session.expunge(sent)
    return sent, problem


@router.post(
    "/hubs/{site_id}/{hub_id}/commands/{command}", response_class=HTMLResponse, dependencies=Csrf
)
def hub_command(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    site_id: str,
    hub_id: str,
    command: Literal["enrollment_sync", "config_reload"],
) -> Response:
    """Send an enrollment sync or a config reload to one hub."""
    require_manager(user)
    scope = Scope.of(user)

    def record(own: Session, sent: CommandAudit, problem: str | None) -> None:
        target = f"{sent.site_id}/{sent.hub_id}"
        audit(own, user, f"hub.{command}", target, problem or "sent", site_id=sent.site_id)

    _, problem = send_command(
        request,
        lambda own: commands.hub_command(own, scope, site_id, hub_id, command),
        record,
    )
    context = _hubs_context(session, user)
    return _render(request, user, "hubs.html", **context, added=None, problem=problem)


@router.post(
    "/conversations/{conversation_id}/forget", response_class=HTMLResponse, dependencies=Csrf
)
def forget(
    request: Request, user: CurrentUser, session: SessionDep, conversation_id: str
) -> Response:
    """Erase a conversation in the cloud and ask its hub to erase it too."""
    require_manager(user)
    scope = Scope.of(user)
    _, problem = send_command(
        request,
        lambda own: commands.forget_subject(own, scope, conversation_id),
        lambda own, sent, problem: audit_forget(own, user, sent, problem),
    )
    context = _hubs_context(session, user)
    return _render(request, user, "hubs.html", **context, added=None, problem=problem)
