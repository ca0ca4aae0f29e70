"""A Web Push service for tests: checks the VAPID JWT (RFC 8292), decrypts (RFC 8291).

It follows the published contract of a push service (RFC 8030) and is written from the RFCs
with `cryptography` alone (not with the libraries the cloud sends with), so it checks the
sender rather than repeating it. `/gone/...` answers 410 like an expired subscription.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def b64url(data: bytes) -> str:
    """Unpadded base64url."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    """Decode base64url with or without padding."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


@dataclass
class Browser:
    """A browser's push subscription keys (what `PushSubscription.toJSON()` holds)."""

    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        """The public key, base64url."""
        return b64url(_point(self.private.public_key()))

    @property
    def auth(self) -> str:
        """The auth secret, base64url."""
        return b64url(self.auth_secret)

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 section 3.4 + RFC 8188: the plaintext of an aes128gcm message."""
        salt, rs, idlen = body[:16], int.from_bytes(body[16:20], "big"), body[20]
        as_public = body[21 : 21 + idlen]
        ciphertext = body[21 + idlen :]
        if idlen != 65 or len(ciphertext) > rs:
            raise ValueError("not one aes128gcm record with the sender's key")
        sender = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public)
        shared = self.private.exchange(ec.ECDH(), sender)
        ua_public = _point(self.private.public_key())
        ikm = HKDF(
            hashes.SHA256(),
            32,
            salt=self.auth_secret,
            info=b"WebPush: info\x00" + ua_public + as_public,
        ).derive(shared)
        extract = hmac.HMAC(salt, hashes.SHA256())  # HKDF-Extract(salt, IKM)
        extract.update(ikm)
        prk = extract.finalize()
        cek = HKDFExpand(hashes.SHA256(), 16, b"Content-Encoding: aes128gcm\x00").derive(prk)
        nonce = HKDFExpand(hashes.SHA256(), 12, b"Content-Encoding: nonce\x00").derive(prk)
        padded = AESGCM(cek).decrypt(nonce, ciphertext, None)
        end = padded.rstrip(b"\x00")
        if not end.endswith(b"\x02"):  # the last record's delimiter
            raise ValueError("no last-record delimiter")
        return end[:-1]


def check_vapid(header: str, endpoint: str, public_key: str) -> dict[str, object]:
    """RFC 8292: `vapid t=JWT, k=KEY`; the JWT's ES256 signature, audience and expiry."""
    scheme, _, params = header.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"scheme {scheme!r}, not vapid")
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    if fields["k"] != public_key:
        raise ValueError("k is not the cloud's public key")
    head, claims, signature = fields["t"].split(".")
    if json.loads(unb64url(head)) != {"typ": "JWT", "alg": "ES256"}:
        raise ValueError(f"JWT header {unb64url(head)!r}")
    raw = unb64url(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(fields["k"]))
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as err:
        raise ValueError("bad JWT signature") from err
    found: dict[str, object] = json.loads(unb64url(claims))
    origin = urlsplit(endpoint)
    if found["aud"] != f"{origin.scheme}://{origin.netloc}":
        raise ValueError(f"aud {found['aud']!r}")
    expiry = found["exp"]
    if not isinstance(expiry, int) or not time.time() < expiry <= time.time() + 86400:
        raise ValueError(f"exp {expiry!r} not within 24 h")
    if not str(found["sub"]).startswith(("mailto:", "https:")):
        raise ValueError(f"sub {found['sub']!r}")
    return found


@dataclass
class PushService:
    """The service's state: the browsers it knows and what it delivered."""

    public_key: str
    browsers: dict[str, Browser] = field(default_factory=dict)
    delivered: list[tuple[str, dict[str, object], float]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    #: Requests `/push/{name}` answers 429 before it takes one (a busy service).
    busy: dict[str, int] = field(default_factory=dict)

    def app(self) -> Starlette:
        """The ASGI app: POST /push/{id} (201) and /gone/{id} (410)."""

        async def push(request: Request) -> Response:
            name = request.path_params["name"]
            if self.busy.get(name, 0) > 0:
                self.busy[name] -= 1
                return Response("slow down", status_code=429, headers={"Retry-After": "1"})
            try:
                check_vapid(request.headers["authorization"], str(request.url), self.public_key)
                if request.headers["content-encoding"] != "aes128gcm":
                    raise ValueError("content encoding is not aes128gcm")
                if int(request.headers["ttl"]) < 0:
                    raise ValueError("no TTL")
                plain = self.browsers[name].decrypt(await request.body())
            except (KeyError, ValueError, InvalidTag) as err:
                self.refused.append(f"{name}: {type(err).__name__} {err}")
                return Response(str(err), status_code=400)
            self.delivered.append((name, json.loads(plain), time.monotonic()))
            return Response(status_code=201)

        async def gone(_request: Request) -> Response:
            return Response("subscription expired", status_code=410)

        return Starlette(
            routes=[
                Route("/push/{name}", push, methods=["POST"]),
                Route("/gone/{name}", gone, methods=["POST"]),
            ]
        )
