"""Activities: one HubSpot call per conversation, associated with the contact.

A call, not a note: a showroom conversation is a spoken exchange with a duration, a direction
and an owner, which HubSpot's call object carries (`hs_call_duration`, `hubspot_owner_id`) and
its reports count as a conversation; a note is only text.

Idempotent by our job key, stored in `settings.event_id_property`: before creating, the
calls of the contacts concerned are read (association index + batch read, see lookup.py; not
search, whose index lags) and a call already carrying the key is answered as sent. The reads
are skipped for contacts the same push has just created (a new contact has no calls), so a
first sync costs one batch create per 100 conversations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from html import escape

from pydantic import ValidationError

from cloud.crm.model import Activity, Failed, JobResult, LogActivity, Sent
from cloud.crm.vendors.hubspot.batching import chunks, failure, send_split
from cloud.crm.vendors.hubspot.contacts import Contact
from cloud.crm.vendors.hubspot.exchange import CALLS, Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred
from cloud.crm.vendors.hubspot.lookup import calls_of
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    Association,
    AssociationType,
    BatchCreate,
    BatchReply,
    CreateInput,
    ObjectId,
    Properties,
)
from cloud.crm.wording import wording


@dataclass(frozen=True)
class CallJob:
    """A `LogActivity` at `index` of the push, and its person's contact."""

    index: int
    job: LogActivity
    contact: Contact


def call_properties(settings: Settings, job: LogActivity) -> Properties:
    """The call's properties: when, how long, who, the redacted summary, our keys."""
    activity = job.activity
    props = {
        "hs_timestamp": activity.started_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "hs_call_title": wording(activity.language).call_title.format(site=activity.site_id),
        "hs_call_body": call_body(activity),
        "hs_call_duration": str(round(activity.duration_s * 1000)),
        "hs_call_direction": "INBOUND",
        "hs_call_status": "COMPLETED",
        settings.event_id_property: job.key,
        settings.person_id_property: job.person.id,
    }
    if activity.owner is not None and activity.owner.crm_user_id:
        props["hubspot_owner_id"] = activity.owner.crm_user_id
    return props


def call_body(activity: Activity) -> str:
    """The summary as the call's (HTML) body, in the activity's language."""
    words = wording(activity.language)
    lines = [activity.summary]
    if activity.owner is not None:
        lines.append(f"{words.salesperson}: {activity.owner.name}")
    lines.append(f"{words.duration}: {round(activity.duration_s / 60)} min")
    for item in activity.objections:
        state = words.handled if item.handled else words.open
        lines.append(f"{words.objection}: {words.label(item.objection)} ({state})")
    if activity.signals:
        lines.append(f"{words.signals}: {', '.join(map(words.label, activity.signals))}")
    if activity.sentiment_start is not None and activity.sentiment_end is not None:
        lines.append(
            f"{words.sentiment}: {activity.sentiment_start:+.1f} -> {activity.sentiment_end:+.1f}"
        )
    for label, vehicle in (
        (words.vehicle, activity.vehicle),
        (words.trade_in, activity.trade_in),
    ):
        if vehicle is not None:
            text = " ".join(
                str(v) for v in (vehicle.year, vehicle.make, vehicle.model, vehicle.trim) if v
            )
            lines.append(f"{label}: {text}")
    if activity.stage:
        lines.append(f"{words.stage}: {words.stage_name(activity.stage)}")
    if activity.next_step:
        lines.append(f"{words.next_step}: {activity.next_step}")
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


async def sync_calls(
    settings: Settings, exchange: Exchange, items: list[CallJob]
) -> dict[int, JobResult]:
    """Create the calls not yet in HubSpot; one result per item."""
    done: dict[str, JobResult] = {}
    first: dict[str, tuple[CallJob, str]] = {}
    for item in items:
        error = item.contact.error
        if isinstance(error, Failed):
            done[item.job.key] = Failed(reason=f"contact not synced: {error.reason}")
        elif error is not None:
            done[item.job.key] = error
        elif item.contact.id is None:
            done[item.job.key] = Failed(reason="HubSpot returned no contact id")
        else:
            first.setdefault(item.job.key, (item, item.contact.id))
    unknown = [pair for pair in first.values() if not pair[0].contact.new]
    for part in chunks(unknown):
        done.update(await _existing(settings, exchange, list(part)))
    pending = [pair for key, pair in first.items() if key not in done]
    for batch in chunks(pending):
        done.update(await _create(settings, exchange, batch))
    return {item.index: done[item.job.key] for item in items}


async def _existing(
    settings: Settings, exchange: Exchange, items: list[tuple[CallJob, str]]
) -> dict[str, JobResult]:
    """The calls already created for these jobs (a lost answer, a retried push)."""
    keys = {item.job.key for item, _ in items}
    try:
        calls = await calls_of(settings, exchange, [contact_id for _, contact_id in items])
    except (Deferred, Rejected, ValidationError) as err:
        return dict.fromkeys(keys, failure(err))
    return {
        key: Sent(remote_id=call.id, detail="already in HubSpot")
        for call in calls
        if (key := call.properties.get(settings.event_id_property) or "") in keys
    }


async def _create(
    settings: Settings, exchange: Exchange, items: Sequence[tuple[CallJob, str]]
) -> dict[str, JobResult]:
    kind = AssociationType(
        associationCategory="HUBSPOT_DEFINED", associationTypeId=settings.call_association_type_id
    )

    def request(part: Sequence[tuple[CallJob, str]]) -> Request:
        inputs = [
            CreateInput(
                properties=call_properties(settings, item.job),
                associations=[Association(to=ObjectId(id=contact_id), types=[kind])],
            )
            for item, contact_id in part
        ]
        return Request("POST", f"{CALLS}/batch/create", BatchCreate(inputs=inputs))

    done: dict[str, JobResult] = {}
    for part, answer in await send_split(exchange, request, items):
        keys = [item.job.key for item, _ in part]
        try:
            if isinstance(answer, Exception):
                raise answer
            reply = BatchReply.model_validate(answer)
        except (Deferred, Rejected, ValidationError) as err:
            done.update(dict.fromkeys(keys, failure(err)))
            continue
        prop = settings.event_id_property
        created = {result.properties.get(prop): result.id for result in reply.results}
        reason = reply.errors[0].message if reply.errors else "no result for this input"
        for key in keys:
            done[key] = (
                Sent(remote_id=created[key])
                if key in created
                else Failed(reason=f"HubSpot: {reason}")
            )
    return done
