"""A follow-up draft pushed as a CRM task: enqueued once, sent through the HubSpot fake.

The worker builds the real HubSpot connector from the site's stored settings and talks HTTP to
the HubSpot fake (`harness.crm.hubspot`, CRM v3 `tasks` per HubSpot's published contract) on
loopback.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from cloud import commands
from cloud.crm import tasks
from cloud.crm.connect import VendorFactory
from cloud.crm.vault import Vault
from cloud.crm.worker import SyncWorker, WorkerOptions
from cloud.followup.errors import SendRefused
from cloud.store.crm import OutboxRow, RemoteIdRow
from cloud.store.followup import FollowupMessageRow
from cloud.views.scope import Principal, Scope
from harness.crm.hubspot import Faults, Portal
from tests.aio import run
from tests.cloud.crm.conftest import configure, drain, ended_conversations, jobs, link
from tests.cloud.factory import World

KEY = "draft-key-0123456789abcdef"
BODY = "Hi Ana,\n\nThanks for visiting.\nI will call you about the Civic.\n\nDana"


def _setup(sessions: sessionmaker[Session], url: str, vault: Vault) -> str:
    with sessions.begin() as session:
        conv = ended_conversations(session)[0]
        assert conv.staff is not None
        configure(
            session,
            settings={"base_url": url},
            credentials=vault.seal({"token": "test-token"}),
            user_map={conv.staff: "102"},  # the salesperson's HubSpot owner id
        )
        link(session, conv, email="ana@example.com")
        return conv.id


def _push(sessions: sessionmaker[Session], cid: str, key: str = KEY) -> tasks.Queued:
    with sessions.begin() as session:
        return tasks.push(
            session,
            tenant="acme",
            conversation_id=cid,
            key=key,
            subject="  Call Ana   back ",
            body=BODY,
            by="manager@acme.invalid",
        )


def _worker(sessions: sessionmaker[Session], vault: Vault) -> SyncWorker:
    return SyncWorker(sessions, VendorFactory(vault), WorkerOptions(poll_s=0.05))


def test_a_draft_becomes_one_open_hubspot_task_on_the_contact(
    world: World, sessions: sessionmaker[Session], hubspot: tuple[Portal, str]
) -> None:
    portal, url = hubspot
    vault = Vault(Fernet.generate_key())
    cid = _setup(sessions, url, vault)
    first, again = _push(sessions, cid), _push(sessions, cid)
    assert first.queued_now and not again.queued_now and first.row_id == again.row_id
    with sessions() as session:
        assert [row.kind for row in jobs(session)].count("followup_task") == 1
    run(drain(_worker(sessions, vault)))
    (task,) = portal.live("tasks")
    (contact,) = portal.live("contacts")
    props = task.properties
    assert props["hs_task_subject"] == "Call Ana back"
    assert props["hs_task_body"] == (
        "<p>Hi Ana,</p><p>Thanks for visiting.</p><p>I will call you about the Civic.</p>"
        "<p>Dana</p>"
    )
    assert props["hs_task_status"] == "NOT_STARTED" and props["showfloor_event_id"] == KEY
    assert props["hubspot_owner_id"] == "102"
    due = datetime.fromisoformat(props["hs_timestamp"])
    assert due > datetime.now(UTC) and due.weekday() < 5
    assert task.associations == [(contact.id, 204)]
    with sessions() as session:
        row = session.get_one(FollowupMessageRow, first.row_id)
        assert (row.channel, row.state, row.remote_id) == ("crm_task", "sent", task.id)
        assert (
            session.scalar(select(RemoteIdRow.remote_id).where(RemoteIdRow.kind == "followup_task"))
            == task.id
        )
    with sessions.begin() as session:  # a lost answer: the job is sent again, same key
        session.execute(
            update(OutboxRow).where(OutboxRow.kind == "followup_task").values(state="pending")
        )
    run(drain(_worker(sessions, vault)))
    assert len(portal.live("tasks")) == 1
    with sessions() as session:
        assert {row.state for row in jobs(session)} == {"sent"}
    manager = Principal(1, "manager@acme.invalid", "acme", None, "manager")
    with sessions.begin() as session:  # the customer asks to be forgotten: the task goes too
        commands.forget_subject(session, Scope.of(manager), cid)
    run(drain(_worker(sessions, vault)))
    assert portal.live("tasks") == [] and portal.live("contacts") == []


def test_a_vendor_error_is_recorded_on_the_draft_and_retried(
    world: World, sessions: sessionmaker[Session], hubspot: tuple[Portal, str]
) -> None:
    portal, url = hubspot
    vault = Vault(Fernet.generate_key())
    cid = _setup(sessions, url, vault)
    queued = _push(sessions, cid)
    portal.config.faults = Faults(error_rate=1.0, paths=("/crm/v3/objects/tasks",))
    run(drain(_worker(sessions, vault)))
    assert portal.live("tasks") == []
    with sessions() as session:
        row = session.get_one(FollowupMessageRow, queued.row_id)
        job = session.scalars(select(OutboxRow).where(OutboxRow.kind == "followup_task")).one()
        assert row.state == "retrying" and row.error and job.state == "failed"
        assert job.attempts == 1 and job.last_error == row.error
    portal.config.faults = Faults()
    with sessions.begin() as session:  # its backoff is over
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.kind == "followup_task")
            .values(next_at=datetime(2000, 1, 1, tzinfo=UTC))
        )
    run(drain(_worker(sessions, vault)))
    assert len(portal.live("tasks")) == 1
    with sessions() as session:
        row = session.get_one(FollowupMessageRow, queued.row_id)
        assert row.state == "sent" and row.error is None


def test_adf_takes_no_tasks_and_nothing_is_stored(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, vendor="adf", settings={})
        conv = ended_conversations(session)[0]
        link(session, conv, email="ana@example.com")
        cid = conv.id
    with pytest.raises(SendRefused, match="this CRM takes no tasks"):
        _push(sessions, cid)
    with sessions() as session:
        assert session.scalars(select(FollowupMessageRow)).all() == []
        assert "followup_task" not in {row.kind for row in jobs(session)}


def test_a_task_is_due_at_nine_on_the_next_business_day_in_the_site_zone() -> None:
    friday_evening = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # Friday 18:30 in New York
    due = tasks.due_after(friday_evening, "America/New_York")
    assert due.isoformat() == "2026-11-30T09:00:00-05:00"  # Monday
    assert tasks.due_after(friday_evening, "Europe/Berlin").isoformat() == (
        "2026-11-30T09:00:00+01:00"  # already Saturday 00:30 in Berlin
    )
