"""Argon2id password hashing and API tokens (only their SHA-256 is stored).

Each argon2 hash or check takes 64 MiB for a moment; `HashGate` bounds how many run at once
in the web process, so a burst of logins queues (then is refused) instead of eating memory.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cloud.access.policy import check_password

_HASHER = PasswordHasher()
TOKEN_PREFIX = "sfc_"


class HashingBusy(RuntimeError):
    """Every password-hashing slot stayed taken for the whole wait."""


class HashGate:
    """At most `slots` password hashes at once; a caller waits up to `wait_s` for a slot."""

    def __init__(self, slots: int, wait_s: float) -> None:
        """Bound concurrent hashing to `slots`."""
        self._slots = threading.BoundedSemaphore(slots)
        self._wait_s = wait_s

    def verify(self, stored: str | None, password: str) -> bool:
        """`verify_password` inside a slot; `HashingBusy` when none frees up in time."""
        if not self._slots.acquire(timeout=self._wait_s):
            raise HashingBusy("too many logins at once: try again in a few seconds")
        try:
            return verify_password(stored, password)
        finally:
            self._slots.release()

    def hash(self, password: str) -> str:
        """`hash_password` inside a slot; `HashingBusy` when none frees up in time."""
        if not self._slots.acquire(timeout=self._wait_s):
            raise HashingBusy("too many password changes at once: try again in a few seconds")
        try:
            return hash_password(password)
        finally:
            self._slots.release()


def hash_password(password: str) -> str:
    """Argon2id hash of `password`; `PasswordRejected` if the policy refuses it."""
    check_password(password)
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored` (None: no such account, still costs a verify)."""
    try:
        return _HASHER.verify(stored or _dummy(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy() -> str:
    """Verified against when the account does not exist, so timing does not reveal accounts.

    Made on first use, not at import: every CLI command and hub-side tool that imports the
    cloud's access package would otherwise pay an argon2 hash (64 MiB, ~50 ms) for nothing.
    """
    return _HASHER.hash("not-a-real-password")


def new_token() -> str:
    """A fresh API token to show once."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for a token."""
    return hashlib.sha256(token.encode()).hexdigest()
