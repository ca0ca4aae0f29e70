"""A follow-up text through Twilio's Messages resource (REST API 2010-04-01).

`POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth (Account SID and
Auth Token), form-encoded `To`, `From`, `Body`; `201` with the message's `sid` and `status`.
Errors carry Twilio's `code` and `message`: 21610 (the recipient replied STOP) records an
opt-out; 429/5xx and a refused connection may be retried; a timeout after the request went out
is `SendUnknown` (Twilio has no idempotency key, so it is not sent again on its own).
"""

from __future__ import annotations

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from cloud.followup.errors import OptedOut, SendFailed, SendRefused, SendUnknown
from cloud.followup.settings import FollowupSettings

#: Twilio's error code for a recipient who replied STOP.
UNSUBSCRIBED = 21610


class Created(BaseModel):
    """The part of Twilio's Message resource we keep."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sid: str
    status: str


class TwilioError(BaseModel):
    """Twilio's error body."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: int | None = None
    message: str = ""
    status: int | None = None


def send(
    settings: FollowupSettings,
    to: str,
    sender: str,
    body: str,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Created:
    """Send one text; the created message. Errors: see `cloud.followup.errors`."""
    sid, token = settings.twilio_account_sid, settings.twilio_auth_token
    if not sid or token is None:
        raise SendRefused("texts are not set up: followup.twilio_account_sid and _auth_token")
    url = f"{settings.twilio_base_url.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json"
    try:
        with httpx.Client(
            auth=(sid, token.get_secret_value()),
            timeout=settings.twilio_timeout_s,
            transport=transport,
        ) as client:
            answer = client.post(url, data={"To": to, "From": sender, "Body": body})
    except httpx.ConnectError as err:
        raise SendFailed(f"cannot reach Twilio: {err}") from err
    except httpx.HTTPError as err:
        raise SendUnknown(
            f"no answer from Twilio ({type(err).__name__}): the text may have been sent"
        ) from err
    if answer.status_code == 201:
        try:
            return Created.model_validate_json(answer.content)
        except ValidationError as err:
            raise SendUnknown(f"Twilio's answer was not a message: {answer.text[:200]}") from err
    try:
        error = TwilioError.model_validate_json(answer.content)
    except ValidationError:
        error = TwilioError(message=answer.text[:200])
    what = f"Twilio {answer.status_code}" + (f" ({error.code})" if error.code else "")
    if error.code == UNSUBSCRIBED:
        raise OptedOut(f"{what}: {error.message}", retry=False)
    if answer.status_code in (401, 403):
        raise SendRefused(f"{what}: {error.message} (check the Account SID and Auth Token)")
    retry = answer.status_code == 429 or answer.status_code >= 500
    raise SendFailed(f"{what}: {error.message}", retry=retry)
