"""Two tenants with a site, a hub, users, tokens and a week of demo events each."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from cloud.access.passwords import hash_password
from cloud.demo import dataset
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db
from cloud.store.projections import AlertRow
from cloud.store.push import PushSubscription
from cloud.store.tenancy import User
from contract.ids import HubAddress, staff_pseudonym

PASSWORD = "correct horse battery"
NOW = datetime.now(UTC)


@functools.cache
def _password_hash() -> str:
    """One argon2 hash of PASSWORD for every test user (hashing costs ~0.3 s here)."""
    return hash_password(PASSWORD)


@dataclass
class World:
    """What the tests log in as and look for."""

    hubs: dict[str, HubAddress]
    hub_passwords: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    staff: dict[str, list[str]] = field(default_factory=dict)

    def email(self, tenant: str, role: str) -> str:
        """The e-mail of a tenant's user with `role`."""
        return f"{role}@{tenant}.invalid"


def build(engine: Engine, *, events: bool = True) -> World:
    """Tenants `acme` (site-a/hub-1) and `rival` (site-b/hub-9), each with users and data."""
    world = World(
        {
            "acme": HubAddress("acme", "site-a", "hub-1"),
            "rival": HubAddress("rival", "site-b", "hub-9"),
        }
    )
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        for tenant, hub in world.hubs.items():
            admin.add_tenant(session, tenant, tenant.title())
            admin.add_site(session, tenant, hub.site, hub.site)
            added = admin.add_hub(session, hub, hub.hub, "mqtt://127.0.0.1:1883")
            world.hub_passwords[tenant] = added.password
            names = [f"{tenant} seller {i}" for i in range(3)]
            world.staff[tenant] = [staff_pseudonym(b"k" * 16 + tenant.encode(), n) for n in names]
            for pseudonym, name in zip(world.staff[tenant], names, strict=True):
                admin.add_staff(session, tenant, hub.site, pseudonym, name)
            for role in ("admin", "manager", "viewer"):
                session.add(
                    User(
                        email=world.email(tenant, role),
                        password_hash=_password_hash(),
                        tenant_id=tenant,
                        role=role,
                    )
                )
            session.flush()
        for tenant in world.hubs:
            for role in ("admin", "manager", "viewer"):
                world.tokens[f"{tenant}:{role}"] = admin.add_token(
                    session, world.email(tenant, role), "test"
                )
            manager = session.scalars(
                select(User).where(User.email == world.email(tenant, "manager"))
            ).one()
            session.add(  # a phone of the manager that takes every alert
                PushSubscription(
                    tenant_id=tenant,
                    user_id=manager.id,
                    endpoint=f"https://127.0.0.1:9/{tenant}/phone",
                    p256dh="B" + "A" * 86,
                    auth="A" * 22,
                    kinds="complaint,sentiment,waiting",
                    sites="",
                )
            )
    if events:
        writer = BatchWriter(sessions)
        for seed, (tenant, hub) in enumerate(world.hubs.items()):
            messages = list(dataset(hub, world.staff[tenant], NOW, days=5, per_day=4, seed=seed))
            writer.write(messages)
    return world


def count(engine: Engine, model: Any, *where: Any) -> int:
    """Rows of `model` matching `where`."""
    with engine.connect() as connection:
        query = select(func.count()).select_from(model).where(*where)
        return int(connection.execute(query).scalar_one())


def alert_row(rule: str, message: str, zone: str | None = None, at: str = "alert-x") -> AlertRow:
    """An open critical alert of acme's site-a, raised now."""
    return AlertRow(
        tenant_id="acme",
        id=at,
        site_id="site-a",
        severity="critical",
        rule=rule,
        message=message,
        zone=zone,
        time=datetime.now(UTC),
        open=True,
    )
