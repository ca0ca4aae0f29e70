"""A real Mosquitto for the sync tests (one per module), credentials, TLS files, a subscriber."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from contract.commands import Receipt
from contract.events import envelope, parse_event
from contract.topics import Topics
from edge.sync.link import close
from edge.sync.settings import SyncSettings
from harness.mosquitto import Mosquitto, TlsListener, hub_acl, reader_acl
from tests.edge.sync.factories import HUB, OTHER_HUB
from tests.tls import make_pki

USERS = {"hub-1": "hub-1-secret", "hub-2": "hub-2-secret", "cloud": "cloud-secret"}
ACL = (
    hub_acl("hub-1", Topics(HUB).prefix)
    + "\n"
    + hub_acl("hub-2", Topics(OTHER_HUB).prefix)
    + "\n"
    + reader_acl("cloud")
)


@pytest.fixture(scope="module")
def tls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Certificates: ca (good), other-ca (wrong), server (by ca), expired (past its date)."""
    return make_pki(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory, tls_dir: Path) -> Iterator[Mosquitto]:
    """Mosquitto with persistence, passwords, the ACL and two TLS listeners (good, expired)."""
    listeners = [
        TlsListener(tls_dir / f"{name}.crt", tls_dir / f"{name}.key", tls_dir / "ca.crt")
        for name in ("server", "expired")
    ]
    with Mosquitto(tmp_path_factory.mktemp("mosquitto"), USERS, ACL, tls=listeners) as running:
        yield running


def hub_settings(broker: Mosquitto, outbox: Path, **changes: Any) -> SyncSettings:
    """Hub-1's sync settings against `broker`."""
    values: dict[str, Any] = {
        "tenant": HUB.tenant,
        "site": HUB.site,
        "hub": HUB.hub,
        "host": "127.0.0.1",
        "port": broker.port,
        "username": "hub-1",
        "password": USERS["hub-1"],
        "backoff_min_s": 0.1,
        "backoff_max_s": 0.5,
        "outbox": {"path": str(outbox)},
    }
    values.update(changes)
    return SyncSettings.model_validate(values)


class Subscriber:
    """A cloud-side subscriber with a persistent session: every message, in arrival order.

    With `receipts`, it answers every event as the cloud's ingest does once it has committed
    it: a `receipt` command to the hub naming the event's id (one per message, not batched).
    """

    def __init__(
        self, broker: Mosquitto, topic: str, client_id: str, *, receipts: bool = False
    ) -> None:
        self.receipts = receipts
        self.messages: list[tuple[str, bytes, bool]] = []
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id,
                                  protocol=mqtt.MQTTv5)  # fmt: skip
        self.client.username_pw_set("cloud", USERS["cloud"])
        self.client.reconnect_delay_set(0, 0)
        self.client.on_connect = lambda c, u, f, r, p: c.subscribe(topic, qos=1)
        self.client.on_subscribe = lambda *args: self._subscribed.set()
        self.client.on_message = self._on_message
        properties = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
        properties.SessionExpiryInterval = 3600
        self.client.connect("127.0.0.1", broker.port, clean_start=False, properties=properties)
        self.client.loop_start()
        if not self._subscribed.wait(10):
            raise TimeoutError("the subscriber did not subscribe")

    def _on_message(self, client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.messages.append((message.topic, bytes(message.payload), bool(message.retain)))
        if self.receipts and message.payload and "/cmd/" not in message.topic:
            event = parse_event(bytes(message.payload))
            receipt = envelope(event.hub, Receipt(ids=[event.id]))
            client.publish(Topics(event.hub).receipts, receipt.model_dump_json(), qos=1)

    def events(self) -> list[dict[str, Any]]:
        """Every event received (duplicates included), parsed."""
        with self._lock:
            return [json.loads(payload) for _, payload, _ in self.messages]

    def close(self) -> None:
        close(self.client)
