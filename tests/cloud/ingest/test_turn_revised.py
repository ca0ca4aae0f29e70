"""A turn's text polished after its conversation ended (`TurnRevised`, contract 1.3).

The highest revision's text wins whatever the arrival order and batching, a redelivery is
stored once, a hub of another site cannot revise a conversation, and the conversation page
shows the revised text (through a real Mosquitto and the cloud app).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.settings import CloudSettings
from cloud.store import admin, db
from cloud.store.events import Event
from cloud.store.projections import Conversation, TurnRow
from cloud.web.app import create_app
from contract import payloads as p
from contract.events import envelope
from contract.ids import HubAddress
from contract.topics import Topics
from harness.mosquitto import Mosquitto
from harness.mqtt import Client
from tests.cloud.factory import build, count
from tests.cloud.ingest.test_consumer import _broker_files, _with_broker
from tests.cloud.web.conftest import login
from tests.waiting import until

START = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
OTHER = HubAddress("acme", "site-c", "hub-1")  # same tenant and hub name, another site
HEARD = "is the new one on the lot"
POLISHED = "is the blue one on the lot"


def _message(hub: HubAddress, data: p.Payload) -> Message:
    event = envelope(hub, data)
    topic = Topics(hub).for_type(event.model_dump()["type"])
    return Message(topic, event.model_dump_json().encode(), START)


def _events(cid: str, staff: str) -> list[p.Payload]:
    return [
        p.ConversationStarted(conversation_id=cid, staff=[staff], consent="granted"),
        p.Turn(
            conversation_id=cid,
            index=0,
            role="customer",
            speaker="customer-1",
            start_s=1.0,
            end_s=3.5,
            text=HEARD,
            words=7,
            language="en",
            sentiment=p.Sentiment(score=0.2, label="neutral"),
        ),
        p.ConversationEnded(conversation_id=cid, metrics=p.ConversationMetrics(duration_s=9.0)),
        p.TurnRevised(conversation_id=cid, index=0, revision=1, text="is the blue one on a lot"),
        p.TurnRevised(conversation_id=cid, index=0, revision=2, text=POLISHED, words=7),
    ]


def _turn(engine: Engine, cid: str) -> tuple[object, ...]:
    with db.session_factory(engine)() as session:
        (row,) = session.scalars(select(TurnRow).where(TurnRow.conversation_id == cid)).all()
        conv = session.get(Conversation, ("acme", cid))
        assert conv is not None
        return (row.text, row.revision, row.role, row.speaker, row.start_s, row.end_s,
                row.sentiment, row.language, conv.turns)  # fmt: skip


@pytest.mark.parametrize("order", [0, 5, 17, 42, 119])
def test_the_highest_revision_wins_in_any_order_and_batching(engine: Engine, order: int) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    writer = BatchWriter(db.session_factory(engine))
    one_batch, one_by_one = "conv-000000000000a001", f"conv-00000000000{order:04d}b"
    writer.write([_message(hub, e) for e in _events(one_batch, staff)])
    events = list(itertools.permutations(_events(one_by_one, staff)))[order]
    for data in events:  # one event per batch, in this order: merged by the database
        writer.write([_message(hub, data)])
    expected = (POLISHED, 2, "customer", "customer-1", 1.0, 3.5, 0.2, "en", 1)
    assert _turn(engine, one_batch) == expected
    assert _turn(engine, one_by_one) == expected


def test_a_redelivered_revision_is_stored_once_and_an_older_one_changes_nothing(
    engine: Engine,
) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    cid = "conv-000000000000a002"
    writer = BatchWriter(db.session_factory(engine))
    messages = [_message(hub, e) for e in _events(cid, staff)]
    writer.write(messages)
    writer.write(messages[-2:])  # the two revisions again, same event ids
    assert count(engine, Event, Event.subject == cid) == len(messages)
    assert _turn(engine, cid)[:2] == (POLISHED, 2)
    stale = p.TurnRevised(conversation_id=cid, index=0, revision=1, text="something else")
    writer.write([_message(hub, stale)])
    assert _turn(engine, cid)[:2] == (POLISHED, 2)


def test_a_hub_of_another_site_cannot_revise_a_turn(engine: Engine) -> None:
    world = build(engine, events=False)
    with db.session_factory(engine).begin() as session:
        admin.add_site(session, "acme", OTHER.site, "Other rooftop")
        admin.add_hub(session, OTHER, "hub-1", "mqtt://127.0.0.1:1883")
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    cid = "conv-000000000000a003"
    writer = BatchWriter(db.session_factory(engine))
    writer.write([_message(hub, e) for e in _events(cid, staff)[:3]])
    forged = p.TurnRevised(conversation_id=cid, index=0, revision=9, text="forged words")
    writer.write([_message(OTHER, forged)])
    assert _turn(engine, cid)[:2] == (HEARD, 0)


def test_the_conversation_page_shows_the_polished_text_sent_through_mosquitto(
    engine: Engine, settings: CloudSettings, tmp_path: Path
) -> None:
    world = build(engine, events=False)
    acme = world.hubs["acme"]
    cid = "conv-000000000000a004"
    _broker_files(engine, tmp_path)
    with (
        Mosquitto(tmp_path) as broker,
        TestClient(create_app(_with_broker(settings, broker.port)), follow_redirects=False) as web,
    ):
        until("ingest to connect", lambda: web.get("/healthz").status_code == 200)
        hub = Client(broker.port, "hub-acme-site-a-hub-1", world.hub_passwords["acme"])
        try:
            messages = [_message(acme, e) for e in _events(cid, world.staff["acme"][0])]
            for message in [*messages[:3], messages[-1], messages[-1]]:  # redelivered once
                hub.publish(message.topic, message.payload)
            until("every event", lambda: count(engine, Event, Event.subject == cid) == 4)
        finally:
            hub.close()
        login(web, world.email("acme", "manager"))
        page = web.get(f"/conversations/{cid}")
    assert page.status_code == 200
    assert POLISHED in page.text and HEARD not in page.text
