"""Getting a Salesforce access token: client credentials or the JWT bearer flow.

Both POST a form to `{login_url}/services/oauth2/token` (the org's My Domain); the answer names
the `instance_url` every API call then goes to. Salesforce does not say when a token expires
(it lives as long as the org's session timeout), so the expiry is `session_lifetime_s` from now.
"""

from __future__ import annotations

import base64
import json
import time

import httpx
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pydantic import ValidationError

from cloud.crm.backoff import TransientError
from cloud.crm.connector import CrmAuthError, CrmConfigError
from cloud.crm.oauth import Token
from cloud.crm.vendors.salesforce.settings import Settings
from cloud.crm.vendors.salesforce.wire import TokenError, TokenResponse

JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
#: Salesforce accepts a JWT whose exp is at most 3 minutes away.
JWT_LIFETIME_S = 180
JWT_HEADER = b'{"alg":"RS256"}'


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_assertion(settings: Settings, now: float | None = None) -> str:
    """An RS256-signed JWT: iss = consumer key, sub = username, aud, exp <= 3 minutes."""
    if settings.jwt_private_key is None or settings.jwt_username is None:
        raise CrmConfigError("the JWT bearer flow needs jwt_username and jwt_private_key")
    try:
        key = serialization.load_pem_private_key(
            settings.jwt_private_key.get_secret_value().encode(), password=None
        )
    except (ValueError, TypeError, UnsupportedAlgorithm) as err:
        raise CrmConfigError("jwt_private_key is not a PEM private key") from err
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CrmConfigError("jwt_private_key must be an RSA key (RS256)")
    claims = {
        "iss": settings.client_id,
        "sub": settings.jwt_username,
        "aud": settings.jwt_audience,
        "exp": int((now or time.time()) + JWT_LIFETIME_S),
    }
    signing_input = f"{_b64(JWT_HEADER)}.{_b64(json.dumps(claims).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def token_form(settings: Settings) -> dict[str, str]:
    """The form the token endpoint gets for the configured flow."""
    if settings.auth == "jwt_bearer":
        return {"grant_type": JWT_GRANT, "assertion": jwt_assertion(settings)}
    if settings.client_secret is None:
        raise CrmConfigError("the client credentials flow needs client_secret")
    return {
        "grant_type": "client_credentials",
        "client_id": settings.client_id,
        "client_secret": settings.client_secret.get_secret_value(),
    }


def _refusal(settings: Settings, error: TokenError) -> str:
    """One line an admin can act on, from the token endpoint's error."""
    if error.error == "invalid_client":
        return f"bad client id or client secret ({error.error_description})"
    if settings.auth == "jwt_bearer" and error.error == "invalid_grant":
        return (
            f"JWT refused ({error.error_description}): check the certificate, the username "
            "and that the user is pre-authorized for the app"
        )
    return f"token refused: {error.error} ({error.error_description})"


async def fetch_token(client: httpx.AsyncClient, settings: Settings, now: float) -> Token:
    """A new token; `CrmAuthError` when refused, `TransientError` when the endpoint is down."""
    url = f"{settings.login_url.rstrip('/')}/services/oauth2/token"
    try:
        response = await client.post(
            url, data=token_form(settings), headers={"Accept": "application/json"}
        )
    except httpx.TransportError as err:
        raise TransientError(f"token endpoint unreachable: {err!r}") from err
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientError(f"token endpoint answered {response.status_code}")
    try:
        if response.status_code != 200:
            raise CrmAuthError(_refusal(settings, TokenError.model_validate_json(response.content)))
        answer = TokenResponse.model_validate_json(response.content)
    except ValidationError as err:
        raise CrmAuthError(f"token endpoint answered {response.status_code}: unreadable") from err
    return Token(
        access_token=answer.access_token,
        expires_at=now + settings.session_lifetime_s,
        instance_url=answer.instance_url.rstrip("/"),
    )
