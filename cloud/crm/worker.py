"""The sync worker: claim due jobs, push them per connector in batches, record what came back.

Several workers (in `serve` with `crm_worker_in_api`, or `showfloor-cloud crm work` processes
on any machine) share one outbox safely (`cloud.crm.claim`). Each connector gets its jobs in
outbox order, in chunks of its `max_batch`; the results of a chunk are committed before the
next is sent, so a crash loses at most one chunk's answers, and those jobs are sent again with
the same keys once their lease ends. `CrmAuthError` (or settings that cannot build a
connector) pauses that connector with the reason until an admin saves its settings again or
runs `crm retry`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm import claim as claims
from cloud.crm.connect import ConnectorFactory
from cloud.crm.connector import Connector, CrmAuthError, CrmConfigError
from cloud.crm.model import Failed, JobResult, Retry, SyncJob
from cloud.crm.record import Backoff, alert_stalled, connector_failing, connector_ok, record
from cloud.settings import CloudSettings
from cloud.store.base import utcnow
from cloud.store.crm import CrmConfigRow, OutboxRow, RemoteIdRow

_LOGGER = logging.getLogger(__name__)
_JOB: TypeAdapter[SyncJob] = TypeAdapter(SyncJob)
ConfigKey = tuple[str, str]


@dataclass(frozen=True)
class WorkerOptions:
    """How a worker claims and retries (from the `crm_*` settings)."""

    claim_size: int = 200
    lease_s: float = 300.0
    poll_s: float = 1.0
    backoff: Backoff = field(default_factory=lambda: Backoff(5.0, 3600.0, 30))

    @classmethod
    def of(cls, settings: CloudSettings) -> WorkerOptions:
        """The options the settings give."""
        return cls(
            settings.crm_claim_size,
            settings.crm_lease_s,
            settings.crm_poll_s,
            Backoff(settings.crm_retry_base_s, settings.crm_retry_max_s, settings.crm_max_attempts),
        )


@dataclass(frozen=True)
class Claimed:
    """A claimed job: its row (detached), the typed job with the vendor ids filled in."""

    row: OutboxRow
    job: SyncJob


def hydrate(session: Session, claimed: Sequence[Claimed]) -> list[Claimed]:
    """The jobs with the ids the vendor gave us so far (the person's, or all for forget)."""
    rows = [item.row for item in claimed]
    known: dict[claims.Lane, list[tuple[str, str]]] = {}
    groups: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        groups.setdefault((row.tenant_id, row.vendor), set()).add(row.person_id)
    for (tenant, vendor), persons in sorted(groups.items()):
        found = session.execute(
            select(RemoteIdRow.person_id, RemoteIdRow.remote_id, RemoteIdRow.kind)
            .where(RemoteIdRow.tenant_id == tenant, RemoteIdRow.vendor == vendor)
            .where(RemoteIdRow.person_id.in_(sorted(persons)))
            .order_by(RemoteIdRow.created_at, RemoteIdRow.remote_id)
        )
        for person, remote_id, kind in found:
            known.setdefault((tenant, vendor, person), []).append((remote_id, kind))
    return [
        Claimed(item.row, _with_ids(item.job, known.get(claims.lane(item.row), [])))
        for item in claimed
    ]


def _with_ids(job: SyncJob, remote: list[tuple[str, str]]) -> SyncJob:
    if job.kind == "forget":
        ours = tuple(remote_id for remote_id, kind in remote if kind != "matched")
        return job.model_copy(update={"remote_ids": ours})
    person_ids = [remote_id for remote_id, kind in remote if kind in ("person", "matched")]
    if person_ids and job.person.remote_id is None:
        person = job.person.model_copy(update={"remote_id": person_ids[0]})
        return job.model_copy(update={"person": person})
    return job


def _job(row: OutboxRow, config: CrmConfigRow | None) -> SyncJob | str:
    """The row's job, or why it can never be sent (it goes dead with that reason)."""
    if config is None:
        return f"site {row.site_id} has no CRM settings any more"
    if config.vendor != row.vendor:
        return f"the site's CRM is now {config.vendor}, not {row.vendor}"
    try:
        return _JOB.validate_python(row.payload)
    except ValidationError as err:
        return f"the stored job is not a valid {row.kind} job: {err}"


def _rounds(jobs: Sequence[Claimed]) -> list[list[Claimed]]:
    """Round k holds the k-th claimed job of every lane: one job per person per push.

    So a person's upsert is answered (and its vendor id recorded) before their activity or
    next step is sent, and a failed upsert holds them back; pushes stay as large as the number
    of people claimed at once.
    """
    rounds: list[list[Claimed]] = []
    seen: dict[claims.Lane, int] = {}
    for item in jobs:
        lane = claims.lane(item.row)
        number = seen.get(lane, 0)
        seen[lane] = number + 1
        if number == len(rounds):
            rounds.append([])
        rounds[number].append(item)
    return rounds


class SyncWorker:
    """Drains the CRM outbox through connectors built by `factory`."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        factory: ConnectorFactory,
        options: WorkerOptions | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """Work on the store of `sessions`."""
        self._sessions = sessions
        self._factory = factory
        self._options = options or WorkerOptions()
        self._clock = clock
        self._rng = random.Random()
        self._connectors: dict[ConfigKey, tuple[datetime, Connector]] = {}

    def _claim(self) -> tuple[list[Claimed], dict[ConfigKey, CrmConfigRow]]:
        now = self._clock()
        with self._sessions.begin() as session:
            rows = claims.claim(
                session, limit=self._options.claim_size, lease_s=self._options.lease_s, now=now
            )
            found = claims.configs(session)
            alert_stalled(session, [c for c in found.values() if c.paused_reason], now)
            claimed: list[Claimed] = []
            for row in rows:
                job = _job(row, claims.resolve(found, row.tenant_id, row.site_id))
                if isinstance(job, str):
                    answer = [(row, Failed(reason=job))]
                    record(session, answer, self._options.backoff, now, self._rng)
                    continue
                claimed.append(Claimed(row, job))
            session.flush()  # the alerts and settings changed above, before detaching all
            session.expunge_all()
        return claimed, found

    def _record(
        self, key: ConfigKey, chunk: Sequence[Claimed], results: Sequence[JobResult]
    ) -> None:
        now = self._clock()
        with self._sessions.begin() as session:
            answered = [(c.row, result) for c, result in zip(chunk, results, strict=True)]
            kept = record(session, answered, self._options.backoff, now, self._rng)
            if kept < len(chunk):
                _LOGGER.info("%d job(s) were reclaimed meanwhile", len(chunk) - kept)
            config = session.get(CrmConfigRow, key)
            if config is None:
                return
            failures = [r for r in results if isinstance(r, Retry | Failed)]
            if failures:
                reason = failures[-1].reason
                connector_failing(session, config, chunk[0].row.site_id, reason, now)
            else:
                connector_ok(session, config, now)

    def _pause(self, key: ConfigKey, rest: Sequence[Claimed], reason: str) -> None:
        now = self._clock()
        _LOGGER.warning("CRM connector %s/%s paused: %s", key[0], key[1] or "*", reason)
        with self._sessions.begin() as session:
            claims.release(session, [claimed.row for claimed in rest], now)
            config = session.get(CrmConfigRow, key)
            if config is not None:
                config.paused_reason = reason[:2000]
                site = rest[0].row.site_id if rest else key[1]
                connector_failing(session, config, site, reason, now)

    async def _connector(self, config: CrmConfigRow) -> Connector:
        key = (config.tenant_id, config.site_id)
        cached = self._connectors.get(key)
        if cached is not None and cached[0] == config.updated_at:
            return cached[1]
        if cached is not None:
            await cached[1].aclose()
        connector = self._factory(config)
        self._connectors[key] = (config.updated_at, connector)
        return connector

    async def _push(self, config: CrmConfigRow, jobs: list[Claimed]) -> None:
        key = (config.tenant_id, config.site_id)
        try:
            connector = await self._connector(config)
        except CrmConfigError as err:
            await asyncio.to_thread(self._pause, key, jobs, str(err))
            return
        stalled: set[claims.Lane] = set()
        size = max(1, connector.max_batch)
        rounds = _rounds(jobs)
        for number, batch in enumerate(rounds):
            held = [c for c in batch if claims.lane(c.row) in stalled]
            batch = [c for c in batch if claims.lane(c.row) not in stalled]
            if held:
                await asyncio.to_thread(self._release, held)
            for start in range(0, len(batch), size):
                chunk = await asyncio.to_thread(self._hydrate, batch[start : start + size])
                try:
                    results = await connector.push([claimed.job for claimed in chunk])
                    if len(results) != len(chunk):
                        raise ValueError(f"{len(results)} results for {len(chunk)} jobs")
                except CrmAuthError as err:
                    unsent = batch[start:] + [c for later in rounds[number + 1 :] for c in later]
                    await asyncio.to_thread(self._pause, key, unsent, str(err))
                    return
                except Exception as err:  # a connector bug must not stop the others
                    _LOGGER.exception("%s push failed", config.vendor)
                    results = [Retry(reason=f"{config.vendor} connector error: {err}")] * len(chunk)
                for claimed, result in zip(chunk, results, strict=True):
                    if isinstance(result, Retry | Failed):
                        stalled.add(claims.lane(claimed.row))
                await asyncio.to_thread(self._record, key, chunk, results)

    def _hydrate(self, chunk: list[Claimed]) -> list[Claimed]:
        """Fill in ids the vendor gave while earlier chunks were sent."""
        with self._sessions() as session:
            return hydrate(session, chunk)

    def _release(self, rows: Sequence[Claimed]) -> None:
        with self._sessions.begin() as session:
            claims.release(session, [claimed.row for claimed in rows], self._clock())

    async def run_once(self) -> int:
        """Claim once and push everything claimed; how many jobs were claimed."""
        claimed, found = await asyncio.to_thread(self._claim)
        groups: dict[ConfigKey, list[Claimed]] = {}
        for item in claimed:
            config = claims.resolve(found, item.row.tenant_id, item.row.site_id)
            if config is not None:
                groups.setdefault((config.tenant_id, config.site_id), []).append(item)
        async with asyncio.TaskGroup() as group:
            for key, jobs in groups.items():
                group.create_task(self._push(found[key], jobs), name=f"crm-{key[0]}-{key[1]}")
        return len(claimed)

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set; waits `poll_s` whenever nothing is due."""
        try:
            while not stop.is_set():
                try:
                    done = await self.run_once()
                except Exception:  # the database may be briefly away: log, wait, go on
                    _LOGGER.exception("CRM sync round failed")
                    done = 0
                if done == 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), self._options.poll_s)
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        """Close every connector."""
        connectors, self._connectors = self._connectors, {}
        for _, connector in connectors.values():
            await connector.aclose()
