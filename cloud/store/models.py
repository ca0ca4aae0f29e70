"""Every table, imported in one place (Alembic's target metadata)."""

from __future__ import annotations

from cloud.store.audit import AuditEntry
from cloud.store.base import Base
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow, RemoteIdRow
from cloud.store.events import CommandAudit, DeadLetter, Event, Rejection
from cloud.store.followup import FollowupMessageRow, FollowupVoiceRow, OptOutRow
from cloud.store.practice import PracticeAttemptRow
from cloud.store.projections import (
    AlertRow,
    Conversation,
    ObjectionRow,
    PresenceRow,
    PromptRow,
    TrafficRow,
    TurnRow,
)
from cloud.store.push import PushSent, PushSubscription
from cloud.store.score import OutcomeRow, ScoreModelRow
from cloud.store.tenancy import ApiToken, Hub, Site, Staff, Tenant, User

__all__ = [
    "AlertRow",
    "ApiToken",
    "AuditEntry",
    "Base",
    "CommandAudit",
    "Conversation",
    "CrmConfigRow",
    "DeadLetter",
    "Event",
    "FollowupMessageRow",
    "FollowupVoiceRow",
    "Hub",
    "LinkRow",
    "ObjectionRow",
    "OptOutRow",
    "OutboxRow",
    "OutcomeRow",
    "PersonRow",
    "PracticeAttemptRow",
    "PresenceRow",
    "PromptRow",
    "PushSent",
    "PushSubscription",
    "Rejection",
    "RemoteIdRow",
    "ScoreModelRow",
    "Site",
    "Staff",
    "Tenant",
    "TrafficRow",
    "TurnRow",
    "User",
]
