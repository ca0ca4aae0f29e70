"""The live floor: hubs and their status, conversations now (most likely to buy first), alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.score import facts
from cloud.score.prospects import Scored, score
from cloud.store.projections import AlertRow, Conversation
from cloud.store.tenancy import Hub, Staff
from cloud.store.zones import site_zones
from cloud.views.scope import Scope

#: A conversation with no end event older than this is not shown as live.
LIVE_WINDOW = timedelta(hours=4)


@dataclass(frozen=True)
class Floor:
    """What the live floor shows."""

    hubs: list[Hub]
    active: list[Conversation]
    alerts: list[AlertRow]
    names: dict[str, str]
    #: Site id -> IANA time zone, for the times shown.
    zones: dict[str, str]
    #: Conversation id -> its purchase score (a visit's conversations share theirs).
    scores: dict[str, Scored]


def staff_names(session: Session, scope: Scope) -> dict[str, str]:
    """Pseudonym -> name of the scope's staff (its tenant, its user's site)."""
    rows = session.execute(select(Staff.pseudonym, Staff.name).where(scope.where(Staff)))
    return {str(pseudonym): str(name) for pseudonym, name in rows.tuples()}


def floor(session: Session, scope: Scope, now: datetime | None = None) -> Floor:
    """Hubs, live conversations (most likely to buy first) and open alerts of the scope."""
    since = (now or datetime.now(UTC)) - LIVE_WINDOW
    hubs = list(session.scalars(select(Hub).where(scope.where(Hub)).order_by(Hub.site_id, Hub.id)))
    active = list(
        session.scalars(
            select(Conversation)
            .where(
                scope.where(Conversation),
                Conversation.ended_at.is_(None),
                Conversation.started_at >= since,
            )
            .order_by(Conversation.started_at.desc())
            .limit(50)
        )
    )
    alerts = list(
        session.scalars(
            select(AlertRow)
            .where(scope.where(AlertRow), AlertRow.open.is_(True))
            .order_by(AlertRow.time.desc())
            .limit(20)
        )
    )
    scores = {
        conv.id: scored
        for scored in score(session, scope.principal.tenant_id, [facts.of(c) for c in active])
        for conv in scored.conversations
    }
    active.sort(key=lambda conv: -scores[conv.id].probability)
    return Floor(
        hubs,
        active,
        alerts,
        staff_names(session, scope),
        site_zones(session, scope.principal.tenant_id),
        scores,
    )
