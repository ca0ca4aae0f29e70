"""Jobs enter the outbox with their cause: a link, then steps and ends of linked conversations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm.enqueue import person_of
from cloud.crm.wording import SPANISH
from cloud.errors import ConflictError
from cloud.ingest.writer import BatchWriter
from cloud.store.crm import PersonRow
from cloud.store.events import Event
from cloud.store.projections import Conversation, ObjectionRow
from cloud.store.tenancy import Staff
from contract import payloads as p
from contract.ids import new_subject
from tests.cloud.crm.conftest import configure, ended_conversations, jobs, link, message
from tests.cloud.factory import World


def _event_id(session: Session, conv: Conversation, kind: str) -> str:
    found = session.scalar(
        select(Event.id).where(
            Event.tenant_id == conv.tenant_id,
            Event.subject == conv.id,
            Event.type == f"showfloor.conversation.{kind}.v1",
        )
    )
    assert found is not None
    return found


def test_a_link_enqueues_the_person_then_what_the_conversation_did(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, user_map={world.staff["acme"][0]: "hs-user-7"})
        conv = ended_conversations(session)[0]
        made = link(session, conv)
        found = jobs(session)
        objections = session.scalars(
            select(ObjectionRow).where(ObjectionRow.conversation_id == conv.id)
        ).all()
        staff = session.scalar(select(Staff.name).where(Staff.pseudonym == conv.staff))
        started, ended = _event_id(session, conv, "started"), _event_id(session, conv, "ended")
    kinds = [(row.kind, row.key) for row in found]
    assert kinds[0] == ("person", made.id)
    assert kinds[1] == ("step", f"{started}:greeted")  # greeted: the conversation started
    assert ("activity", ended) in kinds
    assert all(row.vendor == "hubspot" and row.state == "pending" for row in found)
    activity = next(row for row in found if row.kind == "activity").payload["activity"]
    assert activity["conversation_id"] == conv.id
    assert activity["owner"]["name"] == staff
    assert activity["owner"]["crm_user_id"] == (
        "hs-user-7" if conv.staff == world.staff["acme"][0] else None
    )
    assert [o["objection"] for o in activity["objections"]] == [o.objection for o in objections]
    assert activity["stage"] == conv.stage and conv.stage in activity["summary"]
    assert found[0].payload["owner"] == activity["owner"]  # the salesperson owns the lead
    person = found[0].payload["person"]
    assert person["email"] == "ana@example.com"
    assert person["consent"]["by_user"] == "manager@acme.invalid"


def test_a_spanish_dealers_activity_is_summarised_in_spanish(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, language="es")
        conv = next(c for c in ended_conversations(session) if c.stage)
        link(session, conv)
        found = jobs(session)
    activity = next(row for row in found if row.kind == "activity").payload["activity"]
    assert activity["language"] == "es"
    assert activity["summary"].startswith("Conversación en el showroom, ")
    assert f"Etapa: {SPANISH.stage_name(str(conv.stage))}." in activity["summary"]
    assert activity["next_step"] == SPANISH.next_steps[str(conv.stage)]


def test_unlinked_conversations_and_sites_without_settings_produce_nothing(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, tenant="rival", site="site-b")  # rival has settings, nothing linked
        link(session, ended_conversations(session)[0])  # acme: linked, but no settings
    BatchWriter(sessions).write(
        [
            message(
                world.hubs["rival"],
                p.ConversationStarted(conversation_id=new_subject("conv"), consent="granted"),
            )
        ]
    )
    with sessions.begin() as session:
        assert jobs(session) == []


def _live(world: World, sessions: sessionmaker[Session]) -> tuple[str, BatchWriter]:
    """A conversation that has started (and is linked), and a writer to continue it."""
    cid = new_subject("conv")
    writer = BatchWriter(sessions)
    hub = world.hubs["acme"]
    writer.write(
        [
            message(
                hub,
                p.ConversationStarted(
                    conversation_id=cid, staff=[world.staff["acme"][1]], consent="granted"
                ),
            )
        ]
    )
    with sessions.begin() as session:
        conv = session.scalar(select(Conversation).where(Conversation.id == cid))
        assert conv is not None
        link(session, conv)
    return cid, writer


def test_steps_and_the_end_of_a_linked_conversation_are_enqueued_as_they_arrive(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session)
    cid, writer = _live(world, sessions)
    hub = world.hubs["acme"]
    test_drive = p.LabelHit(label=p.Signal.TEST_DRIVE, confidence=0.9)
    turn = p.Turn(
        conversation_id=cid,
        index=1,
        role="customer",
        speaker="customer-1",
        start_s=1,
        end_s=3,
        text="Could we test drive the 2024 RAV4?",
        labels=[test_drive],
    )
    nego = p.Turn(
        conversation_id=cid,
        index=2,
        role="customer",
        speaker="customer-1",
        start_s=4,
        end_s=6,
        stage="negotiating",
    )
    metrics = p.ConversationMetrics(
        duration_s=60,
        signals=[p.Signal.TEST_DRIVE],
        sentiment_start=-0.2,
        sentiment_end=0.5,
        stage="closing",
    )
    end = p.ConversationEnded(conversation_id=cid, reason="left", metrics=metrics)
    now = datetime.now(UTC)
    batch = [
        message(hub, turn, now),
        message(hub, nego, now + timedelta(seconds=1)),
        message(hub, end, now + timedelta(seconds=2)),
    ]
    writer.write(batch)
    writer.write(batch)  # a redelivery adds nothing
    again = p.Turn(
        conversation_id=cid,
        index=3,
        role="customer",
        speaker="customer-1",
        start_s=7,
        end_s=8,
        labels=[test_drive],
    )
    writer.write([message(hub, again, now + timedelta(seconds=3))])  # a step is sent once
    with sessions.begin() as session:
        found = [(row.kind, row.payload.get("step")) for row in jobs(session)]
        activity = next(row for row in jobs(session) if row.kind == "activity").payload["activity"]
    assert found == [
        ("person", None),
        ("step", "greeted"),
        ("step", "test_drive"),
        ("step", "negotiation"),
        ("step", "left"),
        ("activity", None),
    ]
    assert activity["signals"] == ["test_drive"]
    assert activity["vehicle"] == {"year": 2024, "make": "Toyota", "model": "RAV4", "trim": None}
    assert (activity["sentiment_start"], activity["sentiment_end"]) == (-0.2, 0.5)
    assert "Sentiment -0.20 → +0.50" in activity["summary"]


def test_only_the_steps_the_settings_name_are_sent(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, steps="left")
    cid, writer = _live(world, sessions)
    metrics = p.ConversationMetrics(duration_s=5, stage="negotiating")
    writer.write(
        [
            message(
                world.hubs["acme"],
                p.ConversationEnded(conversation_id=cid, reason="left", metrics=metrics),
            )
        ]
    )
    with sessions.begin() as session:
        assert [(row.kind, row.payload.get("step")) for row in jobs(session)] == [
            ("person", None),
            ("step", "left"),
            ("activity", None),
        ]


def test_a_conversation_links_once_and_a_person_has_many(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session)
        first, second = ended_conversations(session)[:2]
        made = link(session, first)
        with pytest.raises(ConflictError, match="already linked"):
            link(session, first)
        link(session, second, person_id=made.person_id)
        persons = {row.person_id for row in jobs(session)}
        upserts = [row for row in jobs(session) if row.kind == "person"]
    assert persons == {made.person_id}
    assert len(upserts) == 2  # one per link, each its own key: the second updates the record


def test_the_consent_travels_with_the_person(world: World, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        made = link(session, ended_conversations(session)[0])
        row = session.get(PersonRow, ("acme", made.person_id))
        assert row is not None
        wire = person_of(row, made)
    assert wire.consent.scopes == ("crm",)
    assert wire.consent.text.startswith("I agree")


def test_every_job_has_its_own_key(world: World, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        configure(session)
        for conv in ended_conversations(session)[:6]:
            link(session, conv, email=f"{conv.id}@example.com")
        keys = [row.key for row in jobs(session)]
    assert len(keys) == len(set(keys))  # steps of one end event: `<event id>:<step>`
