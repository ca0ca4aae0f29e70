"""Request dependencies: the DB session, the signed-in user, the API token's user, CSRF."""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from collections.abc import Iterator
from typing import Annotated, Any

from babel.support import NullTranslations
from fastapi import Depends, Form, HTTPException, Request, Response, status
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.access.passwords import token_digest
from cloud.store import accounts
from cloud.store.tenancy import ApiToken, User
from cloud.views.scope import Principal
from cloud.web import i18n


class LoginRequired(Exception):
    """The page needs a signed-in user; the app answers with a redirect to /login."""


def get_session(request: Request) -> Iterator[Session]:
    """A database session for the request, committed when the handler returns."""
    with request.app.state.sessions.begin() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def principal_of(user: User) -> Principal:
    """The request-independent view of a signed-in user."""
    return Principal(user.id, user.email, user.tenant_id, user.site_id, user.role)


_principal = principal_of


def sign_in(request: Request, user: User) -> None:
    """Make the request's session (a fresh one) the user's."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["key"] = user.session_key


def session_user(request: Request, session: Session) -> User | None:
    """The active user whose id and current session key the cookie holds, else None."""
    user_id, key = request.session.get("uid"), request.session.get("key")
    if not isinstance(user_id, int) or not isinstance(key, str) or not key:
        return None
    user = session.get(User, user_id)
    if user is None or not user.active or not hmac.compare_digest(user.session_key, key):
        return None
    return user


def current_user(request: Request, session: SessionDep) -> Principal:
    """The user of the session cookie, or a redirect to the login page.

    The user's interface language (if they chose one) is kept on `request.state.locale`.
    """
    user = session_user(request, session)
    if user is None:
        request.session.clear()
        raise LoginRequired
    request.state.locale = user.locale
    return _principal(user)


def locale_of(request: Request) -> str:
    """The request's interface language: the user's choice, else the browser's, else English."""
    chosen = getattr(request.state, "locale", None)
    if isinstance(chosen, str) and chosen in i18n.LOCALES:
        return chosen
    return i18n.from_accept_language(request.headers.get("accept-language"))


def translations(request: Request) -> NullTranslations:
    """The request's catalogue, for messages made in Python (`.gettext(...)`)."""
    return i18n.translations(locale_of(request))


CurrentUser = Annotated[Principal, Depends(current_user)]


def token_user(request: Request, session: Session) -> User | None:
    """The active user of an unexpired `Authorization: Bearer` token, else None."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    found = session.execute(
        select(ApiToken, User).join(User).where(ApiToken.token_hash == token_digest(token.strip()))
    ).first()
    if found is None:
        return None
    row, user = found
    return user if user.active and not accounts.expired(row) else None


def api_user(request: Request, session: SessionDep) -> Principal:
    """The user of the `Authorization: Bearer` API token; 401 otherwise."""
    user = token_user(request, session)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "send a valid API token: Authorization: Bearer sfc_...",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return _principal(user)


def any_user(request: Request, session: Session) -> Principal | None:
    """The user of the session cookie or of a bearer token, if any (no redirect)."""
    user = session_user(request, session) or token_user(request, session)
    return None if user is None else _principal(user)


ApiUser = Annotated[Principal, Depends(api_user)]


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use), masked afresh for each form.

    A random pad and the token XOR the pad, so no two responses carry the same secret bytes:
    with compressed pages (gzip) an unchanging secret beside reflected input could be guessed
    from response sizes (BREACH).
    """
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    raw = token.encode()
    pad = secrets.token_bytes(len(raw))
    masked = bytes(a ^ b for a, b in zip(pad, raw, strict=True))
    return base64.urlsafe_b64encode(pad + masked).decode()


def csrf_matches(request: Request, sent: str) -> bool:
    """Whether `sent` is a masking of the session's CSRF token."""
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or len(sent) > 200:
        return False
    try:
        masked = base64.urlsafe_b64decode(sent.encode())
    except (binascii.Error, ValueError):
        return False
    half = len(masked) // 2
    if len(masked) % 2 or not half:
        return False
    unmasked = bytes(a ^ b for a, b in zip(masked[:half], masked[half:], strict=True))
    return hmac.compare_digest(expected.encode(), unmasked)


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """403 unless the form's `csrf` field is a masking of the session's token."""
    if not csrf_matches(request, csrf):
        text = translations(request).gettext("the form expired: reload the page")
        raise HTTPException(status.HTTP_403_FORBIDDEN, text)


CsrfChecked = Depends(check_csrf)


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """A page from the app's templates, in the request's language."""
    templates: Jinja2Templates = request.app.state.templates
    locale = locale_of(request)
    context = {**context, "locale": locale, "translations": i18n.translations(locale)}
    response: Response = templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )
    response.headers["content-language"] = locale
    return response


def require_manager(user: Principal) -> None:
    """403 unless an admin or manager."""
    if not user.can_manage:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "managers and admins only")


def require_admin(user: Principal) -> None:
    """403 unless an admin."""
    if user.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")


def render_page(request: Request, user: Principal, name: str, **context: Any) -> Response:
    """A page for a signed-in user (the header needs `user` and `path`)."""
    return render(request, name, {**context, "user": user, "path": request.url.path})


def client_address(request: Request) -> str:
    """The peer's address (the proxy's own when behind nginx without forwarded headers)."""
    return request.client.host if request.client else "unknown"
