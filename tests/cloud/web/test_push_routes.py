"""Managers choose which alerts reach which device; bad subscriptions are refused, nothing kept."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.store import db
from cloud.store.push import PushSubscription
from tests.cloud.factory import World, count
from tests.cloud.push.service import Browser
from tests.cloud.web.conftest import csrf_of, login


def _body(endpoint: str, **choice: Any) -> dict[str, Any]:
    phone = Browser()
    keys = {"p256dh": phone.p256dh, "auth": phone.auth}
    return {"endpoint": endpoint, "keys": keys, "expirationTime": None, "kinds": ["complaint"]} | (
        choice
    )


def _post(client: TestClient, body: dict[str, Any], csrf: str | None = None) -> Any:
    token = csrf if csrf is not None else csrf_of(client, "/account/alerts")
    return client.post("/account/alerts/subscriptions", json=body, headers={"X-CSRF-Token": token})


def test_a_manager_subscribes_a_device_and_stops_it(
    client: TestClient, engine: Engine, world: World
) -> None:
    login(client, world.email("acme", "manager"))
    page = client.get("/account/alerts").text
    assert 'data-key="' in page and "A customer waiting too long" in page
    before = count(engine, PushSubscription)
    answer = _post(client, _body("https://push.example.invalid/x", kinds=["waiting", "complaint"]))
    assert answer.status_code == 201, answer.text
    assert answer.json()["kinds"] == "complaint,waiting" and answer.json()["sites"] == ""
    # the same browser again: its choice replaced, not a second row
    again = _post(client, _body("https://push.example.invalid/x", sites=["site-a"]))
    assert again.status_code == 201 and count(engine, PushSubscription) == before + 1
    sid = again.json()["id"]
    assert "push.example.invalid" in client.get("/account/alerts").text
    csrf = csrf_of(client, "/account/alerts")
    gone = client.post(f"/account/alerts/subscriptions/{sid}/delete", data={"csrf": csrf})
    assert gone.status_code == 200 and "no longer gets alerts" in gone.text
    assert count(engine, PushSubscription) == before


def test_bad_subscriptions_are_refused_and_nothing_is_stored(
    client: TestClient, engine: Engine, world: World
) -> None:
    before = count(engine, PushSubscription)
    login(client, world.email("acme", "viewer"))
    assert _post(client, _body("https://push.example.invalid/v")).status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client, "/account/alerts")})
    login(client, world.email("acme", "manager"))
    cases = [
        (_body("https://push.example.invalid/y"), "forged", 403),  # no matching CSRF token
        (_body("http://127.0.0.1:8080/push"), None, 422),  # plain HTTP (not allowed here)
        (_body("file:///etc/passwd"), None, 422),
        (_body("https://push.example.invalid/y", sites=["site-b"]), None, 404),  # rival's site
        (_body("https://push.example.invalid/y", kinds=["everything"]), None, 422),
        (_body("https://push.example.invalid/y", kinds=[]), None, 422),
        ({"endpoint": "https://push.example.invalid/y", "kinds": ["complaint"]}, None, 422),
    ]
    for body, csrf, code in cases:
        answer = _post(client, body, csrf)
        assert answer.status_code == code, (body, answer.text)
    assert "https:// URL of a push service" in _post(client, cases[1][0]).text
    # another user's device cannot be stopped (nor seen) by this manager
    with db.session_factory(engine)() as session:
        rival = session.scalars(
            select(PushSubscription.id).where(PushSubscription.tenant_id == "rival")
        ).one()
    csrf = csrf_of(client, "/account/alerts")
    answer = client.post(f"/account/alerts/subscriptions/{rival}/delete", data={"csrf": csrf})
    assert answer.status_code == 404
    assert count(engine, PushSubscription) == before
