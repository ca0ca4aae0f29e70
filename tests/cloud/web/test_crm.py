"""The CRM in the web view: link with consent, search, sync state and retry, settings, test."""

from __future__ import annotations

import time

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from cloud.crm.connector import Connector
from cloud.crm.model import Check, Match
from cloud.crm.vault import Vault
from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow, RemoteIdRow
from cloud.store.projections import Conversation
from cloud.web.app import create_app
from tests.cloud.crm.recording import RecordingConnector
from tests.cloud.factory import World
from tests.cloud.web.conftest import login

SECRET = "pat-na1-0f1e2d3c-very-secret"


class Refusing(RecordingConnector):
    """A connection whose token lacks a scope (what HubSpot's check would report)."""

    async def check(self) -> Check:
        """Not fine."""
        return Check(ok=False, detail="missing scope crm.objects.contacts.write")


def _conversation(engine: Engine) -> str:
    with db.session_factory(engine)() as session:
        return session.scalars(
            select(Conversation.id)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()


def _configure(client: TestClient, csrf: str, **extra: str) -> str:
    form: dict[str, str | list[str]] = {
        "vendor": "hubspot",
        "settings": "{}",
        "credentials": f"access_token = {SECRET}",
        "user_map": "",
        "steps": ["greeted", "left"],
        "enabled": "true",
        "csrf": csrf,
    }
    answer = client.post("/crm/settings/site-a", data=form | extra)
    assert answer.status_code == 200, answer.text
    return answer.text


def _use(app: FastAPI, connector: RecordingConnector) -> None:
    def factory(_row: CrmConfigRow) -> Connector:
        return connector

    app.state.crm_factory = factory


def test_settings_keep_credentials_encrypted_and_never_show_them(
    client: TestClient, world: World, engine: Engine, settings: CloudSettings
) -> None:
    csrf = login(client, world.email("acme", "admin"))
    page = _configure(client, csrf)
    assert "Saved." in page and SECRET not in page and "access_token" in page
    again = client.get("/crm/settings/site-a").text
    assert SECRET not in again
    with db.session_factory(engine)() as session:
        row = session.get(CrmConfigRow, ("acme", "site-a"))
    assert row is not None and SECRET not in row.credentials
    assert Vault.of(settings).open(row.credentials) == {"access_token": SECRET}
    assert row.steps == "greeted,left"
    _configure(client, csrf, credentials="")  # left empty: the stored secret stays
    with db.session_factory(engine)() as session:
        kept = session.get(CrmConfigRow, ("acme", "site-a"))
    assert kept is not None and Vault.of(settings).open(kept.credentials) == {
        "access_token": SECRET
    }
    bad = client.post(
        "/crm/settings/site-a", data={"vendor": "hubspot", "settings": "[1", "csrf": csrf}
    )
    assert bad.status_code == 400 and "not saved" in bad.text


def test_an_admin_sets_the_dealers_language_and_a_bad_one_changes_nothing(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "admin"))
    assert 'value="en" selected' not in client.get("/crm/settings/site-a").text  # nothing saved
    page = _configure(client, csrf, language="es")
    assert 'value="es" selected' in page
    bad = client.post(
        "/crm/settings/site-a", data={"vendor": "hubspot", "language": "fr", "csrf": csrf}
    )
    assert bad.status_code == 400
    assert "not saved: no summary wording in &#39;fr&#39; (one of: en, es)" in bad.text
    with db.session_factory(engine)() as session:
        row = session.get(CrmConfigRow, ("acme", "site-a"))
    assert row is not None and row.language == "es" and row.steps == "greeted,left"


def test_settings_are_for_admins_of_the_tenant_only(client: TestClient, world: World) -> None:
    csrf = login(client, world.email("acme", "manager"))
    assert client.get("/crm/settings/site-a").status_code == 403
    assert (
        client.post("/crm/settings/site-a", data={"vendor": "adf", "csrf": csrf}).status_code == 403
    )
    client.post("/logout", data={"csrf": csrf})
    login(client, world.email("acme", "admin"))
    assert client.get("/crm/settings/site-b").status_code == 404  # rival's site


def test_test_connection_says_exactly_what_is_wrong(
    client: TestClient, app: FastAPI, world: World
) -> None:
    csrf = login(client, world.email("acme", "admin"))
    answer = client.post("/crm/settings/site-a/test", data={"csrf": csrf})
    assert "no CRM settings saved for this site yet" in answer.text
    _configure(client, csrf)
    _use(app, Refusing())
    answer = client.post("/crm/settings/site-a/test", data={"csrf": csrf})
    assert "Connection failed: missing scope crm.objects.contacts.write" in answer.text
    _use(app, RecordingConnector())
    assert "Connection works" in client.post("/crm/settings/site-a/test", data={"csrf": csrf}).text


def test_a_manager_links_a_new_lead_only_with_consent(
    client: TestClient, world: World, engine: Engine
) -> None:
    cid = _conversation(engine)
    admin = login(client, world.email("acme", "admin"))
    _configure(client, admin)
    lead = {"first_name": "Ana", "last_name": "López", "email": "ana@example.com", "phone": ""}
    refused = client.post(f"/conversations/{cid}/crm/link", data=lead | {"csrf": admin})
    assert refused.status_code == 400 and "tick the box" in refused.text
    with db.session_factory(engine)() as session:
        assert session.scalars(select(PersonRow)).all() == []  # nothing saved
    done = client.post(
        f"/conversations/{cid}/crm/link", data=lead | {"consent": "true", "csrf": admin}
    )
    assert done.status_code == 303
    page = client.get(f"/conversations/{cid}").text
    assert 'id="crm-person">Ana López<' in page and "Consent recorded by admin@acme.invalid" in page
    assert 'id="crm-state" class="sync-pending">pending<' in page
    with db.session_factory(engine)() as session:
        link = session.scalars(select(LinkRow)).one()
        kinds = [row.kind for row in session.scalars(select(OutboxRow).order_by(OutboxRow.id))]
    assert link.consent_scopes == "crm" and kinds[0] == "person"
    twice = client.post(
        f"/conversations/{cid}/crm/link", data=lead | {"consent": "true", "csrf": admin}
    )
    assert twice.status_code == 409


def test_search_the_crm_and_link_a_match(
    client: TestClient, app: FastAPI, world: World, engine: Engine
) -> None:
    cid = _conversation(engine)
    csrf = login(client, world.email("acme", "admin"))
    _configure(client, csrf)
    match = Match(remote_id="hs-77", first_name="Dev", last_name="Patel", email="dev@example.com")
    _use(app, RecordingConnector(matches=[match]))
    found = client.post(
        f"/conversations/{cid}/crm/search", data={"query": "dev@example.com", "csrf": csrf}
    )
    assert "Dev Patel" in found.text and 'value="hs-77"' in found.text
    none = client.post(
        f"/conversations/{cid}/crm/search", data={"query": "x@example.com", "csrf": csrf}
    )
    assert 'id="crm-no-match"' in none.text
    form = {
        "remote_id": "hs-77",
        "first_name": "Dev",
        "last_name": "Patel",
        "email": "dev@example.com",
    }
    linked = client.post(
        f"/conversations/{cid}/crm/link",
        data=form | {"consent": "true", "contact": "true", "csrf": csrf},
    )
    assert linked.status_code == 303
    with db.session_factory(engine)() as session:
        remote = session.scalars(select(RemoteIdRow)).one()
        link = session.scalars(select(LinkRow)).one()
    assert (remote.remote_id, remote.kind) == ("hs-77", "matched")
    assert link.consent_scopes == "crm,email,sms"


def test_a_viewer_cannot_link_and_sees_no_form(
    client: TestClient, world: World, engine: Engine
) -> None:
    cid = _conversation(engine)
    csrf = login(client, world.email("acme", "viewer"))
    assert 'id="crm-new"' not in client.get(f"/conversations/{cid}").text
    data = {"last_name": "X", "email": "x@example.com", "consent": "true", "csrf": csrf}
    assert client.post(f"/conversations/{cid}/crm/link", data=data).status_code == 403


def test_a_failed_sync_shows_the_reason_and_can_be_retried(
    client: TestClient, world: World, engine: Engine
) -> None:
    cid = _conversation(engine)
    csrf = login(client, world.email("acme", "admin"))
    _configure(client, csrf)
    data = {"last_name": "López", "email": "ana@example.com", "consent": "true", "csrf": csrf}
    client.post(f"/conversations/{cid}/crm/link", data=data)
    with db.session_factory(engine).begin() as session:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.kind == "person")
            .values(state="dead", last_error="PROPERTY_DOESNT_EXIST: showfloor_event_id")
        )
    page = client.get(f"/conversations/{cid}").text
    assert (
        'class="sync-failed">failed<' in page
        and "PROPERTY_DOESNT_EXIST: showfloor_event_id" in page
    )
    sync = client.get("/crm").text
    assert "site-a" in sync and "hubspot" in sync
    assert client.post(f"/conversations/{cid}/crm/retry", data={"csrf": csrf}).status_code == 303
    assert 'class="sync-pending">pending<' in client.get(f"/conversations/{cid}").text


def test_serve_runs_a_sync_worker_when_asked_and_stops_it(
    settings: CloudSettings, world: World, engine: Engine
) -> None:
    cid = _conversation(engine)
    configured = settings.model_copy(update={"crm_worker_in_api": True, "crm_poll_s": 0.05})
    app = create_app(configured)
    with TestClient(app, follow_redirects=False) as client:
        csrf = login(client, world.email("acme", "admin"))
        _configure(client, csrf)
        data = {"last_name": "López", "email": "ana@example.com", "consent": "true", "csrf": csrf}
        client.post(f"/conversations/{cid}/crm/link", data=data)
        # the worker tried (no HubSpot here: it paused the connector or failed with the reason)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with db.session_factory(engine)() as session:
                row = session.get(CrmConfigRow, ("acme", "site-a"))
                if row is not None and (row.failing_since or row.last_success):
                    break
            time.sleep(0.1)
    assert row is not None and row.last_error
