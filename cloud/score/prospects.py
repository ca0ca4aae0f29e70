"""Open prospects ordered by purchase likelihood, with the reasons: what the pages show.

An open prospect is a visit (or a conversation of no visit) of the last days that has ended
and has no outcome yet. Scores are computed when the page is asked for, from the read models
and the tenant's stored model: no table of scores to go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from cloud.score import features
from cloud.score.model import ScoreModel
from cloud.score.reasons import reasons
from cloud.score.train import current
from cloud.store.projections import Conversation
from cloud.store.score import OutcomeRow
from cloud.views.scope import Scope

#: The most conversations a follow-up list scores (the newest), to keep the page fast.
MAX_CONVERSATIONS = 3000


@dataclass(frozen=True)
class Scored:
    """A prospect with its score and the reasons behind it."""

    key: str
    conversations: tuple[Conversation, ...]
    probability: float
    reasons: list[str]

    @property
    def latest(self) -> Conversation:
        """The prospect's newest conversation (the one the list links to)."""
        return self.conversations[-1]

    @property
    def last_seen(self) -> datetime:
        """When the prospect was last on the floor."""
        last = self.latest
        return last.ended_at or last.started_at


def score(session: Session, tenant: str, convs: list[Conversation]) -> list[Scored]:
    """Each prospect among `convs` (conversations of `tenant`) scored, best first."""
    if not convs:
        return []
    chosen: ScoreModel = current(session, tenant)
    by_id = {conv.id: conv for conv in convs}
    found = [
        Scored(
            prospect.key,
            tuple(by_id[cid] for cid in prospect.conversation_ids),
            float(chosen.probability(prospect.features)),
            reasons(chosen.coefficients, prospect.features),
        )
        for prospect in features.prospects(session, tenant, convs)
    ]
    return sorted(found, key=lambda s: (-s.probability, s.key))


def follow_up(session: Session, scope: Scope, limit: int = 50) -> list[Scored]:
    """The scope's open prospects, most likely to buy first."""
    no_outcome = ~exists().where(
        OutcomeRow.tenant_id == Conversation.tenant_id,
        OutcomeRow.conversation_id == Conversation.id,
    )
    convs = list(
        session.scalars(
            select(Conversation)
            .where(
                scope.where(Conversation, Conversation.started_at),
                Conversation.ended_at.is_not(None),
                no_outcome,
            )
            .order_by(Conversation.started_at.desc())
            .limit(MAX_CONVERSATIONS)
        )
    )
    return score(session, scope.principal.tenant_id, convs)[:limit]


def one(session: Session, conv: Conversation) -> Scored:
    """One conversation scored on its own (the conversation page)."""
    return score(session, conv.tenant_id, [conv])[0]
