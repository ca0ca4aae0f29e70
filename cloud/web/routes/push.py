"""A manager's alerts on their devices: Web Push subscriptions, which alerts, which sites."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cloud.alerts.text import KINDS, kind_name
from cloud.store.push import PushSubscription
from cloud.store.tenancy import Site
from cloud.views.scope import Principal
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    csrf_matches,
    render_page,
    require_manager,
    translations,
)
from cloud.web.i18n import N_

router = APIRouter(tags=["account"], include_in_schema=False)
Kind = Literal["waiting", "sentiment", "complaint"]
B64 = r"^[A-Za-z0-9_-]+={0,2}$"


class BrowserKeys(BaseModel):
    """The keys of `PushSubscription.toJSON()` (base64url)."""

    model_config = ConfigDict(extra="forbid")

    p256dh: str = Field(min_length=80, max_length=100, pattern=B64)
    auth: str = Field(min_length=16, max_length=32, pattern=B64)


class SubscriptionCreate(BaseModel):
    """A browser's push subscription and the manager's choice of alerts and sites."""

    model_config = ConfigDict(extra="ignore")  # the browser also sends expirationTime

    endpoint: str = Field(min_length=10, max_length=1000)
    keys: BrowserKeys
    kinds: list[Kind] = Field(min_length=1, max_length=3)
    sites: list[str] = Field(default_factory=list, max_length=200)


def check_csrf_header(
    request: Request, x_csrf_token: Annotated[str, Header(max_length=200)] = ""
) -> None:
    """403 unless the `X-CSRF-Token` header matches the session's token (JSON requests)."""
    if not csrf_matches(request, x_csrf_token):
        text = translations(request).gettext("the page expired: reload it")
        raise HTTPException(status.HTTP_403_FORBIDDEN, text)


def _visible_sites(session: Session, user: Principal) -> list[str]:
    query = select(Site.id).where(Site.tenant_id == user.tenant_id).order_by(Site.id)
    if user.site_id is not None:
        query = query.where(Site.id == user.site_id)
    return list(session.scalars(query))


def _endpoint_problem(endpoint: str, allow_loopback_http: bool) -> str | None:
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and allow_loopback_http and parts.hostname:
        try:
            if parts.hostname == "localhost" or ipaddress.ip_address(parts.hostname).is_loopback:
                return None
        except ValueError:
            pass
    return N_("a push endpoint must be an https:// URL of a push service")


def _page(request: Request, user: Principal, session: Session, **extra: Any) -> Response:
    subscriptions = session.scalars(
        select(PushSubscription)
        .where(
            PushSubscription.tenant_id == user.tenant_id,
            PushSubscription.user_id == user.user_id,
        )
        .order_by(PushSubscription.id)
    ).all()
    return render_page(
        request,
        user,
        "alerts.html",
        subscriptions=subscriptions,
        kinds={kind: kind_name(kind, translations(request)) for kind in KINDS},
        sites=_visible_sites(session, user),
        public_key=request.app.state.vapid_public_key,
        **extra,
    )


@router.get("/account/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """The user's devices that take alerts, and the form to add this one."""
    return _page(request, user, session)


@router.post(
    "/account/alerts/subscriptions",
    status_code=201,
    dependencies=[Depends(check_csrf_header)],
)
def subscribe(
    request: Request, user: CurrentUser, session: SessionDep, body: SubscriptionCreate
) -> Response:
    """Store this browser's subscription (an endpoint seen before moves to this user)."""
    require_manager(user)
    problem = _endpoint_problem(body.endpoint, request.app.state.settings.push_allow_http_loopback)
    gettext = translations(request).gettext
    if problem is not None:
        raise HTTPException(422, gettext(problem))
    visible = _visible_sites(session, user)
    unknown = sorted(set(body.sites) - set(visible))
    if unknown:
        raise HTTPException(404, gettext("no site %(site)r") % {"site": unknown[0]})
    session.execute(delete(PushSubscription).where(PushSubscription.endpoint == body.endpoint))
    row = PushSubscription(
        tenant_id=user.tenant_id,
        user_id=user.user_id,
        endpoint=body.endpoint,
        p256dh=body.keys.p256dh,
        auth=body.keys.auth,
        kinds=",".join(sorted(set(body.kinds))),
        sites=",".join(sorted(set(body.sites))),
    )
    session.add(row)
    session.flush()
    return JSONResponse({"id": row.id, "kinds": row.kinds, "sites": row.sites}, status_code=201)


@router.post(
    "/account/alerts/subscriptions/{subscription_id}/delete",
    response_class=HTMLResponse,
    dependencies=[Depends(check_csrf)],
)
def unsubscribe(
    request: Request, user: CurrentUser, session: SessionDep, subscription_id: int
) -> Response:
    """Stop alerts to one of the user's devices."""
    row = session.get(PushSubscription, subscription_id)
    if row is None or row.user_id != user.user_id or row.tenant_id != user.tenant_id:
        raise HTTPException(404, f"no subscription {subscription_id}")
    session.delete(row)
    session.flush()
    return _page(
        request,
        user,
        session,
        message=translations(request).gettext("That device no longer gets alerts."),
    )
