"""Open prospects ordered by purchase likelihood, with the reasons: what the pages show.

An open prospect is a visit (or a conversation of no visit) of the last days that has ended
and has no outcome yet. Scores are computed when the page is asked for, from the read models
and the tenant's stored model: no table of scores to go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists
from sqlalchemy.orm import Session

from cloud.score import features
from cloud.score.facts import Facts, from_row, of, select_facts
from cloud.score.model import ScoreModel
from cloud.score.reasons import Reason, reasons
from cloud.score.train import current
from cloud.store.projections import Conversation
from cloud.store.score import OutcomeRow
from cloud.views.scope import Scope

#: The most conversations a follow-up list scores (the newest), to keep the page fast: a
#: rooftop with more open ones than this in the chosen days sees the newest ones ranked.
MAX_CONVERSATIONS = 2000


@dataclass(frozen=True)
class Scored:
    """A prospect with its score and the reasons behind it."""

    key: str
    conversations: tuple[Facts, ...]
    probability: float
    reasons: list[Reason]

    @property
    def latest(self) -> Facts:
        """The prospect's newest conversation (the one the list links to)."""
        return self.conversations[-1]

    @property
    def last_seen(self) -> datetime:
        """When the prospect was last on the floor."""
        last = self.latest
        return last.ended_at or last.started_at


def score(
    session: Session,
    tenant: str,
    convs: list[Facts],
    limit: int | None = None,
) -> list[Scored]:
    """The prospects among `convs` (conversations of `tenant`), best first (the `limit` best)."""
    if not convs:
        return []
    chosen: ScoreModel = current(session, tenant)
    by_id = {conv.id: conv for conv in convs}
    found = features.matrix(session, tenant, convs)
    odds = chosen.probability(found.values)  # every prospect in one matrix product
    order = sorted(range(len(found.keys)), key=lambda i: (-odds[i], found.keys[i]))[:limit]
    return [  # reasons only for what is shown
        Scored(
            found.keys[i],
            tuple(by_id[cid] for cid in found.members[i]),
            float(odds[i]),
            reasons(chosen.coefficients, found.values[i]),
        )
        for i in order
    ]


def follow_up(session: Session, scope: Scope, limit: int = 50) -> list[Scored]:
    """The scope's open prospects, most likely to buy first."""
    no_outcome = ~exists().where(
        OutcomeRow.tenant_id == Conversation.tenant_id,
        OutcomeRow.conversation_id == Conversation.id,
    )
    rows = session.execute(
        select_facts()
        .where(
            scope.where(Conversation, Conversation.started_at),
            Conversation.ended_at.is_not(None),
            no_outcome,
        )
        .order_by(Conversation.started_at.desc())
        .limit(MAX_CONVERSATIONS)
    )
    return score(session, scope.principal.tenant_id, [from_row(row) for row in rows], limit)


def one(session: Session, conv: Conversation) -> Scored:
    """One conversation scored on its own (the conversation page)."""
    return score(session, conv.tenant_id, [of(conv)])[0]
