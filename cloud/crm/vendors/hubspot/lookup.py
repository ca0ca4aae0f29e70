"""Reads that find what we already created, by strongly consistent reads where HubSpot has them.

The calls of a contact come from the association index and a batch read (both consistent
right after a write), not from search: HubSpot's search index lags its writes by seconds, so a
search right after a lost answer could miss the call and create it twice.
"""

from __future__ import annotations

from cloud.crm.vendors.hubspot.exchange import CALLS, CONTACTS, Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    MAX_INPUTS,
    MAX_SEARCH,
    AssociationInput,
    AssociationRead,
    AssociationReply,
    BatchRead,
    BatchReply,
    Filter,
    FilterGroup,
    HsObject,
    ObjectId,
    Search,
    SearchReply,
)

CONTACT_CALLS = "/crm/v4/associations/contacts/calls/batch/read"


async def calls_of(
    settings: Settings, exchange: Exchange, contact_ids: list[str], kind: str = "calls"
) -> list[HsObject]:
    """The calls (or `kind`: tasks) associated with `contact_ids`, with our two properties."""
    call_ids: list[str] = []
    pending = [AssociationInput(id=contact_id) for contact_id in dict.fromkeys(contact_ids)]
    while pending:
        part, pending = pending[:MAX_INPUTS], pending[MAX_INPUTS:]
        reply = AssociationReply.model_validate(
            await exchange.send(
                Request(
                    "POST",
                    CONTACT_CALLS.replace("calls", kind),
                    AssociationRead(inputs=part),
                )
            )
        )
        for result in reply.results:
            call_ids.extend(str(target.toObjectId) for target in result.to)
            if result.paging is not None and result.paging.next is not None:
                pending.append(AssociationInput(id=result.from_.id, after=result.paging.next.after))
    found: list[HsObject] = []
    unique = list(dict.fromkeys(call_ids))
    for start in range(0, len(unique), MAX_INPUTS):
        read = BatchRead(
            properties=[settings.event_id_property, settings.person_id_property],
            inputs=[ObjectId(id=call_id) for call_id in unique[start : start + MAX_INPUTS]],
        )
        path = f"{CALLS.replace('calls', kind)}/batch/read"
        answer = await exchange.send(Request("POST", path, read))
        found.extend(BatchReply.model_validate(answer).results)
    return found


async def contact_by_email(exchange: Exchange, email: str) -> list[str]:
    """The id of the contact whose e-mail is `email` (empty: none)."""
    read = BatchRead(properties=["email"], inputs=[ObjectId(id=email)], idProperty="email")
    try:
        answer = await exchange.send(Request("POST", f"{CONTACTS}/batch/read", read))
    except Rejected as err:
        if err.status == 404:
            return []
        raise
    return [result.id for result in BatchReply.model_validate(answer).results]


async def search_ours(
    settings: Settings, exchange: Exchange, path: str, person_id: str
) -> list[str]:
    """Ids of the objects at `path` carrying our person id (every page; search may lag)."""
    ids: list[str] = []
    after: str | None = None
    while True:
        flt = Filter(propertyName=settings.person_id_property, operator="EQ", value=person_id)
        search = Search(
            filterGroups=[FilterGroup(filters=[flt])],
            properties=[settings.person_id_property],
            limit=MAX_SEARCH,
            after=after,
        )
        reply = SearchReply.model_validate(
            await exchange.send(Request("POST", f"{path}/search", search, search=True))
        )
        ids.extend(result.id for result in reply.results)
        if reply.paging is None or reply.paging.next is None:
            return ids
        after = reply.paging.next.after
