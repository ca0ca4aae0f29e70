"""Read models the pages query, kept up to date by ingest (never the raw events table)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base


class Conversation(Base):
    """A conversation: who, where, live state and the final metrics."""

    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_tenant_started", "tenant_id", "started_at"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    hub_id: Mapped[str] = mapped_column(String(64))
    staff: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    zone: Mapped[str | None] = mapped_column(String(100), default=None)
    consent: Mapped[str | None] = mapped_column(String(20), default=None)
    #: The presence visit the hub linked the conversation to (its start event), if any.
    visit_id: Mapped[str | None] = mapped_column(String(64), default=None)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    turns: Mapped[int] = mapped_column(default=0)
    sentiment: Mapped[float | None] = mapped_column(default=None)
    #: The customer turn `sentiment` comes from: a later turn's score wins, in any arrival order.
    sentiment_turn: Mapped[int | None] = mapped_column(default=None)
    last_prompt: Mapped[str | None] = mapped_column(Text, default=None)
    last_prompt_at: Mapped[datetime | None] = mapped_column(default=None)
    duration_s: Mapped[float | None] = mapped_column(default=None)
    talk_ratio: Mapped[float | None] = mapped_column(default=None)
    open_questions: Mapped[int | None] = mapped_column(default=None)
    objections: Mapped[int | None] = mapped_column(default=None)
    objections_handled: Mapped[int | None] = mapped_column(default=None)
    sentiment_start: Mapped[float | None] = mapped_column(default=None)
    sentiment_end: Mapped[float | None] = mapped_column(default=None)
    stage: Mapped[str | None] = mapped_column(String(20), default=None)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class TurnRow(Base):
    """One redacted turn."""

    __tablename__ = "turns"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    index: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str] = mapped_column(String(32))
    start_s: Mapped[float]
    end_s: Mapped[float]
    text: Mapped[str | None] = mapped_column(Text, default=None)
    sentiment: Mapped[float | None] = mapped_column(default=None)
    labels: Mapped[str] = mapped_column(String(400), default="")
    #: ISO 639-1 code the turn was spoken in; null from hubs before contract 1.1.
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    #: The highest `TurnRevised.revision` taken in (its text is `text`); 0: as first sent.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")


class ObjectionRow(Base):
    """An objection raised in an ended conversation and whether it was handled.

    Whose conversation it was is the conversation's `staff` (known only once its start or a
    salesperson's turn is in, which may be after its end).
    """

    __tablename__ = "objections"
    __table_args__ = (Index("ix_objections_tenant_time", "tenant_id", "time"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    turn_index: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    #: No longer written (see the class); kept for the previous release, dropped later.
    staff: Mapped[str | None] = mapped_column(String(32), default=None)
    objection: Mapped[str] = mapped_column(String(40))
    handled: Mapped[bool]
    time: Mapped[datetime]


class PromptRow(Base):
    """A coaching prompt and, once known, whether it was followed."""

    __tablename__ = "prompts"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    staff: Mapped[str | None] = mapped_column(String(32), default=None)
    rule: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    time: Mapped[datetime]
    followed: Mapped[bool | None] = mapped_column(default=None)


class AlertRow(Base):
    """A manager alert; open until acknowledged."""

    __tablename__ = "alerts"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(Text)
    conversation_id: Mapped[str | None] = mapped_column(String(64), default=None)
    zone: Mapped[str | None] = mapped_column(String(100), default=None)
    time: Mapped[datetime]
    open: Mapped[bool] = mapped_column(default=True)


class PresenceRow(Base):
    """A greeted/engaged/waiting presence event (time to greet, engagement)."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_tenant_time", "tenant_id", "time"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(100))
    staff: Mapped[str | None] = mapped_column(String(32), default=None)
    visit_id: Mapped[str | None] = mapped_column(String(64), default=None)
    conversation_id: Mapped[str | None] = mapped_column(String(64), default=None)
    waited_s: Mapped[float | None] = mapped_column(default=None)
    #: Seconds the visit has stayed in the zone (`dwell` events).
    dwell_s: Mapped[float | None] = mapped_column(default=None)
    time: Mapped[datetime]


class TrafficRow(Base):
    """Visitors in one zone over one interval."""

    __tablename__ = "traffic"
    __table_args__ = (Index("ix_traffic_tenant_start", "tenant_id", "interval_start"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    zone: Mapped[str] = mapped_column(String(100))
    interval_start: Mapped[datetime]
    interval_s: Mapped[int]
    visitors: Mapped[int]
    devices: Mapped[int]
    staff_present: Mapped[int]
