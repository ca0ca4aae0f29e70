"""Closed deals and their contacts: the sale outcomes the purchase score learns from.

`POST /crm/v3/objects/deals/search` for deals whose `dealstage` is a won or lost stage and
that changed since a time (`hs_lastmodifieddate` GTE, epoch milliseconds), paged by `after`;
then `POST /crm/v4/associations/deals/contacts/batch/read` for each page's contacts. Needs the
private app's `crm.objects.deals.read` scope (a 403 names it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cloud.crm.vendors.hubspot.exchange import Exchange, Request
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    AssociationInput,
    AssociationRead,
    AssociationReply,
    Filter,
    FilterGroup,
    Search,
    SearchReply,
)

DEALS = "/crm/v3/objects/deals"
DEAL_CONTACTS = "/crm/v4/associations/deals/contacts/batch/read"
PAGE = 100


@dataclass(frozen=True)
class ClosedDeal:
    """A deal won or lost, when it closed, and the contacts it is associated with."""

    id: str
    won: bool
    closed_at: datetime | None
    contact_ids: tuple[str, ...]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


async def closed_deals(exchange: Exchange, settings: Settings, since: datetime) -> list[ClosedDeal]:
    """Deals closed (won or lost) and modified at or after `since`, with their contacts."""
    won, lost = set(settings.won_stages), set(settings.lost_stages)
    filters = [
        Filter(propertyName="dealstage", operator="IN", values=sorted(won | lost)),
        Filter(
            propertyName="hs_lastmodifieddate",
            operator="GTE",
            value=str(int(since.timestamp() * 1000)),
        ),
    ]
    found: list[ClosedDeal] = []
    after: str | None = None
    while True:
        search = Search(
            filterGroups=[FilterGroup(filters=filters)],
            properties=["dealstage", "closedate"],
            limit=PAGE,
            after=after,
        )
        reply = SearchReply.model_validate(
            await exchange.send(Request("POST", f"{DEALS}/search", search, search=True))
        )
        if reply.results:
            read = AssociationRead(inputs=[AssociationInput(id=d.id) for d in reply.results])
            links = AssociationReply.model_validate(
                await exchange.send(Request("POST", DEAL_CONTACTS, read))
            )
            contacts = {r.from_.id: tuple(str(t.toObjectId) for t in r.to) for r in links.results}
            found += [
                ClosedDeal(
                    deal.id,
                    deal.properties.get("dealstage") in won,
                    _when(deal.properties.get("closedate")),
                    contacts.get(deal.id, ()),
                )
                for deal in reply.results
            ]
        if reply.paging is None or reply.paging.next is None:
            return found
        after = reply.paging.next.after
