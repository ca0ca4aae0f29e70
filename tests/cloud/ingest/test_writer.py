"""The batch writer: idempotent upsert, projections, dead letters and rejections, in-process."""

from __future__ import annotations

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, select

from cloud import commands
from cloud.demo import conversation
from cloud.errors import StoreError
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import db
from cloud.store.events import CommandAudit, DeadLetter, Event, Rejection
from cloud.store.projections import AlertRow, Conversation, PresenceRow, PromptRow, TurnRow
from cloud.store.tenancy import Hub
from cloud.views.scope import Principal, Scope
from contract import events as ev
from contract import payloads as p
from contract.events import envelope, parse_event
from contract.ids import HubAddress
from contract.topics import Topics
from harness.processes import free_port
from tests.cloud.factory import build, count

NOW = datetime.now(UTC)


def _msg(hub: HubAddress, data: p.Payload, topic_hub: HubAddress | None = None) -> Message:
    event = envelope(hub, data)
    topic = Topics(topic_hub or hub).for_type(event.model_dump()["type"])
    return Message(topic, event.model_dump_json().encode(), NOW)


def test_a_redelivered_batch_stores_nothing_twice(engine: Engine) -> None:
    world = build(engine)
    stored = count(engine, Event)
    turns = count(engine, TurnRow)
    assert stored > 100 and turns > 0
    writer = BatchWriter(db.session_factory(engine))
    hub = world.hubs["acme"]
    started = _msg(
        hub, p.ConversationStarted(conversation_id="conv-00000000000000aa", consent="granted")
    )
    first = writer.write([started, started, started])
    again = writer.write([started])
    assert count(engine, Event) == stored + 1
    assert writer.stats.stored == 1 and writer.stats.duplicates == 3
    # a re-sent event already stored is receipted again: the first receipt may have been lost
    event_id = parse_event(started.payload).id
    assert first.of(hub) == again.of(hub) == [event_id]
    assert [topic for topic, _ in again.messages()] == [Topics(hub).receipts]


def test_projections_follow_the_events(engine: Engine) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    cid = "conv-00000000000000bb"
    writer = BatchWriter(db.session_factory(engine))
    writer.write(
        [
            # a turn before its start (another ingest worker got the start): still projected
            _msg(
                hub,
                p.Turn(
                    conversation_id=cid,
                    index=1,
                    role="customer",
                    speaker="customer-1",
                    start_s=3,
                    end_s=5,
                    text="Too pricey",
                    sentiment=p.Sentiment(score=-0.4, label="negative"),
                ),
            ),
            _msg(
                hub,
                p.ConversationStarted(
                    conversation_id=cid, staff=[staff], zone="suv", consent="granted"
                ),
            ),
            _msg(
                hub,
                p.CoachingPrompt(
                    prompt_id="pr-1",
                    conversation_id=cid,
                    staff=staff,
                    rule="price",
                    kind="objection",
                    text="Ask about budget",
                ),
            ),
            _msg(hub, p.PromptOutcome(prompt_id="pr-1", conversation_id=cid, followed=True)),
            _msg(hub, p.ManagerAlert(alert_id="al-1", severity="critical", rule="r", message="m")),
            _msg(hub, p.HubStatus(state="degraded", version="1")),
        ]
    )
    with db.session_factory(engine)() as session:
        conv = session.get(Conversation, ("acme", cid))
        assert conv is not None
        assert (conv.staff, conv.zone, conv.turns, conv.sentiment) == (staff, "suv", 1, -0.4)
        assert conv.last_prompt == "Ask about budget"
        prompt = session.get(PromptRow, ("acme", "pr-1"))
        assert prompt is not None and prompt.followed is True
        assert session.get(AlertRow, ("acme", "al-1")) is not None
        assert session.get(Hub, tuple(hub)).state == "degraded"  # type: ignore[union-attr]


def test_bad_messages_are_dead_lettered_and_ingest_goes_on(engine: Engine) -> None:
    world = build(engine, events=False)
    hub = world.hubs["acme"]
    topics = Topics(hub)
    good = _msg(hub, p.HubStatus(state="online", version="1"))
    wrong_kind = _msg(hub, p.HubStatus(state="online", version="1"))
    wrong_kind = Message(topics.event("alert"), wrong_kind.payload, NOW)
    unknown_type = json.loads(good.payload)
    unknown_type.update(id="x1", type="showfloor.teleport.v1")
    writer = BatchWriter(db.session_factory(engine))
    receipts = writer.write(
        [
            Message(topics.status, b"{not json", NOW),
            Message(topics.event("conversation"), json.dumps(unknown_type).encode(), NOW),
            Message("showfloor/v1/acme/site-a/hub-1/gossip", b"{}", NOW),
            Message(topics.status, b"x" * 70000, NOW),
            wrong_kind,
            good,
        ]
    )
    with db.session_factory(engine)() as session:
        reasons = session.scalars(select(DeadLetter.reason).order_by(DeadLetter.id)).all()
    assert len(reasons) == 5
    assert reasons[0].startswith("invalid event: event: Invalid JSON")
    assert "showfloor.teleport.v1" in reasons[1] or "type" in reasons[1]
    assert reasons[2].startswith("bad topic: unknown topic kind 'gossip'")
    assert "over 65536" in reasons[3]
    assert "published on the 'alert' topic" in reasons[4]
    assert count(engine, Event) == 1
    # dead letters are committed too: receipted when they name a readable id (the hub stops
    # sending them), not when they cannot be traced back (no id, or no hub in the topic)
    ids = [parse_event(m.payload).id for m in (wrong_kind, good)]
    assert sorted(receipts.of(hub)) == sorted(["x1", *ids])
    assert len(receipts) == 3


def test_unknown_hubs_and_foreign_sources_are_rejected_and_counted(engine: Engine) -> None:
    world = build(engine, events=False)
    acme, rival = world.hubs["acme"], world.hubs["rival"]
    ghost = HubAddress("acme", "site-a", "ghost")
    writer = BatchWriter(db.session_factory(engine))
    status = p.HubStatus(state="online", version="1")
    receipts = writer.write(
        [_msg(ghost, status), _msg(ghost, status), _msg(rival, status, topic_hub=acme)]
    )
    writer.write([_msg(ghost, status)])
    # rejected messages are only counted, never receipted: a hub registered later gets its
    # events in when it sends them again
    assert len(receipts) == 0
    with db.session_factory(engine)() as session:
        counted = {(r.topic_hub, r.reason): r.count for r in session.scalars(select(Rejection))}
    assert counted == {
        (ghost.source, "unknown hub"): 3,
        (acme.source, "envelope source differs from the topic's hub"): 1,
    }
    assert count(engine, Event) == 0
    assert writer.stats.rejected == 4


def test_two_writers_sharing_the_events_lose_no_update(engine: Engine) -> None:
    """What two ingest workers on the shared subscription do: one conversation, both at once."""
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    rng = random.Random(7)
    messages = [m for _ in range(40) for m in conversation(hub, staff, NOW, rng)]
    # the broker deals consecutive messages to its subscribers in turn
    shares = [messages[0::2], messages[1::2]]
    writers = [BatchWriter(db.session_factory(engine)) for _ in shares]
    together = threading.Barrier(len(shares))

    def ingest(writer: BatchWriter, share: list[Message]) -> None:
        together.wait()
        for start in range(0, len(share), 25):
            writer.write(share[start : start + 25])

    with ThreadPoolExecutor(len(shares)) as pool:
        for done in [pool.submit(ingest, w, s) for w, s in zip(writers, shares, strict=True)]:
            done.result()
    # no batch failed on a key another writer had just inserted (and fell back to one by one)
    assert [writer.stats.fallbacks for writer in writers] == [0, 0]
    assert count(engine, Event) == len(messages)
    events = [parse_event(m.payload) for m in messages]
    expected: dict[str, tuple[int, float | None]] = {}
    for event in events:
        if isinstance(event, ev.TurnEvent):
            turns, _ = expected.get(event.data.conversation_id, (0, None))
            expected[event.data.conversation_id] = (turns + 1, _last_score(events, event.data))
    with db.session_factory(engine)() as session:
        rows = session.scalars(select(Conversation)).all()
        stored = {row.id: (row.turns, row.sentiment) for row in rows}
        assert all(row.staff == staff and row.ended_at is not None for row in rows)
        prompts = session.scalars(select(PromptRow)).all()
        assert len(prompts) == 40 and all(prompt.followed is not None for prompt in prompts)
    assert stored == expected


def _last_score(events: list[ev.HubEvent], turn: p.Turn) -> float | None:
    """The sentiment of the conversation's last customer turn."""
    scores = {
        e.data.index: e.data.sentiment.score
        for e in events
        if isinstance(e, ev.TurnEvent)
        and e.data.conversation_id == turn.conversation_id
        and e.data.role == "customer"
        and e.data.sentiment is not None
    }
    return scores[max(scores)] if scores else None


def test_an_event_the_database_refuses_is_dead_lettered_and_the_rest_stored(
    engine: Engine,
) -> None:
    world = build(engine, events=False)
    hub = world.hubs["acme"]
    huge = p.TrafficSummary(  # valid JSON and schema, but past any integer column
        zone="suv", interval_start=NOW, interval_s=60, visitors=2**70, devices=0, staff_present=1
    )
    writer = BatchWriter(db.session_factory(engine))
    batch = [_msg(hub, p.HubStatus(state="online", version="1")), _msg(hub, huge)]
    receipts = writer.write(batch)
    assert writer.stats.fallbacks == 1 and writer.stats.dead == 1
    assert receipts.of(hub) == [parse_event(m.payload).id for m in batch]
    assert count(engine, Event) == 1
    with db.session_factory(engine)() as session:
        letter = session.scalars(select(DeadLetter)).one()
    assert letter.reason.startswith("store refused the event")
    assert '"visitors":1180591620717411303424' in letter.payload.replace(" ", "")


def test_a_forgotten_conversation_does_not_come_back(engine: Engine) -> None:
    """Its events still at the broker are dropped; the hub's ack erases what raced the erase."""
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    messages = list(conversation(hub, staff, NOW, random.Random(3)))
    cid = str(parse_event(messages[0].payload).subject)
    writer = BatchWriter(db.session_factory(engine))
    writer.write(messages[:4])
    manager = Principal(1, "manager@acme.invalid", "acme", None, "manager")
    with db.session_factory(engine).begin() as session:
        audit, _, command = commands.forget_subject(session, Scope(manager), cid)
        audit_id = audit.id
    assert count(engine, Conversation, Conversation.id == cid) == 0

    receipts = writer.write(messages[4:])  # the rest, still at the broker: dropped, not stored
    assert receipts.of(hub) == [parse_event(m.payload).id for m in messages[4:]]
    assert count(engine, Event, Event.subject == cid) == 0
    assert count(engine, Conversation, Conversation.id == cid) == 0
    assert count(engine, TurnRow, TurnRow.conversation_id == cid) == 0
    assert writer.stats.forgotten == len(messages) - 4 - 1  # the greeting is about the visit
    assert count(engine, PresenceRow) == 1

    # a batch that checked before the forget committed, and committed after the erase
    with db.session_factory(engine).begin() as session:
        session.execute(delete(CommandAudit).where(CommandAudit.id == audit_id))
    late = _msg(hub, p.ConversationStarted(conversation_id=cid, consent="granted"))
    writer.write([late])
    assert count(engine, Conversation, Conversation.id == cid) == 1
    with db.session_factory(engine).begin() as session:
        session.add(CommandAudit(**_audit_row(audit_id, cid)))
    ack = p.CommandResult(command_id=audit_id, command="forget_subject", ok=True, removed=4)
    writer.write([_msg(hub, ack)])
    assert count(engine, Conversation, Conversation.id == cid) == 0
    assert count(engine, Event, Event.subject == cid) == 0
    with db.session_factory(engine)() as session:
        stored = session.get(CommandAudit, audit_id)
        assert stored is not None and (stored.ack_ok, stored.ack_removed) == (True, 4)
        assert stored.removed_in_cloud == 2  # the late start's event and conversation row
    assert json.loads(command)["data"]["subject"] == cid


def _audit_row(audit_id: str, subject: str) -> dict[str, object]:
    return {
        "id": audit_id,
        "tenant_id": "acme",
        "site_id": "site-a",
        "hub_id": "hub-1",
        "command": "forget_subject",
        "subject": subject,
        "requested_by": "manager@acme.invalid",
    }


def test_a_batch_the_database_does_not_take_gets_no_receipt() -> None:
    """Nothing committed, nothing receipted: the consumer retries the batch, the hub keeps it."""
    port = free_port()  # nothing listens there: PostgreSQL is down
    engine = db.make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/showfloor")
    hub = HubAddress("acme", "site-a", "hub-1")
    writer = BatchWriter(db.session_factory(engine))
    try:
        with pytest.raises(StoreError, match="cannot write to the database"):
            writer.write([_msg(hub, p.HubStatus(state="online", version="1"))])
    finally:
        engine.dispose()
    assert writer.stats.batches == 0
