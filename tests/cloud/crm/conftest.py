"""A world of demo data with CRM settings, and helpers to link conversations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.crm.worker import SyncWorker
from cloud.ingest.check import Message
from cloud.store import db
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow
from cloud.store.projections import Conversation
from contract.events import envelope
from contract.ids import HubAddress
from contract.topics import Topics
from harness.crm.hubspot import Portal, create_app
from harness.http import serve
from tests.cloud.factory import World, build

CONSENT_TEXT = "I agree that Acme keeps my details in its CRM and contacts me about this visit."


@pytest.fixture
def world(engine: Engine) -> World:
    """Tenants acme and rival with a week of demo events."""
    return build(engine)


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the test database."""
    return db.session_factory(engine)


def configure(
    session: Session, tenant: str = "acme", site: str = "site-a", **values: object
) -> CrmConfigRow:
    """CRM settings for a site (HubSpot, every step, no credentials)."""
    row = CrmConfigRow(tenant_id=tenant, site_id=site, vendor="hubspot", settings={}, user_map={})
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def ended_conversations(session: Session, tenant: str = "acme") -> list[Conversation]:
    """The tenant's ended conversations, oldest first."""
    return list(
        session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == tenant, Conversation.ended_at.is_not(None))
            .order_by(Conversation.started_at)
        )
    )


def link(
    session: Session,
    conv: Conversation,
    email: str = "ana@example.com",
    person_id: str | None = None,
) -> LinkRow:
    """Link `conv` to a new person (or `person_id`), with consent."""
    if person_id is None:
        person = people.create(
            session,
            tenant=conv.tenant_id,
            site=conv.site_id,
            first_name="Ana",
            last_name="López",
            email=email,
            phone="+15551230000",
            by="manager@acme.invalid",
        )
    else:
        found = session.get(PersonRow, (conv.tenant_id, person_id))
        assert found is not None
        person = found
    consent = Consent(
        by_user="manager@acme.invalid", at=datetime.now(UTC), scopes=("crm",), text=CONSENT_TEXT
    )
    return enqueue.link(
        session,
        tenant=conv.tenant_id,
        site=conv.site_id,
        conversation_id=conv.id,
        person=person,
        consent=consent,
    )


def jobs(session: Session) -> list[OutboxRow]:
    """Every outbox row, in order."""
    return list(session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def message(hub: HubAddress, data: BaseModel, when: datetime | None = None) -> Message:
    """A hub event as ingest receives it."""
    at = when or datetime.now(UTC)
    event = envelope(hub, data, time=at)
    topic = Topics(hub).for_type(event.model_dump()["type"])
    return Message(topic, event.model_dump_json().encode(), at)


@pytest.fixture
def hubspot() -> Iterator[tuple[Portal, str]]:
    """The HubSpot fake on loopback."""
    portal = Portal()
    with serve(create_app(portal)) as url:
        yield portal, url


async def drain(worker: SyncWorker) -> None:
    """Run `worker` until nothing is due, then close it."""
    while await worker.run_once():
        pass
    await worker.aclose()
