"""Security headers, the public and the admin /healthz, CSV formula neutralising, the audit log."""

from __future__ import annotations

import csv
import io

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.tenancy import Staff
from cloud.views.table import Cell, csv_text
from cloud.web.app import create_app
from tests.cloud.factory import World
from tests.cloud.web.conftest import login


def test_every_response_carries_the_security_headers(client: TestClient, world: World) -> None:
    login(client, world.email("acme", "admin"))
    for path in ("/login", "/floor", "/static/style.css", "/healthz", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers  # plain-HTTP test settings
        assert (headers.get("cache-control") == "no-store") == (not path.startswith("/static"))


def test_hsts_when_served_over_https(settings: CloudSettings, world: World) -> None:
    secure = settings.model_copy(update={"secure_cookies": True})
    with TestClient(create_app(secure), base_url="https://testserver") as web:
        assert "max-age=" in web.get("/login").headers["strict-transport-security"]


def test_healthz_says_up_to_anyone_and_details_to_admins(client: TestClient, world: World) -> None:
    public = client.get("/healthz")
    assert public.status_code == 200 and public.json() == {"status": "up"}
    viewer = {"Authorization": f"Bearer {world.tokens['acme:viewer']}"}
    assert client.get("/healthz", headers=viewer).json() == {"status": "up"}
    admin = {"Authorization": f"Bearer {world.tokens['acme:admin']}"}
    details = client.get("/healthz", headers=admin).json()
    assert details["status"] == "up" and details["database"] == "ok"
    assert details["broker"] == "not configured"
    login(client, world.email("acme", "admin"))
    assert client.get("/healthz").json()["database"] == "ok"


def test_csv_cells_that_a_spreadsheet_would_run_are_made_text() -> None:
    rows: list[list[Cell]] = [
        ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "ok", -1.5, 3, None]
    ]
    parsed = list(csv.reader(io.StringIO(csv_text(["@head", "b"], rows), newline="")))
    assert parsed[0] == ["'@head", "b"]
    assert parsed[1] == [
        "'=1+1",
        "'+cmd",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
        "-1.5",
        "3",
        "",
    ]


def test_exports_neutralise_formulas_from_stored_names(
    client: TestClient, world: World, engine: Engine
) -> None:
    with db.session_factory(engine).begin() as session:
        session.execute(
            update(Staff)
            .where(Staff.pseudonym == world.staff["acme"][0])
            .values(name='=HYPERLINK("http://evil.invalid","x")')
        )
    login(client, world.email("acme", "manager"))
    body = client.get("/export/scorecards.csv?days=30").text
    assert "'=HYPERLINK" in body
    assert not any(line.startswith("=") for line in body.splitlines())


def test_the_audit_log_is_for_admins_and_exports(app: FastAPI, world: World) -> None:
    with TestClient(app, follow_redirects=False) as web:
        csrf = login(web, world.email("acme", "admin"))
        added = web.post("/hubs", data={"site_id": "site-a", "hub_id": "hub-2", "csrf": csrf})
        assert added.status_code == 200
        page = web.get("/audit")
        assert page.status_code == 200 and "hub.add" in page.text
        exported = web.get("/audit.csv")
        assert exported.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert rows[0]["action"] == "hub.add" and rows[0]["actor"] == world.email("acme", "admin")
        assert rows[0]["site"] == "site-a"
    with TestClient(app, follow_redirects=False) as web:
        login(web, world.email("acme", "manager"))
        assert web.get("/audit").status_code == 403
        assert web.get("/audit.csv").status_code == 403
    with TestClient(app, follow_redirects=False) as web:
        login(web, world.email("rival", "admin"))
        assert "hub-2" not in web.get("/audit.csv").text
