"""Alerts through a real broker to the managers' push subscriptions: chosen kinds, once each."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select

from cloud.push.alerts import build_notifier
from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.projections import AlertRow
from cloud.store.push import PushSent, PushSubscription
from cloud.store.tenancy import User
from cloud.web.app import create_app
from contract import payloads as p
from contract.events import envelope
from contract.topics import Topics
from harness.http import serve
from harness.mosquitto import Mosquitto
from harness.mqtt import Client
from tests.cloud.factory import build, count
from tests.cloud.ingest.test_consumer import _broker_files, _with_broker
from tests.cloud.push.service import Browser, PushService
from tests.cloud.web.conftest import csrf_of, login
from tests.waiting import until as _wait


def _subscribe(web: TestClient, endpoint: str, browser: Browser, **choice: Any) -> Any:
    body = {"endpoint": endpoint, "keys": {"p256dh": browser.p256dh, "auth": browser.auth}}
    return web.post(
        "/account/alerts/subscriptions",
        json=body | choice,
        headers={"X-CSRF-Token": csrf_of(web, "/account/alerts")},
    )


def test_each_manager_gets_the_alerts_they_chose_once(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    acme = world.hubs["acme"]
    _broker_files(engine, tmp_path)
    with db.session_factory(engine).begin() as session:
        session.execute(delete(PushSubscription))  # the factory's phones: none here
    with Mosquitto(tmp_path) as broker:
        cloud = _with_broker(settings, broker.port).model_copy(
            update={"push_allow_http_loopback": True}
        )
        app = create_app(cloud)
        service = PushService(app.state.vapid_public_key)
        phones = {name: Browser() for name in ("complaints", "waiting", "expired")}
        service.browsers.update(phones)
        service.busy["waiting"] = 1  # its push service is busy at first: sent again
        with serve(service.app()) as push_url, TestClient(app, follow_redirects=False) as web:
            login(web, world.email("acme", "manager"))
            answers = [
                _subscribe(web, f"{push_url}/push/complaints", phones["complaints"],
                           kinds=["complaint"], sites=["site-a"]),
                _subscribe(web, f"{push_url}/push/waiting", phones["waiting"], kinds=["waiting"]),
                _subscribe(web, f"{push_url}/gone/expired", phones["expired"],
                           kinds=["complaint"]),
            ]  # fmt: skip
            assert [a.status_code for a in answers] == [201, 201, 201], answers[0].text
            _wait("ingest", lambda: app.state.consumer.subscribed.is_set())
            hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
            topic = Topics(acme).event("alert")
            complaint = envelope(
                acme,
                p.ManagerAlert(
                    alert_id="alert-1",
                    severity="critical",
                    rule="complaint",
                    message="The customer is making a complaint.",
                ),
            )
            waiting = envelope(
                acme,
                p.ManagerAlert(
                    alert_id="waiting-v1-100",
                    severity="warning",
                    rule="customer_waiting",
                    message="A customer has waited 3 min in entrance with no salesperson near.",
                    zone="entrance",
                ),
            )
            try:
                sent_at = time.monotonic()
                for event in (complaint, waiting, complaint):  # the complaint redelivered
                    hub.publish(topic, event.model_dump_json().encode())
                _wait("both pushes", lambda: len(service.delivered) >= 2)
                _wait("both alerts claimed", lambda: count(engine, PushSent) == 2)
                _wait(
                    "the expired phone deleted",
                    lambda: count(engine, PushSubscription) == 2,
                )
            finally:
                hub.close()
            time.sleep(0.5)  # a second push of the redelivered complaint would be here by now
    delivered = {name: body for name, body, _ in service.delivered}
    assert len(service.delivered) == 2 and service.refused == []
    assert delivered["complaints"] == {
        "title": "A complaint · site-a",
        "body": "The customer is making a complaint.",
        "url": "/floor",
        "tag": "alert-alert-1",
    }
    assert delivered["waiting"] == {
        "title": "A customer waiting too long · site-a",
        "body": "A customer has waited 3 min in entrance with no salesperson near.",
        "url": "/floor",
        "tag": "alert-waiting-v1-100",
    }
    assert max(at for _, _, at in service.delivered) - sent_at < 5.0
    with db.session_factory(engine)() as session:
        left = session.scalars(select(PushSubscription.endpoint)).all()
        stamped = session.scalars(select(PushSubscription.last_sent_at)).all()
    assert sorted(e.rsplit("/", 1)[1] for e in left) == ["complaints", "waiting"]
    assert all(at is not None for at in stamped)


def test_each_manager_reads_the_notification_in_their_language(
    engine: Engine, settings: CloudSettings
) -> None:
    """The admin chose Spanish, the manager kept the browser's: one alert, two languages."""
    world = build(engine, events=False)
    with db.session_factory(engine).begin() as session:
        session.execute(delete(PushSubscription))
        admin = session.scalars(select(User).where(User.email == world.email("acme", "admin")))
        admin.one().locale = "es"
        session.add(
            AlertRow(
                tenant_id="acme",
                id="alert-es-1",
                site_id="site-a",
                severity="warning",
                rule="customer_waiting",
                message="A customer has waited 5 min in showroom with no salesperson near.",
                zone="showroom",
                time=datetime.now(UTC),
            )
        )
    cloud = settings.model_copy(update={"push_allow_http_loopback": True})
    app = create_app(cloud)
    service = PushService(app.state.vapid_public_key)
    phones = {"es": Browser(), "en": Browser()}
    service.browsers.update(phones)

    async def push() -> int:
        notifier = build_notifier(cloud, app.state.sessions)
        try:
            return await notifier.notify([("acme", "alert-es-1")])
        finally:
            await notifier.aclose()

    with serve(service.app()) as push_url:
        for language, role in (("es", "admin"), ("en", "manager")):
            with TestClient(app, follow_redirects=False) as web:
                login(web, world.email("acme", role))
                phone = phones[language]
                answer = _subscribe(web, f"{push_url}/push/{language}", phone, kinds=["waiting"])
                assert answer.status_code == 201, answer.text
        try:
            assert asyncio.run(push()) == 2
        finally:
            app.state.engine.dispose()  # the notifier's connections (the clients' closed theirs)
    delivered = {name: body for name, body, _ in service.delivered}
    assert delivered["es"]["title"] == "Un cliente que espera demasiado · site-a"
    assert delivered["es"]["body"] == (
        "Un cliente lleva 5 min esperando en showroom sin ningún vendedor cerca."
    )
    assert delivered["en"]["title"] == "A customer waiting too long · site-a"
    assert delivered["en"]["body"] == (
        "A customer has waited 5 min in showroom with no salesperson near."
    )
