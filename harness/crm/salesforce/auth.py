"""The fake's token endpoint: client credentials and the JWT bearer flow, tokens that expire.

Answers like Salesforce: 200 `{"access_token", "instance_url", "id", "token_type",
"issued_at", "signature"}`; 400 `{"error": "invalid_client" | "invalid_grant", ...}`. A token
lives `session_timeout_s` on the fake's clock, then the API answers 401 INVALID_SESSION_ID.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from harness.crm.clock import FakeClock

JWT_MAX_LIFETIME_S = 180


class TokenRefused(Exception):
    """400 from the token endpoint with `error` and `error_description`."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.body = {"error": error, "error_description": description}


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@dataclass
class Auth:
    """The connected app's credentials and the tokens handed out."""

    clock: FakeClock
    client_id: str = "fake-consumer-key"
    client_secret: str = "fake-consumer-secret"
    username: str = "integration@dealer.example"
    audience: str = "https://login.salesforce.com"
    public_key: rsa.RSAPublicKey | None = None
    session_timeout_s: float = 7200.0
    tokens: dict[str, float] = field(default_factory=dict)
    issued: int = 0

    def grant(self, form: dict[str, str]) -> str:
        """Check the grant and hand out a token."""
        if form["grant_type"] == "client_credentials":
            if form["client_id"] != self.client_id or form["client_secret"] != self.client_secret:
                raise TokenRefused("invalid_client", "invalid client credentials")
        else:
            self._check_jwt(form["assertion"])
        token = secrets.token_urlsafe(24)
        self.tokens[token] = self.clock() + self.session_timeout_s
        self.issued += 1
        return token

    def _check_jwt(self, assertion: str) -> None:
        try:
            header, claims, signature = assertion.split(".")
            head = json.loads(_unb64(header))
            body = json.loads(_unb64(claims))
        except ValueError as err:
            raise TokenRefused("invalid_grant", "invalid assertion") from err
        if head.get("alg") != "RS256" or self.public_key is None:
            raise TokenRefused("invalid_grant", "invalid assertion")
        try:
            self.public_key.verify(
                _unb64(signature),
                f"{header}.{claims}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature as err:
            raise TokenRefused("invalid_grant", "invalid assertion") from err
        if body.get("iss") != self.client_id:
            raise TokenRefused("invalid_client_id", "client identifier invalid")
        if body.get("sub") != self.username:
            raise TokenRefused("invalid_grant", "user hasn't approved this consumer")
        if body.get("aud") != self.audience:
            raise TokenRefused("invalid_grant", "audience is invalid")
        exp = float(body.get("exp", 0))
        if not time.time() < exp <= time.time() + JWT_MAX_LIFETIME_S + 5:
            raise TokenRefused("invalid_grant", "expired authorization code")

    def valid(self, token: str) -> bool:
        """True while the token has not expired or been revoked."""
        expires = self.tokens.get(token)
        return expires is not None and self.clock() < expires

    def expire_all(self) -> None:
        """Every token handed out stops working (a session timeout, an admin's revoke)."""
        self.tokens.clear()
