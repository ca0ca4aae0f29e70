"""`crm status`, `crm retry` and what `crm preview` builds, on a real database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from cloud.cli.demo import DEMO_EMAIL, seed
from cloud.crm.connector import Connector
from cloud.crm.model import LogActivity, UpsertPerson
from cloud.crm.preview import preview
from cloud.errors import NotFoundError
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow
from tests.cloud.crm.conftest import configure, ended_conversations, jobs, link
from tests.cloud.crm.recording import RecordingConnector
from tests.cloud.factory import World


def _cli(engine: Engine, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "-m", "cloud", "crm", *args, "--database-url", url],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path.cwd()), "HOME": str(tmp_path)},
        check=False,
    )


def test_status_and_retry(
    world: World, engine: Engine, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with sessions.begin() as session:
        configure(session, paused_reason="HubSpot: 401 bad token")
        link(session, ended_conversations(session)[0])
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.kind == "person")
            .values(state="dead", last_error="INVALID_EMAIL")
        )
    shown = _cli(engine, tmp_path, "status")
    assert shown.returncode == 0, shown.stderr
    assert "acme/site-a hubspot:" in shown.stdout
    assert "dead 1" in shown.stdout and "last success never" in shown.stdout
    assert "PAUSED: HubSpot: 401 bad token" in shown.stdout
    again = _cli(engine, tmp_path, "retry", "--tenant", "acme")
    assert again.returncode == 0 and again.stdout.strip() == "1 job(s) back to pending"
    with sessions() as session:
        assert {row.state for row in jobs(session)} == {"pending"}
        assert session.get(CrmConfigRow, ("acme", "site-a")).paused_reason is None  # type: ignore[union-attr]


def test_preview_builds_the_newest_linked_conversations_jobs_and_sends_nothing(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        convs = ended_conversations(session)
        link(session, convs[0], email="old@example.com")
        newest = link(session, convs[-1], email="new@example.com")
    connector = RecordingConnector()
    asked: list[tuple[str, bool]] = []

    def connect(row: CrmConfigRow, stored: bool) -> Connector:
        asked.append((row.vendor, stored))
        return connector

    with sessions() as session:
        found, _ = preview(session, "salesforce", None, connect)
        assert jobs(session) == []  # nothing enqueued
    assert asked == [("salesforce", False)]  # no salesforce settings: the module's example
    assert found.conversation_id == newest.conversation_id
    first = found.jobs[0]
    assert isinstance(first, UpsertPerson) and first.person.email == "new@example.com"
    assert connector.pushes == []
    lines = [json.loads(line) for line in found.lines("salesforce")]
    assert [line["url"] for line in lines] == [f"/{job.kind}" for job in found.jobs]
    assert set(lines[0]) == {"method", "url", "body"}


def test_preview_for_another_vendor_keeps_the_dealers_language(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        configure(session, language="es")  # HubSpot settings, Spanish summaries
        link(session, ended_conversations(session)[-1])
    with sessions() as session:
        found, _ = preview(session, "salesforce", None, lambda _row, _stored: RecordingConnector())
    [ended] = [job for job in found.jobs if isinstance(job, LogActivity)]
    assert ended.activity.language == "es"
    assert ended.activity.summary.startswith("Conversación en el showroom, ")


def test_preview_of_an_unlinked_conversation_says_so(
    world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, pytest.raises(NotFoundError, match="not linked"):
        preview(
            session, "hubspot", ended_conversations(session)[0].id, lambda *_: RecordingConnector()
        )
    with sessions() as session, pytest.raises(NotFoundError, match="demo-seed"):
        preview(session, "hubspot", None, lambda *_: RecordingConnector())


def test_demo_seed_links_three_customers_with_consent(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    seed(engine, password="demo-password-1")
    with sessions() as session:
        links = session.scalars(select(LinkRow)).all()
        persons = session.scalars(select(PersonRow)).all()
        found, _ = preview(session, "adf", None, lambda *_: RecordingConnector(vendor="adf"))
    assert len(links) == 3 and len(persons) == 3
    assert all(link.consent_by == DEMO_EMAIL and "CRM" in link.consent_text for link in links)
    assert found.conversation_id in {link.conversation_id for link in links}
    seed(engine, password="demo-password-1")  # again (new events): the same three customers
    with sessions() as session:
        assert len(session.scalars(select(PersonRow)).all()) == 3


def test_preview_prints_hubspot_requests_and_an_adf_lead_on_a_fresh_demo(
    engine: Engine, tmp_path: Path
) -> None:
    seed(engine, password="demo-password-1")
    hubspot = _cli(engine, tmp_path, "preview", "--vendor", "hubspot")
    assert hubspot.returncode == 0, hubspot.stderr
    requests = [json.loads(line) for line in hubspot.stdout.splitlines()]
    assert requests and all(set(r) == {"method", "url", "body"} for r in requests)
    assert any(r["url"].endswith("/crm/v3/objects/contacts/batch/upsert") for r in requests)
    adf = _cli(engine, tmp_path, "preview", "--vendor", "adf")
    assert adf.returncode == 0, adf.stderr
    assert adf.stdout.startswith("<?xml") and '<?adf version="1.0"?>' in adf.stdout
    unknown = _cli(engine, tmp_path, "preview", "--vendor", "adf", "--conversation", "conv-x")
    assert unknown.returncode == 1 and "not linked" in unknown.stderr


@pytest.mark.parametrize(
    ("vendor", "path"),
    [
        ("salesforce", "/services/data/v62.0/composite"),
        ("dynamics", "/api/data/v9.2/leads("),
    ],
)
def test_preview_prints_every_http_vendors_requests_on_a_fresh_demo(
    engine: Engine, tmp_path: Path, vendor: str, path: str
) -> None:
    seed(engine, password="demo-password-1")
    result = _cli(engine, tmp_path, "preview", "--vendor", vendor)
    assert result.returncode == 0, result.stderr
    requests = [json.loads(line) for line in result.stdout.splitlines()]
    assert requests and all(set(r) == {"method", "url", "body"} for r in requests)
    assert any(path in r["url"] for r in requests)
