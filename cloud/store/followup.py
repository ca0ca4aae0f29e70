"""Follow-up tables: each site's voice and templates, the messages sent, and opt-outs.

`followup_messages.key` is the idempotency key of a send (one per reviewed draft, made when the
page showed it): a retry or a double click finds the row and sends nothing twice.
`followup_optouts` is read before every draft and every send; a person who unsubscribed (link or
STOP) gets no e-mail (or text) again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow


class FollowupVoiceRow(Base):
    """A site's follow-up voice: who writes, from where, in which tone, with which templates."""

    __tablename__ = "followup_voices"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dealership: Mapped[str] = mapped_column(String(200))
    #: The rooftop's postal address, printed in every e-mail (CAN-SPAM).
    postal_address: Mapped[str] = mapped_column(Text)
    from_email: Mapped[str] = mapped_column(String(320))
    sms_from: Mapped[str | None] = mapped_column(String(40), default=None)
    tone: Mapped[str] = mapped_column(String(20), default="friendly")
    #: Language -> part -> Jinja2 text (greeting, subject, body, sms, signature); a part not
    #: given uses the shipped default.
    templates: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_by: Mapped[str] = mapped_column(String(320), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowupMessageRow(Base):
    """A follow-up sent (or being sent) for a conversation, as the salesperson sent it."""

    __tablename__ = "followup_messages"
    __table_args__ = (
        UniqueConstraint("tenant_id", "key", name="uq_followup_messages_key"),
        Index("ix_followup_messages_conversation", "tenant_id", "conversation_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(64))
    to: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(300), default=None)
    body: Mapped[str] = mapped_column(Text)
    #: `sending` (committed before the provider is called), `sent` or `failed`.
    state: Mapped[str] = mapped_column(String(10), default="sending")
    remote_id: Mapped[str | None] = mapped_column(String(200), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    sent_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class OptOutRow(Base):
    """A person who asked for no more e-mail (`email`) or texts (`sms`)."""

    __tablename__ = "followup_optouts"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(default=utcnow)
