"""Erase a subject (a conversation or a visit) from the store: GDPR/CCPA deletion.

Forgetting is remembered: the forget command's audit row names the subject, ingest drops any
event of it that arrives later (the broker may still hold some), and the hub's
acknowledgement erases once more whatever a batch committed while the first erase ran.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, or_, select, true, update
from sqlalchemy.orm import Session

from cloud.crm.forget import forget_conversation
from cloud.store.events import CommandAudit, Event
from cloud.store.practice import PracticeAttemptRow
from cloud.store.projections import (
    AlertRow,
    Conversation,
    ObjectionRow,
    PresenceRow,
    PromptRow,
    TurnRow,
)
from cloud.store.score import OutcomeRow

FORGET = "forget_subject"


def erase(session: Session, tenant: str, subject: str, site: str | None = None) -> int:
    """Delete the subject's events and projection rows of `tenant` (of one `site` if given).

    Turns have no site of their own: they go with a conversation of the site, and turns of a
    conversation of another site are never stored (`cloud.ingest.project`). A conversation
    linked to a person forgets that person in the CRMs too (`cloud.crm.forget`).
    """
    removed = 0
    conversations = select(Conversation.id).where(
        Conversation.tenant_id == tenant, Conversation.id == subject
    )
    if site is not None:
        conversations = conversations.where(Conversation.site_id == site)
    in_site = [
        model.site_id == site if site is not None else model.tenant_id == tenant
        for model in (Event, ObjectionRow, PromptRow, AlertRow, PresenceRow, Conversation)
    ]
    event, objection, prompt, alert, presence, conversation = in_site
    statements = [
        delete(Event).where(Event.tenant_id == tenant, Event.subject == subject, event),
        delete(TurnRow).where(
            TurnRow.tenant_id == tenant, TurnRow.conversation_id.in_(conversations)
        ),
        delete(ObjectionRow).where(
            ObjectionRow.tenant_id == tenant, ObjectionRow.conversation_id == subject, objection
        ),
        delete(PromptRow).where(
            PromptRow.tenant_id == tenant, PromptRow.conversation_id == subject, prompt
        ),
        delete(AlertRow).where(
            AlertRow.tenant_id == tenant, AlertRow.conversation_id == subject, alert
        ),
        delete(PresenceRow).where(
            PresenceRow.tenant_id == tenant,
            or_(PresenceRow.conversation_id == subject, PresenceRow.visit_id == subject),
            presence,
        ),
        delete(OutcomeRow).where(
            OutcomeRow.tenant_id == tenant,
            OutcomeRow.conversation_id.in_(conversations),
        ),
        delete(Conversation).where(
            Conversation.tenant_id == tenant, Conversation.id == subject, conversation
        ),
        # a practice answer keeps its grade; the customer's words from that conversation go
        update(PracticeAttemptRow)
        .where(
            PracticeAttemptRow.tenant_id == tenant,
            PracticeAttemptRow.line_conversation == subject,
            PracticeAttemptRow.site_id == site if site is not None else true(),
        )
        .values(line="", line_conversation=None),
    ]
    for statement in statements:
        removed += getattr(session.execute(statement), "rowcount", 0) or 0
    return removed + forget_conversation(session, tenant, subject, site)


def forgotten(session: Session, tenant: str, subjects: Iterable[str]) -> set[str]:
    """Those of `subjects` a forget command of `tenant` named."""
    wanted = sorted(set(subjects))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        rows = session.scalars(
            select(CommandAudit.subject).where(
                CommandAudit.tenant_id == tenant,
                CommandAudit.subject.in_(wanted[start : start + 500]),
                CommandAudit.command == FORGET,
            )
        )
        found.update(subject for subject in rows if subject is not None)
    return found
