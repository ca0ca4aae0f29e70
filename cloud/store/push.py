"""Web Push: each manager's browser subscriptions, and the alerts already pushed.

A subscription is what a browser's push service gave (endpoint and the two keys of RFC 8291)
plus the manager's choice: which kinds of alert and which sites (none named: every site the
user may see). `push_sent` makes each alert go out once, whichever ingest process stored it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow


class PushSubscription(Base):
    """One browser of one user that takes notifications."""

    __tablename__ = "push_subscriptions"
    __table_args__ = (
        Index("ix_push_subscriptions_tenant", "tenant_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    #: The browser's P-256 public key (uncompressed point, base64url) and auth secret.
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    #: Comma-separated alert kinds (`cloud.alerts.text.KINDS`).
    kinds: Mapped[str] = mapped_column(String(200))
    #: Comma-separated site ids; empty: every site the user may see.
    sites: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


class PushSent(Base):
    """An alert whose notifications went out (or were attempted)."""

    __tablename__ = "push_sent"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    alert_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
