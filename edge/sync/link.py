"""One paho-mqtt client, its network thread and its reconnects, reported to asyncio.

paho runs the socket on its own thread (`loop_start`) and reconnects by itself; this module
sets the reconnect delay before every attempt from `Backoff` (exponential, full jitter),
classifies why a connection failed (`edge.sync.errors`), and hands every callback to the
asyncio loop with `call_soon_threadsafe`. The session is persistent: MQTT 5 with
`clean_start=False` and a session expiry, or MQTT 3.1.1 with `clean_session=False`; paho
keeps QoS 1 messages that were not acknowledged and re-sends them after a reconnect.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import threading
from typing import Any, Protocol

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode

from edge.sync.backoff import Backoff
from edge.sync.errors import (
    BrokerAuthError,
    BrokerError,
    BrokerProtocolError,
    BrokerTlsError,
    BrokerUnreachableError,
)
from edge.sync.settings import SyncSettings
from edge.sync.tls import TlsClient

_LOGGER = logging.getLogger(__name__)
#: CONNACK reason codes that mean "your credentials": bad user/password, not authorized.
_AUTH_CODES = frozenset({0x86, 0x87, 0x8C})


class LinkListener(Protocol):
    """What the link reports, always on the asyncio loop's thread."""

    def link_up(self, session_present: bool) -> None:
        """Connected (CONNACK accepted)."""

    def link_down(self, error: BrokerError | None) -> None:
        """Disconnected, or a connection attempt failed (`error` says why)."""

    def acknowledged(self, mid: int, ok: bool, reason: str) -> None:
        """PUBACK for message `mid`."""

    def received(self, topic: str, payload: bytes) -> None:
        """A message on a subscribed topic."""


class _Client(TlsClient):
    """paho's client, remembering why the last connection attempt raised (TLS: `TlsClient`)."""

    connect_error: OSError | None = None

    def reconnect(self) -> MQTTErrorCode:
        try:
            result = super().reconnect()
        except OSError as err:
            self.connect_error = err
            raise
        self.connect_error = None
        return result


def close(client: mqtt.Client) -> None:
    """Disconnect, join paho's network thread, and close its wake-up socket pair.

    paho closes that pair only in `__del__`; a client collected in a reference cycle can have
    its sockets finalized first, which Python reports as unclosed sockets.
    """
    client.disconnect()
    client.loop_stop()
    client._reset_sockets(sockpair_only=True)


def describe_connect_error(err: OSError, where: str) -> BrokerError:
    """A failed TCP/TLS connection as the error a person can act on."""
    if isinstance(err, ssl.SSLCertVerificationError):
        return BrokerTlsError(
            f"TLS with {where}: the broker's certificate did not verify "
            f"({err.verify_message}); check sync.ca_file"
        )
    if isinstance(err, ssl.SSLError):
        return BrokerTlsError(f"TLS with {where} failed: {err.reason or err}")
    return BrokerUnreachableError(f"cannot reach the broker at {where}: {err.strerror or err}")


def describe_refusal(reason: ReasonCode, where: str) -> BrokerError:
    """A refused CONNACK as the error a person can act on."""
    if reason.value in _AUTH_CODES or reason.getName() in ("Not authorized",):
        return BrokerAuthError(
            f"the broker at {where} refused the hub's credentials ({reason.getName()}); "
            "check sync.username and sync.password"
        )
    return BrokerProtocolError(f"the broker at {where} refused the connection: {reason}")


class Link:
    """The connection to the broker."""

    def __init__(self, settings: SyncSettings, will: tuple[str, bytes] | None = None) -> None:
        """A client for `settings`; `will` is the (retained) last will's topic and payload."""
        self.settings = settings
        self.where = f"{settings.host}:{settings.broker_port}"
        self.connected = False
        self._backoff = Backoff(settings.backoff_min_s, settings.backoff_max_s)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener: LinkListener | None = None
        self._last_error: BrokerError | None = None
        self._stopping = threading.Event()
        v5 = settings.protocol == "5"
        self.client = _Client(
            CallbackAPIVersion.VERSION2,
            client_id=settings.mqtt_client_id,
            protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
            clean_session=None if v5 else False,
            reconnect_on_failure=True,
        )
        self.client.max_inflight_messages_set(settings.inflight)
        self.client.max_queued_messages_set(0)
        if settings.username is not None:
            password = settings.password.get_secret_value() if settings.password else None
            self.client.username_pw_set(settings.username, password)
        if settings.uses_tls:
            self._set_tls()
        if will is not None:
            self.client.will_set(will[0], will[1], qos=1, retain=True)
        self.client.on_connect = self._on_connect
        self.client.on_connect_fail = self._on_connect_fail
        self.client.on_disconnect = self._on_disconnect
        self.client.on_publish = self._on_publish
        self.client.on_message = self._on_message

    def _set_tls(self) -> None:
        settings = self.settings
        try:
            self.client.tls_set(
                ca_certs=str(settings.ca_file) if settings.ca_file else None,
                certfile=str(settings.cert_file) if settings.cert_file else None,
                keyfile=str(settings.key_file) if settings.key_file else None,
            )
        except (OSError, ValueError) as err:
            raise BrokerTlsError(
                f"cannot load the TLS files (sync.ca_file / cert_file / key_file): {err}"
            ) from err

    def start(self, listener: LinkListener) -> None:
        """Connect in the background (and keep reconnecting); report to `listener`."""
        self._loop = asyncio.get_running_loop()
        self._listener = listener
        properties = None
        if self.settings.protocol == "5":
            properties = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
            properties.SessionExpiryInterval = self.settings.session_expiry_s
        self.client.reconnect_delay_set(0, 0)  # the delay is ours: `_wait_before_retry`
        self.client.connect_async(
            self.settings.host,
            self.settings.broker_port,
            keepalive=self.settings.keepalive_s,
            clean_start=False
            if self.settings.protocol == "5"
            else mqtt.MQTT_CLEAN_START_FIRST_ONLY,
            properties=properties,
        )
        self.client.loop_start()

    def publish(self, topic: str, payload: bytes | str, *, retain: bool = False) -> int:
        """Queue a QoS 1 message; its PUBACK comes to `acknowledged(mid, ...)`."""
        return self.client.publish(topic, payload, qos=1, retain=retain).mid

    def subscribe(self, topic: str) -> None:
        """Subscribe at QoS 1 (kept in the persistent session)."""
        self.client.subscribe(topic, qos=1)

    def stop(self) -> None:
        """Disconnect cleanly (no last will) and join the network thread (blocking)."""
        self._stopping.set()
        close(self.client)

    # Everything below runs on paho's network thread.

    def _post(self, event: str, *args: Any) -> None:
        """Call `listener.<event>(*args)` on the asyncio loop."""
        loop, listener = self._loop, self._listener
        if loop is not None and listener is not None and not loop.is_closed():
            loop.call_soon_threadsafe(getattr(listener, event), *args)

    def _wait_before_retry(self, error: BrokerError | None) -> None:
        """Sleep (on paho's thread, before it reconnects) unless the link is stopping."""
        retryable = error is None or error.retryable
        delay = self._backoff.next() if retryable else self._backoff.longest()
        _LOGGER.debug("reconnecting to %s in %.1f s", self.where, delay)
        self._stopping.wait(delay)

    def _on_connect(
        self,
        client: mqtt.Client,
        userdata: object,
        flags: mqtt.ConnectFlags,
        reason: ReasonCode,
        properties: Properties | None,
    ) -> None:
        if reason.is_failure:
            self._last_error = describe_refusal(reason, self.where)
            return
        self.connected = True
        self._last_error = None
        self._backoff.reset()
        self._post("link_up", bool(flags.session_present))

    def _on_connect_fail(self, client: mqtt.Client, userdata: object) -> None:
        err = self.client.connect_error
        error = (
            describe_connect_error(err, self.where)
            if err
            else BrokerUnreachableError(f"cannot reach the broker at {self.where}")
        )
        self._post("link_down", error)
        self._wait_before_retry(error)

    def _on_disconnect(
        self,
        client: mqtt.Client,
        userdata: object,
        flags: mqtt.DisconnectFlags,
        reason: ReasonCode,
        properties: Properties | None,
    ) -> None:
        self.connected = False
        error, self._last_error = self._last_error, None
        if error is None and reason.is_failure:
            error = BrokerUnreachableError(f"lost the broker at {self.where}: {reason}")
        self._post("link_down", error)
        self._wait_before_retry(error)

    def _on_publish(
        self,
        client: mqtt.Client,
        userdata: object,
        mid: int,
        reason: ReasonCode,
        properties: Properties | None,
    ) -> None:
        self._post("acknowledged", mid, not reason.is_failure, str(reason))

    def _on_message(self, client: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        self._post("received", message.topic, bytes(message.payload))


class _Probe:
    """A listener that remembers the first outcome of connecting."""

    def __init__(self) -> None:
        self.outcome: asyncio.Future[BrokerError | None] = (
            asyncio.get_running_loop().create_future()
        )

    def link_up(self, session_present: bool) -> None:
        if not self.outcome.done():
            self.outcome.set_result(None)

    def link_down(self, error: BrokerError | None) -> None:
        if not self.outcome.done():
            self.outcome.set_result(error or BrokerUnreachableError("disconnected"))

    def acknowledged(self, mid: int, ok: bool, reason: str) -> None:
        """Not used by a probe."""

    def received(self, topic: str, payload: bytes) -> None:
        """Not used by a probe."""


async def probe(settings: SyncSettings, timeout_s: float = 10.0) -> None:
    """Connect once (for `doctor` and tests); raise the `BrokerError` that says what is wrong."""
    link = Link(settings.model_copy(update={"client_id": f"{settings.mqtt_client_id}-probe"}))
    listener = _Probe()
    link.start(listener)
    try:
        async with asyncio.timeout(timeout_s):
            error = await listener.outcome
    except TimeoutError:
        error = BrokerUnreachableError(
            f"no answer from the broker at {link.where} in {timeout_s} s"
        )
    finally:
        await asyncio.to_thread(link.stop)
    if error is not None:
        raise error
