"""Forget reaches the CRM: a forgotten linked conversation forgets its person everywhere.

The person, their links, the follow-ups sent to them and every job not yet sent (they hold
personal data) are deleted in the cloud; each vendor we synced to gets a `ForgetPerson` job
(the worker fills in every id we created there when it sends it). One `CommandAudit` row per
vendor (`crm_forget`, hub `crm:<vendor>`) is the erasure report's line for that system: the
worker records what the vendor did (deleted, or for ADF that an e-mailed lead cannot be
recalled).
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cloud.crm.connect import config_for
from cloud.crm.enqueue import Planned, add
from cloud.crm.model import ForgetPerson
from cloud.store.crm import LinkRow, OutboxRow, PersonRow, RemoteIdRow
from cloud.store.events import CommandAudit
from cloud.store.followup import FollowupMessageRow

_LOGGER = logging.getLogger(__name__)
COMMAND = "crm_forget"


def forget_person(session: Session, tenant: str, person_id: str, requested_by: str) -> int:
    """Erase a person in the cloud, queue the erasure in each CRM; how many rows went."""
    person = session.get(PersonRow, (tenant, person_id))
    if person is None:
        return 0
    vendors = set(
        session.execute(
            select(RemoteIdRow.vendor, RemoteIdRow.site_id).where(
                RemoteIdRow.tenant_id == tenant, RemoteIdRow.person_id == person_id
            )
        ).all()
    )
    sent = session.execute(
        select(OutboxRow.vendor, OutboxRow.site_id).where(
            OutboxRow.tenant_id == tenant,
            OutboxRow.person_id == person_id,
            OutboxRow.kind != "forget",
        )
    ).all()
    vendors.update(sent)
    removed = 0
    for statement in (
        delete(OutboxRow).where(
            OutboxRow.tenant_id == tenant,
            OutboxRow.person_id == person_id,
            OutboxRow.state.in_(("pending", "failed", "dead")),
            OutboxRow.kind != "forget",
        ),
        delete(LinkRow).where(LinkRow.tenant_id == tenant, LinkRow.person_id == person_id),
        delete(FollowupMessageRow).where(
            FollowupMessageRow.tenant_id == tenant, FollowupMessageRow.person_id == person_id
        ),
        delete(PersonRow).where(PersonRow.tenant_id == tenant, PersonRow.id == person_id),
    ):
        removed += getattr(session.execute(statement), "rowcount", 0) or 0
    for vendor, site in sorted(vendors):
        config = config_for(session, tenant, site)
        key = str(uuid.uuid4())
        session.add(
            CommandAudit(
                id=key,
                tenant_id=tenant,
                site_id=site,
                hub_id=f"crm:{vendor}",
                command=COMMAND,
                subject=person_id,
                requested_by=requested_by,
            )
        )
        if config is None or config.vendor != vendor:
            _LOGGER.warning("no %s settings for %s/%s: cannot erase there", vendor, tenant, site)
            continue
        job = ForgetPerson(
            key=key, tenant_id=tenant, site_id=site, person_id=person_id, email=person.email
        )
        add(session, config, Planned(job, f"forget:{person_id}", None))
    return removed


def forget_conversation(
    session: Session, tenant: str, conversation_id: str, site: str | None = None
) -> int:
    """Forget the person a conversation (of `site` if given) is linked to; how many rows went."""
    query = select(LinkRow).where(
        LinkRow.tenant_id == tenant, LinkRow.conversation_id == conversation_id
    )
    if site is not None:
        query = query.where(LinkRow.site_id == site)
    links = session.scalars(query).all()
    if not links:
        return 0
    who = session.scalar(
        select(CommandAudit.requested_by)
        .where(CommandAudit.tenant_id == tenant, CommandAudit.subject == conversation_id)
        .order_by(CommandAudit.requested_at.desc())
        .limit(1)
    )
    return sum(forget_person(session, tenant, link.person_id, who or "showfloor") for link in links)
