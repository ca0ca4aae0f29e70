"""Hub registration and commands from the web view (the broker path is in ingest tests)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, select

from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.events import CommandAudit, Event
from cloud.store.projections import Conversation
from cloud.web.app import create_app
from tests.cloud.factory import World, count
from tests.cloud.web.conftest import login


def test_register_a_hub_writes_the_broker_files(
    settings: CloudSettings, world: World, tmp_path: Path
) -> None:
    broker_dir = tmp_path / "broker"
    configured = settings.model_copy(
        update={
            "mqtt_url": SecretStr("mqtt://cloud:pw@127.0.0.1:1"),
            "broker_dir": broker_dir,
            "ingest_retry_s": 0.2,
        }
    )
    with TestClient(create_app(configured), follow_redirects=False) as client:
        csrf = login(client, world.email("acme", "admin"))
        page = client.post("/hubs", data={"site_id": "site-a", "hub_id": "hub-2", "csrf": csrf})
        assert page.status_code == 200
        assert "username: hub-acme-site-a-hub-2" in page.text
        again = client.post("/hubs", data={"site_id": "site-a", "hub_id": "hub-2", "csrf": csrf})
        assert again.status_code == 409
    passwords = (broker_dir / "passwords").read_text()
    assert "hub-acme-site-a-hub-2:$7$" in passwords and "cloud:$7$" in passwords
    assert (
        "topic write showfloor/v1/acme/site-a/hub-2/conversation"
        in (broker_dir / "acl").read_text()
    )


def test_commands_without_a_broker_are_audited_and_say_so(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "manager"))
    for command in ("enrollment_sync", "config_reload"):
        page = client.post(f"/hubs/site-a/hub-1/commands/{command}", data={"csrf": csrf})
        assert page.status_code == 200
        assert "no broker configured" in page.text
    with db.session_factory(engine)() as session:
        audit = session.scalars(select(CommandAudit).order_by(CommandAudit.command)).all()
        conversation = session.scalars(
            select(Conversation.id).where(Conversation.tenant_id == "acme").limit(1)
        ).one()
    assert [(a.command, a.published, a.requested_by) for a in audit] == [
        ("config_reload", False, "manager@acme.invalid"),
        ("enrollment_sync", False, "manager@acme.invalid"),
    ]
    page = client.post(f"/conversations/{conversation}/forget", data={"csrf": csrf})
    assert page.status_code == 200
    assert count(engine, Event, Event.subject == conversation) == 0
    assert count(engine, Conversation, Conversation.id == conversation) == 0
    assert client.get(f"/conversations/{conversation}").status_code == 404
