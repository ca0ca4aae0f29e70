"""Forget: archive the calls and tasks we created for a person, then `gdpr-delete` the contact.

The contact is found by e-mail (a batch read) or, without e-mail, by our person id; its calls
and follow-up tasks through the association index, and only those carrying our person id are
archived (what a salesperson logged by hand stays). `ForgetPerson.remote_ids` is not used: it
does not say which id is a contact and which a call.
"""

from __future__ import annotations

from pydantic import ValidationError

from cloud.crm.model import ForgetPerson, JobResult, Sent
from cloud.crm.vendors.hubspot.batching import chunks, failure
from cloud.crm.vendors.hubspot.exchange import CALLS, CONTACTS, Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred
from cloud.crm.vendors.hubspot.lookup import calls_of, contact_by_email, search_ours
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import BatchArchive, GdprDelete, ObjectId


async def forget(settings: Settings, exchange: Exchange, job: ForgetPerson) -> JobResult:
    """Delete what we created for `job.person_id`; `Sent` with what was done."""
    try:
        if job.email:
            contacts = await contact_by_email(exchange, job.email)
        else:
            contacts = await search_ours(settings, exchange, CONTACTS, job.person_id)
        ours: dict[str, list[str]] = {}
        for kind in ("calls", "tasks"):
            found = await calls_of(settings, exchange, contacts, kind) if contacts else []
            ours[kind] = [
                item.id
                for item in found
                if item.properties.get(settings.person_id_property) == job.person_id
            ]
            path = f"{CALLS.replace('calls', kind)}/batch/archive"
            for part in chunks(ours[kind]):
                archive = BatchArchive(inputs=[ObjectId(id=item_id) for item_id in part])
                await exchange.send(Request("POST", path, archive))
        calls, tasks = ours["calls"], ours["tasks"]
        deleted = 0
        for contact_id in contacts:
            try:
                await exchange.send(
                    Request("POST", f"{CONTACTS}/gdpr-delete", GdprDelete(objectId=contact_id))
                )
                deleted += 1
            except Rejected as err:
                if err.status != 404:
                    raise
    except (Deferred, Rejected, ValidationError) as err:
        return failure(err)
    if not deleted and not calls and not tasks:
        return Sent(detail="nothing_found")
    also = f", {len(tasks)} task(s)" if tasks else ""
    return Sent(detail=f"deleted: {deleted} contact(s) by gdpr-delete, {len(calls)} call(s){also}")
