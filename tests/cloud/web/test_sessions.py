"""Sessions do not outlive or change their user; tokens expire, are listed and revoked."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select, update

from cloud.store import admin, db
from cloud.store.audit import AuditEntry
from cloud.store.base import utcnow
from cloud.store.tenancy import ApiToken, User
from tests.cloud.factory import PASSWORD, World
from tests.cloud.web.conftest import csrf_of, login

NEW_PASSWORD = "a brand new passphrase"


def _client(app: FastAPI) -> TestClient:
    return TestClient(app, follow_redirects=False)


def test_an_old_cookie_never_opens_a_new_users_session(
    app: FastAPI, client: TestClient, engine: Engine
) -> None:
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        admin.add_user(session, "gone@rival.invalid", PASSWORD, "rival", "viewer")
    login(client, "gone@rival.invalid")
    old_cookie = client.cookies.get("showfloor_session")
    with sessions.begin() as session:
        old_id = session.scalars(select(User.id).where(User.email == "gone@rival.invalid")).one()
        session.execute(delete(User).where(User.id == old_id))
        new = admin.add_user(session, "new-admin@acme.invalid", PASSWORD, "acme", "admin")
        assert new.id > old_id  # ids are never reused
        # even a user given the old id (by hand) does not inherit the old cookie
        session.execute(update(User).where(User.id == new.id).values(id=old_id))
    with _client(app) as other:
        other.cookies.set("showfloor_session", old_cookie or "")
        assert other.get("/users").status_code == 303


def test_logout_ends_every_session_of_the_user(app: FastAPI, world: World) -> None:
    email = world.email("acme", "manager")
    with _client(app) as first, _client(app) as second:
        csrf = login(first, email)
        login(second, email)
        assert second.get("/floor").status_code == 200
        assert first.post("/logout", data={"csrf": csrf}).status_code == 303
        assert first.get("/floor").status_code == 303
        assert second.get("/floor").status_code == 303


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(
    app: FastAPI, world: World, engine: Engine
) -> None:
    email = world.email("acme", "viewer")
    with _client(app) as mine, _client(app) as elsewhere:
        csrf = login(mine, email)
        login(elsewhere, email)
        form = {"current": PASSWORD, "new": "password1234", "confirm": "password1234"}
        refused = mine.post("/account/password", data={**form, "csrf": csrf})
        assert refused.status_code == 400 and "most common" in refused.text
        wrong = {"current": "not it at all", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        assert mine.post("/account/password", data={**wrong, "csrf": csrf}).status_code == 400
        form = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        assert mine.post("/account/password", data={**form, "csrf": csrf}).status_code == 200
        assert mine.get("/floor").status_code == 200
        assert elsewhere.get("/floor").status_code == 303
    with _client(app) as again:
        login(again, email, NEW_PASSWORD)
    with db.session_factory(engine)() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "user.password" in actions


def test_disabling_a_user_ends_sessions_tokens_and_logins(
    app: FastAPI, world: World, engine: Engine
) -> None:
    email = world.email("acme", "manager")
    token = {"Authorization": f"Bearer {world.tokens['acme:manager']}"}
    with _client(app) as boss, _client(app) as victim:
        login(victim, email)
        csrf = login(boss, world.email("acme", "admin"))
        assert victim.get("/api/v1/hubs", headers=token).status_code == 200
        with db.session_factory(engine)() as session:
            user_id = session.scalars(select(User.id).where(User.email == email)).one()
        assert boss.post(f"/users/{user_id}/disable", data={"csrf": csrf}).status_code == 200
        assert victim.get("/floor").status_code == 303
        assert victim.get("/api/v1/hubs", headers=token).status_code == 401
        answer = victim.post(
            "/login", data={"email": email, "password": PASSWORD, "csrf": csrf_of(victim)}
        )
        assert answer.status_code == 401
        assert boss.post(f"/users/{user_id}/enable", data={"csrf": csrf}).status_code == 200
        login(victim, email)
        audit = boss.get("/audit.csv").text
        assert f"user.disable,{email}" in audit and f"user.enable,{email}" in audit


def test_tokens_expire_and_are_listed_and_revoked(
    app: FastAPI, world: World, engine: Engine
) -> None:
    with _client(app) as web:
        csrf = login(web, world.email("acme", "viewer"))
        page = web.post("/account/tokens", data={"name": "laptop", "days": "30", "csrf": csrf})
        token = page.text.split("<pre>")[1].split("</pre>")[0]
        assert token.startswith("sfc_")
        bearer = {"Authorization": f"Bearer {token}"}
        assert web.get("/api/v1/hubs", headers=bearer).status_code == 200
        assert "laptop" in web.get("/account").text
        with db.session_factory(engine).begin() as session:
            row = session.scalars(select(ApiToken).where(ApiToken.name == "laptop")).one()
            assert row.expires_at is not None
            assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)
            row.expires_at = utcnow() - timedelta(seconds=1)
            token_id = row.id
        assert web.get("/api/v1/hubs", headers=bearer).status_code == 401
        revoked = web.post(f"/account/tokens/{token_id}/revoke", data={"csrf": csrf})
        assert revoked.status_code == 200 and "laptop" in revoked.text
        assert "laptop" not in web.get("/account").text.split("API tokens")[1]
    with db.session_factory(engine)() as session:
        assert session.get(ApiToken, token_id) is None
        actions = session.scalars(select(AuditEntry.action)).all()
        assert {"token.add", "token.revoke"} <= set(actions)
