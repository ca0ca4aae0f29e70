"""The MQTT side of ingest: a paho-mqtt client on the shared subscription, acks after commit.

paho's network thread hands messages to the event loop (`Inbox`); one task takes batches, writes
them in a worker thread, then sends each hub its receipts (`cloud.ingest.receipts`) and
acknowledges the messages (QoS 1, manual acks), so a message is only gone from the broker
once it is in the database, and only gone from the hub once the hub has the receipt. The
MQTT 5 receive maximum bounds how many unacknowledged messages the broker sends: the
backpressure when the database is slow.

The subscription is made on every connection, not only the first: a broker that restarted
without its persistence (or whose session expired) answers `session_present=False` and has
forgotten it. What hubs published in that gap went to no one; their receipt timeout sends it
again.

A subscription the broker refuses (a SUBACK reason code of 0x80 or more: the ACL does not let
the cloud's account read the hubs' topics) ends `run` with a `BrokerError` naming the filter and
the reason: the worker exits non-zero and systemd restarts it every `RestartSec` until its start
limit, so a fixed ACL (after a broker reload) is picked up and a broken one leaves a failed unit
with that line, instead of a worker that looks ready and takes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode

from cloud.errors import BrokerError, StoreError
from cloud.ingest.check import Message
from cloud.ingest.inbox import Inbox
from cloud.ingest.receipts import Receipts
from cloud.ingest.writer import BatchWriter
from cloud.mqtt import BrokerAddress
from cloud.store.base import utcnow
from contract import topics

# paho with a TLS handshake that leaks no socket; light (paho only), shared with the hub.
from edge.sync.tls import TlsClient

_LOGGER = logging.getLogger(__name__)


class IngestConsumer:
    """Consumes hub events into the store and publishes commands to hubs."""

    def __init__(
        self,
        broker: BrokerAddress,
        writer: BatchWriter,
        *,
        client_id: str,
        batch_size: int = 500,
        batch_wait_s: float = 0.05,
        retry_s: float = 2.0,
        session_expiry_s: int = 86400,
        subscribe: bool = True,
    ) -> None:
        """Configure; nothing connects until `run`.

        With `subscribe` false the client only publishes commands (the web view beside
        separate ingest workers) and never takes a share of the hubs' events.
        """
        self._broker, self._writer = broker, writer
        self._batch_size, self._batch_wait_s, self._retry_s = batch_size, batch_wait_s, retry_s
        self._subscribe = subscribe
        self._inbox: Inbox[Message] = Inbox()
        self.connected = False
        #: Set once the broker acknowledged the subscription (the worker is then ready).
        self.subscribed = threading.Event()
        self.last_error: str | None = "not connected yet"
        #: Receipt commands published, and connections the broker had no session for.
        self.receipts_sent = 0
        self.sessions_lost = 0
        #: Called on the event loop with each batch once it is committed and acknowledged
        #: (live pages, push notifications). A listener must not block.
        self.listeners: list[Callable[[list[Message]], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._refused: asyncio.Future[str] | None = None
        self._client = TlsClient(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            protocol=mqtt.MQTTv5,
            manual_ack=True,
        )
        broker.configure(self._client)
        self._client.reconnect_delay_set(min_delay=1, max_delay=max(1, int(retry_s * 4)))
        self._connect_props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
        self._connect_props.SessionExpiryInterval = session_expiry_s
        self._connect_props.ReceiveMaximum = min(65535, batch_size * 4)
        self._client.on_connect = self._on_connect
        self._client.on_connect_fail = self._on_connect_fail
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._client.on_subscribe = self._on_subscribe

    @property
    def stats(self) -> object:
        """The writer's counters."""
        return self._writer.stats

    def _on_subscribe(
        self, _c: mqtt.Client, _u: object, _mid: int, codes: list[ReasonCode], _p: object
    ) -> None:
        refused = [code for code in codes if code.is_failure]
        if not refused:
            self.subscribed.set()
            return
        self.last_error = (
            f"the broker at {self._broker.where} refused the subscription to "
            f"{topics.ingest_filter()} ({refused[0].getName()}): its ACL must let the cloud's "
            f"account ({self._broker.username or 'anonymous'}) read showfloor/v1/#"
        )
        _LOGGER.error("%s", self.last_error)
        if self._loop is not None and self._refused is not None:
            self._loop.call_soon_threadsafe(self._refuse, self.last_error)

    def _refuse(self, reason: str) -> None:
        if self._refused is not None and not self._refused.done():
            self._refused.set_result(reason)

    def _on_connect(
        self, client: mqtt.Client, _u: object, flags: mqtt.ConnectFlags, rc: ReasonCode, _p: object
    ) -> None:
        if rc.is_failure:
            self.connected, self.last_error = False, f"broker refused the connection: {rc}"
            _LOGGER.error("%s", self.last_error)
            return
        self.connected, self.last_error = True, None
        present = bool(flags.session_present)
        _LOGGER.info(
            "connected to %s, TLS %s (session present: %s)",
            self._broker.where,
            self._broker.tls,
            present,
        )
        if not self._subscribe:
            self.subscribed.set()
            return
        if not present:
            self.sessions_lost += 1
        client.subscribe(topics.ingest_filter(), qos=1)
        if present:  # a session from before receipts also holds `.../#`: events twice
            client.unsubscribe(topics.legacy_ingest_filter())

    def _on_connect_fail(self, _client: mqtt.Client, _u: object) -> None:
        self.connected = False
        self.last_error = f"cannot reach the broker at {self._broker.where}"
        _LOGGER.warning("%s; retrying", self.last_error)

    def _on_disconnect(
        self, _c: mqtt.Client, _u: object, _f: object, rc: ReasonCode, _p: object
    ) -> None:
        self.connected = False
        self.last_error = f"disconnected from the broker: {rc}"
        _LOGGER.warning("%s; reconnecting", self.last_error)

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        self._inbox.put(Message(msg.topic, bytes(msg.payload), utcnow(), msg.mid, msg.qos))

    async def run(self) -> None:
        """Connect (retrying while the broker is down) and ingest until cancelled.

        Raises:
            BrokerError: the broker refused the subscription (its ACL).
        """
        self._loop = asyncio.get_running_loop()
        self._refused = self._loop.create_future()
        self._inbox.bind(self._loop)
        self._client.connect_async(
            self._broker.host,
            self._broker.port,
            keepalive=30,
            clean_start=False,
            properties=self._connect_props,
        )
        self._client.loop_start()
        ingest = asyncio.create_task(self._ingest(), name="ingest-batches")
        try:
            await asyncio.wait((ingest, self._refused), return_when=asyncio.FIRST_COMPLETED)
            if self._refused.done():
                raise BrokerError(self._refused.result())
            await ingest  # it only ends by raising
        finally:
            ingest.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ingest
            self._client.disconnect()
            await asyncio.to_thread(self._client.loop_stop)
            self._client._reset_sockets(sockpair_only=True)  # else closed only by __del__
            self.connected = False
            if self._refused.done():  # what health shows, not the disconnect that followed
                self.last_error = self._refused.result()

    async def _ingest(self) -> None:
        while True:
            batch = await self._inbox.batch(self._batch_size, self._batch_wait_s)
            await self._store(batch)

    async def _store(self, batch: list[Message]) -> None:
        while True:
            try:
                receipts = await asyncio.to_thread(self._writer.write, batch)
                break
            except StoreError as err:
                self.last_error = str(err)
                _LOGGER.error("%s; retrying in %.0f s", err, self._retry_s)
                await asyncio.sleep(self._retry_s)
        self._send_receipts(receipts)
        for message in batch:
            if message.qos:
                self._client.ack(message.mid, message.qos)
        for listener in self.listeners:
            try:
                listener(batch)
            except Exception:  # a listener's failure must not stop ingest
                _LOGGER.exception("a listener of stored batches failed")

    def _send_receipts(self, receipts: Receipts) -> None:
        """QoS 1, not waited for: a receipt that is lost only makes the hub send again."""
        for topic, payload in receipts.messages():
            info = self._client.publish(topic, payload, qos=1)
            if info.rc == mqtt.MQTT_ERR_SUCCESS:
                self.receipts_sent += 1
            else:
                _LOGGER.warning("receipt to %s not sent (%s); the hub will send again",
                                topic, mqtt.error_string(info.rc))  # fmt: skip

    async def publish(self, topic: str, payload: bytes, timeout_s: float = 10.0) -> None:
        """Publish at QoS 1 and wait for the broker's PUBACK; `BrokerError` if it does not come."""
        if not self.connected:
            raise BrokerError(f"not connected to the broker ({self.last_error})")
        info = self._client.publish(topic, payload, qos=1)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            raise BrokerError(f"publish to {topic} failed: {mqtt.error_string(info.rc)}")
        try:
            await asyncio.to_thread(info.wait_for_publish, timeout_s)
        except (RuntimeError, ValueError) as err:
            raise BrokerError(f"publish to {topic} failed: {err}") from err
        if not info.is_published():
            raise BrokerError(f"the broker did not acknowledge {topic} within {timeout_s:.0f} s")
