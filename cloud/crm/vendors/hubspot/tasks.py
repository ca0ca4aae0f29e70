"""Follow-up tasks: one HubSpot task per pushed draft, associated with the contact.

CRM v3 `tasks` objects (`hs_task_subject`, `hs_task_body`, `hs_timestamp` = due, status
`NOT_STARTED`, `hubspot_owner_id`), associated task -> contact (HUBSPOT_DEFINED 204).
Idempotent like the calls: our job key is stored in `settings.event_id_property`, and before
creating, the contact's tasks are read (association index + batch read, not the lagging search);
a task already carrying the key is answered as sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from html import escape

from pydantic import ValidationError

from cloud.crm.model import Failed, FollowupTask, JobResult, Sent
from cloud.crm.vendors.hubspot.batching import failure
from cloud.crm.vendors.hubspot.contacts import Contact
from cloud.crm.vendors.hubspot.exchange import Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred
from cloud.crm.vendors.hubspot.lookup import calls_of
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    Association,
    AssociationType,
    CreateInput,
    HsObject,
    ObjectId,
    Properties,
)

TASKS = "/crm/v3/objects/tasks"
#: HUBSPOT_DEFINED association type task -> contact.
TASK_TO_CONTACT = 204


@dataclass(frozen=True)
class TaskJob:
    """A `FollowupTask` at `index` of the push, and its person's contact."""

    index: int
    job: FollowupTask
    contact: Contact


def task_properties(settings: Settings, job: FollowupTask) -> Properties:
    """The task's properties: subject, body (HTML paragraphs), due, open, owner, our keys."""
    body = "".join(f"<p>{escape(line)}</p>" for line in job.body.splitlines() if line.strip())
    props = {
        "hs_timestamp": job.due.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "hs_task_subject": job.subject,
        "hs_task_body": body,
        "hs_task_status": "NOT_STARTED",
        "hs_task_type": "EMAIL",
        settings.event_id_property: job.key,
        settings.person_id_property: job.person.id,
    }
    if job.owner is not None and job.owner.crm_user_id:
        props["hubspot_owner_id"] = job.owner.crm_user_id
    return props


def create_request(settings: Settings, job: FollowupTask, contact_id: str) -> Request:
    """The create of `job`'s task, associated with `contact_id`."""
    kind = AssociationType(associationCategory="HUBSPOT_DEFINED", associationTypeId=TASK_TO_CONTACT)
    body = CreateInput(
        properties=task_properties(settings, job),
        associations=[Association(to=ObjectId(id=contact_id), types=[kind])],
    )
    return Request("POST", TASKS, body)


async def sync_tasks(
    settings: Settings, exchange: Exchange, items: list[TaskJob]
) -> dict[int, JobResult]:
    """Create the tasks not yet in HubSpot; one result per item."""
    results: dict[int, JobResult] = {}
    for item in items:
        results[item.index] = await _one(settings, exchange, item)
    return results


async def _one(settings: Settings, exchange: Exchange, item: TaskJob) -> JobResult:
    error = item.contact.error
    if isinstance(error, Failed):
        return Failed(reason=f"contact not synced: {error.reason}")
    if error is not None:
        return error
    contact_id = item.contact.id
    if contact_id is None:
        return Failed(reason="HubSpot returned no contact id")
    try:
        if not item.contact.new:
            for task in await calls_of(settings, exchange, [contact_id], "tasks"):
                if task.properties.get(settings.event_id_property) == item.job.key:
                    return Sent(remote_id=task.id, detail="already in HubSpot")
        answer = await exchange.send(create_request(settings, item.job, contact_id))
        created = HsObject.model_validate(answer)
    except (Deferred, Rejected, ValidationError) as err:
        return failure(err)
    return Sent(remote_id=created.id)
