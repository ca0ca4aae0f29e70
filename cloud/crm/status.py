"""What the sync is doing, per site and per conversation, and putting failed jobs back to work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cloud.store.base import utcnow
from cloud.store.crm import OPEN_STATES, CrmConfigRow, OutboxRow


@dataclass(frozen=True)
class SiteSync:
    """One site's sync at a glance."""

    tenant_id: str
    site_id: str
    vendor: str
    backlog: int
    dead: int
    sent: int
    last_success: datetime | None
    paused_reason: str | None
    last_error: str | None
    failing_since: datetime | None


def sites(session: Session, tenant: str | None = None, site: str | None = None) -> list[SiteSync]:
    """Every site with CRM jobs or settings (of `tenant` and `site` if given)."""
    query = select(
        OutboxRow.tenant_id, OutboxRow.site_id, OutboxRow.vendor, OutboxRow.state, func.count()
    ).group_by(OutboxRow.tenant_id, OutboxRow.site_id, OutboxRow.vendor, OutboxRow.state)
    configs = select(CrmConfigRow)
    if tenant is not None:
        query = query.where(OutboxRow.tenant_id == tenant)
        configs = configs.where(CrmConfigRow.tenant_id == tenant)
    if site is not None:
        query = query.where(OutboxRow.site_id == site)
        configs = configs.where(CrmConfigRow.site_id.in_((site, "")))
    counts: dict[tuple[str, str, str], dict[str, int]] = {}
    for tenant_id, site_id, vendor, state, count in session.execute(query):
        counts.setdefault((tenant_id, site_id, vendor), {})[state] = count
    by_key = {(row.tenant_id, row.site_id): row for row in session.scalars(configs)}
    for (tenant_id, site_id), row in by_key.items():
        counts.setdefault((tenant_id, site_id, row.vendor), {})
    found = []
    for (tenant_id, site_id, vendor), states in sorted(counts.items()):
        config = by_key.get((tenant_id, site_id)) or by_key.get((tenant_id, ""))
        found.append(
            SiteSync(
                tenant_id,
                site_id,
                vendor,
                backlog=sum(states.get(state, 0) for state in OPEN_STATES),
                dead=states.get("dead", 0),
                sent=states.get("sent", 0),
                last_success=config.last_success if config else None,
                paused_reason=config.paused_reason if config else None,
                last_error=config.last_error if config else None,
                failing_since=config.failing_since if config else None,
            )
        )
    return found


def conversation(session: Session, tenant: str, conversation_id: str) -> list[OutboxRow]:
    """The jobs of one conversation, in order."""
    return list(
        session.scalars(
            select(OutboxRow)
            .where(OutboxRow.tenant_id == tenant, OutboxRow.conversation_id == conversation_id)
            .order_by(OutboxRow.id)
        )
    )


def retry(
    session: Session,
    tenant: str | None = None,
    site: str | None = None,
    conversation_id: str | None = None,
) -> int:
    """Dead and failed jobs back to pending now, connectors unpaused; how many jobs."""
    now = utcnow()
    jobs = update(OutboxRow).where(OutboxRow.state.in_(("dead", "failed")))
    unpause = update(CrmConfigRow).where(CrmConfigRow.paused_reason.is_not(None))
    if tenant is not None:
        jobs = jobs.where(OutboxRow.tenant_id == tenant)
        unpause = unpause.where(CrmConfigRow.tenant_id == tenant)
    if site is not None:
        jobs = jobs.where(OutboxRow.site_id == site)
        unpause = unpause.where(CrmConfigRow.site_id.in_((site, "")))
    if conversation_id is not None:
        jobs = jobs.where(OutboxRow.conversation_id == conversation_id)
    session.execute(
        unpause.values(paused_reason=None, updated_at=now).execution_options(
            synchronize_session=False
        )
    )
    result = session.execute(
        jobs.values(state="pending", attempts=0, next_at=now, updated_at=now).execution_options(
            synchronize_session=False
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
