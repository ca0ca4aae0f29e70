"""Commands to hubs: forget a subject (GDPR/CCPA), sync enrollment, reload configuration.

Each command is an audited row first (`CommandAudit`, id = the command event's id), then a
QoS 1 publish on `.../cmd/<name>`; the hub's `CommandResult` fills in the acknowledgement when
ingest receives it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.errors import NotFoundError
from cloud.store.erase import FORGET, erase
from cloud.store.events import CommandAudit, Event
from cloud.store.projections import Conversation
from cloud.store.tenancy import Hub, Staff
from cloud.views.scope import Scope
from contract.commands import ConfigReload, EnrollmentSync, ForgetSubject
from contract.events import envelope
from contract.ids import HubAddress
from contract.topics import Topics

_LOGGER = logging.getLogger(__name__)
Publish = Callable[[str, bytes], Awaitable[None]]


def _hub_of_subject(session: Session, scope: Scope, subject: str) -> HubAddress:
    conv = session.scalar(
        select(Conversation).where(scope.where(Conversation), Conversation.id == subject)
    )
    if conv is not None:
        return HubAddress(conv.tenant_id, conv.site_id, conv.hub_id)
    row = session.execute(
        select(Event.tenant_id, Event.site_id, Event.hub_id)
        .where(scope.where(Event), Event.subject == subject)
        .limit(1)
    ).first()
    if row is None:
        raise NotFoundError(f"no conversation or visit {subject!r}")
    return HubAddress(*row)


def _audit(
    session: Session,
    hub: HubAddress,
    data: BaseModel,
    name: str,
    requested_by: str,
    event_id: str | None = None,
) -> tuple[CommandAudit, str, bytes]:
    event = envelope(hub, data)
    if event_id is not None:
        event = event.model_copy(update={"id": event_id})
    audit = CommandAudit(
        id=event.id,
        tenant_id=hub.tenant,
        site_id=hub.site,
        hub_id=hub.hub,
        command=name,
        subject=getattr(data, "subject", None),
        requested_by=requested_by,
    )
    session.add(audit)
    return audit, Topics(hub).command(name), event.model_dump_json().encode()


def forget_subject(session: Session, scope: Scope, subject: str) -> tuple[CommandAudit, str, bytes]:
    """Erase `subject` in the cloud, audit it; returns the audit row and what to publish."""
    hub = _hub_of_subject(session, scope, subject)
    request_id = str(uuid.uuid4())
    data = ForgetSubject(subject=subject, request_id=request_id)
    audit, topic, payload = _audit(
        session, hub, data, FORGET, scope.principal.email, event_id=request_id
    )
    audit.removed_in_cloud = erase(session, hub.tenant, subject, hub.site)
    _LOGGER.info("forgot %s in the cloud: %d rows", subject, audit.removed_in_cloud)
    return audit, topic, payload


def _hub(session: Session, scope: Scope, site_id: str, hub_id: str) -> HubAddress:
    row = session.scalar(
        select(Hub).where(scope.where(Hub), Hub.site_id == site_id, Hub.id == hub_id)
    )
    if row is None:
        raise NotFoundError(f"no hub {site_id}/{hub_id}")
    return HubAddress(row.tenant_id, row.site_id, row.id)


def hub_command(
    session: Session, scope: Scope, site_id: str, hub_id: str, name: str
) -> tuple[CommandAudit, str, bytes]:
    """An enrollment sync (with the site's staff) or a config reload for one hub."""
    hub = _hub(session, scope, site_id, hub_id)
    data: BaseModel
    if name == "enrollment_sync":
        staff = session.scalars(
            select(Staff).where(Staff.tenant_id == hub.tenant, Staff.site_id == hub.site)
        ).all()
        data = EnrollmentSync(
            active=[s.pseudonym for s in staff if s.active],
            removed=[s.pseudonym for s in staff if not s.active],
        )
    elif name == "config_reload":
        data = ConfigReload()
    else:
        raise NotFoundError(f"no command {name!r}: use enrollment_sync or config_reload")
    return _audit(session, hub, data, name, scope.principal.email)
