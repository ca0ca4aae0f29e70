"""CRM sync tables: people, conversation links with consent, per-site settings, remote ids, outbox.

Rows carry `tenant_id` and `site_id`; conversations are referenced by `(tenant_id, site_id,
conversation_id)` without a foreign key (conversations are re-keyed by site elsewhere).

The outbox (`crm_outbox`) is written in the same transaction as the change that causes it; its
autoincrement `id` is the order jobs are sent in (per person and vendor: a *lane*).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow

JobState = Literal["pending", "sending", "sent", "failed", "dead"]
#: States of a job not done yet (they hold back the later jobs of their lane).
OPEN_STATES: tuple[JobState, ...] = ("pending", "sending", "failed")
#: `site_id` of a tenant-wide settings row.
TENANT_WIDE = ""


class PersonRow(Base):
    """A customer who agreed to be known: name, e-mail, phone."""

    __tablename__ = "crm_people"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LinkRow(Base):
    """A conversation linked to a person, with the consent that allowed it."""

    __tablename__ = "crm_links"
    __table_args__ = (Index("ix_crm_links_tenant_person", "tenant_id", "person_id"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: The link's own id: the idempotency key of the person upsert it causes.
    id: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[str] = mapped_column(String(64))
    consent_by: Mapped[str] = mapped_column(String(320))
    consent_at: Mapped[datetime]
    consent_scopes: Mapped[str] = mapped_column(String(40))
    consent_text: Mapped[str] = mapped_column(Text)


class CrmConfigRow(Base):
    """A site's (or, with `site_id` "", a tenant's) CRM connection."""

    __tablename__ = "crm_settings"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    vendor: Mapped[str] = mapped_column(String(20))
    #: The vendor's non-secret settings (instance URL, field mappings ...).
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The vendor's secrets as one Fernet token (key `crm_key`); never shown or logged.
    credentials: Mapped[str] = mapped_column(Text, default="")
    #: Staff pseudonym -> the CRM's user id (the activity's owner).
    user_map: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Comma-separated showroom steps to send.
    steps: Mapped[str] = mapped_column(String(100), default="greeted,test_drive,negotiation,left")
    enabled: Mapped[bool] = mapped_column(default=True)
    #: The dealer's language (`en`, `es`): the summaries sent onwards are written in it.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    paused_reason: Mapped[str | None] = mapped_column(Text, default=None)
    failing_since: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    last_success: Mapped[datetime | None] = mapped_column(default=None)
    updated_by: Mapped[str] = mapped_column(String(320), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RemoteIdRow(Base):
    """An id the vendor gave to something we created for a person (forget deletes them)."""

    __tablename__ = "crm_remote_ids"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    vendor: Mapped[str] = mapped_column(String(20), primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxRow(Base):
    """One sync job (`cloud.crm.model.SyncJob` as JSON) and where it stands."""

    __tablename__ = "crm_outbox"
    __table_args__ = (
        UniqueConstraint("tenant_id", "vendor", "dedupe", name="uq_crm_outbox_dedupe"),
        Index("ix_crm_outbox_state_next", "state", "next_at"),
        Index("ix_crm_outbox_lane", "tenant_id", "vendor", "person_id", "id"),
        Index("ix_crm_outbox_conversation", "tenant_id", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str] = mapped_column(String(64))
    vendor: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    #: The idempotency key into the vendor (our event id).
    key: Mapped[str] = mapped_column(String(100))
    #: What makes a job unique (`activity:<conversation>`, `step:<conversation>:<step>` ...).
    dedupe: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(64), default=None)
    payload: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    remote_id: Mapped[str | None] = mapped_column(String(200), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
