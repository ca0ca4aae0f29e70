"""What the vendor answered, recorded: sent (with its ids), retry later, or dead with the reason.

Results are written only for jobs this worker still holds (`sending` with its lease): a worker
that was too slow and lost its lease records nothing, the job's new holder does. A connector
failing for an hour raises a manager alert (`AlertRow`, rule `crm-connector-failing`).
"""

from __future__ import annotations

import random
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


def _held(row: OutboxRow) -> Any:
    return (
        update(OutboxRow)
        .where(OutboxRow.id == row.id, OutboxRow.state == "sending")
        .where(OutboxRow.lease_until == row.lease_until)
        .execution_options(synchronize_session=False)
    )


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


def record(
    session: Session,
    row: OutboxRow,
    result: JobResult,
    backoff: Backoff,
    now: datetime,
    rng: random.Random,
) -> bool:
    """Write `result` of `row`; False when the job was no longer ours (nothing written)."""
    values: dict[str, Any] = {"lease_until": None, "updated_at": now}
    match result:
        case Sent(remote_id=remote_id, detail=detail):
            values |= {"state": "sent", "remote_id": remote_id, "last_error": None}
            if row.kind == "forget":
                values["payload"] = row.payload | {"email": None}  # the e-mail is gone too
        case Retry(reason=reason):
            if row.attempts >= backoff.max_attempts:
                values |= {
                    "state": "dead",
                    "last_error": f"gave up after {row.attempts} attempts: {reason}",
                }
            else:
                wait = backoff.delay(row.attempts, result, rng)
                values |= {
                    "state": "failed",
                    "last_error": reason,
                    "next_at": now + timedelta(seconds=wait),
                }
        case Failed(reason=reason):
            values |= {"state": "dead", "last_error": reason}
    if (getattr(session.execute(_held(row).values(**values)), "rowcount", 0) or 0) == 0:
        return False
    if isinstance(result, Sent) and result.remote_id and row.kind != "forget":
        bulk.insert_ignore(
            session,
            RemoteIdRow,
            [
                {
                    "tenant_id": row.tenant_id,
                    "person_id": row.person_id,
                    "vendor": row.vendor,
                    "remote_id": result.remote_id,
                    "site_id": row.site_id,
                    "kind": row.kind,
                    "created_at": now,
                }
            ],
        )
    if row.kind == "forget" and values["state"] in ("sent", "dead"):
        ok = values["state"] == "sent"
        detail = (result.detail or "deleted") if isinstance(result, Sent) else values["last_error"]
        _forget_done(session, row, ok, detail, now)
    return True


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
