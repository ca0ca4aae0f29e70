"""The columns of a conversation that scoring reads, loaded without the rest of the row.

A page scores thousands of conversations: loading them as ORM objects with their whole
metrics (JSON) cost more than everything else the scoring does, so pages select these
columns and the metrics' `signals` alone (`select_facts`), and the ORM rows a caller already
has are converted (`of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from cloud.store.projections import Conversation


@dataclass(frozen=True, slots=True)
class Facts:
    """What scoring reads of one conversation (`signals`: None while it is live)."""

    id: str
    site_id: str
    staff: str | None
    started_at: datetime
    ended_at: datetime | None
    visit_id: str | None
    duration_s: float | None
    sentiment: float | None
    sentiment_start: float | None
    sentiment_end: float | None
    stage: str | None
    objections: int | None
    objections_handled: int | None
    signals: tuple[str, ...] | None


COLUMNS = (
    Conversation.id,
    Conversation.site_id,
    Conversation.staff,
    Conversation.started_at,
    Conversation.ended_at,
    Conversation.visit_id,
    Conversation.duration_s,
    Conversation.sentiment,
    Conversation.sentiment_start,
    Conversation.sentiment_end,
    Conversation.stage,
    Conversation.objections,
    Conversation.objections_handled,
)


def select_facts(*extra: Any) -> Select[Any]:
    """SELECT the facts' columns, the metrics' signals, then `extra` columns."""
    return select(*COLUMNS, Conversation.metrics["signals"], *extra)


def from_row(row: Iterable[Any]) -> Facts:
    """Facts from the first columns of a `select_facts` row."""
    values = list(row)[: len(COLUMNS) + 1]
    signals = values[-1]
    ended = values[4] is not None
    values[-1] = tuple(str(s) for s in signals or ()) if ended else None
    return Facts(*values)


def of(conv: Conversation) -> Facts:
    """Facts of an ORM conversation already loaded."""
    ended = conv.ended_at is not None
    signals = (conv.metrics or {}).get("signals", []) if ended else None
    return from_row(
        [getattr(conv, column.key) for column in COLUMNS]
        + [None if signals is None else list(signals)]
    )
