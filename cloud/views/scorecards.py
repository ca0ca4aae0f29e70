"""Salesperson scorecards: talk ratio, questions, objections, sentiment change, greet time."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cloud.store import zones
from cloud.store.projections import Conversation, PresenceRow, PromptRow
from cloud.store.tenancy import Site
from cloud.views.floor import staff_names
from cloud.views.scope import Scope
from cloud.views.table import Cell, Table, rounded

COLUMNS = [
    "salesperson",
    "conversations",
    "conversations_per_day",
    "talk_ratio",
    "open_questions",
    "objections",
    "objections_handled",
    "sentiment_change",
    "time_to_greet_s",
    "prompts_followed",
]


def scorecards(session: Session, scope: Scope, now: datetime | None = None) -> Table:
    """One row per salesperson of the scope, then a `team` row."""
    ended = scope.where(Conversation, Conversation.started_at)
    conv_cols = (
        func.count(),
        func.count(func.distinct(zones.local_day(session, Conversation.started_at))),
        func.avg(Conversation.talk_ratio),
        func.avg(Conversation.open_questions),
        func.sum(Conversation.objections),
        func.sum(Conversation.objections_handled),
        func.avg(Conversation.sentiment_end - Conversation.sentiment_start),
    )
    base = (
        select(*conv_cols)
        .select_from(Conversation)
        .join(Site, zones.on_site(Conversation))  # days worked are the site's local days
        .where(ended, Conversation.ended_at.is_not(None))
    )
    per_staff = session.execute(
        base.add_columns(Conversation.staff)
        .where(Conversation.staff.is_not(None))
        .group_by(Conversation.staff)
    ).all()
    team = session.execute(base).one()
    greet: dict[str | None, float] = dict(
        session.execute(
            select(PresenceRow.staff, func.avg(PresenceRow.waited_s))
            .where(scope.where(PresenceRow, PresenceRow.time), PresenceRow.action == "greeted")
            .group_by(PresenceRow.staff)
        )
        .tuples()
        .all()
    )
    team_greet = session.scalar(
        select(func.avg(PresenceRow.waited_s)).where(
            scope.where(PresenceRow, PresenceRow.time), PresenceRow.action == "greeted"
        )
    )
    followed = session.execute(
        select(PromptRow.staff, func.count(), func.sum(_as_int(PromptRow.followed)))
        .where(scope.where(PromptRow, PromptRow.time), PromptRow.followed.is_not(None))
        .group_by(PromptRow.staff)
    ).all()
    follow_rate = {staff: (done or 0) / total for staff, total, done in followed if total}
    team_total = sum(total for _, total, _ in followed)
    team_done = sum(done or 0 for _, _, done in followed)
    names = staff_names(session, scope)
    rows = [
        _row(names.get(r[7], r[7]), tuple(r)[:7], greet.get(r[7]), follow_rate.get(r[7]))
        for r in sorted(per_staff, key=lambda r: names.get(r[7], r[7]))
    ]
    rows.append(
        _row("team", tuple(team)[:7], team_greet, team_done / team_total if team_total else None)
    )
    return Table("scorecards", "Salesperson scorecards", COLUMNS, rows)


def _as_int(column: object) -> object:
    from sqlalchemy import Integer, cast

    return cast(column, Integer)


def _row(name: str, agg: tuple[object, ...], greet: object, follow: float | None) -> list[Cell]:
    count, days, talk, questions, objections, handled, change = agg
    n = int(count or 0)  # type: ignore[call-overload]
    per_day = n / int(days) if days else 0.0  # type: ignore[call-overload]
    return [
        name,
        n,
        rounded(per_day, 1),
        rounded(talk),  # type: ignore[arg-type]
        rounded(questions, 1),  # type: ignore[arg-type]
        int(objections or 0),  # type: ignore[call-overload]
        int(handled or 0),  # type: ignore[call-overload]
        rounded(change),  # type: ignore[arg-type]
        rounded(greet, 1),  # type: ignore[arg-type]
        rounded(follow),
    ]


def today() -> datetime:
    """Now (for tests to compare against)."""
    return datetime.now(UTC)
