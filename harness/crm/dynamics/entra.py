"""The fake's Microsoft Entra ID token endpoint (client credentials, v2.0), tokens that expire.

`POST /{tenant}/oauth2/v2.0/token` with grant_type, client_id, client_secret and
scope=`{resource}/.default`; 200 `{"token_type", "expires_in", "ext_expires_in",
"access_token"}`, or 400/401 `{"error", "error_description": "AADSTS..."}` as Entra answers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from harness.crm.clock import FakeClock

FORM_KEYS = ("grant_type", "client_id", "client_secret", "scope")


class Refused(Exception):
    """Entra's error answer with its status."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.body = {"error": error, "error_description": description, "error_codes": []}


@dataclass
class Entra:
    """One tenant, one app registration, the tokens handed out."""

    clock: FakeClock
    tenant_id: str = "00000000-0000-0000-0000-00000000aaaa"
    client_id: str = "11111111-1111-1111-1111-111111111111"
    client_secret: str = "fake-secret"
    resource: str = ""
    token_lifetime_s: int = 3599
    tokens: dict[str, float] = field(default_factory=dict)
    issued: int = 0

    def grant(self, tenant: str, form: dict[str, str]) -> dict[str, object]:
        """Check the request and hand out a token."""
        missing = [key for key in FORM_KEYS if not form.get(key)]
        if missing:
            raise Refused(400, "invalid_request", f"AADSTS900144: missing {missing[0]}")
        if form["grant_type"] != "client_credentials":
            raise Refused(400, "unsupported_grant_type", "AADSTS70003: unsupported grant")
        if tenant != self.tenant_id:
            raise Refused(400, "invalid_request", f"AADSTS90002: Tenant '{tenant}' not found.")
        if form["client_id"] != self.client_id:
            raise Refused(
                400,
                "unauthorized_client",
                f"AADSTS700016: Application with identifier '{form['client_id']}' was not "
                "found in the directory.",
            )
        if form["client_secret"] != self.client_secret:
            raise Refused(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        if form["scope"] != f"{self.resource}/.default":
            raise Refused(
                400,
                "invalid_resource",
                f"AADSTS500011: The resource principal named {form['scope']} was not found.",
            )
        token = secrets.token_urlsafe(24)
        self.tokens[token] = self.clock() + self.token_lifetime_s
        self.issued += 1
        return {
            "token_type": "Bearer",
            "expires_in": self.token_lifetime_s,
            "ext_expires_in": self.token_lifetime_s,
            "access_token": token,
        }

    def valid(self, token: str) -> bool:
        """True while the token has not expired or been revoked."""
        expires = self.tokens.get(token)
        return expires is not None and self.clock() < expires

    def expire_all(self) -> None:
        """Every token handed out stops working."""
        self.tokens.clear()
