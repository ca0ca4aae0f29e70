"""Projections: the same rows whatever the arrival order and however events are batched."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from cloud.demo import conversation
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import db
from cloud.store.projections import Conversation, ObjectionRow, PromptRow, TurnRow
from contract import events as ev
from contract import payloads as p
from contract.events import envelope, parse_event
from contract.ids import HubAddress
from contract.topics import Topics
from tests.cloud.factory import build

START = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _message(hub: HubAddress, data: p.Payload) -> Message:
    event = envelope(hub, data)
    topic = Topics(hub).for_type(event.model_dump()["type"])
    return Message(topic, event.model_dump_json().encode(), START)


def _conversation_id(messages: list[Message]) -> str:
    data = (parse_event(m.payload).data for m in messages)
    return next(d.conversation_id for d in data if isinstance(d, p.ConversationStarted))


def _row(engine: Engine, tenant: str, cid: str, *, prompt: bool = True) -> dict[str, Any]:
    with db.session_factory(engine)() as session:
        row = session.get(Conversation, (tenant, cid))
        assert row is not None
        objections = session.scalars(
            select(ObjectionRow).where(ObjectionRow.conversation_id == cid)
        ).all()
        values = {c.name: getattr(row, c.key) for c in Conversation.__table__.columns}
        values.pop("id")
        if prompt:
            stored = session.scalars(select(PromptRow).where(PromptRow.conversation_id == cid))
            got = stored.one()
            values["prompt"] = (got.rule, got.kind, got.text, got.time, got.followed)
        values["objections_stored"] = sorted((o.turn_index, o.objection) for o in objections)
        return values


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_and_batching_give_the_same_rows(engine: Engine, seed: int) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    writer = BatchWriter(db.session_factory(engine))
    # the same conversation twice (same rng), under two ids
    in_order = list(conversation(hub, staff, START, random.Random(seed)))
    shuffled = list(conversation(hub, staff, START, random.Random(seed)))
    writer.write(in_order)  # one batch: folded in Python
    random.Random(seed).shuffle(shuffled)
    for message in shuffled:  # one event per batch, any order: merged by the database
        writer.write([message])
    one_batch = _row(engine, "acme", _conversation_id(in_order))
    one_by_one = _row(engine, "acme", _conversation_id(shuffled))
    assert one_by_one == one_batch
    events = [parse_event(m.payload) for m in in_order]
    turns = [e.data for e in events if isinstance(e, ev.TurnEvent)]
    last = max((t for t in turns if t.role == "customer"), key=lambda t: t.index)
    assert one_batch["turns"] == len(turns) > 0
    assert one_batch["sentiment"] == last.sentiment.score  # type: ignore[union-attr]
    assert one_batch["staff"] == staff and one_batch["started_at"] == START
    assert one_batch["ended_at"] is not None and one_batch["metrics"] is not None
    assert one_batch["prompt"][2] == one_batch["last_prompt"]


def _turn(cid: str, index: int, speaker: str) -> p.Turn:
    return p.Turn(
        conversation_id=cid, index=index, role="salesperson", speaker=speaker, start_s=0, end_s=1
    )


@pytest.mark.parametrize("start_first", [True, False])
def test_the_start_names_the_salesperson_over_a_guess_from_a_turn(
    engine: Engine, start_first: bool
) -> None:
    world = build(engine, events=False)
    hub, (named, other) = world.hubs["acme"], world.staff["acme"][:2]
    cid = "conv-00000000000000cc"
    start = _message(
        hub, p.ConversationStarted(conversation_id=cid, staff=[named], consent="granted")
    )
    guesses = [_message(hub, _turn(cid, 0, other)), _message(hub, _turn(cid, 2, named))]
    writer = BatchWriter(db.session_factory(engine))
    for message in [start, *guesses] if start_first else [*guesses, start]:
        writer.write([message])
    row = _row(engine, "acme", cid, prompt=False)
    assert (row["staff"], row["turns"], row["consent"]) == (named, 2, "granted")


def test_a_prompt_before_the_turn_that_fired_it_gives_the_same_rows(engine: Engine) -> None:
    """The hub's order when the turn waits for its re-decode (`asr.live_redecode_wait_s`)."""
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    writer = BatchWriter(db.session_factory(engine))
    rows = []
    for n, prompt_first in enumerate((False, True)):
        cid = f"conv-00000000000000e{n}"
        turn = p.Turn(
            conversation_id=cid, index=1, role="customer", speaker="customer-1", start_s=4,
            end_s=7, text="the price seems too high", words=5,
            labels=[p.LabelHit(label=p.Objection.PRICE, confidence=0.9)],
        )  # fmt: skip
        prompt = p.CoachingPrompt(
            prompt_id=f"pr-e{n}", conversation_id=cid, staff=staff, rule="price-objection",
            kind="objection", text="Acknowledge, then ask what monthly budget works.",
            trigger_turn=1,
        )  # fmt: skip
        start = p.ConversationStarted(conversation_id=cid, staff=[staff], consent="granted")
        timed = [(start, 0), (_turn(cid, 0, staff), 2), (turn, 7), (prompt, 8)]  # hub times
        if prompt_first:
            timed[2], timed[3] = timed[3], timed[2]
        for data, at_s in timed:  # one batch each, in this order
            event = envelope(hub, data, time=START + timedelta(seconds=at_s))
            topic = Topics(hub).for_type(event.model_dump()["type"])
            writer.write([Message(topic, event.model_dump_json().encode(), START)])
        row = _row(engine, "acme", cid)
        with db.session_factory(engine)() as session:
            stored = session.scalars(select(TurnRow).where(TurnRow.conversation_id == cid))
            row["turn_rows"] = sorted((t.index, t.text) for t in stored)
        rows.append(row)
    assert rows[1] == rows[0]
    assert rows[0]["turns"] == 2 and rows[0]["turn_rows"][1] == (1, "the price seems too high")
    assert rows[0]["last_prompt"] == "Acknowledge, then ask what monthly budget works."


def test_an_outcome_before_its_prompt_keeps_both(engine: Engine) -> None:
    world = build(engine, events=False)
    hub = world.hubs["acme"]
    writer = BatchWriter(db.session_factory(engine))
    writer.write([_message(hub, p.PromptOutcome(prompt_id="pr-9", followed=False))])
    with db.session_factory(engine)() as session:
        prompt = session.get(PromptRow, ("acme", "pr-9"))
        assert prompt is not None and (prompt.kind, prompt.followed) == ("", False)
    writer.write(
        [
            _message(
                hub,
                p.CoachingPrompt(prompt_id="pr-9", rule="greet", kind="presence", text="Say hi"),
            )
        ]
    )
    with db.session_factory(engine)() as session:
        prompt = session.get(PromptRow, ("acme", "pr-9"))
        assert prompt is not None
        assert (prompt.rule, prompt.kind, prompt.text, prompt.followed) == (
            "greet",
            "presence",
            "Say hi",
            False,
        )


def test_each_turn_keeps_its_language_and_a_turn_without_one_has_none(engine: Engine) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    cid = "conv-00000000000000dd"
    spanish = p.Turn.model_validate(_turn(cid, 0, staff).model_dump() | {"language": "es"})
    english = p.Turn.model_validate(_turn(cid, 1, staff).model_dump() | {"language": "en"})
    older_hub = _turn(cid, 2, staff)  # contract 1.0: no language
    BatchWriter(db.session_factory(engine)).write(
        [_message(hub, t) for t in (spanish, english, older_hub)]
    )
    with db.session_factory(engine)() as session:
        rows = session.scalars(
            select(TurnRow).where(TurnRow.conversation_id == cid).order_by(TurnRow.index)
        ).all()
        assert [r.language for r in rows] == ["es", "en", None]
