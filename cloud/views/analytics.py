"""Analytics: objections over time, traffic by zone and hour, conversion proxies."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from cloud.store import zones
from cloud.store.projections import Conversation, ObjectionRow, TrafficRow
from cloud.store.tenancy import Site
from cloud.views.scope import Scope
from cloud.views.table import Cell, Table, rounded


def objections_by_day(session: Session, scope: Scope) -> Table:
    """Objections raised per local day and kind (one row per day, one column per objection).

    Days are the sites' own (midnight to midnight in each site's zone); a day is written as
    its start in ISO 8601 with the zone's offset (`2026-03-29T00:00:00+01:00`).
    """
    day = zones.local_day(session, ObjectionRow.time)
    rows = session.execute(
        select(day, Site.timezone, ObjectionRow.objection, func.count())
        .join(Site, zones.on_site(ObjectionRow))
        .where(scope.where(ObjectionRow, ObjectionRow.time))
        .group_by(day, Site.timezone, ObjectionRow.objection)
    ).all()
    kinds = sorted({kind for _, _, kind, _ in rows})
    grid: dict[str, dict[str, int]] = defaultdict(dict)
    for when, zone, kind, count in rows:
        grid[zones.day_start(str(when), str(zone))][kind] = int(count)
    body: list[list[Cell]] = [
        [when, *(grid[when].get(kind, 0) for kind in kinds)] for when in sorted(grid)
    ]
    return Table("objections_by_day", "Objections per day", ["day", *kinds], body)


def objection_totals(session: Session, scope: Scope) -> Table:
    """Each objection: how often raised and how often handled."""
    rows = session.execute(
        select(
            ObjectionRow.objection,
            func.count(),
            func.sum(cast(ObjectionRow.handled, Integer)),
        )
        .where(scope.where(ObjectionRow, ObjectionRow.time))
        .group_by(ObjectionRow.objection)
        .order_by(func.count().desc())
    ).all()
    body: list[list[Cell]] = [
        [kind, int(n), int(done or 0), rounded((done or 0) / n if n else None)]
        for kind, n, done in rows
    ]
    return Table(
        "objections", "Objections", ["objection", "raised", "handled", "handled_rate"], body
    )


def traffic_heat(session: Session, scope: Scope) -> Table:
    """Visitors per showroom zone (rows) and hour of day in the site's time zone (00-23).

    The last column names the time zone the hours are in (one row per zone and time zone).
    """
    hour = zones.local_hour(session, TrafficRow.interval_start)
    rows = session.execute(
        select(TrafficRow.zone, Site.timezone, hour, func.sum(TrafficRow.visitors))
        .join(Site, zones.on_site(TrafficRow))
        .where(scope.where(TrafficRow, TrafficRow.interval_start))
        .group_by(TrafficRow.zone, Site.timezone, hour)
    ).all()
    grid: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 24)
    for zone, tz, at, visitors in rows:
        grid[(zone, tz)][int(at)] += int(visitors or 0)
    body: list[list[Cell]] = [[zone, *grid[(zone, tz)], tz] for zone, tz in sorted(grid)]
    named = sorted({tz for _, tz in grid})
    return Table(
        "traffic_by_zone_hour",
        f"Traffic by zone and hour ({', '.join(named) or 'site time'})",
        ["zone", *(f"{h:02d}" for h in range(24)), "time_zone"],
        body,
    )


def conversion(session: Session, scope: Scope) -> Table:
    """Per site: visitors, conversations, share engaged, share reaching negotiation."""
    visitors: dict[str, int] = dict(
        session.execute(
            select(TrafficRow.site_id, func.sum(TrafficRow.visitors))
            .where(scope.where(TrafficRow, TrafficRow.interval_start))
            .group_by(TrafficRow.site_id)
        )
        .tuples()
        .all()
    )
    late = Conversation.stage.in_(("negotiating", "closing"))
    convs = session.execute(
        select(Conversation.site_id, func.count(), func.sum(cast(late, Integer)))
        .where(scope.where(Conversation, Conversation.started_at))
        .group_by(Conversation.site_id)
    ).all()
    by_site = {site: (int(n), int(k or 0)) for site, n, k in convs}
    body: list[list[Cell]] = []
    for site in sorted(set(visitors) | set(by_site)):
        seen = int(visitors.get(site) or 0)
        n, k = by_site.get(site, (0, 0))
        body.append(
            [site, seen, n, rounded(n / seen if seen else None), k, rounded(k / n if n else None)]
        )
    return Table(
        "conversion",
        "Conversion proxies",
        ["site", "visitors", "conversations", "engaged_rate", "negotiating", "negotiating_rate"],
        body,
    )
