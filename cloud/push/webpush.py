"""One Web Push message: encrypted for the browser (RFC 8291), signed for its push service.

The payload is encrypted with `http_ece` (aes128gcm, RFC 8188) from a fresh ECDH key and salt
per message; the request carries a VAPID JWT (RFC 8292, `py_vapid`) whose audience is the
push service's origin. The client is a thin typed wrapper over `httpx.AsyncClient` that takes
`transport=`.
"""

from __future__ import annotations

import base64
import os
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import http_ece
import httpx
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

#: Largest payload a push service must take (RFC 8030 section 7.2 allows 4096 bytes of body).
MAX_PAYLOAD = 3800
Outcome = Literal["sent", "gone", "retry", "refused"]


@dataclass(frozen=True)
class Target:
    """Where to send: the subscription's endpoint and its keys (base64url)."""

    endpoint: str
    p256dh: str
    auth: str


def _b64(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def encrypt(payload: bytes, p256dh: str, auth: str) -> bytes:
    """`payload` encrypted for the browser whose keys these are (aes128gcm, one record)."""
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"push payload of {len(payload)} bytes; at most {MAX_PAYLOAD}")
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    return bytes(
        http_ece.encrypt(
            payload,
            salt=os.urandom(16),
            private_key=ephemeral,
            dh=_b64(p256dh),
            auth_secret=_b64(auth),
            version="aes128gcm",
        )
    )


def audience(endpoint: str) -> str:
    """The push service's origin (the JWT's `aud`)."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class WebPushClient:
    """Sends encrypted, VAPID-signed messages to push services."""

    def __init__(
        self,
        signer: Vapid02,
        subject: str,
        *,
        ttl_s: int = 3600,
        timeout_s: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Sign as `signer` with contact `subject` (`mailto:` or `https:`)."""
        self._signer, self._subject, self._ttl = signer, subject, ttl_s
        self._http = httpx.AsyncClient(timeout=timeout_s, transport=transport)

    def headers(self, endpoint: str) -> dict[str, str]:
        """The VAPID `Authorization` header (a JWT valid 12 h) and the message headers."""
        claims = {
            "aud": audience(endpoint),
            "sub": self._subject,
            "exp": int(time.time()) + 12 * 3600,
        }
        signed = self._signer.sign(claims)
        return {
            "Authorization": str(signed["Authorization"]),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(self._ttl),
            "Urgency": "high",
        }

    async def send(self, target: Target, payload: bytes) -> tuple[Outcome, str]:
        """Send one message; the outcome and, when not sent, why.

        `gone`: the subscription expired or was withdrawn (404/410; delete it); `retry`: the
        service is busy or down (429, 5xx, no connection); `refused`: it rejected the message.
        """
        body = encrypt(payload, target.p256dh, target.auth)
        try:
            answer = await self._http.post(
                target.endpoint, content=body, headers=self.headers(target.endpoint)
            )
        except httpx.HTTPError as err:
            return "retry", f"push service unreachable: {err}"
        if answer.status_code in (200, 201, 202):
            return "sent", ""
        reason = f"push service answered {answer.status_code}: {answer.text[:200]}"
        if answer.status_code in (404, 410):
            return "gone", reason
        if answer.status_code == 429 or answer.status_code >= 500:
            return "retry", reason
        return "refused", reason

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()
