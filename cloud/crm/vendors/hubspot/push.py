"""One push: jobs in order in, one result each out.

Jobs are cut at each `ForgetPerson` (a forget never runs before what precedes it). Within a
run of other jobs: every person's contact first (person fields, owner and their latest step in
one upsert input), then the calls and follow-up tasks; so a person's contact exists before
their activity.
"""

from __future__ import annotations

from collections.abc import Sequence

from cloud.crm.model import (
    Failed,
    FollowupTask,
    ForgetPerson,
    JobResult,
    LogActivity,
    Sent,
    SetStep,
    SyncJob,
    UpsertPerson,
)
from cloud.crm.vendors.hubspot.calls import CallJob, sync_calls
from cloud.crm.vendors.hubspot.contacts import Contact, person_properties, sync_contacts
from cloud.crm.vendors.hubspot.exchange import Exchange
from cloud.crm.vendors.hubspot.forget import forget
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.tasks import TaskJob, sync_tasks


async def push(settings: Settings, exchange: Exchange, jobs: Sequence[SyncJob]) -> list[JobResult]:
    """Send `jobs` through `exchange`; one result per job, in order."""
    results: dict[int, JobResult] = {}
    run: list[int] = []
    for index, job in enumerate(jobs):
        if isinstance(job, ForgetPerson):
            results.update(await _run(settings, exchange, jobs, run))
            run = []
            results[index] = await forget(settings, exchange, job)
        else:
            run.append(index)
    results.update(await _run(settings, exchange, jobs, run))
    return [results[index] for index in range(len(jobs))]


async def _run(
    settings: Settings, exchange: Exchange, jobs: Sequence[SyncJob], indices: list[int]
) -> dict[int, JobResult]:
    results: dict[int, JobResult] = {}
    contacts: dict[str, Contact] = {}
    writers: list[tuple[int, Contact]] = []
    calls: list[CallJob] = []
    tasks: list[TaskJob] = []
    for index in indices:
        job = jobs[index]
        if isinstance(job, ForgetPerson):
            continue
        value = settings.steps.get(job.step) if isinstance(job, SetStep) else None
        if isinstance(job, SetStep) and value is None:
            results[index] = Sent(detail=f"step {job.step} is not mapped; nothing sent")
            continue
        contact = contacts.setdefault(job.person.id, Contact(job.person, id=job.person.remote_id))
        contact.person = job.person
        if isinstance(job, UpsertPerson):
            contact.props.update(person_properties(settings, job.person, job.owner))
            writers.append((index, contact))
        elif isinstance(job, SetStep) and value is not None:
            contact.props[settings.step_property] = value
            writers.append((index, contact))
        elif isinstance(job, LogActivity):
            calls.append(CallJob(index, job, contact))
        elif isinstance(job, FollowupTask):
            tasks.append(TaskJob(index, job, contact))
    await sync_contacts(settings, exchange, list(contacts.values()))
    for index, contact in writers:
        if contact.error is not None:
            results[index] = contact.error
        elif contact.id is None:
            results[index] = Failed(reason="HubSpot returned no contact id")
        else:
            results[index] = Sent(remote_id=contact.id)
    results.update(await sync_calls(settings, exchange, calls))
    results.update(await sync_tasks(settings, exchange, tasks))
    return results
