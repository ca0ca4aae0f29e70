"""A real Mosquitto for the sync tests (one per module), credentials, TLS files, a subscriber."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
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

USERS = {"hub-1": "hub-1-secret", "hub-2": "hub-2-secret", "cloud": "cloud-secret"}
ACL = (
    hub_acl("hub-1", Topics(HUB).prefix)
    + "\n"
    + hub_acl("hub-2", Topics(OTHER_HUB).prefix)
    + "\n"
    + reader_acl("cloud")
)


def _cert(subject: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[x509.Name, Any] | None,
          *, days: tuple[int, int] = (-1, 365), ca: bool = False) -> x509.Certificate:  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    issuer_name, issuer_key = (name, key) if issuer is None else issuer
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path.with_suffix(".key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@pytest.fixture(scope="module")
def tls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Certificates: ca (good), other-ca (wrong), server (by ca), expired (past its date)."""
    out = tmp_path_factory.mktemp("tls")
    ca_key, other_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = _cert("showfloor test CA", ca_key, None, ca=True)
    _write(out / "ca", ca, ca_key)
    _write(out / "other-ca", _cert("another CA", other_key, None, ca=True), other_key)
    for name, days in (("server", (-1, 365)), ("expired", (-30, -1))):
        key = ec.generate_private_key(ec.SECP256R1())
        _write(out / name, _cert("127.0.0.1", key, (ca.subject, ca_key), days=days), key)
    return out


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
