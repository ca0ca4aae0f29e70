"""Site time zones: names are checked, SQLite's local-time function follows daylight saving."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from cloud.errors import NotFoundError
from cloud.store import admin, db, zones
from cloud.store.tenancy import Site


@pytest.mark.parametrize("name", ["Europe/Madrid", "America/Chicago", "UTC", "Asia/Kathmandu"])
def test_iana_names_are_accepted(name: str) -> None:
    assert zones.check_zone(f" {name} ") == name


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "CEST+1", "../../etc/passwd", "/etc/UTC"])
def test_other_names_are_refused_with_an_example(name: str) -> None:
    with pytest.raises(ValueError, match="use an IANA name such as Europe/Madrid"):
        zones.check_zone(name)


def test_sqlite_local_time_crosses_daylight_saving() -> None:
    # Madrid moved to summer time at 01:00 UTC on 2026-03-29.
    assert zones.sqlite_local_time("2026-03-29 00:30:00", "Europe/Madrid") == "2026-03-29 01:30:00"
    assert zones.sqlite_local_time("2026-03-29 01:30:00", "Europe/Madrid") == "2026-03-29 03:30:00"
    assert zones.sqlite_local_time("2026-11-29 03:00:00.123456", "America/Chicago") == (
        "2026-11-28 21:00:00"
    )
    assert zones.sqlite_local_time(None, "UTC") is None


def test_day_start_carries_the_offset_of_that_day() -> None:
    assert zones.day_start("2026-03-28", "Europe/Madrid") == "2026-03-28T00:00:00+01:00"
    assert zones.day_start("2026-03-30", "Europe/Madrid") == "2026-03-30T00:00:00+02:00"


def test_a_site_is_added_in_a_zone_and_moved(engine: Engine) -> None:
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        admin.add_tenant(session, "acme", "Acme")
        admin.add_site(session, "acme", "north", "North", "America/Chicago")
        admin.add_site(session, "acme", "south", "South")
        with pytest.raises(ValueError, match="unknown time zone 'Europe/Atlantis'"):
            admin.add_site(session, "acme", "east", "East", "Europe/Atlantis")
    with sessions.begin() as session:
        assert zones.site_zones(session, "acme") == {"north": "America/Chicago", "south": "UTC"}
        assert admin.set_site_timezone(session, "acme", "south", "Europe/Madrid") == "UTC"
        with pytest.raises(NotFoundError, match="no site 'west'"):
            admin.set_site_timezone(session, "acme", "west", "UTC")
        with pytest.raises(ValueError, match="unknown time zone"):
            admin.set_site_timezone(session, "acme", "north", "nowhere")
    with sessions() as session:
        found = dict(session.execute(select(Site.id, Site.timezone)).tuples().all())
    # a refused zone changed nothing; the site refused at creation does not exist
    assert found == {"north": "America/Chicago", "south": "Europe/Madrid"}
