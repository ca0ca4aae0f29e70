"""Push a reviewed follow-up draft to the site's CRM as an open task (`FollowupTask`).

The draft's key is the job's key and its outbox `dedupe` (`task:<key>`), and the follow-up row
(channel `crm_task`) is unique by it: a double click or a retry enqueues one task, recorded once
on the conversation. The worker sends it like any job (retries, dead letters); the row's state
follows the outbox job's (`cloud.web.followup_panel`). ADF/DMS targets take no tasks: refused
with that reason, nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cloud.crm import activity, enqueue
from cloud.crm.connect import config_for
from cloud.crm.model import FollowupTask
from cloud.errors import N_
from cloud.followup import service
from cloud.followup.errors import SendRefused
from cloud.store.base import utcnow
from cloud.store.followup import FollowupMessageRow
from cloud.store.tenancy import Site

#: Vendors whose connector creates tasks.
TASK_VENDORS = ("hubspot", "salesforce", "dynamics")
#: When a task is due: this hour on the next business day (Mon-Fri), site time.
DUE_HOUR = 9


def due_after(now: datetime, zone: str) -> datetime:
    """09:00 on the next business day after `now` in `zone` (UTC for an unknown zone)."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    day = now.astimezone(tz).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(DUE_HOUR), tzinfo=tz)


@dataclass(frozen=True)
class Queued:
    """The follow-up row of the task and whether this call enqueued it."""

    row_id: int
    queued_now: bool
    vendor: str


def push(
    session: Session,
    *,
    tenant: str,
    conversation_id: str,
    key: str,
    subject: str,
    body: str,
    by: str,
) -> Queued:
    """Enqueue the draft as a CRM task once; `SendRefused` (nothing stored) says why not."""
    earlier = session.scalar(
        select(FollowupMessageRow).where(
            FollowupMessageRow.tenant_id == tenant, FollowupMessageRow.key == key
        )
    )
    if earlier is not None:
        if earlier.channel != "crm_task" or earlier.conversation_id != conversation_id:
            raise SendRefused(N_("this draft's key belongs to another message: reload the page"))
        return Queued(earlier.id, False, earlier.to)
    conv, link, person = service.linked(session, tenant, conversation_id)
    config = config_for(session, conv.tenant_id, conv.site_id)
    if config is None or not config.enabled:
        raise SendRefused(N_("no CRM is set up (or enabled) for this site"))
    if config.vendor == "adf":
        raise SendRefused(N_("this CRM takes no tasks (ADF lead e-mail to a DMS)"))
    if config.vendor not in TASK_VENDORS:
        raise SendRefused(N_("tasks are not built for %(vendor)s yet"), vendor=config.vendor)
    if "crm" not in link.consent_scopes.split(","):
        raise SendRefused(N_("the customer did not agree to be kept in the CRM"))
    subject = " ".join(subject.split())
    text = body.replace("\r\n", "\n").strip()
    if not subject or len(subject) > 300:
        raise SendRefused(N_("a task needs a subject of 1 to 300 characters"))
    if not text or len(text) > 20_000:
        raise SendRefused(N_("a task needs a body of 1 to 20000 characters"))
    site = session.get(Site, (conv.tenant_id, conv.site_id))
    now = utcnow()
    job = FollowupTask(
        key=key,
        tenant_id=conv.tenant_id,
        site_id=conv.site_id,
        person=enqueue.person_of(person, link),
        conversation_id=conv.id,
        subject=subject,
        body=text,
        due=due_after(now, site.timezone if site is not None else "UTC"),
        owner=activity.owner(session, conv, config),
    )
    enqueue.add(session, config, enqueue.Planned(job, f"task:{key}", conv.id))
    row = {
        "tenant_id": conv.tenant_id,
        "site_id": conv.site_id,
        "conversation_id": conv.id,
        "person_id": person.id,
        "channel": "crm_task",
        "key": key,
        "to": config.vendor,
        "subject": subject,
        "body": text,
        "state": "queued",
        "sent_by": by,
        "created_at": now,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(FollowupMessageRow).values(**row).on_conflict_do_nothing())
    session.flush()
    mine = session.scalar(
        select(FollowupMessageRow).where(
            FollowupMessageRow.tenant_id == tenant, FollowupMessageRow.key == key
        )
    )
    assert mine is not None  # inserted above or by a concurrent click of the same draft
    return Queued(mine.id, True, config.vendor)
