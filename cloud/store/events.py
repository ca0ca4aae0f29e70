"""What arrives and what is done about it: raw events, dead letters, rejections, commands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow


class Event(Base):
    """A validated hub event as received; `(tenant_id, id)` makes ingest idempotent."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_tenant_time", "tenant_id", "time"),
        Index("ix_events_tenant_subject", "tenant_id", "subject"),
    )

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    hub_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str | None] = mapped_column(String(64), default=None)
    time: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]]


class DeadLetter(Base):
    """A message that could not be ingested, with the reason; ingest goes on."""

    __tablename__ = "dead_letters"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    topic: Mapped[str] = mapped_column(String(400))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)


class Rejection(Base):
    """Messages refused because of who sent them (unknown hub, wrong tenant or site), counted."""

    __tablename__ = "rejections"

    topic_hub: Mapped[str] = mapped_column(String(200), primary_key=True)
    reason: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommandAudit(Base):
    """A command sent to a hub: who asked, when it left, the hub's acknowledgement."""

    __tablename__ = "command_audit"
    #: Ingest looks up forgotten subjects by it.
    __table_args__ = (Index("ix_command_audit_tenant_subject", "tenant_id", "subject"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    site_id: Mapped[str] = mapped_column(String(64))
    hub_id: Mapped[str] = mapped_column(String(64))
    command: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(64), default=None)
    requested_by: Mapped[str] = mapped_column(String(320))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_in_cloud: Mapped[int] = mapped_column(default=0)
    published: Mapped[bool] = mapped_column(default=False)
    ack_ok: Mapped[bool | None] = mapped_column(default=None)
    ack_detail: Mapped[str | None] = mapped_column(Text, default=None)
    ack_removed: Mapped[int | None] = mapped_column(default=None)
    ack_at: Mapped[datetime | None] = mapped_column(default=None)
