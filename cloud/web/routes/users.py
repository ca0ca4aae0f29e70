"""Admins: the users of their tenant (or site) and their tokens.

A site-limited admin sees and changes only users limited to the same site.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.access.passwords import HashingBusy
from cloud.access.policy import PasswordRejected
from cloud.errors import CloudError, NotFoundError
from cloud.store import accounts
from cloud.store import admin as store_admin
from cloud.store.audit import audit
from cloud.store.tenancy import ROLES, Site, User
from cloud.views.scope import Principal
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render_page,
    require_admin,
    translations,
)
from cloud.web.i18n import N_

router = APIRouter(tags=["users"], include_in_schema=False)
Csrf = [Depends(check_csrf)]


def _users(session: Session, admin: Principal) -> list[User]:
    query = select(User).where(User.tenant_id == admin.tenant_id)
    if admin.site_id is not None:
        query = query.where(User.site_id == admin.site_id)
    return list(session.scalars(query.order_by(User.email)))


def _user(session: Session, admin: Principal, user_id: int) -> User:
    for user in _users(session, admin):
        if user.id == user_id:
            return user
    raise NotFoundError(f"no user {user_id}")


def _page(request: Request, admin: Principal, session: Session, **extra: Any) -> Response:
    sites = session.scalars(
        select(Site.id).where(Site.tenant_id == admin.tenant_id).order_by(Site.id)
    ).all()
    context = {
        "users": _users(session, admin),
        "tokens": accounts.tokens(session, admin.tenant_id, admin.site_id),
        "sites": [s for s in sites if admin.site_id in (None, s)],
        "roles": ROLES,
        "error": None,
        "message": None,
    } | extra
    return render_page(request, admin, "users.html", **context)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Users and tokens of the admin's tenant (or site)."""
    require_admin(user)
    return _page(request, user, session)


@router.post("/users", response_class=HTMLResponse, dependencies=Csrf)
def add_user(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=16)] = "viewer",
    site_id: Annotated[str, Form(max_length=64)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """A new user of the tenant; a site-limited admin adds users of their own site only."""
    require_admin(user)
    site = user.site_id or site_id or None
    if user.site_id is not None and site_id not in ("", user.site_id):
        raise HTTPException(404, f"no site {site_id!r}")
    try:
        added = store_admin.add_user(
            session,
            email,
            password,
            user.tenant_id,
            role,
            site,
            name,
            request.app.state.hash_gate.hash,
        )
    except (CloudError, PasswordRejected, HashingBusy, ValueError) as err:
        return _page(
            request,
            user,
            session,
            error=translations(request).gettext("Not added: %(why)s") % {"why": err},
        )
    audit(session, user, "user.add", added.email, f"role {role}", site_id=site)
    return _page(
        request,
        user,
        session,
        message=translations(request).gettext("%(email)s added.") % {"email": added.email},
    )


def _set_active(
    request: Request, user: Principal, session: Session, user_id: int, on: bool
) -> Response:
    require_admin(user)
    target = _user(session, user, user_id)
    if target.id == user.user_id:
        raise HTTPException(409, "you cannot disable or enable yourself")
    accounts.set_active(target, on)
    action = "user.enable" if on else "user.disable"
    audit(session, user, action, target.email, "sessions ended", site_id=target.site_id)
    done = N_("%(email)s enabled.") if on else N_("%(email)s disabled.")
    message = translations(request).gettext(done) % {"email": target.email}
    return _page(request, user, session, message=message)


@router.post("/users/{user_id}/disable", response_class=HTMLResponse, dependencies=Csrf)
def disable_user(
    request: Request, user: CurrentUser, session: SessionDep, user_id: int
) -> Response:
    """Disable a user: their sessions end at once and their tokens stop working."""
    return _set_active(request, user, session, user_id, False)


@router.post("/users/{user_id}/enable", response_class=HTMLResponse, dependencies=Csrf)
def enable_user(request: Request, user: CurrentUser, session: SessionDep, user_id: int) -> Response:
    """Let a disabled user log in again."""
    return _set_active(request, user, session, user_id, True)


@router.post("/users/tokens/{token_id}/revoke", response_class=HTMLResponse, dependencies=Csrf)
def revoke_token(
    request: Request, user: CurrentUser, session: SessionDep, token_id: int
) -> Response:
    """Revoke any token of the admin's users."""
    require_admin(user)
    row, owner = accounts.revoke_token(session, token_id, user.tenant_id, user.site_id)
    audit(
        session,
        user,
        "token.revoke",
        owner.email,
        f"token {row.id} {row.name!r}",
        site_id=owner.site_id,
    )
    return _page(
        request,
        user,
        session,
        message=translations(request).gettext("Token %(name)r of %(email)s revoked.")
        % {"name": row.name, "email": owner.email},
    )
