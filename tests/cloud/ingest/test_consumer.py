"""End to end through a real Mosquitto: provisioning, ACLs, ingest, commands, broker outages."""

from __future__ import annotations

import time
from pathlib import Path

import paho.mqtt.client as mqtt
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, select

from cloud.demo import dataset
from cloud.settings import CloudSettings
from cloud.store import admin, db
from cloud.store.events import CommandAudit, DeadLetter, Event
from cloud.store.projections import Conversation
from cloud.web.app import create_app
from contract import payloads as p
from contract.events import ReceiptCommand, envelope, parse_command, parse_event
from contract.ids import HubAddress
from contract.topics import Topics
from harness.mosquitto import Mosquitto, dynsec_file
from harness.mqtt import Client
from tests.cloud.factory import NOW, build, count
from tests.waiting import until

CLOUD_USER, CLOUD_PASSWORD = "cloud", "cloud-secret-pw"


def _broker_files(engine: Engine, directory: Path) -> None:
    with db.session_factory(engine).begin() as session:
        admin.write_broker_files(session, directory, CLOUD_USER, CLOUD_PASSWORD)


def _with_broker(settings: CloudSettings, port: int) -> CloudSettings:
    url = f"mqtt://{CLOUD_USER}:{CLOUD_PASSWORD}@127.0.0.1:{port}"
    return settings.model_copy(update={"mqtt_url": SecretStr(url), "ingest_retry_s": 0.2})


def test_events_go_through_mosquitto_once_and_commands_come_back(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    acme, rival = world.hubs["acme"], world.hubs["rival"]
    _broker_files(engine, tmp_path)
    with (
        Mosquitto(tmp_path) as broker,
        TestClient(create_app(_with_broker(settings, broker.port))) as web,
    ):
        until("ingest to connect", lambda: web.get("/healthz").status_code == 200)
        hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
        try:
            assert hub.reason == "Success"
            hub.subscribe(Topics(acme).commands)
            messages = list(dataset(acme, world.staff["acme"], NOW, days=2, per_day=3))
            for message in messages + messages[:20]:  # the first 20 redelivered
                hub.publish(message.topic, message.payload)
            hub.publish(Topics(acme).status, b'{"broken": ')
            # the ACL keeps a hub inside its own topics: this never reaches the cloud (and
            # Mosquitto drops the connection, hence a connection of its own)
            intruder = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
            intruder.publish(Topics(rival).status, messages[0].payload)
            intruder.close()
            until("every event", lambda: count(engine, Event) == len(messages))
            until("the dead letter", lambda: count(engine, DeadLetter) == 1)
            # every event committed is receipted to its hub, the 20 re-sent ones too; the dead
            # letter has no id to name
            ids = {parse_event(m.payload).id for m in messages}
            until("the receipts", lambda: _receipted(hub, acme) == ids)
            assert count(engine, Event, Event.tenant_id == "rival") == 0
            admin_token = world.tokens["acme:admin"]
            health = web.get("/healthz", headers={"Authorization": f"Bearer {admin_token}"}).json()
            assert health["broker"] == "connected"
            assert health["ingest"]["stored"] == len(messages)
            assert health["ingest"]["duplicates"] == 20

            # forget a conversation: erased in the cloud, command to the hub, its ack recorded
            token = world.tokens["acme:manager"]
            cid = next(m.payload for m in messages if b"conversation.started" in m.payload)
            conversation_id = envelope_subject(cid)
            answer = web.post(
                f"/api/v1/conversations/{conversation_id}/forget",
                headers={"Authorization": f"Bearer {token}"},
            )
            assert answer.status_code == 200, answer.text
            result = answer.json()
            assert result["sent_to_hub"] is True and result["removed_in_cloud"] > 0
            assert count(engine, Event, Event.subject == conversation_id) == 0
            forget_topic = Topics(acme).command("forget_subject")
            until("the command at the hub", lambda: bool(_on(hub, forget_topic)))
            (forget,) = _on(hub, forget_topic)
            command = parse_command(forget)
            assert command.data.subject == conversation_id  # type: ignore[union-attr]
            ack = envelope(
                acme,
                p.CommandResult(
                    command_id=command.id, command="forget_subject", ok=True, removed=7
                ),
            )
            hub.publish(Topics(acme).event("command"), ack.model_dump_json().encode())

            def acked() -> bool:
                with db.session_factory(engine)() as session:
                    audit = session.get(CommandAudit, result["request_id"])
                    return audit is not None and audit.ack_ok is True and audit.ack_removed == 7

            until("the acknowledgement", acked)
        finally:
            hub.close()


def _on(client: Client, topic: str) -> list[bytes]:
    return [bytes(m.payload) for m in client.messages() if m.topic == topic]


def _receipted(client: Client, hub: HubAddress) -> set[str]:
    """Every event id the cloud receipted to `hub`."""
    ids: set[str] = set()
    for payload in _on(client, Topics(hub).receipts):
        receipt = parse_command(payload)
        assert isinstance(receipt, ReceiptCommand) and receipt.hub == hub
        ids.update(receipt.data.ids)
    return ids


def envelope_subject(raw: bytes) -> str:
    """The `subject` of a serialized event."""
    subject = parse_event(raw).subject
    assert subject is not None
    return subject


def test_provisioning_files_are_enforced_by_mosquitto(engine: Engine, tmp_path: Path) -> None:
    world = build(engine, events=False)
    _broker_files(engine, tmp_path)
    with Mosquitto(tmp_path) as broker:
        wrong = Client(broker.port, "hub-acme-site-a-hub-1", "not-the-password")
        wrong.close()
        assert wrong.reason == "Not authorized"
        new_hub = HubAddress("acme", "site-a", "hub-2")
        with db.session_factory(engine).begin() as session:
            added = admin.add_hub(session, new_hub, "", "mqtt://x")
        before = Client(broker.port, "hub-acme-site-a-hub-2", added.password)
        before.close()
        assert before.reason == "Not authorized"
        _broker_files(engine, tmp_path)
        broker.reload()
        after = Client(broker.port, "hub-acme-site-a-hub-2", added.password)
        cloud = Client(broker.port, CLOUD_USER, CLOUD_PASSWORD)
        try:
            assert after.reason == "Success"
            cloud.subscribe("showfloor/v1/#")
            after.publish(Topics(new_hub).status, b"own")
            after.publish(Topics(world.hubs["acme"]).status, b"someone else's")
            until("the hub's own message", lambda: len(cloud.received) >= 1)
            time.sleep(0.3)
            assert [m.topic for m in cloud.received] == [Topics(new_hub).status]
        finally:
            after.close()
            cloud.close()


def test_a_broker_that_is_down_at_start_is_retried_and_reported(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    admin = {"Authorization": f"Bearer {world.tokens['acme:admin']}"}
    _broker_files(engine, tmp_path)
    broker = Mosquitto(tmp_path)
    with TestClient(create_app(_with_broker(settings, broker.port))) as web:
        until(
            "a failed attempt",
            lambda: "down" in web.get("/healthz", headers=admin).json()["broker"],
        )
        assert web.get("/healthz").json() == {"status": "down"}  # the public part
        down = web.get("/healthz", headers=admin)
        assert down.status_code == 503
        assert f"cannot reach the broker at 127.0.0.1:{broker.port}" in down.json()["broker"]
        with broker:
            until("ingest to connect", lambda: web.get("/healthz").status_code == 200, 30)


def test_a_refused_subscription_in_the_api_is_reported_by_health_not_taken_for_ingest(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    """`serve` with ingest in the API: the web view stays up, `/healthz` says why ingest is not."""
    world = build(engine, events=False)
    admin_token = {"Authorization": f"Bearer {world.tokens['acme:admin']}"}
    dynsec = dynsec_file(
        tmp_path / "dynsec.json",
        CLOUD_USER,
        CLOUD_PASSWORD,
        [("publishClientSend", "showfloor/v1/+/+/+/cmd/#")],
    )
    with (
        Mosquitto(tmp_path / "broker", dynsec=dynsec) as broker,
        TestClient(create_app(_with_broker(settings, broker.port))) as web,
    ):
        until(
            "the refusal in /healthz",
            lambda: "refused the subscription" in web.get("/healthz", headers=admin_token).text,
        )
        health = web.get("/healthz", headers=admin_token)
        assert health.status_code == 503
        assert "(Not authorized)" in health.json()["broker"]
        assert web.get("/healthz").json() == {"status": "down"}
        assert web.get("/login").status_code == 200  # the web view itself still serves


def test_a_hub_that_answers_at_once_finds_the_command_committed(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    """The hub may acknowledge a forget within milliseconds: the command row must exist by then.

    Ingest matches an answer to its committed command row and drops an answer to a command it
    does not know, so the web view commits the command before it publishes it.
    """
    world = build(engine, events=True)
    acme = world.hubs["acme"]
    _broker_files(engine, tmp_path)
    seen: list[bool] = []
    with (
        Mosquitto(tmp_path) as broker,
        TestClient(create_app(_with_broker(settings, broker.port))) as web,
    ):
        until("ingest to connect", lambda: web.get("/healthz").status_code == 200)
        hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])

        def answer_at_once(_c: object, _u: object, message: mqtt.MQTTMessage) -> None:
            command = parse_command(bytes(message.payload))
            with db.session_factory(engine)() as session:
                seen.append(session.get(CommandAudit, command.id) is not None)
            ack = envelope(
                acme,
                p.CommandResult(command_id=command.id, command="forget_subject", ok=True),
            )
            hub.client.publish(Topics(acme).event("command"), ack.model_dump_json(), qos=1)

        hub.client.on_message = answer_at_once
        try:
            hub.subscribe(Topics(acme).command("forget_subject"))
            with db.session_factory(engine)() as session:
                conversation_id = session.scalars(
                    select(Conversation.id).where(
                        Conversation.tenant_id == "acme", Conversation.site_id == "site-a"
                    )
                ).first()
            assert conversation_id is not None
            answer = web.post(
                f"/api/v1/conversations/{conversation_id}/forget",
                headers={"Authorization": f"Bearer {world.tokens['acme:manager']}"},
            )
            assert answer.status_code == 200, answer.text
            request_id = answer.json()["request_id"]

            def acked() -> bool:
                with db.session_factory(engine)() as session:
                    audit = session.get(CommandAudit, request_id)
                    return audit is not None and audit.ack_ok is True

            until("the acknowledgement", acked)
            assert seen == [True]
        finally:
            hub.close()
