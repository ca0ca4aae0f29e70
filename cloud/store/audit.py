"""The audit log of admin actions: who did what to what, when; admins read and export it.

Call `audit(session, actor, action, target, detail)` in the transaction of the action itself,
so an action and its audit row commit (or roll back) together. `actor` is anything with an
`email`, a `tenant_id` and a `site_id` (a signed-in `Principal`, or `system_actor(...)` for the
command line).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from cloud.store.base import Base, utcnow


class Actor(Protocol):
    """Who acts: their name in the log and the tenant (and site) the action belongs to."""

    @property
    def email(self) -> str:
        """The name written in the log."""

    @property
    def tenant_id(self) -> str:
        """The tenant whose log gets the row."""

    @property
    def site_id(self) -> str | None:
        """The site the actor is limited to, if any."""


@dataclass(frozen=True)
class SystemActor:
    """An actor that is not a signed-in user (the command line, a job)."""

    email: str
    tenant_id: str
    site_id: str | None = None


def system_actor(tenant_id: str, site_id: str | None = None) -> SystemActor:
    """The person at the terminal, as `cli:<login name>`."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return SystemActor(f"cli:{name}", tenant_id, site_id)


class AuditEntry(Base):
    """One admin action."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_tenant_at", "tenant_id", "at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str | None] = mapped_column(String(64), default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(400))
    detail: Mapped[str] = mapped_column(Text, default="")


def audit(
    session: Session,
    actor: Actor,
    action: str,
    target: str,
    detail: str = "",
    *,
    site_id: str | None = None,
) -> AuditEntry:
    """Log `action` (e.g. "user.disable") on `target` by `actor`, in `session`'s transaction.

    `site_id` names the site the target belongs to when the actor is not limited to one.
    """
    entry = AuditEntry(
        tenant_id=actor.tenant_id,
        site_id=site_id or actor.site_id,
        actor=actor.email,
        action=action,
        target=target[:400],
        detail=detail,
    )
    session.add(entry)
    return entry
