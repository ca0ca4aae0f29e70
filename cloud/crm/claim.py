"""Claiming due jobs safely in parallel, keeping each person's jobs in order.

A *lane* is one person at one vendor: its jobs are sent in outbox order (the person's upsert
before their activity and steps, steps in order). A worker takes a job only if every earlier
open job of its lane is taken in the same claim; an earlier job another worker holds, or one
waiting for its retry time, holds the rest of the lane back. Dead jobs hold nothing back.
Jobs held back, and those of paused or switched-off connectors, are left out in SQL, so a
large stalled backlog never fills the claim window and starves everyone else.

PostgreSQL: candidates are read `FOR UPDATE SKIP LOCKED`, so workers claiming at once take
disjoint sets. SQLite: the claim's first statement is an UPDATE (it hands expired leases
back), which takes the database's write lock, so claims run one at a time.
A claimed job is `sending` with a lease; a worker that dies leaves it to be reclaimed when the
lease ends, and it is sent again with the same key (the vendors make that idempotent).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, aliased

from cloud.store.crm import OPEN_STATES, TENANT_WIDE, CrmConfigRow, OutboxRow

Lane = tuple[str, str, str]


def lane(row: OutboxRow) -> Lane:
    """Tenant, vendor, person."""
    return (row.tenant_id, row.vendor, row.person_id)


def configs(session: Session) -> dict[tuple[str, str], CrmConfigRow]:
    """Every settings row by (tenant, site); site "" is the tenant's."""
    return {(row.tenant_id, row.site_id): row for row in session.scalars(select(CrmConfigRow))}


def resolve(
    found: dict[tuple[str, str], CrmConfigRow], tenant: str, site: str
) -> CrmConfigRow | None:
    """The settings row that applies to a site: its own, else its tenant's."""
    return found.get((tenant, site)) or found.get((tenant, TENANT_WIDE))


def _paused(found: dict[tuple[str, str], CrmConfigRow]) -> list[ColumnElement[bool]]:
    """Filters leaving out the jobs of paused or switched-off connectors (they wait)."""
    clauses: list[ColumnElement[bool]] = []
    for (tenant, site), config in found.items():
        if config.enabled and not config.paused_reason:
            continue
        if site != TENANT_WIDE:
            clauses.append(~and_(OutboxRow.tenant_id == tenant, OutboxRow.site_id == site))
            continue
        own = [other for (t, other) in found if t == tenant and other != TENANT_WIDE]
        clauses.append(~and_(OutboxRow.tenant_id == tenant, OutboxRow.site_id.not_in(own)))
    return clauses


def _held_back(now: datetime) -> ColumnElement[bool]:
    """An earlier job of the same lane is out (`sending`) or waiting for its retry time."""
    earlier = aliased(OutboxRow)
    return (
        select(earlier.id)
        .where(
            earlier.tenant_id == OutboxRow.tenant_id,
            earlier.vendor == OutboxRow.vendor,
            earlier.person_id == OutboxRow.person_id,
            earlier.id < OutboxRow.id,
        )
        .where(
            or_(
                earlier.state == "sending",
                and_(earlier.state.in_(("pending", "failed")), earlier.next_at > now),
            )
        )
        .exists()
    )


def _open_ids(session: Session, lanes: set[Lane]) -> dict[Lane, list[int]]:
    """The open jobs of each lane, oldest first (by the lane index)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for tenant, vendor, person in lanes:
        groups.setdefault((tenant, vendor), []).append(person)
    found: dict[Lane, list[int]] = {}
    for (tenant, vendor), persons in sorted(groups.items()):
        persons.sort()
        for start in range(0, len(persons), 500):
            rows = session.execute(
                select(OutboxRow.id, OutboxRow.person_id)
                .where(OutboxRow.tenant_id == tenant, OutboxRow.vendor == vendor)
                .where(OutboxRow.person_id.in_(persons[start : start + 500]))
                .where(OutboxRow.state.in_(OPEN_STATES))
                .order_by(OutboxRow.id)
            )
            for job_id, person in rows:
                found.setdefault((tenant, vendor, person), []).append(job_id)
    return found


def claim(session: Session, *, limit: int, lease_s: float, now: datetime) -> list[OutboxRow]:
    """Mark up to `limit` due jobs `sending` for this worker; they come back in outbox order."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.state == "sending", OutboxRow.lease_until < now)
        .values(state="pending", lease_until=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    found = configs(session)
    query = (
        select(OutboxRow)
        .where(OutboxRow.state.in_(("pending", "failed")), OutboxRow.next_at <= now)
        .where(~_held_back(now), *_paused(found))
        .order_by(OutboxRow.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    candidates = list(session.scalars(query))
    mine = {row.id: row for row in candidates}
    taken: list[OutboxRow] = []
    for ids in _open_ids(session, {lane(row) for row in candidates}).values():
        for job_id in ids:
            if job_id not in mine:
                break
            taken.append(mine[job_id])
    taken.sort(key=lambda row: row.id)
    lease = now + timedelta(seconds=lease_s)
    for first in range(0, len(taken), 500):
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_([row.id for row in taken[first : first + 500]]))
            .values(
                state="sending", lease_until=lease, attempts=OutboxRow.attempts + 1, updated_at=now
            )
            .execution_options(synchronize_session=False)
        )
    for row in taken:  # what the database now holds (the rows leave the session detached)
        row.state, row.lease_until, row.updated_at = "sending", lease, now
        row.attempts += 1
    session.expunge_all()
    return taken


def release(session: Session, rows: Sequence[OutboxRow], now: datetime) -> None:
    """Hand claimed jobs back untouched (their connector is paused, or their lane stalled)."""
    for row in rows:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row.id, OutboxRow.state == "sending")
            .values(
                state="pending", lease_until=None, attempts=OutboxRow.attempts - 1, updated_at=now
            )
            .execution_options(synchronize_session=False)
        )
