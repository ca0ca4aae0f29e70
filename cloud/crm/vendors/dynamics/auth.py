"""A Dataverse access token from Microsoft Entra ID (OAuth 2.0 client credentials).

`POST {authority}/{tenant}/oauth2/v2.0/token` with `scope={org_url}/.default`; the answer's
`expires_in` sets when the cache refreshes it. Entra's refusals (`AADSTS...`) become one line
an admin can act on.
"""

from __future__ import annotations

import httpx
from pydantic import ValidationError

from cloud.crm.backoff import TransientError
from cloud.crm.connector import CrmAuthError
from cloud.crm.oauth import Token
from cloud.crm.vendors.dynamics.settings import Settings
from cloud.crm.vendors.dynamics.wire import EntraError, EntraToken

#: AADSTS codes an admin can act on (learn.microsoft.com, Entra authentication error codes).
_CODES = {
    "AADSTS7000215": "bad client secret",
    "AADSTS7000222": "the client secret has expired",
    "AADSTS700016": "unknown client id (no app registration in this tenant)",
    "AADSTS90002": "unknown tenant id",
    "AADSTS500011": "no Dataverse environment at org_url (the scope's resource is unknown)",
}


def _refusal(error: EntraError) -> str:
    for code, meaning in _CODES.items():
        if error.error_description.startswith(code):
            return f"{meaning} ({code})"
    return f"token refused: {error.error} ({error.error_description[:200]})"


async def fetch_token(client: httpx.AsyncClient, settings: Settings, now: float) -> Token:
    """A new token; `CrmAuthError` when refused, `TransientError` when Entra is unreachable."""
    url = f"{settings.authority.rstrip('/')}/{settings.tenant_id}/oauth2/v2.0/token"
    form = {
        "grant_type": "client_credentials",
        "client_id": settings.client_id,
        "client_secret": settings.client_secret.get_secret_value(),
        "scope": f"{settings.org_url.rstrip('/')}/.default",
    }
    try:
        response = await client.post(url, data=form)
    except httpx.TransportError as err:
        raise TransientError(f"Entra ID unreachable: {err!r}") from err
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientError(f"Entra ID answered {response.status_code}")
    try:
        if response.status_code != 200:
            raise CrmAuthError(_refusal(EntraError.model_validate_json(response.content)))
        answer = EntraToken.model_validate_json(response.content)
    except ValidationError as err:
        raise CrmAuthError(f"Entra ID answered {response.status_code}: unreadable") from err
    return Token(access_token=answer.access_token, expires_at=now + answer.expires_in)
