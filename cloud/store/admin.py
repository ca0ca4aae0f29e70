"""Tenancy admin: create tenants, sites, hubs (with MQTT credentials), users, tokens, staff."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.access.passwords import hash_password
from cloud.errors import ConflictError, NotFoundError
from cloud.provision import mosquitto
from cloud.provision.snippet import hub_config
from cloud.store import accounts, zones
from cloud.store.tenancy import ROLES, Hub, Site, Staff, Tenant, User
from contract.ids import SLUG_PATTERN, HubAddress, Slug


def _slug(kind: str, value: str) -> str:
    if not re.match(SLUG_PATTERN, value):
        raise ValueError(f"{kind} id {value!r} must be 1-64 lower-case letters, digits or dashes")
    return value


def add_tenant(session: Session, tenant_id: Slug, name: str) -> Tenant:
    """A new dealer group."""
    _slug("tenant", tenant_id)
    if session.get(Tenant, tenant_id) is not None:
        raise ConflictError(f"tenant {tenant_id!r} already exists")
    tenant = Tenant(id=tenant_id, name=name or tenant_id)
    session.add(tenant)
    return tenant


def add_site(
    session: Session, tenant_id: str, site_id: str, name: str, timezone: str = zones.DEFAULT_ZONE
) -> Site:
    """A new rooftop of `tenant_id` in IANA time zone `timezone`."""
    _slug("site", site_id)
    timezone = zones.check_zone(timezone)
    if session.get(Tenant, tenant_id) is None:
        raise NotFoundError(f"no tenant {tenant_id!r}: add it with `showfloor-cloud tenant add`")
    if session.get(Site, (tenant_id, site_id)) is not None:
        raise ConflictError(f"site {site_id!r} already exists in tenant {tenant_id!r}")
    site = Site(tenant_id=tenant_id, id=site_id, name=name or site_id, timezone=timezone)
    session.add(site)
    return site


def set_site_timezone(session: Session, tenant_id: str, site_id: str, timezone: str) -> str:
    """Move a site to IANA zone `timezone`; returns the zone it had."""
    timezone = zones.check_zone(timezone)
    site = session.get(Site, (tenant_id, site_id))
    if site is None:
        raise NotFoundError(f"no site {site_id!r} in tenant {tenant_id!r}")
    before, site.timezone = site.timezone, timezone
    return before


@dataclass(frozen=True)
class ProvisionedHub:
    """A registered hub and what to give its installer (shown once)."""

    hub: Hub
    password: str
    config: str


def add_hub(
    session: Session, address: HubAddress, name: str, broker_public_url: str
) -> ProvisionedHub:
    """Register a hub with fresh MQTT credentials; regenerate the broker files afterwards."""
    if session.get(Site, (address.tenant, address.site)) is None:
        raise NotFoundError(f"no site {address.site!r} in tenant {address.tenant!r}: add it first")
    if session.get(Hub, address) is not None:
        raise ConflictError(f"hub {address.source} already exists")
    password = mosquitto.new_password()
    hub = Hub(
        tenant_id=address.tenant,
        site_id=address.site,
        id=address.hub,
        name=name or address.hub,
        mqtt_username=mosquitto.hub_username(address),
        mqtt_password_hash=mosquitto.hash_password(password),
    )
    session.add(hub)
    return ProvisionedHub(hub, password, hub_config(address, password, broker_public_url))


def write_broker_files(
    session: Session, directory: Path, cloud_user: str, cloud_password: str
) -> tuple[Path, Path]:
    """(Re)write the Mosquitto password and ACL files from the hubs table."""
    hubs = {
        HubAddress(row.tenant_id, row.site_id, row.id): row.mqtt_password_hash
        for row in session.scalars(select(Hub))
    }
    return mosquitto.write_files(
        directory, cloud_user, mosquitto.hash_password(cloud_password), hubs
    )


def add_user(
    session: Session,
    email: str,
    password: str,
    tenant_id: str,
    role: str,
    site_id: str | None = None,
    name: str = "",
    hasher: Callable[[str], str] = hash_password,
) -> User:
    """A user of `tenant_id` (optionally only one site) with `role`."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if session.get(Tenant, tenant_id) is None:
        raise NotFoundError(f"no tenant {tenant_id!r}")
    if site_id is not None and session.get(Site, (tenant_id, site_id)) is None:
        raise NotFoundError(f"no site {site_id!r} in tenant {tenant_id!r}")
    email = email.strip().lower()
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise ConflictError(f"user {email!r} already exists")
    user = User(
        email=email,
        name=name or email,
        password_hash=hasher(password),
        tenant_id=tenant_id,
        site_id=site_id,
        role=role,
    )
    session.add(user)
    session.flush()
    return user


def add_token(session: Session, email: str, name: str, days: int = 90) -> str:
    """A new API token for a user, valid `days`; returns the token (only its hash is stored)."""
    return accounts.add_token(session, accounts.find_user(session, email), name, days)[1]


def add_staff(session: Session, tenant_id: str, site_id: str, pseudonym: str, name: str) -> Staff:
    """Name the salesperson behind a hub pseudonym."""
    if session.get(Site, (tenant_id, site_id)) is None:
        raise NotFoundError(f"no site {site_id!r} in tenant {tenant_id!r}")
    staff = Staff(tenant_id=tenant_id, site_id=site_id, pseudonym=pseudonym, name=name)
    session.merge(staff)
    return staff
