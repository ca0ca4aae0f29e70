"""What Twilio sends to a messaging webhook when a customer replies: a signed form POST."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from harness.twilio.account import Account


def sign(auth_token: str, url: str, params: dict[str, str]) -> str:
    """`X-Twilio-Signature` as Twilio documents it (HMAC-SHA1 of URL + sorted name/value pairs)."""
    signed = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def reply(
    account: Account, url: str, sender: str, to: str, body: str
) -> tuple[dict[str, str], dict[str, str]]:
    """The form and headers Twilio POSTs to `url` (the webhook as set in Twilio) for a reply."""
    params = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": account.sid,
        "From": sender,
        "To": to,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
    }
    params["SmsSid"] = params["MessageSid"]
    return params, {"X-Twilio-Signature": sign(account.token, url, params)}
