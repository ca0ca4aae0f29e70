"""One conversation: turns, sentiment line, objections and signals, prompts, metrics."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.errors import NotFoundError
from cloud.store.projections import Conversation, ObjectionRow, PromptRow, TurnRow
from cloud.store.tenancy import Site
from cloud.store.zones import DEFAULT_ZONE
from cloud.views.floor import staff_names
from cloud.views.scope import Scope


@dataclass(frozen=True)
class ConversationView:
    """Everything the conversation page shows."""

    conversation: Conversation
    turns: list[TurnRow]
    prompts: list[PromptRow]
    objections: list[ObjectionRow]
    names: dict[str, str]
    #: The site's IANA time zone, for the times shown.
    zone: str

    @property
    def sentiment_points(self) -> list[tuple[float, float]]:
        """(seconds, score) of the customer's turns."""
        return [
            (turn.start_s, turn.sentiment)
            for turn in self.turns
            if turn.role == "customer" and turn.sentiment is not None
        ]

    @property
    def signals(self) -> list[str]:
        """Buying signals found, in order."""
        metrics = self.conversation.metrics or {}
        return [str(signal) for signal in metrics.get("signals", [])]


def get(session: Session, scope: Scope, conversation_id: str) -> Conversation:
    """The conversation if the scope may see it; `NotFoundError` otherwise (even if it exists)."""
    row = session.scalar(
        select(Conversation).where(scope.where(Conversation), Conversation.id == conversation_id)
    )
    if row is None:
        raise NotFoundError(f"no conversation {conversation_id!r}")
    return row


def conversation(session: Session, scope: Scope, conversation_id: str) -> ConversationView:
    """The page's data."""
    conv = get(session, scope, conversation_id)
    tenant = conv.tenant_id
    turns = session.scalars(
        select(TurnRow)
        .where(TurnRow.tenant_id == tenant, TurnRow.conversation_id == conv.id)
        .order_by(TurnRow.index)
    )
    prompts = session.scalars(
        select(PromptRow)
        .where(PromptRow.tenant_id == tenant, PromptRow.site_id == conv.site_id)
        .where(PromptRow.conversation_id == conv.id)
        .order_by(PromptRow.time)
    )
    objections = session.scalars(
        select(ObjectionRow)
        .where(ObjectionRow.tenant_id == tenant, ObjectionRow.site_id == conv.site_id)
        .where(ObjectionRow.conversation_id == conv.id)
        .order_by(ObjectionRow.turn_index)
    )
    site = session.get(Site, (tenant, conv.site_id))
    return ConversationView(
        conv,
        list(turns),
        list(prompts),
        list(objections),
        staff_names(session, scope),
        site.timezone if site is not None else DEFAULT_ZONE,
    )


def recent(session: Session, scope: Scope, limit: int = 100) -> list[Conversation]:
    """The newest conversations of the scope."""
    return list(
        session.scalars(
            select(Conversation)
            .where(scope.where(Conversation, Conversation.started_at))
            .order_by(Conversation.started_at.desc())
            .limit(limit)
        )
    )
