"""What a sync of one linked conversation would send, without sending anything (`crm preview`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic.fields import FieldInfo
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.connect import VendorFactory, config_for
from cloud.crm.connector import Connector, CrmConfigError
from cloud.crm.enqueue import person_of, plan_link
from cloud.crm.model import STEPS, PreviewRequest, SyncJob, Vendor
from cloud.crm.vault import Vault
from cloud.crm.vendors import load
from cloud.errors import NotFoundError
from cloud.store.crm import CrmConfigRow, LinkRow, PersonRow
from cloud.store.projections import Conversation


@dataclass(frozen=True)
class Preview:
    """The jobs of a conversation and the requests they become."""

    conversation_id: str
    jobs: list[SyncJob]
    requests: list[PreviewRequest]

    def lines(self, vendor: str) -> list[str]:
        """ADF: each message as XML; others: one JSON object per request."""
        if vendor == "adf":
            return [
                r.body if isinstance(r.body, str) else json.dumps(r.body) for r in self.requests
            ]
        return [
            json.dumps({"method": r.method, "url": r.url, "body": r.body}) for r in self.requests
        ]


def _link(session: Session, conversation_id: str | None) -> LinkRow:
    query = select(LinkRow).join(
        Conversation,
        (Conversation.tenant_id == LinkRow.tenant_id)
        & (Conversation.site_id == LinkRow.site_id)
        & (Conversation.id == LinkRow.conversation_id),
    )
    if conversation_id is not None:
        query = query.where(LinkRow.conversation_id == conversation_id)
    found = session.scalar(query.order_by(Conversation.started_at.desc()).limit(1))
    if found is None:
        raise NotFoundError(
            f"conversation {conversation_id!r} is not linked to a person"
            if conversation_id
            else "no conversation is linked to a person yet: link one on its page, or demo-seed"
        )
    return found


#: Builds the connector a preview asks (the row, and whether it is the site's stored one).
PreviewConnector = Callable[[CrmConfigRow, bool], Connector]


def vendor_connector(vault: Vault) -> PreviewConnector:
    """The real vendor's connector: the site's settings, else placeholders (`EXAMPLES`)."""

    def build(config: CrmConfigRow, stored: bool) -> Connector:
        if stored:
            return VendorFactory(vault)(config)
        return _example(config)

    return build


#: Settings a preview uses at a site without that vendor's settings: placeholders only (a
#: preview sends nothing), so the requests show their shape; a vendor module's
#: `PREVIEW_SETTINGS` wins over these.
EXAMPLES: dict[str, dict[str, Any]] = {
    "hubspot": {"token": "preview-token"},
    "salesforce": {"client_secret": "preview"},
    "adf": {
        "host": "smtp.dealer.example",
        "username": "showfloor",
        "password": "preview",
        "to": ["leads@dealer.example"],
        "from_address": "showfloor@dealer.example",
        "rooftop_name": "Your dealership",
        "rooftop_contact": "Sales manager",
        "rooftop_email": "sales@dealer.example",
    },
}


def _placeholder(name: str, field: FieldInfo) -> object:
    """A value of the right shape for a required setting the examples do not give."""
    text = str(field.annotation)
    if "url" in name:
        return "https://preview.invalid"
    if "tuple" in text or "list" in text:
        return ["preview@example.invalid"]
    if "int" in text:
        return 1
    if "email" in name or "address" in name:
        return "preview@example.invalid"
    return "preview"


def _example(config: CrmConfigRow) -> Connector:
    try:
        module = load(config.vendor)  # type: ignore[arg-type]
    except ImportError as err:
        raise CrmConfigError(f"the {config.vendor} connector is not installed: {err}") from err
    fields: dict[str, FieldInfo] = module.Settings.model_fields
    example = {name: _placeholder(name, f) for name, f in fields.items() if f.is_required()}
    example |= EXAMPLES.get(config.vendor, {}) | getattr(module, "PREVIEW_SETTINGS", {})
    try:
        connector: Connector = module.Connector(module.Settings.model_validate(example))
    except ValueError as err:
        raise CrmConfigError(
            f"{config.vendor} needs settings to preview: save them for the site first ({err})"
        ) from err
    return connector


def preview(
    session: Session, vendor: Vendor, conversation_id: str | None, connect: PreviewConnector
) -> tuple[Preview, Connector]:
    """What syncing a conversation (default: the newest linked one) would push to `vendor`."""
    link = _link(session, conversation_id)
    person = session.get(PersonRow, (link.tenant_id, link.person_id))
    if person is None:
        raise NotFoundError(f"the person linked to {link.conversation_id!r} is gone")
    config = config_for(session, link.tenant_id, link.site_id)
    stored = config is not None and config.vendor == vendor
    if config is None or config.vendor != vendor:
        config = CrmConfigRow(
            tenant_id=link.tenant_id,
            site_id=link.site_id,
            vendor=vendor,
            settings={},
            credentials="",
            user_map={},
            steps=",".join(STEPS),
            enabled=True,
            language=config.language if config is not None else "en",  # the dealer's, as set
        )
    jobs = [planned.job for planned in plan_link(session, config, link, person_of(person, link))]
    connector = connect(config, stored)
    requests = [request for job in jobs for request in connector.preview([job])]
    return Preview(link.conversation_id, jobs, requests), connector
