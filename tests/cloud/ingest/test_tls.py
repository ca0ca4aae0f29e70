"""The cloud over TLS to a real Mosquitto: `mqtts://`, CA verification, a client certificate.

The broker has two TLS listeners, one of them requiring a client certificate signed by the test
CA; the certificates are made here (`tests.tls`). A hub publishes over TLS too (the hub's own
TLS client is tested in tests/edge/sync/test_publisher.py and, deployed, in
tests/deploy/test_site.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import Engine

from cloud.demo import dataset
from cloud.ingest.check import Message
from cloud.ingest.worker import build_consumer
from cloud.settings import CloudSettings, MqttSettings
from cloud.store import admin, db
from cloud.store.events import Event
from harness.mosquitto import Mosquitto
from harness.processes import free_port, wait_for_port
from tests.cloud.factory import NOW, World, build, count
from tests.tls import make_pki

CLOUD_USER, CLOUD_PASSWORD = "cloud", "cloud-secret-pw"


class TlsBroker:
    """Mosquitto with a TLS listener and one that also requires a client certificate."""

    def __init__(self, directory: Path, pki: Path) -> None:
        """Listeners on free loopback ports; the plain one stays for the helper's start check."""
        self.tls_port, self.mutual_port = free_port(), free_port()
        files = f"certfile {pki / 'server.crt'}\nkeyfile {pki / 'server.key'}\n"
        files += f"cafile {pki / 'ca.crt'}\n"
        extra = f"listener {self.tls_port} 127.0.0.1\n{files}"
        extra += f"listener {self.mutual_port} 127.0.0.1\n{files}require_certificate true\n"
        self.mosquitto = Mosquitto(directory, extra=extra)


@pytest.fixture
def world(engine: Engine) -> World:
    return build(engine, events=False)


@pytest.fixture
def broker(engine: Engine, world: World, tmp_path: Path) -> Iterator[TlsBroker]:
    with db.session_factory(engine).begin() as session:
        admin.write_broker_files(session, tmp_path / "broker", CLOUD_USER, CLOUD_PASSWORD)
    running = TlsBroker(tmp_path / "broker", make_pki(tmp_path / "pki"))
    with running.mosquitto:
        for port in (running.tls_port, running.mutual_port):
            wait_for_port(port)
        yield running


def _cloud(settings: CloudSettings, port: int, pki: Path, **tls: object) -> CloudSettings:
    url = f"mqtts://{CLOUD_USER}:{CLOUD_PASSWORD}@127.0.0.1:{port}"
    mqtt_settings = MqttSettings(ca_file=pki / "ca.crt", **tls)  # type: ignore[arg-type]
    return CloudSettings(
        **(settings.model_dump() | {"mqtt_url": url, "mqtt": mqtt_settings, "ingest_retry_s": 0.2})
    )


def _hub_publishes(
    port: int, pki: Path, username: str, password: str, messages: list[Message]
) -> None:
    """A hub's TLS client: verifies the broker against the CA, publishes at QoS 1."""
    hub = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    hub.tls_set(ca_certs=str(pki / "ca.crt"))
    hub.username_pw_set(username, password)
    hub.connect("127.0.0.1", port)
    hub.loop_start()
    try:
        for message in messages:
            hub.publish(message.topic, message.payload, qos=1).wait_for_publish(timeout=5)
    finally:
        hub.disconnect()
        hub.loop_stop()


async def _consume(
    settings: CloudSettings, engine: Engine, publish: Callable[[], None] | None, expected: int
) -> str | None:
    """Run the consumer; once subscribed, let a hub `publish` and wait for `expected` events.

    Without `publish`, wait a few seconds for a connection that must not come; the last error.
    """
    consumer = build_consumer(settings, db.session_factory(engine), "cloud-tls-test")
    task = asyncio.create_task(consumer.run())
    try:
        if publish is None:
            await asyncio.sleep(3)
            assert not consumer.subscribed.is_set()
            return consumer.last_error
        assert await asyncio.to_thread(consumer.subscribed.wait, 10), consumer.last_error
        await asyncio.to_thread(publish)
        while count(engine, Event) < expected:  # noqa: ASYNC110 - polling the database
            await asyncio.sleep(0.05)
        return consumer.last_error
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def test_events_reach_the_cloud_over_verified_tls(
    engine: Engine, settings: CloudSettings, world: World, broker: TlsBroker, tmp_path: Path
) -> None:
    pki = tmp_path / "pki"
    messages = list(dataset(world.hubs["acme"], world.staff["acme"], NOW, days=1, per_day=2))
    password = world.hub_passwords["acme"]
    cloud = _cloud(settings, broker.tls_port, pki)
    assert cloud.broker is not None and cloud.broker.tls

    def publish() -> None:
        _hub_publishes(broker.tls_port, pki, "hub-acme-site-a-hub-1", password, messages)

    asyncio.run(asyncio.wait_for(_consume(cloud, engine, publish, len(messages)), 30))
    assert count(engine, Event) == len(messages)


def test_a_broker_the_ca_does_not_vouch_for_is_refused(
    engine: Engine, settings: CloudSettings, broker: TlsBroker, tmp_path: Path
) -> None:
    """Wrong CA: no connection, the reason says so, nothing ingested."""
    pki = tmp_path / "pki"
    cloud = _cloud(settings, broker.tls_port, pki).model_copy(
        update={"mqtt": MqttSettings(ca_file=pki / "other-ca.crt")}
    )
    error = asyncio.run(asyncio.wait_for(_consume(cloud, engine, None, 0), 30))
    assert error is not None and "cannot reach the broker at 127.0.0.1" in error


def test_a_client_certificate_is_presented_when_the_broker_requires_one(
    engine: Engine, settings: CloudSettings, world: World, broker: TlsBroker, tmp_path: Path
) -> None:
    pki = tmp_path / "pki"
    without = _cloud(settings, broker.mutual_port, pki)
    assert asyncio.run(asyncio.wait_for(_consume(without, engine, None, 0), 30))
    messages = list(dataset(world.hubs["acme"], world.staff["acme"], NOW, days=1, per_day=1))
    password = world.hub_passwords["acme"]
    client = {"cert_file": pki / "client.crt", "key_file": pki / "client.key"}
    with_cert = _cloud(settings, broker.mutual_port, pki, **client)

    def publish() -> None:
        _hub_publishes(broker.tls_port, pki, "hub-acme-site-a-hub-1", password, messages)

    asyncio.run(asyncio.wait_for(_consume(with_cert, engine, publish, len(messages)), 30))
    assert count(engine, Event) == len(messages)
