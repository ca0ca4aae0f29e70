"""The cloud's Web Push sender against a push service that checks and decrypts (RFC 8291/8292)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from cloud.errors import ConfigError
from cloud.push import keys
from cloud.push.webpush import MAX_PAYLOAD, Target, WebPushClient, encrypt
from cloud.settings import CloudSettings
from harness.http import serve
from tests.cloud.push.service import Browser, PushService, check_vapid


def _settings(tmp_path: Path, **values: object) -> CloudSettings:
    return CloudSettings(state_dir=tmp_path / "state", **values)  # type: ignore[arg-type]


def test_the_key_is_made_once_private_and_kept(tmp_path: Path) -> None:
    first = keys.public_key(keys.vapid(_settings(tmp_path)))
    path = tmp_path / "state" / "vapid.pem"
    assert path.stat().st_mode & 0o777 == 0o600
    assert keys.public_key(keys.vapid(_settings(tmp_path))) == first  # not made again
    assert len(first) == 87  # a P-256 point, uncompressed, base64url


def test_a_bad_configured_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="push_vapid_key is not a PEM private key"):
        keys.vapid(_settings(tmp_path, push_vapid_key=SecretStr("not a key")))


def test_messages_reach_the_service_signed_and_encrypted(tmp_path: Path) -> None:
    signer = keys.vapid(_settings(tmp_path))
    service = PushService(keys.public_key(signer))
    browser = service.browsers["b1"] = Browser()
    payload = b'{"title": "A complaint \xc2\xb7 site-a", "body": "The customer is upset."}'

    async def send(base: str) -> list[object]:
        client = WebPushClient(signer, "mailto:ops@dealer.invalid")
        try:
            return [
                await client.send(Target(f"{base}/push/b1", browser.p256dh, browser.auth), payload),
                await client.send(Target(f"{base}/gone/b2", browser.p256dh, browser.auth), payload),
                # keys that are not the browser's: the service cannot decrypt and refuses
                await client.send(
                    Target(f"{base}/push/b1", Browser().p256dh, browser.auth), payload
                ),
            ]
        finally:
            await client.aclose()

    with serve(service.app()) as base:
        outcomes = asyncio.run(send(base))
    assert outcomes[0] == ("sent", "")
    assert outcomes[1][0] == "gone"  # type: ignore[index]
    assert outcomes[2][0] == "refused"  # type: ignore[index]
    assert [(name, body) for name, body, _ in service.delivered] == [
        ("b1", {"title": "A complaint · site-a", "body": "The customer is upset."})
    ]
    assert len(service.refused) == 1 and service.refused[0].startswith("b1: InvalidTag")


def test_the_signature_check_catches_a_forged_token(tmp_path: Path) -> None:
    signer = keys.vapid(_settings(tmp_path))
    client = WebPushClient(signer, "mailto:ops@dealer.invalid")
    endpoint = "https://push.example.invalid/send/abc"
    header = client.headers(endpoint)["Authorization"]
    public = keys.public_key(signer)
    claims = check_vapid(header, endpoint, public)
    assert claims["aud"] == "https://push.example.invalid"
    assert claims["sub"] == "mailto:ops@dealer.invalid"
    other = keys.public_key(keys.vapid(_settings(tmp_path / "other")))
    with pytest.raises(ValueError, match="not the cloud's public key"):
        check_vapid(header, endpoint, other)
    forged = header.replace(",k=", "x,k=") if ",k=" in header else header + "x"
    with pytest.raises(ValueError):
        check_vapid(forged, endpoint, public)
    with pytest.raises(ValueError, match="aud"):
        check_vapid(header, "https://elsewhere.invalid/send/abc", public)
    asyncio.run(client.aclose())


def test_a_payload_too_big_for_a_push_service_is_refused_before_sending() -> None:
    browser = Browser()
    with pytest.raises(ValueError, match=f"at most {MAX_PAYLOAD}"):
        encrypt(os.urandom(MAX_PAYLOAD + 1), browser.p256dh, browser.auth)
