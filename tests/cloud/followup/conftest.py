"""A scripted conversation stored through the real ingest writer, linked with consent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.followup.unsubscribe import Links
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db
from cloud.store.crm import LinkRow
from cloud.store.followup import FollowupVoiceRow
from contract import payloads as p
from contract.events import envelope
from contract.ids import HubAddress, new_subject, staff_pseudonym
from contract.topics import Topics

HUB = HubAddress("acme", "site-a", "hub-1")
STAFF = staff_pseudonym(b"k" * 16, "Dana Reyes")
T0 = datetime(2026, 5, 2, 15, 0, tzinfo=UTC)
LINKS = Links("test-unsubscribe-key-" + "x" * 20, "https://showfloor.example")
VOICE = {
    "dealership": "Acme Toyota",
    "postal_address": "1 Example Road, Springfield, IL 62701",
    "from_email": "sales@acme.example",
    "sms_from": "+15555550100",
}


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the test database, with tenant acme, site-a, hub-1 and Dana Reyes."""
    factory = db.session_factory(engine)
    with factory.begin() as session:
        admin.add_tenant(session, "acme", "Acme")
        admin.add_site(session, "acme", "site-a", "Site A")
        admin.add_hub(session, HUB, "hub", "mqtt://127.0.0.1:1883")
        admin.add_staff(session, "acme", "site-a", STAFF, "Dana Reyes")
    return factory


def _message(data: BaseModel, when: datetime) -> Message:
    event = envelope(HUB, data, time=when)
    return Message(
        Topics(HUB).for_type(event.model_dump()["type"]), event.model_dump_json().encode(), when
    )


def converse(
    sessions: sessionmaker[Session],
    lines: Sequence[tuple[str, str]],
    *,
    language: str | None = "en",
    objections: Sequence[tuple[str, int, bool]] = (),
    stage: p.Stage = "evaluating",
    start: datetime = T0,
    ended: bool = True,
) -> str:
    """Store a conversation of `(role, text)` lines; its id."""
    cid = new_subject("conv")
    messages = [
        _message(
            p.ConversationStarted(conversation_id=cid, staff=[STAFF], consent="granted"), start
        )
    ]
    for index, (role, text) in enumerate(lines):
        turn = p.Turn(
            conversation_id=cid,
            index=index,
            role=role,  # type: ignore[arg-type]
            speaker=STAFF if role == "salesperson" else "customer-1",
            start_s=index * 5.0,
            end_s=index * 5.0 + 4,
            text=text,
            language=language,
        )
        messages.append(_message(turn, start + timedelta(seconds=index * 5 + 4)))
    if ended:
        metrics = p.ConversationMetrics(
            duration_s=len(lines) * 5.0,
            talk_ratio=0.5,
            open_questions=1,
            objections=[
                p.ObjectionFollowUp(objection=p.Objection(o), turn_index=i, handled=h)
                for o, i, h in objections
            ],
            signals=[],
            stage=stage,
        )
        end = start + timedelta(seconds=len(lines) * 5 + 5)
        messages.append(_message(p.ConversationEnded(conversation_id=cid, metrics=metrics), end))
    BatchWriter(sessions).write(messages)
    return cid


def link(
    session: Session,
    conversation_id: str,
    scopes: tuple[str, ...] = ("crm", "email", "sms"),
    *,
    email: str | None = "ana@example.com",
    phone: str | None = "+15551230000",
) -> LinkRow:
    """Link the conversation to Ana López with `scopes` of consent."""
    person = people.create(
        session,
        tenant="acme",
        site="site-a",
        first_name="Ana",
        last_name="López",
        email=email,
        phone=phone,
        by="manager@acme.invalid",
    )
    consent = Consent(
        by_user="manager@acme.invalid",
        at=T0,
        scopes=scopes,  # type: ignore[arg-type]
        text="I agree to be contacted.",
    )
    return enqueue.link(
        session,
        tenant="acme",
        site="site-a",
        conversation_id=conversation_id,
        person=person,
        consent=consent,
    )


def voice(session: Session, **values: object) -> FollowupVoiceRow:
    """The site's follow-up voice (the test's values over `VOICE`)."""
    row = FollowupVoiceRow(tenant_id="acme", site_id="site-a", **(VOICE | values))
    session.add(row)
    session.flush()
    return row
