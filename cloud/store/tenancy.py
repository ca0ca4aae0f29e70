"""Who is who: tenants (dealer groups), sites (rooftops), hubs, staff names, users, API tokens.

Tenant, site and hub ids are the slugs of the wire contract (`contract.ids`), so every row of
the store can carry its `tenant_id` (and `site_id`) and every query is scoped by them.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow


def new_session_key() -> str:
    """A fresh random session key for a user."""
    return secrets.token_urlsafe(32)


Role = Literal["admin", "manager", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "manager", "viewer")


class Tenant(Base):
    """A dealer group."""

    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Site(Base):
    """A rooftop of a dealer group."""

    __tablename__ = "sites"

    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: IANA time zone (`Europe/Madrid`): pages, day and hour boundaries and CSVs use it.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")


class Hub(Base):
    """A hub on a site's floor, with its MQTT identity and last reported status."""

    __tablename__ = "hubs"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id", "site_id"], ["sites.tenant_id", "sites.id"]),
    )

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    mqtt_username: Mapped[str] = mapped_column(String(200), unique=True)
    mqtt_password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="unknown")
    last_seen: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class Staff(Base):
    """A salesperson's name for the pseudonym the hubs of a site send."""

    __tablename__ = "staff"

    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(32), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class User(Base):
    """A person who logs in; scoped to a tenant and, optionally, one site."""

    __tablename__ = "users"
    #: Ids are never reused (AUTOINCREMENT on SQLite; a sequence on PostgreSQL).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"))
    site_id: Mapped[str | None] = mapped_column(String(64), default=None)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Random; every session cookie carries it. A new one (logout, password change, disabling)
    #: ends every session of the user.
    session_key: Mapped[str] = mapped_column(String(64), default=new_session_key)
    active: Mapped[bool] = mapped_column(default=True)
    #: The interface language the user chose (`cloud.web.i18n.LOCALES`); None: the browser's.
    locale: Mapped[str | None] = mapped_column(String(16), default=None)


class ApiToken(Base):
    """A bearer token of a user for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)


Index("ix_users_tenant", User.tenant_id)
