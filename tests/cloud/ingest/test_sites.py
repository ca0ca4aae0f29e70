"""Inside a tenant, a hub of one site cannot touch another site's conversations or commands.

Not even under the same hub name: it cannot add turns, end a conversation or acknowledge a
command of the other site.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select

from cloud import commands
from cloud.demo import conversation
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db
from cloud.store.events import CommandAudit
from cloud.store.projections import Conversation, PromptRow, TurnRow
from cloud.views.scope import Principal, Scope
from contract import payloads as p
from contract.events import envelope, parse_event
from contract.ids import HubAddress
from contract.topics import Topics
from tests.cloud.factory import build

START = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
#: Same tenant and hub name as acme's hub, another site.
OTHER = HubAddress("acme", "site-c", "hub-1")


def _message(hub: HubAddress, data: p.Payload) -> Message:
    event = envelope(hub, data)
    return Message(
        Topics(hub).for_type(event.model_dump()["type"]), event.model_dump_json().encode(), START
    )


def _renamed(hub: HubAddress, messages: list[Message], cid: str) -> list[Message]:
    """`messages` sent again by `hub`, about conversation `cid` (fresh event ids)."""
    out = []
    for message in messages:
        data = parse_event(message.payload).data
        if getattr(data, "conversation_id", None):
            data = data.model_copy(update={"conversation_id": cid})
        out.append(_message(hub, data))
    return out


def _state(engine: Engine, cid: str) -> tuple[Any, ...]:
    with db.session_factory(engine)() as session:
        row = session.get(Conversation, ("acme", cid))
        assert row is not None
        turns = session.scalars(select(TurnRow.index).where(TurnRow.conversation_id == cid)).all()
        prompts = session.scalars(select(PromptRow.site_id).where(PromptRow.conversation_id == cid))
        return (row.site_id, row.turns, row.ended_at, row.metrics, sorted(turns), sorted(prompts))


@pytest.mark.parametrize("one_batch", [False, True])
def test_a_hub_of_another_site_cannot_add_turns_to_or_end_a_conversation(
    engine: Engine, one_batch: bool
) -> None:
    world = build(engine, events=False)
    with db.session_factory(engine).begin() as session:
        admin.add_site(session, "acme", OTHER.site, "Other rooftop")
        admin.add_hub(session, OTHER, "hub-1", "mqtt://127.0.0.1:1883")
    home = world.hubs["acme"]
    staff = world.staff["acme"][0]
    live = list(conversation(home, staff, START, random.Random(1), live=True))
    cid = next(
        d.conversation_id
        for d in (parse_event(m.payload).data for m in live)
        if isinstance(d, p.ConversationStarted)
    )
    # the other hub replays a whole conversation (more turns, an end) under the live one's id
    forged = _renamed(OTHER, list(conversation(OTHER, staff, START, random.Random(2))), cid)
    writer = BatchWriter(db.session_factory(engine))
    if one_batch:
        writer.write(live + forged)
    else:
        writer.write(live)
        before = _state(engine, cid)
        writer.write(forged)
        assert _state(engine, cid) == before
    site, turns, ended_at, metrics, indexes, prompt_sites = _state(engine, cid)
    assert site == "site-a" and ended_at is None and metrics is None
    assert turns == len(indexes) == sum(1 for m in live if b"conversation.turn" in m.payload)
    assert set(prompt_sites) <= {"site-a"}


def test_only_the_hub_a_command_went_to_can_acknowledge_it(engine: Engine) -> None:
    world = build(engine)
    with db.session_factory(engine).begin() as session:
        admin.add_site(session, "acme", OTHER.site, "Other rooftop")
        admin.add_hub(session, OTHER, "hub-1", "mqtt://127.0.0.1:1883")
        cid = session.scalars(
            select(Conversation.id).where(Conversation.tenant_id == "acme")
        ).first()
        assert cid is not None
        principal = Principal(1, "boss@acme.invalid", "acme", None, "admin")
        sent, _topic, _payload = commands.forget_subject(session, Scope.of(principal), cid)
        command_id = sent.id
    writer = BatchWriter(db.session_factory(engine))
    result = p.CommandResult(command_id=command_id, command="forget_subject", ok=True, removed=3)
    writer.write([_message(OTHER, result)])
    with db.session_factory(engine)() as session:
        audit = session.get(CommandAudit, command_id)
        assert audit is not None and audit.ack_ok is None
    writer.write([_message(world.hubs["acme"], result)])
    with db.session_factory(engine)() as session:
        audit = session.get(CommandAudit, command_id)
        assert audit is not None and audit.ack_ok is True and audit.ack_removed == 3
