"""Purchase-likelihood score tables: sale outcomes per conversation, each tenant's model.

An outcome is what happened after a conversation: sold or not. It comes from the CRM (a closed
deal of the linked person) or from a manager on the conversation page; a manager's mark wins
over the CRM's and the CRM never overwrites it. The model row is the tenant's current
coefficients (`cloud.score.model`), replaced on each training.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from cloud.store.base import Base, utcnow

OutcomeSource = Literal["manager", "hubspot"]


class OutcomeRow(Base):
    """Sold or not sold, for one ended conversation of the tenant."""

    __tablename__ = "score_outcomes"
    __table_args__ = (Index("ix_score_outcomes_tenant_set", "tenant_id", "set_at"),)

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(64))
    sold: Mapped[bool]
    #: `manager` (the web view) or the CRM vendor the closed deal came from.
    source: Mapped[str] = mapped_column(String(20))
    #: The vendor's deal id, for outcomes from a CRM.
    remote_id: Mapped[str | None] = mapped_column(String(200), default=None)
    set_by: Mapped[str] = mapped_column(String(320))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScoreModelRow(Base):
    """A tenant's purchase-likelihood model: the prior, or one fitted on its outcomes."""

    __tablename__ = "score_models"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: `prior` (too few outcomes) or `fitted` (shrunk toward the prior by `weight`).
    kind: Mapped[str] = mapped_column(String(10))
    outcomes: Mapped[int] = mapped_column(default=0)
    sold: Mapped[int] = mapped_column(default=0)
    #: Share of the fitted model in the coefficients (0 for the prior).
    weight: Mapped[float] = mapped_column(default=0.0)
    intercept: Mapped[float] = mapped_column(default=0.0)
    #: Feature name -> coefficient (log-odds per unit).
    coefficients: Mapped[dict[str, Any]] = mapped_column(default=dict)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
