"""Each site's IANA time zone: checked names, site lookups, and local time in SQL.

PostgreSQL converts with `timezone(zone, column)` (its own tz database); SQLite has no time
zones, so `db.make_engine` registers `sf_local_time(utc_text, zone)`, which converts with
`zoneinfo` (the `tzdata` package where the system has no zone files). Both give the site's
wall-clock time, so day and hour boundaries follow the site's zone, daylight saving included.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Integer, and_, cast, extract, func, select
from sqlalchemy.orm import Session

from cloud.store.tenancy import Site

DEFAULT_ZONE = "UTC"


def check_zone(name: str) -> str:
    """`name` if it is an IANA time zone (`Europe/Madrid`); `ValueError` naming it otherwise."""
    name = name.strip()
    try:
        if not name or name.startswith("/") or ".." in name:
            raise ValueError(name)
        zone_of(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Madrid, "
            "America/Chicago or UTC"
        ) from err
    return name


@functools.cache
def zone_of(name: str) -> tzinfo:
    """The zone named `name` (cached; `ZoneInfoNotFoundError` if there is none)."""
    return ZoneInfo(name)


def site_zones(session: Session, tenant_id: str) -> dict[str, str]:
    """Site id -> zone name of a tenant's sites."""
    rows = session.execute(select(Site.id, Site.timezone).where(Site.tenant_id == tenant_id))
    return {str(site): str(zone) for site, zone in rows.tuples()}


def localize(value: datetime, zone: str) -> datetime:
    """`value` (aware) as wall-clock time in `zone`, with its offset."""
    return value.astimezone(zone_of(zone))


def sqlite_local_time(value: str | None, zone: str | None) -> str | None:
    """SQLite's `sf_local_time`: stored naive-UTC text -> 'YYYY-MM-DD HH:MM:SS' in `zone`."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    try:
        local = moment.astimezone(zone_of(zone or DEFAULT_ZONE))
    except (ZoneInfoNotFoundError, ValueError):  # a name checked when stored; never expected
        local = moment
    return local.strftime("%Y-%m-%d %H:%M:%S")


def on_site(model: Any) -> ColumnElement[bool]:
    """Join condition from a row of `model` (tenant_id, site_id) to its site."""
    return and_(Site.tenant_id == model.tenant_id, Site.id == model.site_id)


def local_day(session: Session, column: Any) -> Any:
    """'YYYY-MM-DD' of `column` in its site's zone (the query must join `Site`)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(func.sf_local_time(column, Site.timezone), 1, 10)
    return func.to_char(func.timezone(Site.timezone, column), "YYYY-MM-DD")


def local_hour(session: Session, column: Any) -> Any:
    """Hour of day (0-23) of `column` in its site's zone (the query must join `Site`)."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.substr(func.sf_local_time(column, Site.timezone), 12, 2), Integer)
    return cast(extract("hour", func.timezone(Site.timezone, column)), Integer)


def day_start(day: str, zone: str) -> str:
    """ISO 8601 start of local day `day` (YYYY-MM-DD) in `zone`, with its offset."""
    midnight = datetime.fromisoformat(day).replace(tzinfo=zone_of(zone))
    return midnight.isoformat(timespec="seconds")
