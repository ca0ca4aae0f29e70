"""Users' accounts after creation: passwords, disabling, sessions, API tokens.

A user's `session_key` is in every session cookie of theirs: a new key ends every session
(logout, password change, disabling). Tokens expire; revoking deletes the row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.access.passwords import hash_password, new_token, token_digest
from cloud.errors import NotFoundError
from cloud.store.base import utcnow
from cloud.store.tenancy import ApiToken, User, new_session_key

#: Longest life of an API token.
MAX_TOKEN_DAYS = 365


def find_user(session: Session, email: str) -> User:
    """The user with `email`; `NotFoundError` otherwise."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFoundError(f"no user {email!r}")
    return user


def end_sessions(user: User) -> str:
    """End every session of `user`; returns the new key (for a session that goes on)."""
    user.session_key = new_session_key()
    return user.session_key


def set_password(user: User, password: str, hasher: Callable[[str], str] = hash_password) -> str:
    """Set a new password (the policy applies) and end every session; returns the new key."""
    user.password_hash = hasher(password)
    return end_sessions(user)


def set_active(user: User, active: bool) -> None:
    """Disable (ending every session; tokens stop working) or enable a user."""
    user.active = active
    end_sessions(user)


def add_token(session: Session, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A token valid for `days` (1-365); returns its row and the token, shown once."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"a token lasts 1 to {MAX_TOKEN_DAYS} days, not {days}")
    token = new_token()
    row = ApiToken(
        user_id=user.id,
        name=name or "api",
        token_hash=token_digest(token),
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(row)
    session.flush()
    return row, token


def tokens(
    session: Session, tenant_id: str, site_id: str | None = None, user_id: int | None = None
) -> list[tuple[ApiToken, User]]:
    """Tokens of the tenant's users (of one site's users, of one user), newest first."""
    query = select(ApiToken, User).join(User).where(User.tenant_id == tenant_id)
    if site_id is not None:
        query = query.where(User.site_id == site_id)
    if user_id is not None:
        query = query.where(User.id == user_id)
    rows = session.execute(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    return [(token, user) for token, user in rows.tuples()]


def revoke_token(
    session: Session,
    token_id: int,
    tenant_id: str,
    site_id: str | None = None,
    user_id: int | None = None,
) -> tuple[ApiToken, User]:
    """Delete a token within the same bounds as `tokens`; `NotFoundError` outside them."""
    for token, user in tokens(session, tenant_id, site_id, user_id):
        if token.id == token_id:
            session.delete(token)
            return token, user
    raise NotFoundError(f"no token {token_id}")


def expired(token: ApiToken, now: datetime | None = None) -> bool:
    """Whether the token's time is over (tokens made before expiry existed never expire)."""
    return token.expires_at is not None and token.expires_at <= (now or utcnow())
