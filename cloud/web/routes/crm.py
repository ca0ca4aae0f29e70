"""CRM on the conversation page: search, link with consent, sync state and retry; the sync page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm import enqueue, people, status
from cloud.crm.connect import config_for
from cloud.crm.connector import CrmError
from cloud.crm.model import Consent, Match
from cloud.score import outcomes, prospects
from cloud.store.tenancy import Site
from cloud.views import conversation
from cloud.views.scope import Principal, Scope
from cloud.web import followup_panel
from cloud.web.crm_panel import call, panel
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render,
    require_manager,
    translations,
)
from cloud.web.i18n import N_

router = APIRouter(tags=["crm"], include_in_schema=False)
Csrf = [Depends(check_csrf)]
Text = Annotated[str, Form(max_length=320)]
#: The wording a salesperson reads to the customer; recorded with the link.
CONSENT_TEXT = N_(
    "I agree that this dealership keeps my name, e-mail and phone number in its CRM with a "
    "summary of today's conversation, and contacts me about it."
)


def conversation_page(
    request: Request, user: Principal, session: Session, conversation_id: str, **extra: Any
) -> Response:
    """The conversation page with its CRM panel (`extra`: a search's matches or a problem)."""
    code = int(extra.pop("code", 200))
    notice = extra.pop("followup_notice", None)
    view = conversation.conversation(session, Scope.of(user), conversation_id)
    links = request.app.state.followup_links
    context = {
        "view": view,
        "crm": panel(session, view.conversation, **extra),
        "followup": followup_panel.panel(
            session, links, view.conversation, notice, code >= 400, translations(request)
        ),
        "consent_text": translations(request).gettext(CONSENT_TEXT),
        "purchase": prospects.one(session, view.conversation),
        "outcome": outcomes.of(session, view.conversation.tenant_id, view.conversation.id),
        "user": user,
        "path": request.url.path,
    }
    return render(request, "conversation.html", context, status_code=code)


@router.post(
    "/conversations/{conversation_id}/crm/search", response_class=HTMLResponse, dependencies=Csrf
)
def search(
    request: Request, user: CurrentUser, session: SessionDep, conversation_id: str, query: Text
) -> Response:
    """Search the site's CRM by e-mail or phone."""
    require_manager(user)
    conv = conversation.get(session, Scope.of(user), conversation_id)
    config = config_for(session, conv.tenant_id, conv.site_id)
    if config is None:
        return conversation_page(
            request,
            user,
            session,
            conversation_id,
            problem=translations(request).gettext("This site has no CRM set up."),
        )
    try:
        matches = call(request, config, lambda connector: connector.search(query.strip()))
    except CrmError as err:
        return conversation_page(
            request, user, session, conversation_id, problem=str(err), searched=query
        )
    return conversation_page(
        request, user, session, conversation_id, matches=matches, searched=query
    )


@router.post(
    "/conversations/{conversation_id}/crm/link", response_class=HTMLResponse, dependencies=Csrf
)
def link(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    conversation_id: str,
    last_name: Text,
    first_name: Text = "",
    email: Text = "",
    phone: Text = "",
    remote_id: Text = "",
    consent: Annotated[bool, Form()] = False,
    contact: Annotated[bool, Form()] = False,
) -> Response:
    """Link the conversation to a CRM match or a new lead; only with the customer's consent."""
    require_manager(user)
    conv = conversation.get(session, Scope.of(user), conversation_id)
    if not consent:
        return conversation_page(
            request,
            user,
            session,
            conversation_id,
            code=400,
            problem=translations(request).gettext(
                "Not linked: tick the box once the customer has agreed (nothing was saved)."
            ),
        )
    config = config_for(session, conv.tenant_id, conv.site_id)
    tenant, site = conv.tenant_id, conv.site_id
    if people.linked(session, tenant, site, conv.id) is not None:
        raise HTTPException(409, f"conversation {conv.id!r} is already linked to a person")
    agreed = Consent(
        by_user=user.email,
        at=datetime.now(UTC),
        scopes=("crm", "email", "sms") if contact else ("crm",),
        text=translations(request).gettext(CONSENT_TEXT),
    )
    try:  # every check comes before the first write
        if remote_id and config is not None:
            match = Match(
                remote_id=remote_id,
                first_name=first_name,
                last_name=last_name,
                email=email or None,
                phone=phone or None,
            )
            person = people.from_match(
                session, tenant=tenant, site=site, vendor=config.vendor, match=match, by=user.email
            )
        else:
            person = people.create(
                session,
                tenant=tenant,
                site=site,
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                by=user.email,
            )
    except ValueError as err:
        problem = translations(request).gettext("Not linked: %(why)s") % {"why": err}
        return conversation_page(request, user, session, conversation_id, code=400, problem=problem)
    enqueue.link(
        session, tenant=tenant, site=site, conversation_id=conv.id, person=person, consent=agreed
    )
    return RedirectResponse(f"/conversations/{conversation_id}", status_code=303)


@router.post("/conversations/{conversation_id}/crm/retry", dependencies=Csrf)
def retry(user: CurrentUser, session: SessionDep, conversation_id: str) -> Response:
    """Send the conversation's failed jobs again."""
    require_manager(user)
    conv = conversation.get(session, Scope.of(user), conversation_id)
    status.retry(session, conv.tenant_id, conv.site_id, conversation_id=conv.id)
    return RedirectResponse(f"/conversations/{conversation_id}", status_code=303)


@router.get("/crm", response_class=HTMLResponse)
def sync_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Backlog, last success and failures of each site's CRM sync."""
    sites = status.sites(session, user.tenant_id, user.site_id)
    query = select(Site.id).where(Site.tenant_id == user.tenant_id).order_by(Site.id)
    if user.site_id is not None:
        query = query.where(Site.id == user.site_id)
    context = {
        "sites": sites,
        "site_ids": list(session.scalars(query)),
        "user": user,
        "path": request.url.path,
    }
    return render(request, "crm_sync.html", context)
