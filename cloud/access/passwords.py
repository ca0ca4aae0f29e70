"""Argon2id password hashing and API tokens (only their SHA-256 is stored)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
#: Verified against when the account does not exist, so timing does not reveal accounts.
_DUMMY = _HASHER.hash("not-a-real-password")
TOKEN_PREFIX = "sfc_"


def hash_password(password: str) -> str:
    """Argon2id hash of `password`."""
    if len(password) < 8:
        raise ValueError("a password needs at least 8 characters")
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored` (None: no such account, still costs a verify)."""
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A fresh API token to show once."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for a token."""
    return hashlib.sha256(token.encode()).hexdigest()
