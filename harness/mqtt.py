"""A connected paho client (MQTT 5) for tests and benches, keeping what it receives."""

from __future__ import annotations

import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from edge.sync.link import close


class Client:
    """Connects at construction and runs paho's network loop until `close`."""

    def __init__(self, port: int, username: str, password: str, client_id: str = "") -> None:
        """Connect; `reason` is the CONNACK's reason ("Success", "Not authorized", ...)."""
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5
        )
        self.client.username_pw_set(username, password)
        self.received: list[mqtt.MQTTMessage] = []
        self.reason: str | None = None
        self._lock = threading.Lock()
        self.client.on_connect = lambda _c, _u, _f, rc, _p: setattr(self, "reason", str(rc))
        self.client.on_message = self._on_message
        self._subscribed = threading.Event()
        self.client.on_subscribe = lambda *_: self._subscribed.set()
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        deadline = time.monotonic() + 5
        while self.reason is None and time.monotonic() < deadline:
            time.sleep(0.02)

    def _on_message(self, _c: mqtt.Client, _u: object, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.received.append(message)

    def messages(self) -> list[mqtt.MQTTMessage]:
        """What arrived so far (a copy)."""
        with self._lock:
            return list(self.received)

    def subscribe(self, topic: str, timeout_s: float = 5.0) -> None:
        """QoS 1, wait for the SUBACK; `TimeoutError` if it does not come."""
        self._subscribed.clear()
        self.client.subscribe(topic, qos=1)
        if not self._subscribed.wait(timeout_s):
            raise TimeoutError(f"no SUBACK for {topic} within {timeout_s} s")

    def publish(self, topic: str, payload: bytes) -> None:
        """QoS 1, wait for the PUBACK."""
        self.client.publish(topic, payload, qos=1).wait_for_publish(timeout=5)

    def close(self) -> None:
        """Disconnect, stop the loop thread and close its sockets."""
        close(self.client)
