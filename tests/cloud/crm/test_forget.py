"""Forget reaches the CRM: every record we created is erased there, and the audit says how."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud import commands
from cloud.crm import people
from cloud.crm.model import Match, Sent
from cloud.store.crm import LinkRow, OutboxRow, PersonRow, RemoteIdRow
from cloud.store.events import CommandAudit
from cloud.views.scope import Principal, Scope
from tests.aio import run
from tests.cloud.crm.conftest import configure, ended_conversations, jobs, link
from tests.cloud.crm.recording import RecordingConnector
from tests.cloud.crm.test_worker import Clock, _drain, _worker
from tests.cloud.factory import World

MANAGER = Principal(1, "manager@acme.invalid", "acme", None, "manager")


def _forget(sessions: sessionmaker[Session], conversation_id: str) -> None:
    with sessions.begin() as session:
        commands.forget_subject(session, Scope.of(MANAGER), conversation_id)


def test_forgetting_a_linked_conversation_erases_its_person_in_the_crm(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session)
        first, second = ended_conversations(session)[:2]
        made = link(session, first)
        link(session, second, person_id=made.person_id)
    connector = RecordingConnector()
    clock = Clock()
    run(_drain(_worker(sessions, connector, clock)))
    with sessions() as session:
        created = {r.remote_id for r in session.scalars(select(RemoteIdRow))}
    assert created
    _forget(sessions, first.id)
    with sessions() as session:
        assert session.scalars(select(PersonRow)).all() == []
        assert session.scalars(select(LinkRow)).all() == []  # both conversations' links
        forget = [row for row in jobs(session) if row.kind == "forget"]
        audit = session.scalars(
            select(CommandAudit).where(CommandAudit.command == "crm_forget")
        ).one()
    assert len(forget) == 1 and forget[0].payload["email"] == "ana@example.com"
    assert (audit.hub_id, audit.subject, audit.ack_ok) == ("crm:hubspot", made.person_id, None)
    assert audit.requested_by == "manager@acme.invalid"
    run(_drain(_worker(sessions, connector, clock)))
    pushed = connector.pushes[-1][0]
    assert pushed.kind == "forget" and set(pushed.remote_ids) == created
    with sessions() as session:
        acked = session.get(CommandAudit, audit.id)
        done = session.get(OutboxRow, forget[0].id)
        assert session.scalars(select(RemoteIdRow)).all() == []
    assert acked is not None and acked.ack_ok and acked.ack_detail == f"deleted {len(created)}"
    assert done is not None and done.state == "sent" and done.payload["email"] is None


def test_jobs_not_sent_yet_are_dropped_and_adf_says_it_cannot_recall(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, vendor="adf")
        conv = ended_conversations(session)[0]
        link(session, conv)
    _forget(sessions, conv.id)
    with sessions() as session:
        left = jobs(session)
    assert [row.kind for row in left] == ["forget"]  # the unsent lead went with the person
    connector = RecordingConnector(
        vendor="adf", script={left[0].key: [Sent(detail="cannot_recall")]}
    )
    run(_drain(_worker(sessions, connector, Clock())))
    with sessions() as session:
        audit = session.get(CommandAudit, left[0].key)
    assert audit is not None and (audit.ack_ok, audit.ack_detail) == (True, "cannot_recall")


def test_a_record_we_only_matched_is_never_deleted(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session)
        conv = ended_conversations(session)[0]
        match = Match(remote_id="hs-501", last_name="Ng", email="ng@example.com")
        person = people.from_match(
            session,
            tenant="acme",
            site="site-a",
            vendor="hubspot",
            match=match,
            by="m@acme.invalid",
        )
        link(session, conv, person_id=person.id)
    connector = RecordingConnector()
    clock = Clock()
    run(_drain(_worker(sessions, connector, clock)))
    upsert = connector.pushes[0][0]
    assert upsert.kind == "person" and upsert.person.remote_id == "hs-501"  # updates theirs
    _forget(sessions, conv.id)
    run(_drain(_worker(sessions, connector, clock)))
    forget = connector.pushes[-1][0]
    assert forget.kind == "forget" and "hs-501" not in forget.remote_ids
    assert forget.remote_ids  # what we created on it (the activity, steps) goes


def test_forgetting_an_unlinked_conversation_touches_no_crm(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session)
        conv = ended_conversations(session)[0]
    _forget(sessions, conv.id)
    with sessions() as session:
        assert jobs(session) == []
        assert (
            session.scalars(select(CommandAudit).where(CommandAudit.command == "crm_forget")).all()
            == []
        )
