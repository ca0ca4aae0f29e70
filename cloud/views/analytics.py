"""Analytics: objections over time, traffic by zone and hour, conversion proxies."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Integer, cast, extract, func, select
from sqlalchemy.orm import Session

from cloud.store.projections import Conversation, ObjectionRow, TrafficRow
from cloud.views.scope import Scope
from cloud.views.table import Cell, Table, rounded


def _day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m-%d", column)
    return func.to_char(column, "YYYY-MM-DD")


def _hour(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%H", column), Integer)
    return cast(extract("hour", column), Integer)


def objections_by_day(session: Session, scope: Scope) -> Table:
    """Objections raised per day and kind (one row per day, one column per objection)."""
    day = _day(session, ObjectionRow.time)
    rows = session.execute(
        select(day, ObjectionRow.objection, func.count())
        .where(scope.where(ObjectionRow, ObjectionRow.time))
        .group_by(day, ObjectionRow.objection)
    ).all()
    kinds = sorted({kind for _, kind, _ in rows})
    grid: dict[str, dict[str, int]] = defaultdict(dict)
    for when, kind, count in rows:
        grid[str(when)][kind] = int(count)
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
    """Visitors per zone (rows) and hour of day, UTC (columns 0-23)."""
    hour = _hour(session, TrafficRow.interval_start)
    rows = session.execute(
        select(TrafficRow.zone, hour, func.sum(TrafficRow.visitors))
        .where(scope.where(TrafficRow, TrafficRow.interval_start))
        .group_by(TrafficRow.zone, hour)
    ).all()
    grid: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    for zone, at, visitors in rows:
        grid[zone][int(at)] += int(visitors or 0)
    body: list[list[Cell]] = [[zone, *grid[zone]] for zone in sorted(grid)]
    return Table(
        "traffic_by_zone_hour",
        "Visitors by zone and hour (UTC)",
        ["zone", *(f"{h:02d}" for h in range(24))],
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
