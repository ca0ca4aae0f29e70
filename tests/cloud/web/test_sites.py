"""No route lets a user limited to one site read or change another site of the same tenant.

The routes are enumerated from the app, as in test_tenancy.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.demo import dataset
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db
from cloud.store.models import Base
from cloud.store.projections import Conversation
from cloud.store.push import PushSubscription
from cloud.store.tenancy import ApiToken, User
from contract.ids import HubAddress, staff_pseudonym
from tests.cloud.factory import PASSWORD, World
from tests.cloud.web.conftest import login
from tests.cloud.web.test_tenancy import routes

FAR = HubAddress("acme", "site-c", "hub-3")
FAR_USER = "far@acme.invalid"
FAR_NAME = "acme far seller"


def _far_site(engine: Engine) -> dict[str, str]:
    """Site-c of acme with a hub, a named salesperson, a user with a token, and events."""
    sessions = db.session_factory(engine)
    pseudonym = staff_pseudonym(b"k" * 16 + b"far", FAR_NAME)
    with sessions.begin() as session:
        admin.add_site(session, "acme", FAR.site, "Far rooftop")
        admin.add_hub(session, FAR, FAR.hub, "mqtt://127.0.0.1:1883")
        admin.add_staff(session, "acme", FAR.site, pseudonym, FAR_NAME)
        far = admin.add_user(session, FAR_USER, PASSWORD, "acme", "manager", FAR.site)
        admin.add_token(session, FAR_USER, "far")
        for role in ("admin", "viewer"):
            admin.add_user(session, f"{role}-a@acme.invalid", PASSWORD, "acme", role, "site-a")
            admin.add_token(session, f"{role}-a@acme.invalid", "site-a")
        token_id = session.scalars(select(ApiToken.id).where(ApiToken.user_id == far.id)).one()
        user_id = far.id
        phone = PushSubscription(
            tenant_id="acme",
            user_id=far.id,
            endpoint="https://127.0.0.1:9/far/phone",
            p256dh="B" + "A" * 86,
            auth="A" * 22,
            kinds="complaint",
            sites=FAR.site,
        )
        session.add(phone)
        session.flush()
        subscription_id = phone.id
    now = datetime.now(UTC)
    BatchWriter(sessions).write(list(dataset(FAR, [pseudonym], now, days=3, per_day=3, seed=7)))
    with sessions() as session:
        cid = session.scalars(
            select(Conversation.id).where(Conversation.site_id == FAR.site).limit(1)
        ).one()
    return {
        "conversation_id": cid,
        "site_id": FAR.site,
        "hub_id": FAR.hub,
        "table": "scorecards",
        "command": "config_reload",
        "user_id": str(user_id),
        "token_id": str(token_id),
        "subscription_id": str(subscription_id),
        "token": "not-a-signed-unsubscribe-token",  # the public unsubscribe link: no site at all
    }


def _far_state(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        state = {}
        for table in Base.metadata.sorted_tables:
            if "site_id" in table.c:
                rows = connection.execute(select(table).where(table.c.site_id == FAR.site)).all()
                state[table.name] = hash(tuple(sorted(map(repr, rows))))
        tokens = connection.execute(
            select(ApiToken.id, ApiToken.token_hash).join(User).where(User.site_id == FAR.site)
        ).all()
        state["api_tokens"] = hash(tuple(sorted(map(repr, tokens))))
        phones = connection.execute(
            select(PushSubscription).join(User).where(User.site_id == FAR.site)
        ).all()
        state["push_subscriptions"] = hash(tuple(sorted(map(repr, phones))))
        return state


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_no_route_leaks_or_changes_another_site(
    app: FastAPI, client: TestClient, engine: Engine, world: World, role: str
) -> None:
    params = _far_site(engine)
    secrets = [params["conversation_id"], FAR_NAME, FAR.site, FAR.hub, FAR_USER]
    email = f"{role}-a@acme.invalid"
    with db.session_factory(engine)() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        token_user = user.id
    with db.session_factory(engine).begin() as session:
        token = admin.add_token(session, email, "probe")
    before = _far_state(engine)
    csrf = login(client, email)
    for method, path in routes(app):
        names = re.findall(r"\{([a-z_]+)\}", path)
        unknown = set(names) - set(params)
        assert not unknown, f"{method} {path}: add {unknown} to the parameters of this test"
        url = path
        for name in names:
            url = url.replace("{" + name + "}", params[name])
        kwargs: dict[str, Any] = {"params": {"site": FAR.site}} if method == "GET" else {}
        if path.startswith("/api/") or path in ("/healthz", "/openapi.json"):
            kwargs["headers"] = {"Authorization": f"Bearer {token}"}
        if method == "POST":
            form = {"site_id": FAR.site, "hub_id": "intruder", "email": "x@acme.invalid"}
            kwargs["data"] = {**form, "password": "a long new password", "csrf": csrf}
        answer = client.request(method, url, **kwargs)
        if path == "/logout":
            csrf = login(client, email)
            continue
        assert answer.status_code < 500, f"{method} {url}: {answer.status_code} {answer.text}"
        if names and path != "/export/{table}.csv" and "tables" not in path:
            assert answer.status_code in (403, 404, 422), f"{method} {url}: {answer.status_code}"
        if path == "/login":
            continue
        for secret in secrets:
            echoed = secret in url and answer.status_code in (403, 404, 422)
            if not echoed and secret != FAR.site:  # the site is in every query and form
                assert secret not in answer.text, f"{method} {url} shows {secret!r}"
    assert _far_state(engine) == before
    with db.session_factory(engine)() as session:
        assert session.get(User, token_user) is not None
        assert session.scalars(select(User).where(User.email == "x@acme.invalid")).first() is None
