"""The facts of one ended, linked conversation that a follow-up is written from.

Built from the read models only (redacted turns, objections, stage, signals), never from audio:
the customer's language (the majority of their turns; `en` or `es`), the vehicle of interest
and the trade-in (`cloud.crm.vehicle`, matched against its make/model catalogue), the figures the
salesperson confirmed (`figures`), whether the customer named a budget, the objections and
whether they were met, and the agreed next step (`nextstep`).
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.model import Vehicle
from cloud.crm.vehicle import trade_in, vehicle_of_interest
from cloud.followup import figures
from cloud.followup.nextstep import NextStep, next_step
from cloud.store.crm import LinkRow, PersonRow
from cloud.store.projections import Conversation, ObjectionRow, TurnRow
from cloud.store.tenancy import Staff

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(_Model):
    """A figure the salesperson confirmed, as said."""

    kind: figures.Kind
    value: str
    said: str


class Objection(_Model):
    """An objection the customer raised and whether the salesperson met it."""

    objection: str
    handled: bool


class Customer(_Model):
    """Who the follow-up is for, and what they agreed to be contacted by."""

    person_id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    email_consent: bool
    sms_consent: bool


class Facts(_Model):
    """Everything a draft may say; nothing else reaches it."""

    tenant_id: str
    site_id: str
    conversation_id: str
    language: Language
    customer: Customer
    salesperson: str | None
    vehicle: Vehicle | None
    trade_in: Vehicle | None
    figures: tuple[Figure, ...]
    budget_mentioned: bool
    objections: tuple[Objection, ...]
    signals: tuple[str, ...]
    next_step: NextStep


def language_of(spoken: list[tuple[str, str | None]]) -> Language:
    """The customer's language: most of their turns, else most turns, else English."""
    for pool in (
        [lang for role, lang in spoken if role == "customer"],
        [lang for _, lang in spoken],
    ):
        counts = Counter(lang for lang in pool if lang in LANGUAGES)
        if counts:
            return "es" if counts["es"] > counts["en"] else "en"
    return "en"


def customer_of(person: PersonRow, link: LinkRow) -> Customer:
    """The person with what their consent covers."""
    scopes = set(link.consent_scopes.split(","))
    return Customer(
        person_id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        email_consent="email" in scopes,
        sms_consent="sms" in scopes,
    )


def gather(session: Session, conv: Conversation, customer: Customer) -> Facts:
    """The facts of `conv` for `customer`."""
    turns = session.execute(
        select(TurnRow.role, TurnRow.text, TurnRow.language)
        .where(TurnRow.tenant_id == conv.tenant_id, TurnRow.conversation_id == conv.id)
        .order_by(TurnRow.index)
    ).all()
    said = [figures.Said(role, text) for role, text, _ in turns if text]
    texts = [turn.text for turn in said]
    objections = session.scalars(
        select(ObjectionRow)
        .where(ObjectionRow.tenant_id == conv.tenant_id, ObjectionRow.conversation_id == conv.id)
        .order_by(ObjectionRow.turn_index)
    )
    staff = None
    if conv.staff is not None:
        staff = session.scalar(
            select(Staff.name).where(
                Staff.tenant_id == conv.tenant_id, Staff.pseudonym == conv.staff
            )
        )
    signals = tuple(dict.fromkeys(str(s) for s in (conv.metrics or {}).get("signals", [])))
    return Facts(
        tenant_id=conv.tenant_id,
        site_id=conv.site_id,
        conversation_id=conv.id,
        language=language_of([(role, language) for role, _, language in turns]),
        customer=customer,
        salesperson=staff,
        vehicle=vehicle_of_interest(texts),
        trade_in=trade_in(texts),
        figures=tuple(
            Figure(kind=f.kind, value=str(f.value), said=f.said) for f in figures.confirmed(said)
        ),
        budget_mentioned=bool(figures.customer_figures(said)),
        objections=tuple(Objection(objection=o.objection, handled=o.handled) for o in objections),
        signals=signals,
        next_step=next_step(texts, conv.stage),
    )
