"""The publisher in-process against a real Mosquitto: status, commands, ACL, clear errors."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from contract.commands import ForgetSubject, Receipt
from contract.events import Command, ForgetSubjectCommand, envelope
from contract.ids import new_subject
from contract.payloads import CommandResult
from contract.topics import Topics
from edge.sync.commands import result_for
from edge.sync.errors import BrokerAuthError, BrokerTlsError, BrokerUnreachableError
from edge.sync.link import close, probe
from edge.sync.outbox import Outbox
from edge.sync.publisher import Publisher
from harness.mosquitto import Mosquitto
from harness.processes import free_port
from tests.aio import run
from tests.edge.sync.conftest import USERS, Subscriber, hub_settings
from tests.edge.sync.factories import HUB, OTHER_HUB, turn

TOPICS = Topics(HUB)


async def _until(condition: Callable[[], bool], what: str, timeout_s: float = 10.0) -> None:
    try:
        async with asyncio.timeout(timeout_s):
            while not condition():  # noqa: ASYNC110 (the state changes on paho's thread)
                await asyncio.sleep(0.02)
    except TimeoutError as err:
        raise AssertionError(f"{what} within {timeout_s} s") from err


def _cloud_publish(
    broker: Mosquitto, topic: str, payload: bytes | str, user: str = "cloud"
) -> None:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    client.username_pw_set(user, USERS[user])
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    try:
        client.publish(topic, payload, qos=1).wait_for_publish(5)
    finally:
        close(client)


@pytest.mark.parametrize("protocol", ["5", "3.1.1"])
def test_status_is_retained_and_commands_are_answered(
    broker: Mosquitto, tmp_path: Path, protocol: str
) -> None:
    subscriber = Subscriber(broker, f"{TOPICS.prefix}/+", f"cloud-status-{protocol}")
    conversation = new_subject("conv")
    handled: list[Command] = []

    async def forget(command: Command) -> CommandResult:
        handled.append(command)
        if not isinstance(command, ForgetSubjectCommand):
            return result_for(command, ok=False, detail="not supported")
        removed = await holder[0].forget(command.data.subject)
        return result_for(command, ok=True, removed=removed)

    def results() -> list[dict[str, Any]]:
        return [e for e in subscriber.events() if e["type"] == "showfloor.command.result.v1"]

    async def scenario() -> None:
        settings = hub_settings(broker, tmp_path / "o.db", protocol=protocol,
                                client_id=f"hub-1-status-{protocol}")  # fmt: skip
        outbox = await Outbox.open(settings.outbox, settings.address)
        holder.append(outbox)
        publisher = Publisher(settings, outbox, handler=forget)
        task = asyncio.create_task(publisher.run())
        try:
            await outbox.emit_many([turn(conversation, i) for i in range(3)])
            await _until(lambda: publisher.health().ok, "connected")
            await _until(lambda: len(subscriber.events()) >= 4, "status and turns arrive")
            await _until(
                lambda: any(e["data"].get("state") == "online" for e in subscriber.events()),
                "the online status (after a retained offline one from an earlier run, if any)",
            )

            command = envelope(HUB, ForgetSubject(subject=conversation, request_id="r-1"))
            _cloud_publish(broker, TOPICS.command("forget_subject"), command.model_dump_json())
            _cloud_publish(broker, TOPICS.command("config_reload"), b"{not json")
            await _until(lambda: len(results()) >= 2, "both commands acknowledged")
            by_command = {r["data"]["command"]: r["data"] for r in results()}
            assert by_command["forget_subject"]["ok"] is True
            assert by_command["forget_subject"]["removed"] == 3
            assert by_command["forget_subject"]["command_id"] == command.id
            assert by_command["config_reload"]["ok"] is False
            assert "malformed" in by_command["config_reload"]["detail"]
            assert len(handled) == 1  # the malformed one never reached the handler
            await _until(lambda: publisher.health().ok and not outbox.added.is_set(), "idle")
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await outbox.close()

    holder: list[Outbox] = []
    try:
        run(scenario(), timeout_s=40)
        # a clean stop publishes the retained `offline` status; a new subscriber gets it
        late = Subscriber(broker, TOPICS.status, f"cloud-late-{protocol}")
        try:
            run(_until(lambda: bool(late.messages), "the retained status"))
            _, payload, retained = late.messages[0]
            assert retained and json.loads(payload)["data"]["state"] == "offline"
        finally:
            late.close()
    finally:
        subscriber.close()


def test_events_without_a_receipt_are_sent_again_and_a_receipt_ends_them(
    broker: Mosquitto, tmp_path: Path
) -> None:
    """A PUBACK is not delivery: only the cloud's receipt takes an event out of the outbox."""
    silent = Subscriber(broker, f"{TOPICS.prefix}/+", "cloud-silent")  # no receipts
    conversation = new_subject("conv")

    def arrivals() -> Counter[str]:
        return Counter(e["id"] for e in silent.events() if e["type"].endswith("turn.v1"))

    async def scenario() -> None:
        settings = hub_settings(broker, tmp_path / "o.db", receipt_timeout_s=0.5,
                                client_id="hub-1-resend")  # fmt: skip
        async with await Outbox.open(settings.outbox, settings.address) as outbox:
            publisher = Publisher(settings, outbox)
            task = asyncio.create_task(publisher.run())
            try:
                events = await outbox.emit_many([turn(conversation, i) for i in range(3)])
                ids = [event.id for event in events]
                await _until(lambda: all(arrivals()[i] >= 2 for i in ids), "sent again")
                assert await outbox.depth() == 3 and publisher.resent >= 3
                # a receipt from another hub's topic, a malformed one, then the real one
                other = envelope(OTHER_HUB, Receipt(ids=ids)).model_dump_json()
                _cloud_publish(broker, TOPICS.receipts, other)
                _cloud_publish(broker, TOPICS.receipts, b'{"ids": 3}')
                receipt = envelope(HUB, Receipt(ids=ids))
                _cloud_publish(broker, TOPICS.receipts, receipt.model_dump_json())
                await _until(lambda: publisher.received_count == 3, "the receipt taken in")
                assert await outbox.depth() == 0
                settled = arrivals()
                await asyncio.sleep(1.5)  # three receipt timeouts: nothing is sent again
                assert arrivals() == settled
                # receipts are never acknowledged: no command result was published
                types = {e["type"] for e in silent.events()}
                assert types == {"showfloor.conversation.turn.v1", "showfloor.status.v1"}
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    try:
        run(scenario(), timeout_s=30)
    finally:
        silent.close()


def test_a_hub_cannot_publish_as_another(broker: Mosquitto) -> None:
    subscriber = Subscriber(broker, "showfloor/v1/+/+/+/conversation", "cloud-acl")
    try:
        forged = envelope(HUB, turn(new_subject("conv"), 0)).model_dump_json()
        _cloud_publish(broker, TOPICS.event("conversation"), forged, user="hub-2")
        own = envelope(OTHER_HUB, turn(new_subject("conv"), 0)).model_dump_json()
        _cloud_publish(broker, Topics(OTHER_HUB).event("conversation"), own, user="hub-2")
        run(_until(lambda: len(subscriber.messages) >= 1, "hub-2's own event"))
        run(asyncio.sleep(0.5))
        topics = [topic for topic, _, _ in subscriber.messages]
        assert topics == [Topics(OTHER_HUB).event("conversation")]  # the forged one never arrived
    finally:
        subscriber.close()


def test_clear_errors_for_unreachable_broker_wrong_password_and_bad_tls(
    broker: Mosquitto, tmp_path: Path, tls_dir: Path
) -> None:
    outbox = tmp_path / "o.db"
    cases: list[tuple[Any, type[Exception], str]] = [
        (hub_settings(broker, outbox, port=free_port()), BrokerUnreachableError,
         "cannot reach the broker at 127.0.0.1"),
        (hub_settings(broker, outbox, password="wrong"), BrokerAuthError, "sync.password"),
        (hub_settings(broker, outbox, port=broker.tls_ports[0],
                      ca_file=tls_dir / "other-ca.crt"), BrokerTlsError, "sync.ca_file"),
        (hub_settings(broker, outbox, port=broker.tls_ports[1], ca_file=tls_dir / "ca.crt"),
         BrokerTlsError, "expired"),
    ]  # fmt: skip
    for settings, error, message in cases:
        with pytest.raises(error, match=message):
            run(probe(settings, timeout_s=5))
    run(probe(hub_settings(broker, outbox, port=broker.tls_ports[0], ca_file=tls_dir / "ca.crt")))
    missing = hub_settings(broker, outbox, ca_file=tmp_path / "missing.crt")
    with pytest.raises(BrokerTlsError, match="cannot load the TLS files"):
        run(probe(missing))
