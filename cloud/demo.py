"""Demo data made of real contract events, stored through the real ingest writer.

Used by `showfloor-cloud demo-seed`, the page tests and the dashboard benchmark; demo-seed also
links a few conversations to demo customers (with recorded consent to be kept in the CRM,
e-mailed and texted) so `crm preview` and `followup preview` have one, and gives the site a
follow-up voice.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.ingest.check import Message
from cloud.store.crm import PersonRow
from cloud.store.followup import FollowupVoiceRow
from cloud.store.projections import Conversation
from contract import payloads as p
from contract.events import envelope
from contract.ids import HubAddress, new_subject
from contract.topics import Topics

ZONES = ("entrance", "showroom", "suv-corner", "finance")
OBJECTIONS = list(p.Objection)
LINES = {
    "salesperson": [
        "What brings you in today?",
        "How will you use the car?",
        "Shall we take it out?",
    ],
    "customer": [
        "Just looking at the RAV4.",
        "The price is a bit high.",
        "What would the payment be?",
    ],
}


def _message(hub: HubAddress, data: BaseModel, when: datetime, received: datetime) -> Message:
    event = envelope(hub, data, time=when)
    return Message(
        Topics(hub).for_type(event.model_dump()["type"]), event.model_dump_json().encode(), received
    )


def conversation(
    hub: HubAddress, staff: str, start: datetime, rng: random.Random, *, live: bool = False
) -> Iterator[Message]:
    """One conversation: started, turns, a prompt and its outcome, ended (unless `live`)."""
    cid = new_subject("conv")
    zone = rng.choice(ZONES)
    yield _message(
        hub,
        p.ConversationStarted(
            conversation_id=cid, staff=[staff], zone=zone, consent="not_required"
        ),
        start,
        start,
    )
    turns, t = rng.randint(4, 10), 0.0
    scores: list[float] = []
    for index in range(turns):
        role: p.SpeakerRole = "salesperson" if index % 2 == 0 else "customer"
        length = rng.uniform(2, 12)
        score = round(rng.uniform(-0.8, 0.9), 2)
        labels = []
        if role == "customer" and rng.random() < 0.4:
            labels = [p.LabelHit(label=rng.choice(OBJECTIONS), confidence=0.8)]
        if role == "customer":
            scores.append(score)
        sentiment = p.Sentiment(score=score, label="neutral") if role == "customer" else None
        yield _message(
            hub,
            p.Turn(
                conversation_id=cid,
                index=index,
                role=role,
                speaker=staff if role == "salesperson" else "customer-1",
                start_s=t,
                end_s=t + length,
                text=rng.choice(LINES[role]),
                words=8,
                sentiment=sentiment,
                labels=labels,
            ),
            start + timedelta(seconds=t + length),
            start + timedelta(seconds=t + length),
        )
        t += length + rng.uniform(0.2, 1.5)
    prompt_id = f"p-{cid[5:]}"
    at = start + timedelta(seconds=t / 2)
    yield _message(
        hub,
        p.CoachingPrompt(
            prompt_id=prompt_id,
            conversation_id=cid,
            staff=staff,
            rule="price-objection",
            kind="objection",
            text="Acknowledge, then ask about their budget.",
        ),
        at,
        at,
    )
    if live:
        return
    yield _message(
        hub,
        p.PromptOutcome(prompt_id=prompt_id, conversation_id=cid, followed=rng.random() < 0.6),
        at,
        at,
    )
    objections = [
        p.ObjectionFollowUp(
            objection=rng.choice(OBJECTIONS), turn_index=i, handled=rng.random() < 0.7
        )
        for i in range(1, turns, 2)
        if rng.random() < 0.4
    ]
    end = start + timedelta(seconds=t)
    metrics = p.ConversationMetrics(
        duration_s=round(t, 1),
        talk_ratio=round(rng.uniform(0.3, 0.8), 2),
        open_questions=rng.randint(0, 6),
        objections=objections,
        signals=[p.Signal.TEST_DRIVE] if rng.random() < 0.3 else [],
        sentiment_start=scores[0] if scores else None,
        sentiment_end=scores[-1] if scores else None,
        stage=rng.choice(["browsing", "evaluating", "negotiating", "closing"]),
    )
    yield _message(hub, p.ConversationEnded(conversation_id=cid, metrics=metrics), end, end)
    yield _message(
        hub,
        p.Presence(
            action="greeted",
            zone=zone,
            staff=staff,
            visit_id=new_subject("visit"),
            waited_s=round(rng.uniform(5, 120), 1),
        ),
        start,
        start,
    )


def hub_day(hub: HubAddress, day: datetime, rng: random.Random) -> Iterator[Message]:
    """Hourly traffic of every zone for one day (opening hours 9-19 UTC)."""
    for hour in range(9, 20):
        at = day.replace(hour=hour, minute=0, second=0, microsecond=0)
        for zone in ZONES:
            yield _message(
                hub,
                p.TrafficSummary(
                    zone=zone,
                    interval_start=at,
                    interval_s=3600,
                    visitors=rng.randint(0, 25),
                    devices=rng.randint(0, 40),
                    staff_present=rng.randint(1, 4),
                ),
                at,
                at,
            )


def dataset(
    hub: HubAddress,
    staff: list[str],
    now: datetime,
    *,
    days: int = 7,
    per_day: int = 6,
    seed: int = 0,
) -> Iterator[Message]:
    """`days` days of conversations and traffic, two live conversations and an open alert."""
    rng = random.Random(seed)
    yield _message(hub, p.HubStatus(state="online", version="0.1.0"), now, now)
    for back in range(days, 0, -1):
        day = (now - timedelta(days=back)).replace(hour=10, minute=0, second=0, microsecond=0)
        yield from hub_day(hub, day, rng)
        for k in range(per_day):
            start = day + timedelta(minutes=600 * k / per_day + rng.randint(0, 20))
            yield from conversation(hub, staff[k % len(staff)], start, rng)
    for k in range(2):
        yield from conversation(
            hub, staff[k % len(staff)], now - timedelta(minutes=5 + k), rng, live=True
        )
    yield _message(
        hub,
        p.ManagerAlert(
            alert_id="a-waiting-1",
            severity="warning",
            rule="customer-waiting",
            message="A customer has waited 3 minutes at the entrance",
            zone="entrance",
        ),
        now,
        now,
    )


#: Demo customers who agreed to be kept in the dealer's CRM (example.com addresses only).
CUSTOMERS = (
    ("Maria", "Garcia", "maria.garcia@example.com", "+15555550101"),
    ("Dev", "Patel", "dev.patel@example.com", "+15555550102"),
    ("Chloe", "Martin", "chloe.martin@example.com", "+15555550103"),
)
CONSENT_TEXT = (
    "I agree that the dealership keeps my name, e-mail and phone number in its CRM with a "
    "summary of today's conversation, and contacts me about it by e-mail and text message."
)
#: The demo site's follow-up voice (example address: RFC 2606 domain, a fictional street).
DEMO_VOICE = {
    "dealership": "Demo Motors Downtown",
    "postal_address": "100 Example Avenue, Springfield, IL 62701, USA",
    "from_email": "sales@demo-motors.example",
    "sms_from": "+15555550100",
}


def link_customers(session: Session, tenant: str, site: str, by: str, now: datetime) -> int:
    """Link the newest ended conversations to the demo customers, with consent; how many new."""
    ended = session.scalars(
        select(Conversation)
        .where(Conversation.tenant_id == tenant, Conversation.site_id == site)
        .where(Conversation.ended_at.is_not(None))
        .order_by(Conversation.started_at.desc())
        .limit(len(CUSTOMERS))
    ).all()
    made = 0
    for conv, (first, last, email, phone) in zip(ended, CUSTOMERS, strict=False):
        if people.linked(session, tenant, site, conv.id) is not None:
            continue
        person = session.scalar(
            select(PersonRow).where(PersonRow.tenant_id == tenant, PersonRow.email == email)
        ) or people.create(
            session,
            tenant=tenant,
            site=site,
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            by=by,
        )
        consent = Consent(by_user=by, at=now, scopes=("crm", "email", "sms"), text=CONSENT_TEXT)
        enqueue.link(
            session,
            tenant=tenant,
            site=site,
            conversation_id=conv.id,
            person=person,
            consent=consent,
        )
        made += 1
    if session.get(FollowupVoiceRow, (tenant, site)) is None:
        session.add(FollowupVoiceRow(tenant_id=tenant, site_id=site, updated_by=by, **DEMO_VOICE))
    return made
