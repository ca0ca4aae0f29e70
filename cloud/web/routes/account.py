"""A user's own account: change the password, make, list and revoke API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from cloud.access.passwords import HashGate, HashingBusy
from cloud.access.policy import PasswordRejected
from cloud.errors import NotFoundError
from cloud.store import accounts
from cloud.store.audit import audit
from cloud.store.tenancy import User
from cloud.views.scope import Principal
from cloud.web import i18n
from cloud.web.deps import CurrentUser, SessionDep, check_csrf, render_page, sign_in, translations

router = APIRouter(tags=["account"], include_in_schema=False)
Csrf = [Depends(check_csrf)]
Password = Annotated[str, Form(max_length=1000)]


def _page(
    request: Request, user: Principal, session: Session, status_code: int = 200, **extra: Any
) -> Response:
    tokens = accounts.tokens(session, user.tenant_id, user_id=user.user_id)
    context = {
        "tokens": tokens,
        "message": None,
        "error": None,
        "new_token": None,
        "languages": [(code, i18n.language_name(code)) for code in i18n.LOCALES],
        "chosen_locale": _me(session, user).locale or "",
    } | extra
    response = render_page(request, user, "account.html", **context)
    response.status_code = status_code
    return response


def _me(session: Session, user: Principal) -> User:
    row = session.get(User, user.user_id)
    if row is None:
        raise NotFoundError("no such user")
    return row


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Password form and the user's API tokens."""
    return _page(request, user, session)


@router.post("/account/password", response_class=HTMLResponse, dependencies=Csrf)
def change_password(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    current: Password,
    new: Password,
    confirm: Password,
) -> Response:
    """A new password; every other session of the user ends, this one goes on."""
    gate: HashGate = request.app.state.hash_gate
    me = _me(session, user)
    _ = translations(request).gettext
    try:
        if not gate.verify(me.password_hash, current):
            return _page(request, user, session, 400, error=_("The current password is wrong."))
        if new != confirm:
            return _page(request, user, session, 400, error=_("The new passwords differ."))
        accounts.set_password(me, new, gate.hash)
    except PasswordRejected as err:
        return _page(request, user, session, 400, error=_("Not changed: %(why)s.") % {"why": err})
    except HashingBusy as err:
        raise HTTPException(503, str(err), headers={"Retry-After": "5"}) from err
    audit(session, user, "user.password", me.email, "changed by the user; other sessions ended")
    sign_in(request, me)
    return _page(request, user, session, message=_("Password changed; other sessions ended."))


@router.post("/account/language", response_class=HTMLResponse, dependencies=Csrf)
def set_language(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    locale: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """The user's interface language; empty: follow the browser's. 400 for an unknown one."""
    if locale and locale not in i18n.LOCALES:
        error = translations(request).gettext("Unknown language %(code)r: choose one of %(all)s.")
        return _page(
            request, user, session, 400, error=error % {"code": locale, "all": i18n.LOCALES}
        )
    _me(session, user).locale = locale or None
    request.state.locale = locale or None
    session.flush()
    return _page(request, user, session, message=translations(request).gettext("Language saved."))


@router.post("/account/tokens", response_class=HTMLResponse, dependencies=Csrf)
def add_token(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    name: Annotated[str, Form(max_length=200)] = "api",
    days: Annotated[int, Form(ge=1, le=accounts.MAX_TOKEN_DAYS)] = 90,
) -> Response:
    """A new API token of the user, shown once."""
    row, token = accounts.add_token(session, _me(session, user), name, days)
    audit(session, user, "token.add", user.email, f"token {row.id} {row.name!r}, {days} days")
    return _page(request, user, session, new_token=token)


@router.post("/account/tokens/{token_id}/revoke", response_class=HTMLResponse, dependencies=Csrf)
def revoke_token(
    request: Request, user: CurrentUser, session: SessionDep, token_id: int
) -> Response:
    """Revoke one of the user's own tokens."""
    row, owner = accounts.revoke_token(session, token_id, user.tenant_id, user_id=user.user_id)
    audit(session, user, "token.revoke", owner.email, f"token {row.id} {row.name!r}")
    return _page(
        request,
        user,
        session,
        message=translations(request).gettext("Token %(name)r revoked.") % {"name": row.name},
    )
