"""No route lets a user of one tenant read or change anything of another.

The routes are enumerated from the app, so a new route is covered (or fails here until its
path parameters are known).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.store import db
from cloud.store.events import CommandAudit, Event
from cloud.store.models import Base
from cloud.store.projections import Conversation
from cloud.store.push import PushSubscription
from cloud.store.tenancy import ApiToken, User
from cloud.web.app import ROUTERS
from tests.cloud.factory import World
from tests.cloud.web.conftest import login

#: What to put in each path parameter: something that belongs to the other tenant.
FORM = {"site_id": "site-b", "hub_id": "intruder"}


def _rival_state(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        state = {}
        for table in Base.metadata.sorted_tables:
            if "tenant_id" in table.c:
                rows = connection.execute(select(table).where(table.c.tenant_id == "rival")).all()
                state[table.name] = hash(tuple(sorted(map(repr, rows))))
        return state


def _params(engine: Engine, world: World) -> dict[str, str]:
    with db.session_factory(engine)() as session:
        conversation = session.scalars(
            select(Conversation.id).where(Conversation.tenant_id == "rival").limit(1)
        ).one()
        user_id, token_id = session.execute(
            select(User.id, ApiToken.id).join(ApiToken).where(User.tenant_id == "rival").limit(1)
        ).one()
        subscription = session.scalars(
            select(PushSubscription.id).where(PushSubscription.tenant_id == "rival")
        ).one()
    rival = world.hubs["rival"]
    return {
        "subscription_id": str(subscription),
        "user_id": str(user_id),
        "token_id": str(token_id),
        "conversation_id": conversation,
        "site_id": rival.site,
        "hub_id": rival.hub,
        "table": "scorecards",
        "command": "config_reload",
        "token": "not-a-signed-unsubscribe-token",
    }


def routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            found += [(method, route.path) for method in sorted(route.methods or ())]
    assert app.openapi()["paths"]  # the app serves what the routers hold
    return found


def test_every_route_is_enumerated(app: FastAPI) -> None:
    assert len(routes(app)) >= 18


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_no_route_leaks_or_changes_another_tenant(
    app: FastAPI, client: TestClient, engine: Engine, world: World, role: str
) -> None:
    params = _params(engine, world)
    secrets = [params["conversation_id"], "rival seller", "site-b", "hub-9", "rival"]
    before = _rival_state(engine)
    with db.session_factory(engine)() as session:
        rival_events = len(
            session.scalars(select(Event.id).where(Event.tenant_id == "rival")).all()
        )
    csrf = login(client, world.email("acme", role))
    token = world.tokens[f"acme:{role}"]
    for method, path in routes(app):
        names = re.findall(r"\{([a-z_]+)\}", path)
        unknown = set(names) - set(params)
        assert not unknown, f"{method} {path}: add {unknown} to the parameters of this test"
        url = path
        for name in names:
            url = url.replace("{" + name + "}", params[name])
        kwargs: dict[str, Any] = {}
        if path.startswith("/api/"):
            kwargs["headers"] = {"Authorization": f"Bearer {token}"}
        if method == "POST":
            kwargs["data"] = {**FORM, "csrf": csrf}
        answer = client.request(method, url, **kwargs)
        if path == "/logout":
            csrf = login(client, world.email("acme", role))
            continue
        assert answer.status_code < 500, f"{method} {url}: {answer.status_code} {answer.text}"
        body = answer.text
        if names and path != "/export/{table}.csv" and "tables" not in path:
            # anything named in the path belongs to rival: it must not be found
            assert answer.status_code in (403, 404, 422), f"{method} {url}: {answer.status_code}"
        for secret in secrets:
            given = secret in url or (method == "POST" and secret in FORM.values())
            echoed = given and answer.status_code in (403, 404, 422)
            if path == "/login" or echoed:
                continue
            assert secret not in body, f"{method} {url} shows {secret!r} to acme"
    assert _rival_state(engine) == before
    for key in ("rival:admin", "rival:manager", "rival:viewer"):  # api_tokens has no tenant_id
        bearer = {"Authorization": f"Bearer {world.tokens[key]}"}
        assert client.get("/api/v1/hubs", headers=bearer).status_code == 200, f"{key} revoked"
    with db.session_factory(engine)() as session:
        assert (
            session.scalars(select(CommandAudit).where(CommandAudit.tenant_id == "rival")).all()
            == []
        )
        left = len(session.scalars(select(Event.id).where(Event.tenant_id == "rival")).all())
    assert left == rival_events
