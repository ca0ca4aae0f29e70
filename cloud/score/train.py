"""Fit each tenant's model on its outcomes and keep it in `score_models`.

When it runs: right after a manager marks an outcome (that tenant, in the same request: a fit
on a few thousand outcomes takes tens of milliseconds), and `showfloor-cloud score train`
(every tenant whose outcomes changed since its model, e.g. after `score crm-outcomes` read
closed deals; run both from a timer, hourly is plenty).
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from cloud.score import facts, features, model
from cloud.score.model import ScoreModel
from cloud.store.projections import Conversation
from cloud.store.score import OutcomeRow, ScoreModelRow


def examples(session: Session, tenant: str) -> tuple[np.ndarray, np.ndarray]:
    """(features, sold) of the tenant's conversations with an outcome, in id order."""
    rows = session.execute(
        facts.select_facts(OutcomeRow.sold)
        .join(
            OutcomeRow,
            and_(
                OutcomeRow.tenant_id == Conversation.tenant_id,
                OutcomeRow.conversation_id == Conversation.id,
            ),
        )
        .where(Conversation.tenant_id == tenant, Conversation.ended_at.is_not(None))
        .order_by(Conversation.id)
    )
    pairs = [(facts.from_row(row), bool(row[-1])) for row in rows]
    if not pairs:
        return np.zeros((0, len(features.NAMES))), np.zeros(0)
    vectors = features.conversations(session, tenant, [conv for conv, _ in pairs])
    x = np.vstack([vectors[conv.id] for conv, _ in pairs])
    return x, np.array([1.0 if sold else 0.0 for _, sold in pairs])


def current(session: Session, tenant: str) -> ScoreModel:
    """The tenant's model: the stored one, else the prior."""
    row = session.get(ScoreModelRow, tenant)
    if row is None:
        return model.prior_model()
    return model.from_named(
        row.kind, row.intercept, row.coefficients, row.outcomes, row.sold, row.weight
    )


def train(session: Session, tenant: str) -> ScoreModel:
    """Fit the tenant's model on its outcomes now and store it."""
    x, y = examples(session, tenant)
    fitted = model.fit(x, y)
    row = session.get(ScoreModelRow, tenant) or ScoreModelRow(tenant_id=tenant)
    row.kind, row.outcomes, row.sold, row.weight = (
        fitted.kind,
        fitted.outcomes,
        fitted.sold,
        fitted.weight,
    )
    row.intercept, row.coefficients = fitted.intercept, fitted.named()
    row.trained_at = datetime.now(UTC)
    session.add(row)
    session.flush()
    return fitted


def stale(session: Session) -> list[str]:
    """Tenants whose outcomes changed since their model was trained (or that have none yet)."""
    latest = session.execute(
        select(OutcomeRow.tenant_id, func.max(OutcomeRow.set_at), func.count()).group_by(
            OutcomeRow.tenant_id
        )
    ).tuples()
    found = []
    for tenant, at, count in latest:
        row = session.get(ScoreModelRow, tenant)
        if row is None or row.trained_at < at or row.outcomes != count:
            found.append(str(tenant))
    return sorted(found)
