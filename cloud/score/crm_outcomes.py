"""Sale outcomes from the CRM: closed deals of linked customers become conversation outcomes.

For each site (or tenant) whose CRM connector can read deals (HubSpot today), the deals won or
lost since `since` are read; a deal's contacts are matched to our people by the ids the sync
stored (`crm_remote_ids`: contacts we created or matched); each conversation of those people
that ended before the deal closed, and at most `WINDOW` before, gets the deal's outcome
(`outcomes.from_crm`: a manager's mark stands). Run by `showfloor-cloud score crm-outcomes`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm.connect import ConnectorFactory
from cloud.crm.connector import CrmError
from cloud.score import outcomes
from cloud.store.crm import CrmConfigRow, LinkRow, RemoteIdRow
from cloud.store.projections import Conversation

_LOGGER = logging.getLogger(__name__)
#: A conversation longer than this before the deal closed is not credited with it.
WINDOW = timedelta(days=90)
#: Vendors whose connector has `closed_deals(since)`.
DEAL_VENDORS = ("hubspot",)


@dataclass
class Pulled:
    """What one pull did."""

    deals: int = 0
    outcomes: int = 0
    kept_managers: int = 0
    problems: list[str] = field(default_factory=list)
    tenants: set[str] = field(default_factory=set)


def _conversations(
    session: Session, row: CrmConfigRow, contact: str, closed: datetime
) -> list[str]:
    """Ended conversations of the people behind `contact`, in the window before `closed`."""
    query = (
        select(Conversation.id)
        .join(
            LinkRow,
            (LinkRow.tenant_id == Conversation.tenant_id)
            & (LinkRow.conversation_id == Conversation.id),
        )
        .join(
            RemoteIdRow,
            (RemoteIdRow.tenant_id == LinkRow.tenant_id)
            & (RemoteIdRow.person_id == LinkRow.person_id),
        )
        .where(
            RemoteIdRow.tenant_id == row.tenant_id,
            RemoteIdRow.vendor == row.vendor,
            RemoteIdRow.remote_id == contact,
            RemoteIdRow.kind.in_(("person", "matched")),
            Conversation.ended_at.is_not(None),
            Conversation.ended_at <= closed,
            Conversation.ended_at >= closed - WINDOW,
        )
    )
    if row.site_id:
        query = query.where(Conversation.site_id == row.site_id)
    return sorted(set(session.scalars(query)))


async def pull(
    sessions: sessionmaker[Session],
    factory: ConnectorFactory,
    since: datetime,
    tenant: str | None = None,
) -> Pulled:
    """Read closed deals from every deal-reading CRM connection and keep their outcomes."""
    done = Pulled()
    with sessions() as session:
        query = select(CrmConfigRow).where(
            CrmConfigRow.vendor.in_(DEAL_VENDORS), CrmConfigRow.enabled.is_(True)
        )
        if tenant is not None:
            query = query.where(CrmConfigRow.tenant_id == tenant)
        rows = list(session.scalars(query))
        session.expunge_all()
    for row in rows:
        where = f"{row.tenant_id}/{row.site_id or '*'} ({row.vendor})"
        try:
            connector: Any = factory(row)
        except CrmError as err:
            done.problems.append(f"{where}: {err}")
            continue
        try:
            deals = await connector.closed_deals(since)
        except CrmError as err:
            done.problems.append(f"{where}: {err}")
            continue
        finally:
            await connector.aclose()
        done.deals += len(deals)
        with sessions.begin() as session:
            for deal in deals:
                closed = deal.closed_at or datetime.now(UTC)
                for contact in deal.contact_ids:
                    for cid in _conversations(session, row, contact, closed):
                        kept = outcomes.from_crm(
                            session, row.tenant_id, cid, deal.won, row.vendor, deal.id
                        )
                        done.outcomes += int(kept)
                        done.kept_managers += int(not kept)
                        done.tenants.add(row.tenant_id)
        _LOGGER.info("%s: %d closed deals read", where, len(deals))
    return done
