"""End to end with a real vendor: link, drain and forget through the HubSpot connector.

The worker builds the real `cloud.crm.vendors.hubspot` connector from the site's stored
settings (credentials sealed with the vault) and talks HTTP to the HubSpot fake
(`harness.crm.hubspot`, which follows HubSpot's published contract) on loopback.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud import commands
from cloud.crm.connect import VendorFactory
from cloud.crm.vault import Vault
from cloud.crm.worker import SyncWorker, WorkerOptions
from cloud.store.crm import RemoteIdRow
from cloud.store.events import CommandAudit
from cloud.views.scope import Principal, Scope
from harness.crm.hubspot import Portal
from tests.aio import run
from tests.cloud.crm.conftest import configure, drain, ended_conversations, jobs, link
from tests.cloud.factory import World


def test_linked_conversations_reach_hubspot_once_and_forget_erases_them(
    world: World, sessions: sessionmaker[Session], hubspot: tuple[Portal, str]
) -> None:
    portal, url = hubspot
    vault = Vault(Fernet.generate_key())
    with sessions.begin() as session:
        configure(
            session, settings={"base_url": url}, credentials=vault.seal({"token": "test-token"})
        )
        first, second = ended_conversations(session)[:2]
        link(session, first, email="ana@example.com")
        link(session, second, email="bo@example.com")
        activities = {row.key for row in jobs(session) if row.kind == "activity"}
    worker = SyncWorker(sessions, VendorFactory(vault), WorkerOptions(poll_s=0.05))
    run(drain(worker))
    with sessions() as session:
        assert {row.state for row in jobs(session)} == {"sent"}, [
            r.last_error for r in jobs(session)
        ]
    emails = sorted(c.properties.get("email", "") for c in portal.live("contacts"))
    assert emails == ["ana@example.com", "bo@example.com"]
    calls = [c.properties.get("showfloor_event_id", "") for c in portal.live("calls")]
    assert sorted(calls) == sorted(activities)  # one call per conversation, keyed by our event id
    with sessions.begin() as session:  # sending everything again changes nothing at HubSpot
        for row in jobs(session):
            row.state = "pending"
    run(drain(SyncWorker(sessions, VendorFactory(vault), WorkerOptions(poll_s=0.05))))
    assert len(portal.live("contacts")) == 2 and len(portal.live("calls")) == len(activities)
    manager = Principal(1, "manager@acme.invalid", "acme", None, "manager")
    with sessions.begin() as session:
        commands.forget_subject(session, Scope.of(manager), first.id)
    run(drain(SyncWorker(sessions, VendorFactory(vault), WorkerOptions(poll_s=0.05))))
    assert [c.properties.get("email") for c in portal.live("contacts")] == ["bo@example.com"]
    with sessions() as session:
        audit = session.scalars(
            select(CommandAudit).where(CommandAudit.command == "crm_forget")
        ).one()
        left = session.scalars(select(RemoteIdRow)).all()
    assert audit.ack_ok and audit.hub_id == "crm:hubspot", audit.ack_detail
    assert len({row.person_id for row in left}) == 1  # only the other person's ids are kept
