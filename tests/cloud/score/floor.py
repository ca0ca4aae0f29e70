"""Conversations with chosen signals, objections, mood, stage, visit and dwell, as hub events.

They go through the real ingest writer (validation, projections) into the test database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import Engine

from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import db
from contract import payloads as p
from contract.events import envelope
from contract.ids import HubAddress, new_subject
from contract.topics import Topics

START = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@dataclass
class Visit:
    """What one customer did in one conversation (`visit_id`: shared with another, or new).

    `conversation_id` (and a new `visit_id`) are filled in when it is written.
    """

    signals: list[p.Signal] = field(default_factory=list)
    handled: int = 0
    open: int = 0
    sentiment: tuple[float, float] = (0.0, 0.0)
    stage: p.Stage = "browsing"
    duration_s: float = 120.0
    dwell_s: float | None = None
    live: bool = False
    start: datetime = START
    conversation_id: str = ""
    visit_id: str = ""


def _message(hub: HubAddress, data: BaseModel, when: datetime) -> Message:
    event = envelope(hub, data, time=when)
    return Message(
        Topics(hub).for_type(event.model_dump()["type"]), event.model_dump_json().encode(), when
    )


def messages(hub: HubAddress, staff: str, visit: Visit) -> list[Message]:
    """The hub's events of one visit: start, turns while live, end, presence."""
    cid, vid = new_subject("conv"), visit.visit_id or new_subject("visit")
    visit.conversation_id, visit.visit_id = cid, vid
    start = visit.start
    out = [
        _message(
            hub,
            p.ConversationStarted(
                conversation_id=cid,
                staff=[staff],
                zone="showroom",
                visit_id=vid,
                consent="not_required",
            ),
            start,
        )
    ]
    if visit.dwell_s is not None:
        out.append(
            _message(
                hub,
                p.Presence(action="dwell", zone="showroom", visit_id=vid, dwell_s=visit.dwell_s),
                start + timedelta(seconds=visit.dwell_s),
            )
        )
    labels: list[p.LabelHit] = [p.LabelHit(label=s, confidence=0.9) for s in visit.signals]
    labels += [p.LabelHit(label=p.Objection.PRICE, confidence=0.9)] * (visit.handled + visit.open)
    out.append(
        _message(
            hub,
            p.Turn(
                conversation_id=cid,
                index=1,
                role="customer",
                speaker="customer-1",
                start_s=1.0,
                end_s=4.0,
                text="Tell me more.",
                sentiment=p.Sentiment(score=visit.sentiment[1], label="neutral"),
                labels=labels,
            ),
            start + timedelta(seconds=4),
        )
    )
    if visit.live:
        return out
    objections = [
        p.ObjectionFollowUp(
            objection=p.Objection.PRICE, turn_index=1 + i, handled=i < visit.handled
        )
        for i in range(visit.handled + visit.open)
    ]
    metrics = p.ConversationMetrics(
        duration_s=visit.duration_s,
        objections=objections,
        signals=visit.signals,
        sentiment_start=visit.sentiment[0],
        sentiment_end=visit.sentiment[1],
        stage=visit.stage,
    )
    out.append(
        _message(
            hub,
            p.ConversationEnded(conversation_id=cid, metrics=metrics),
            start + timedelta(seconds=visit.duration_s),
        )
    )
    return out


def write(engine: Engine, hub: HubAddress, staff: str, visits: list[Visit]) -> list[str]:
    """Store the visits' events through ingest; their conversation ids."""
    batch = [m for visit in visits for m in messages(hub, staff, visit)]
    receipts = BatchWriter(db.session_factory(engine)).write(batch)
    del receipts
    return [visit.conversation_id for visit in visits]


def link_customer(engine: Engine, conversation_ids: list[str]) -> None:
    """One known customer (Ana Lee, site-a of acme, CRM consent) linked to these conversations."""
    with db.session_factory(engine).begin() as session:
        person = people.create(
            session,
            tenant="acme",
            site="site-a",
            first_name="Ana",
            last_name="Lee",
            email="ana@example.com",
            phone="",
            by="manager@acme.invalid",
        )
        consent = Consent(
            by_user="manager@acme.invalid", at=datetime.now(UTC), scopes=("crm",), text="ok"
        )
        for cid in conversation_ids:
            enqueue.link(
                session,
                tenant="acme",
                site="site-a",
                conversation_id=cid,
                person=person,
                consent=consent,
            )
