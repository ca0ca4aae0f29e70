"""Sold or not sold: a manager's mark (audited) or a CRM's closed deal, checked before it is kept.

An outcome names a conversation of the tenant that has ended. One for a conversation the
tenant does not have (unknown, or another tenant's) raises `NotFoundError` and keeps nothing;
one for a live conversation raises `OutcomeError`. A manager's mark replaces any earlier
outcome; a CRM's never replaces a manager's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.errors import N_, CloudError, NotFoundError, Worded
from cloud.store.audit import audit
from cloud.store.projections import Conversation
from cloud.store.score import OutcomeRow
from cloud.views import conversation as conversations
from cloud.views.scope import Principal, Scope


class OutcomeError(Worded, CloudError):
    """An outcome that cannot be kept (the conversation has not ended)."""


def _ended(conv: Conversation) -> Conversation:
    if conv.ended_at is None:
        raise OutcomeError(
            N_("conversation %(id)r is still live: mark its outcome once it has ended"),
            id=conv.id,
        )
    return conv


def mark(session: Session, user: Principal, conversation_id: str, sold: bool) -> OutcomeRow:
    """A manager marks a conversation sold or not sold (audited as `score.outcome`)."""
    conv = _ended(conversations.get(session, Scope.of(user), conversation_id))
    row = session.get(OutcomeRow, (conv.tenant_id, conv.id))
    before = "none" if row is None else f"{'sold' if row.sold else 'not sold'} ({row.source})"
    if row is None:
        row = OutcomeRow(tenant_id=conv.tenant_id, conversation_id=conv.id, site_id=conv.site_id)
        session.add(row)
    row.sold, row.source, row.remote_id = sold, "manager", None
    row.set_by, row.set_at = user.email, datetime.now(UTC)
    detail = f"{'sold' if sold else 'not sold'} (was: {before})"
    audit(session, user, "score.outcome", f"conversation {conv.id}", detail, site_id=conv.site_id)
    session.flush()
    return row


def from_crm(
    session: Session, tenant: str, conversation_id: str, sold: bool, vendor: str, remote_id: str
) -> bool:
    """Keep a CRM's closed deal as the conversation's outcome; False if a manager's mark stands."""
    conv = session.scalar(
        select(Conversation).where(
            Conversation.tenant_id == tenant, Conversation.id == conversation_id
        )
    )
    if conv is None:
        raise NotFoundError(f"no conversation {conversation_id!r} in tenant {tenant!r}")
    _ended(conv)
    row = session.get(OutcomeRow, (tenant, conv.id))
    if row is not None and row.source == "manager":
        return False
    if row is None:
        row = OutcomeRow(tenant_id=tenant, conversation_id=conv.id, site_id=conv.site_id)
        session.add(row)
    row.sold, row.source, row.remote_id = sold, vendor, remote_id
    row.set_by, row.set_at = f"crm:{vendor}", datetime.now(UTC)
    session.flush()
    return True


def of(session: Session, tenant: str, conversation_id: str) -> OutcomeRow | None:
    """The conversation's outcome, if any."""
    return session.get(OutcomeRow, (tenant, conversation_id))
