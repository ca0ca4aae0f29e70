"""The sync worker: order per person, retries, dead letters, pauses, leases, parallel workers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm import claim as claims
from cloud.crm.connector import Connector, CrmAuthError, CrmConfigError
from cloud.crm.record import Backoff
from cloud.crm.worker import SyncWorker, WorkerOptions
from cloud.store.crm import CrmConfigRow, RemoteIdRow
from cloud.store.projections import AlertRow
from tests.aio import run
from tests.cloud.crm.conftest import configure, ended_conversations, jobs, link
from tests.cloud.crm.recording import RecordingConnector, failed, retry
from tests.cloud.factory import World

OPTIONS = WorkerOptions(claim_size=100, lease_s=60, poll_s=0.05, backoff=Backoff(5, 600, 4))


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        """Starts a minute from now (every job is due)."""
        self.now = datetime.now(UTC) + timedelta(minutes=1)

    def __call__(self) -> datetime:
        """Now."""
        return self.now


def _setup(sessions: sessionmaker[Session], people: int = 2) -> list[str]:
    """`people` linked conversations of different people; their person ids."""
    with sessions.begin() as session:
        configure(session)
        convs = ended_conversations(session)[:people]
        return [
            link(session, conv, email=f"p{i}@example.com").person_id for i, conv in enumerate(convs)
        ]


def _worker(
    sessions: sessionmaker[Session],
    connector: RecordingConnector,
    clock: Callable[[], datetime],
    options: WorkerOptions = OPTIONS,
) -> SyncWorker:
    def factory(_row: CrmConfigRow) -> Connector:
        return connector

    return SyncWorker(sessions, factory, options, clock=clock)


async def _drain(worker: SyncWorker) -> None:
    while await worker.run_once():
        pass
    await worker.aclose()


def _states(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as session:
        return [row.state for row in jobs(session)]


def test_everything_is_sent_once_person_first_with_the_vendor_ids_recorded(
    world: World, sessions: sessionmaker[Session]
) -> None:
    persons = _setup(sessions)
    connector = RecordingConnector(max_batch=2)
    run(_drain(_worker(sessions, connector, Clock())))
    with sessions() as session:
        rows = jobs(session)
        remote = session.scalars(select(RemoteIdRow)).all()
    assert {row.state for row in rows} == {"sent"}
    assert sorted(connector.keys) == sorted(row.key for row in rows)  # each once
    for person in persons:
        lane = [row.key for row in rows if row.person_id == person]
        sent = [key for key in connector.keys if key in lane]
        assert sent == lane  # the person's upsert first, then the rest in outbox order
    assert all(len(push) <= 2 for push in connector.pushes)
    assert {r.kind for r in remote} >= {"person", "activity"}
    later = [job for push in connector.pushes[1:] for job in push if job.kind != "person"]
    assert later and all(job.person.remote_id for job in later if job.kind != "forget")
    assert connector.closed


def test_a_retry_waits_and_holds_back_only_that_persons_later_jobs(
    world: World, sessions: sessionmaker[Session]
) -> None:
    first, second = _setup(sessions)
    with sessions() as session:
        upsert = next(row for row in jobs(session) if row.person_id == first)
    connector = RecordingConnector(script={upsert.key: [retry("HTTP 429", after_s=30)]})
    clock = Clock()
    run(_drain(_worker(sessions, connector, clock)))
    with sessions() as session:
        rows = jobs(session)
    held = [row for row in rows if row.person_id == first]
    assert held[0].state == "failed" and held[0].last_error == "HTTP 429"
    assert held[0].next_at == clock.now + timedelta(seconds=30)  # the vendor's Retry-After
    assert {row.state for row in held[1:]} == {"pending"}
    assert all(row.attempts == 0 for row in held[1:])  # released untouched
    assert {row.state for row in rows if row.person_id == second} == {"sent"}
    clock.now += timedelta(seconds=31)
    run(_drain(_worker(sessions, connector, clock)))
    assert set(_states(sessions)) == {"sent"}
    assert connector.keys.count(upsert.key) == 2


def test_a_permanent_error_goes_dead_with_the_reason_and_endless_retries_give_up(
    world: World, sessions: sessionmaker[Session]
) -> None:
    first, second = _setup(sessions)
    with sessions() as session:
        bad = next(row for row in jobs(session) if row.person_id == first)
        flaky = next(row for row in jobs(session) if row.person_id == second)
    connector = RecordingConnector(script={bad.key: [failed()], flaky.key: [retry()] * 10})
    clock = Clock()
    for _ in range(6):
        run(_drain(_worker(sessions, connector, clock)))
        clock.now += timedelta(hours=1)
    with sessions() as session:
        rows = {row.id: row for row in jobs(session)}
    assert (rows[bad.id].state, rows[bad.id].last_error) == ("dead", "INVALID_FIELD: Email")
    assert rows[flaky.id].state == "dead"
    assert rows[flaky.id].last_error == "gave up after 4 attempts: HTTP 503"
    assert connector.keys.count(flaky.key) == 4
    # a dead job holds nothing back: the rest of both lanes went out
    assert {row.state for row in rows.values() if row.id not in (bad.id, flaky.id)} == {"sent"}


def test_refused_credentials_pause_the_connector_until_its_settings_change(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions)
    connector = RecordingConnector(
        fail_next_push=CrmAuthError("HubSpot: 401 the private app token is invalid")
    )
    clock = Clock()
    run(_drain(_worker(sessions, connector, clock)))
    with sessions() as session:
        config = session.scalars(select(CrmConfigRow)).one()
        assert config.paused_reason == "HubSpot: 401 the private app token is invalid"
        assert config.failing_since == clock.now
        assert {(row.state, row.attempts) for row in jobs(session)} == {("pending", 0)}
    run(_drain(_worker(sessions, connector, clock)))
    assert connector.pushes == []  # paused: nothing claimed
    clock.now += timedelta(minutes=61)  # paused for an hour: the managers hear of it
    run(_drain(_worker(sessions, connector, clock)))
    with sessions() as session:
        alert = session.scalars(
            select(AlertRow).where(AlertRow.rule == "crm-connector-failing")
        ).one()
    assert "401" in alert.message and alert.site_id == "site-a"
    with sessions.begin() as session:
        config = session.scalars(select(CrmConfigRow)).one()
        config.paused_reason, config.updated_at = None, clock.now
    run(_drain(_worker(sessions, connector, clock)))
    assert set(_states(sessions)) == {"sent"}


def test_settings_that_cannot_build_a_connector_pause_it_with_the_reason(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions, people=1)

    def factory(_row: CrmConfigRow) -> Connector:
        raise CrmConfigError("hubspot setting access_token: Field required")

    run(_drain(SyncWorker(sessions, factory, OPTIONS, clock=Clock())))
    with sessions() as session:
        config = session.scalars(select(CrmConfigRow)).one()
    assert config.paused_reason == "hubspot setting access_token: Field required"
    assert set(_states(sessions)) == {"pending"}


def test_a_job_whose_worker_died_is_sent_again_after_its_lease_with_the_same_key(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions, people=1)
    clock = Clock()
    with sessions.begin() as session:  # a worker claims, then dies before recording
        lost = claims.claim(session, limit=100, lease_s=60, now=clock.now)
        lost_keys = [row.key for row in lost]
    connector = RecordingConnector()
    run(_drain(_worker(sessions, connector, clock)))
    assert connector.keys == []  # still leased
    clock.now += timedelta(seconds=61)
    run(_drain(_worker(sessions, connector, clock)))
    assert connector.keys == lost_keys
    assert set(_states(sessions)) == {"sent"}


def test_a_connector_failing_for_an_hour_raises_one_alert(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions, people=1)
    with sessions() as session:
        keys = [row.key for row in jobs(session)]
    connector = RecordingConnector(script={keys[0]: [retry("HTTP 502")] * 3})
    clock = Clock()
    for _ in range(3):
        run(_drain(_worker(sessions, connector, clock)))
        clock.now += timedelta(minutes=40)
    with sessions() as session:
        alerts = session.scalars(
            select(AlertRow).where(AlertRow.rule == "crm-connector-failing")
        ).all()
    assert len(alerts) == 1
    assert alerts[0].site_id == "site-a" and "HTTP 502" in alerts[0].message
    run(_drain(_worker(sessions, connector, clock)))
    with sessions() as session:
        config = session.scalars(select(CrmConfigRow)).one()
    assert config.failing_since is None and config.last_success == clock.now


def test_a_job_for_another_vendor_than_the_sites_goes_dead_with_the_reason(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions, people=1)
    with sessions.begin() as session:
        session.scalars(select(CrmConfigRow)).one().vendor = "salesforce"
    run(_drain(_worker(sessions, RecordingConnector(), Clock())))
    with sessions() as session:
        rows = jobs(session)
    assert {row.state for row in rows} == {"dead"}
    assert rows[0].last_error == "the site's CRM is now salesforce, not hubspot"


def test_two_workers_share_the_outbox_without_sending_anything_twice(
    world: World, sessions: sessionmaker[Session]
) -> None:
    _setup(sessions, people=6)
    small = WorkerOptions(claim_size=3, lease_s=60, poll_s=0.01, backoff=OPTIONS.backoff)
    journal: list[str] = []
    connectors = [RecordingConnector(max_batch=2, delay_s=0.01, journal=journal) for _ in range(2)]
    clock = Clock()

    def open_jobs() -> int:
        with sessions() as session:
            return sum(1 for row in jobs(session) if row.state != "sent")

    async def until_empty(worker: SyncWorker) -> None:
        # one worker may find nothing claimable while the other holds a person's earlier job
        while True:
            if not await worker.run_once() and not await asyncio.to_thread(open_jobs):
                break
            await asyncio.sleep(0.01)
        await worker.aclose()

    async def both() -> None:
        workers = [_worker(sessions, c, clock, small) for c in connectors]
        await asyncio.gather(*(until_empty(worker) for worker in workers))

    run(both())
    with sessions() as session:
        rows = jobs(session)
        orders = {
            person: [row.key for row in rows if row.person_id == person]
            for person in {row.person_id for row in rows}
        }
    sent = connectors[0].keys + connectors[1].keys
    assert sorted(sent) == sorted(row.key for row in rows)
    assert all(connector.keys for connector in connectors)  # both did work
    for lane in orders.values():  # each person's jobs went out in order, whoever sent them
        assert [key for key in journal if key in lane] == lane
    assert {row.state for row in rows} == {"sent"}


def test_a_paused_or_waiting_backlog_does_not_starve_other_sites(
    world: World, sessions: sessionmaker[Session]
) -> None:
    first, _ = _setup(sessions)  # acme: two people
    with sessions.begin() as session:
        configure(session, tenant="rival", site="site-b")
        rival = ended_conversations(session, "rival")[0]
        link(session, rival, email="r@example.com")
    with sessions() as session:
        upsert = next(row for row in jobs(session) if row.person_id == first)
    small = WorkerOptions(claim_size=2, lease_s=60, poll_s=0.01, backoff=OPTIONS.backoff)
    connector = RecordingConnector(script={upsert.key: [retry(after_s=3600)]})
    clock = Clock()
    run(_drain(_worker(sessions, connector, clock, small)))
    with sessions() as session:
        others = {row.state for row in jobs(session) if row.person_id != first}
        held = [row.state for row in jobs(session) if row.person_id == first]
    assert others == {"sent"}  # the other acme person and rival, past the claim window of 2
    assert held[0] == "failed" and set(held[1:]) == {"pending"}
    with sessions.begin() as session:  # now acme is paused with jobs at the head of the outbox
        session.scalars(
            select(CrmConfigRow).where(CrmConfigRow.tenant_id == "acme")
        ).one().paused_reason = "401"
        rival_two = ended_conversations(session, "rival")[1]
        link(session, rival_two, email="r2@example.com")
    run(_drain(_worker(sessions, connector, clock, small)))
    with sessions() as session:
        assert {row.state for row in jobs(session) if row.tenant_id == "rival"} == {"sent"}
