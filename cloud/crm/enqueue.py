"""Sync jobs into the outbox, in the transaction of their cause (a link, an end, a step).

Only a conversation linked to a person (with consent) ever produces a job, and only when its
site (or tenant) has CRM settings that are enabled. Each job is deduplicated in the database
(`crm_outbox.dedupe`), so two ingest workers seeing events of one conversation, or a replay,
enqueue it once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cloud.crm import activity, steps
from cloud.crm.connect import config_for
from cloud.crm.model import (
    Consent,
    LogActivity,
    Person,
    SetStep,
    SyncJob,
    UpsertPerson,
)
from cloud.errors import ConflictError
from cloud.store.base import utcnow
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow
from cloud.store.events import Event
from cloud.store.projections import Conversation


@dataclass(frozen=True)
class Cause:
    """A stored hub event of a conversation, as far as sync cares."""

    id: str
    type: str
    time: datetime
    data: dict[str, Any]


def person_of(person: PersonRow, link: LinkRow) -> Person:
    """The wire model of a person with the consent of `link`."""
    consent = Consent(
        by_user=link.consent_by,
        at=link.consent_at,
        scopes=tuple(link.consent_scopes.split(",")),  # type: ignore[arg-type]
        text=link.consent_text,
    )
    return Person(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        consent=consent,
    )


@dataclass(frozen=True)
class Planned:
    """A job and what makes it unique in the outbox."""

    job: SyncJob
    dedupe: str
    conversation_id: str | None


def add(session: Session, config: CrmConfigRow, planned: Planned) -> None:
    """Insert a job for `config`'s vendor unless a job with the same `dedupe` exists."""
    job = planned.job
    person_id = job.person_id if job.kind == "forget" else job.person.id
    now = utcnow()
    row = {
        "tenant_id": job.tenant_id,
        "site_id": job.site_id,
        "vendor": config.vendor,
        "kind": job.kind,
        "key": job.key,
        "dedupe": planned.dedupe,
        "person_id": person_id,
        "conversation_id": planned.conversation_id,
        "payload": job.model_dump(mode="json"),
        "state": "pending",
        "attempts": 0,
        "next_at": now,
        "created_at": now,
        "updated_at": now,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(OutboxRow).values(**row).on_conflict_do_nothing())


def _wanted(config: CrmConfigRow) -> set[str]:
    return {step for step in config.steps.split(",") if step}


def _conversation(session: Session, link: LinkRow) -> Conversation | None:
    return session.scalar(
        select(Conversation).where(
            Conversation.tenant_id == link.tenant_id,
            Conversation.site_id == link.site_id,
            Conversation.id == link.conversation_id,
        )
    )


def plan(
    session: Session, config: CrmConfigRow, link: LinkRow, person: Person, cause: Cause
) -> list[Planned]:
    """The jobs one event of a linked conversation causes (nothing is written)."""
    tenant, site, cid = link.tenant_id, link.site_id, link.conversation_id
    found: list[Planned] = []
    for step in steps.steps_of(cause.type, cause.data):
        if step in _wanted(config):
            step_job = SetStep(
                tenant_id=tenant,
                site_id=site,
                person=person,
                key=f"{cause.id}:{step}",
                step=step,
                at=cause.time,
                conversation_id=cid,
            )
            found.append(Planned(step_job, f"step:{cid}:{step}", cid))
    if cause.type == steps.ENDED:
        conv = _conversation(session, link)
        if conv is not None:
            act = activity.build(session, conv, config)
            job = LogActivity(
                tenant_id=tenant, site_id=site, person=person, key=cause.id, activity=act
            )
            found.append(Planned(job, f"activity:{cid}", cid))
    return found


def plan_link(
    session: Session, config: CrmConfigRow, link: LinkRow, person: Person
) -> list[Planned]:
    """The jobs a new link causes: the person's upsert, then what the conversation did so far.

    The person's owner is the conversation's salesperson, with their CRM user id if mapped.
    """
    conv = _conversation(session, link)
    upsert = UpsertPerson(
        tenant_id=link.tenant_id,
        site_id=link.site_id,
        key=link.id,
        person=person,
        owner=activity.owner(session, conv, config) if conv is not None else None,
    )
    found = [Planned(upsert, f"person:{link.id}", link.conversation_id)]
    events = session.execute(
        select(Event.id, Event.type, Event.time, Event.data)
        .where(Event.tenant_id == link.tenant_id, Event.subject == link.conversation_id)
        .where(Event.type.in_(steps.TYPES))
        .order_by(Event.time, Event.id)
    )
    seen: set[str] = set()
    for event_id, event_type, time, data in events:
        for planned in plan(session, config, link, person, Cause(event_id, event_type, time, data)):
            if planned.dedupe not in seen:
                seen.add(planned.dedupe)
                found.append(planned)
    return found


def link(
    session: Session,
    *,
    tenant: str,
    site: str,
    conversation_id: str,
    person: PersonRow,
    consent: Consent,
) -> LinkRow:
    """Link a conversation to `person`; enqueue the upsert, then what it already did."""
    found = session.get(LinkRow, (tenant, site, conversation_id))
    if found is not None:
        raise ConflictError(f"conversation {conversation_id!r} is already linked to a person")
    row = LinkRow(
        tenant_id=tenant,
        site_id=site,
        conversation_id=conversation_id,
        id=str(uuid.uuid4()),
        person_id=person.id,
        consent_by=consent.by_user,
        consent_at=consent.at,
        consent_scopes=",".join(consent.scopes),
        consent_text=consent.text,
    )
    session.add(row)
    session.flush()
    config = config_for(session, tenant, site)
    if config is None or not config.enabled:
        return row
    for planned in plan_link(session, config, row, person_of(person, row)):
        add(session, config, planned)
    return row


def linked(session: Session, tenant: str, site: str, conversations: Iterable[str]) -> list[LinkRow]:
    """The links of those of `conversations` that are linked (one indexed query)."""
    wanted = sorted(set(conversations))
    if not wanted:
        return []
    return list(
        session.scalars(
            select(LinkRow)
            .where(LinkRow.tenant_id == tenant, LinkRow.site_id == site)
            .where(LinkRow.conversation_id.in_(wanted))
            .order_by(LinkRow.conversation_id)
        )
    )


def on_events(session: Session, links: Iterable[LinkRow], causes: Iterable[Cause]) -> None:
    """Enqueue what new events of linked conversations cause (called by ingest)."""
    by_conversation: dict[str, list[Cause]] = {}
    for cause in causes:
        cid = steps.conversation_of(cause.data)
        if cid is not None:
            by_conversation.setdefault(cid, []).append(cause)
    configs: dict[tuple[str, str], CrmConfigRow | None] = {}
    for found in links:
        where = (found.tenant_id, found.site_id)
        if where not in configs:
            configs[where] = config_for(session, *where)
        config = configs[where]
        person = session.get(PersonRow, (found.tenant_id, found.person_id))
        if config is None or not config.enabled or person is None:
            continue
        wire = person_of(person, found)
        for cause in sorted(
            by_conversation.get(found.conversation_id, []), key=lambda c: (c.time, c.id)
        ):
            for planned in plan(session, config, found, wire, cause):
                add(session, config, planned)
