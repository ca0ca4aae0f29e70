"""Log in and out: argon2-checked passwords, a signed session cookie, a failed-login limit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from cloud.access.passwords import verify_password
from cloud.store.tenancy import User
from cloud.web.deps import SessionDep, check_csrf, render

router = APIRouter(tags=["auth"], include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    """The login form."""
    return render(request, "login.html", {"error": None})


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    """Check the password; 429 after too many failures from one address for one account."""
    limiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    key = f"{client}|{email.strip().lower()}"
    wait = limiter.retry_after(key)
    if wait:
        return render(
            request,
            "login.html",
            {"error": f"Too many attempts: try again in {wait} s."},
            status_code=429,
            headers={"Retry-After": str(wait)},
        )
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if not verify_password(user.password_hash if user else None, password) or user is None:
        limiter.failed(key)
        return render(request, "login.html", {"error": "Wrong e-mail or password."}, 401)
    limiter.succeeded(key)
    request.session.clear()
    request.session["uid"] = user.id
    return RedirectResponse("/floor", status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    """End the session."""
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
