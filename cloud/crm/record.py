"""What the vendor answered, recorded: sent (with its ids), retry later, or dead with the reason.

Results are written only for jobs this worker still holds (`sending` with its lease): a worker
that was too slow and lost its lease records nothing, the job's new holder does. A connector
failing for an hour raises a manager alert (`AlertRow`, rule `crm-connector-failing`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cloud.crm.forget import COMMAND
from cloud.crm.model import Failed, JobResult, Retry, Sent
from cloud.store import bulk
from cloud.store.crm import CrmConfigRow, OutboxRow, RemoteIdRow
from cloud.store.events import CommandAudit
from cloud.store.followup import FollowupMessageRow
from cloud.store.projections import AlertRow

#: How long a connector may fail before managers get an alert.
ALERT_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter, capped; the vendor's `after_s` wins when it gave one."""

    base_s: float
    max_s: float
    max_attempts: int

    def delay(self, attempts: int, result: Retry, rng: random.Random) -> float:
        """Seconds to wait before attempt `attempts + 1`."""
        if result.after_s is not None:
            return result.after_s
        ceiling = min(self.max_s, self.base_s * 2 ** max(0, attempts - 1))
        return rng.uniform(ceiling / 2, ceiling)


def _forget_done(session: Session, row: OutboxRow, ok: bool, detail: str, now: datetime) -> None:
    audit = session.get(CommandAudit, row.key)
    if audit is not None and audit.command == COMMAND:
        audit.published, audit.ack_ok, audit.ack_detail, audit.ack_at = True, ok, detail, now
    if ok:
        session.execute(
            delete(RemoteIdRow).where(
                RemoteIdRow.tenant_id == row.tenant_id,
                RemoteIdRow.person_id == row.person_id,
                RemoteIdRow.vendor == row.vendor,
            )
        )


def _values(
    row: OutboxRow, result: JobResult, backoff: Backoff, now: datetime, rng: random.Random
) -> dict[str, Any]:
    values: dict[str, Any] = {"id": row.id, "lease_until": None, "updated_at": now}
    match result:
        case Sent(remote_id=remote_id):
            values |= {"state": "sent", "remote_id": remote_id, "last_error": None}
        case Retry(reason=reason) if row.attempts >= backoff.max_attempts:
            values |= {
                "state": "dead",
                "last_error": f"gave up after {row.attempts} attempts: {reason}",
            }
        case Retry(reason=reason):
            wait = timedelta(seconds=backoff.delay(row.attempts, result, rng))
            values |= {"state": "failed", "last_error": reason, "next_at": now + wait}
        case Failed(reason=reason):
            values |= {"state": "dead", "last_error": reason}
    return values


def record(
    session: Session,
    answered: Sequence[tuple[OutboxRow, JobResult]],
    backoff: Backoff,
    now: datetime,
    rng: random.Random,
) -> int:
    """Write the results of jobs still held by this claim (same lease); how many were.

    A job whose lease ended and that another worker took is left alone: its new holder sends
    it again, with the same key, and records that answer.
    """
    if not answered:
        return 0
    leases = {row.lease_until for row, _ in answered}
    query = select(OutboxRow.id).where(
        OutboxRow.id.in_([row.id for row, _ in answered]),
        OutboxRow.state == "sending",
        OutboxRow.lease_until.in_([lease for lease in leases if lease is not None]),
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    held = set(session.scalars(query))
    mine = [(row, result) for row, result in answered if row.id in held]
    if not mine:
        return 0
    updates = [_values(row, result, backoff, now, rng) for row, result in mine]
    session.execute(update(OutboxRow), updates)
    remote = [
        {
            "tenant_id": row.tenant_id,
            "person_id": row.person_id,
            "vendor": row.vendor,
            "remote_id": result.remote_id,
            "site_id": row.site_id,
            "kind": row.kind,
            "created_at": now,
        }
        for row, result in mine
        if isinstance(result, Sent) and result.remote_id and row.kind != "forget"
    ]
    bulk.insert_ignore(
        session, RemoteIdRow, sorted(remote, key=lambda r: (r["person_id"], r["remote_id"]))
    )
    for (row, result), values in zip(mine, updates, strict=True):
        if row.kind == "forget" and values["state"] in ("sent", "dead"):
            _forgotten(session, row, result, values, now)
        if row.kind == "followup_task":
            _task_done(session, row, values, now)
    return len(mine)


def _task_done(session: Session, row: OutboxRow, values: dict[str, Any], now: datetime) -> None:
    """The follow-up row of a CRM task follows its job: sent, failed (retried) or dead."""
    state = {"sent": "sent", "failed": "retrying", "dead": "failed"}[values["state"]]
    done = {"state": state, "error": values.get("last_error")}
    if state == "sent":
        done |= {"remote_id": values.get("remote_id"), "sent_at": now}
    session.execute(
        update(FollowupMessageRow)
        .where(FollowupMessageRow.tenant_id == row.tenant_id, FollowupMessageRow.key == row.key)
        .where(FollowupMessageRow.channel == "crm_task")
        .values(**done)
    )


def _forgotten(
    session: Session, row: OutboxRow, result: JobResult, values: dict[str, Any], now: datetime
) -> None:
    ok = values["state"] == "sent"
    detail = (result.detail or "deleted") if isinstance(result, Sent) else values["last_error"]
    if ok:  # the e-mail it carried is gone too
        session.execute(
            update(OutboxRow), [{"id": row.id, "payload": row.payload | {"email": None}}]
        )
    _forget_done(session, row, ok, detail, now)


def connector_ok(session: Session, config: CrmConfigRow, now: datetime) -> None:
    """The connector sent something: no longer failing."""
    config.last_success, config.failing_since, config.last_error = now, None, None


def connector_failing(
    session: Session, config: CrmConfigRow, site: str, reason: str, now: datetime
) -> None:
    """The connector failed; after an hour of it, one alert per failing spell."""
    config.last_error = reason[:2000]
    if config.failing_since is None:
        config.failing_since = now
    if now - config.failing_since < ALERT_AFTER:
        return
    alert = f"crm-{config.vendor}-{site}-{int(config.failing_since.timestamp())}"
    if session.scalar(
        select(AlertRow.id).where(AlertRow.tenant_id == config.tenant_id, AlertRow.id == alert)
    ):
        return
    session.add(
        AlertRow(
            tenant_id=config.tenant_id,
            id=alert,
            site_id=site,
            severity="warning",
            rule="crm-connector-failing",
            message=f"{config.vendor} sync has failed since "
            f"{config.failing_since:%Y-%m-%d %H:%M} UTC: {reason[:300]}",
            time=now,
        )
    )


def alert_stalled(session: Session, configs: Sequence[CrmConfigRow], now: datetime) -> None:
    """Alert on connectors failing for an hour that nothing retries (paused ones)."""
    for config in configs:
        if config.failing_since is not None and now - config.failing_since >= ALERT_AFTER:
            reason = config.paused_reason or config.last_error or "failing"
            connector_failing(session, config, config.site_id, reason, now)
