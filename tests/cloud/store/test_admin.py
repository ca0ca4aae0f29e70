"""Tenancy admin: what can be created, and the clear refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from cloud.access.passwords import verify_password
from cloud.errors import ConflictError, NotFoundError
from cloud.store import admin, db
from cloud.store.tenancy import Hub, User
from contract.ids import HubAddress


def test_tenant_site_hub_user_and_refusals(engine: Engine) -> None:
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        admin.add_tenant(session, "acme", "Acme Motors")
        admin.add_site(session, "acme", "north", "North")
        added = admin.add_hub(session, HubAddress("acme", "north", "hub-1"), "", "mqtt://b:1883")
        admin.add_user(session, "Boss@Acme.invalid", "long enough pw", "acme", "manager")
    assert "username: hub-acme-north-hub-1" in added.config
    assert added.password in added.config
    with sessions.begin() as session:
        hub = session.scalars(select(Hub)).one()
        assert hub.mqtt_password_hash.startswith("$7$101$")
        assert added.password not in hub.mqtt_password_hash
        user = session.scalars(select(User)).one()
        assert user.email == "boss@acme.invalid"
        assert verify_password(user.password_hash, "long enough pw")
        assert not verify_password(user.password_hash, "wrong")
    with sessions.begin() as session, pytest.raises(ConflictError):
        admin.add_tenant(session, "acme", "again")
    with sessions.begin() as session, pytest.raises(NotFoundError, match="no tenant"):
        admin.add_site(session, "nobody", "x", "")
    with sessions.begin() as session, pytest.raises(NotFoundError, match="no site"):
        admin.add_hub(session, HubAddress("acme", "south", "h"), "", "mqtt://b")
    with sessions.begin() as session, pytest.raises(ValueError, match="role must be"):
        admin.add_user(session, "x@acme.invalid", "long enough pw", "acme", "owner")
    with sessions.begin() as session, pytest.raises(ValueError, match="at least 12"):
        admin.add_user(session, "x@acme.invalid", "short", "acme", "viewer")
    with sessions.begin() as session, pytest.raises(ValueError, match="tenant id"):
        admin.add_tenant(session, "Bad Name", "")
