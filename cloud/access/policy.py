"""What a new password must be (OWASP ASVS 4.0.3 V2.1): long enough, not a common one.

- V2.1.1: at least 12 characters; V2.1.2: at most 128 (ours), and V2.1.3: kept as typed (no
  truncation, spaces and any Unicode allowed).
- V2.1.7: refused when it is on a list of common and breached passwords shipped with the
  package (`data/common-passwords.txt`: the 11,611 passwords of 8 characters or more among the
  30,000 most frequent of the `passwords` list in the `zxcvbn` 4.5.0 package on PyPI, MIT, see
  `data/common-passwords.LICENSE.txt`; the list is ranked from leaked password dumps). A common
  password with digits or symbols tacked on (`password1234!`) counts as the common password.
"""

from __future__ import annotations

import functools
from importlib import resources

MIN_LENGTH = 12
MAX_LENGTH = 128


class PasswordRejected(ValueError):
    """The new password does not meet the policy; the message says why."""


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list, lower-cased."""
    text = resources.files("cloud.access").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def _stem(password: str) -> str:
    """The password without what people tack on at the end (digits, symbols, spaces)."""
    return password.lower().rstrip("0123456789!@#$%^&*()-_=+.,;:?'\" ")


def check_password(password: str) -> None:
    """`PasswordRejected` unless `password` may be set as a new password."""
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(f"a password may have at most {MAX_LENGTH} characters")
    common = common_passwords()
    lowered, stem = password.lower(), _stem(password)
    if lowered in common or (stem in common) or len(set(lowered)) < 3:
        raise PasswordRejected(
            "this password is one of the most common or breached ones: choose another"
        )
