"""Log in and out: argon2-checked passwords, a signed session cookie, login throttling.

The throttle is asked before any password is hashed, and hashing runs in a bounded number of
slots (`HashGate`), so a burst of logins costs neither unbounded memory nor CPU.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from cloud.access.passwords import HashGate, HashingBusy
from cloud.access.ratelimit import LoginThrottle
from cloud.store import accounts
from cloud.store.tenancy import User
from cloud.web.deps import SessionDep, check_csrf, render, session_user, sign_in, translations

_LOGGER = logging.getLogger(__name__)
router = APIRouter(tags=["auth"], include_in_schema=False)


def _refused(request: Request, message: str, status_code: int, wait: int) -> Response:
    return render(
        request,
        "login.html",
        {"error": message},
        status_code=status_code,
        headers={"Retry-After": str(wait)},
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    """The login form."""
    return render(request, "login.html", {"error": None})


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    """Check the password; 429 when throttled, 503 when every hashing slot stays busy.

    The user is read in a short session of its own: no database connection is held while
    the password waits for a hashing slot.
    """
    throttle: LoginThrottle = request.app.state.throttle
    gate: HashGate = request.app.state.hash_gate
    address = request.client.host if request.client else "unknown"
    account = email.strip().lower()
    wait = throttle.check(address, account)
    _ = translations(request).gettext
    if wait:
        _LOGGER.warning("login throttled: account %r from %s for %d s", account, address, wait)
        message = _("Too many attempts: try again in %(wait)d s.") % {"wait": wait}
        return _refused(request, message, 429, wait)
    with request.app.state.sessions() as session:
        user = session.scalar(select(User).where(User.email == account))
    try:
        matches = gate.verify(user.password_hash if user else None, password)
    except HashingBusy:
        return _refused(request, _("Too many logins at once: try again in a few seconds."), 503, 5)
    if user is None or not matches or not user.active:
        throttle.failed(address, account)
        _LOGGER.warning("login failed: account %r from %s", account, address)
        return render(request, "login.html", {"error": _("Wrong e-mail or password.")}, 401)
    throttle.succeeded(address, account)
    _LOGGER.info("login: user %d (%s) from %s", user.id, user.email, address)
    sign_in(request, user)
    return RedirectResponse("/floor", status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, session: SessionDep) -> Response:
    """End every session of the user (this browser's and any other)."""
    user = session_user(request, session)
    if user is not None:
        accounts.end_sessions(user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
