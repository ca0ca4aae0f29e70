"""A site's time zone: an admin sets it (audited); hours, days, times and CSVs follow it."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.store import db
from cloud.store.audit import AuditEntry
from cloud.store.projections import AlertRow, ObjectionRow, TrafficRow
from cloud.store.tenancy import Site
from tests.cloud.factory import World
from tests.cloud.web.conftest import login

ZONE = "America/Chicago"


def _zone_of(engine: Engine, site: str) -> str:
    with db.session_factory(engine)() as session:
        found = session.get(Site, ("acme", site))
        assert found is not None
        return found.timezone


def test_only_an_admin_changes_a_zone_and_a_bad_name_changes_nothing(
    client: TestClient, engine: Engine, world: World
) -> None:
    csrf = login(client, world.email("acme", "manager"))
    answer = client.post("/sites/site-a/timezone", data={"timezone": ZONE, "csrf": csrf})
    assert answer.status_code == 403
    client.post("/logout", data={"csrf": csrf})
    csrf = login(client, world.email("acme", "admin"))
    answer = client.post("/sites/site-a/timezone", data={"timezone": "Moon/Base", "csrf": csrf})
    assert answer.status_code == 422
    assert "unknown time zone 'Moon/Base'" in answer.text
    assert _zone_of(engine, "site-a") == "UTC"
    answer = client.post("/sites/site-a/timezone", data={"timezone": ZONE, "csrf": csrf})
    assert answer.status_code == 200
    assert f'value="{ZONE}"' in answer.text
    assert _zone_of(engine, "site-a") == ZONE
    with db.session_factory(engine)() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "site.timezone")
        ).one()
    assert (entry.actor, entry.target, entry.detail) == (
        world.email("acme", "admin"),
        "site-a",
        f"UTC -> {ZONE}",
    )


def test_hours_days_times_and_csvs_are_the_sites(
    client: TestClient, engine: Engine, world: World
) -> None:
    csrf = login(client, world.email("acme", "admin"))
    client.post("/sites/site-a/timezone", data={"timezone": ZONE, "csrf": csrf})
    zone = ZoneInfo(ZONE)
    with db.session_factory(engine)() as session:
        traffic = session.scalars(select(TrafficRow).where(TrafficRow.tenant_id == "acme")).all()
        objections = session.scalars(
            select(ObjectionRow).where(ObjectionRow.tenant_id == "acme")
        ).all()
        alert = session.scalars(
            select(AlertRow).where(AlertRow.tenant_id == "acme", AlertRow.open.is_(True)).limit(1)
        ).first()
    heat: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    for row in traffic:
        heat[row.zone][row.interval_start.astimezone(zone).hour] += row.visitors
    days = Counter(row.time.astimezone(zone).date().isoformat() for row in objections)

    answer = client.get("/export/traffic_by_zone_hour.csv", params={"days": 3660})
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0][-1] == "time_zone"
    assert {r[0]: [int(v) for v in r[1:25]] for r in rows[1:]} == dict(heat)
    assert {r[-1] for r in rows[1:]} == {ZONE}

    answer = client.get("/export/objections_by_day.csv", params={"days": 3660})
    rows = list(csv.reader(io.StringIO(answer.text)))
    by_day = {r[0]: sum(int(v) for v in r[1:]) for r in rows[1:]}
    # every day is the local day's start with Chicago's offset of that day
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00-0[56]:00", day) for day in by_day)
    assert {day[:10]: n for day, n in by_day.items()} == dict(days)

    page = client.get("/analytics", params={"days": 3660}).text
    assert f"Traffic by zone and hour ({ZONE})</h2>" in page
    assert alert is not None
    floor = client.get("/floor").text
    local = alert.time.astimezone(zone)
    assert local.tzname() in ("CST", "CDT")
    assert f"<td>{local:%H:%M} {local.tzname()}</td>" in floor
    audit = client.get("/audit.csv").text
    assert re.search(r"\r\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[56]:00,", audit)
