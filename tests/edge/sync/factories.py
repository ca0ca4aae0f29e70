"""Payloads of every kind for the sync tests, small and valid."""

from __future__ import annotations

from datetime import UTC, datetime

from contract.ids import HubAddress, new_subject
from contract.payloads import (
    CoachingPrompt,
    CommandResult,
    ConversationEnded,
    ConversationMetrics,
    ConversationStarted,
    HubStatus,
    ManagerAlert,
    Payload,
    Presence,
    PromptOutcome,
    TrafficSummary,
    Turn,
    TurnRevised,
)

HUB = HubAddress.of("acme-motors", "downtown", "hub-1")
OTHER_HUB = HubAddress.of("acme-motors", "uptown", "hub-2")


def turn(conversation_id: str, index: int, text: str = "How much is the hybrid?") -> Turn:
    """One customer turn."""
    return Turn(
        conversation_id=conversation_id,
        index=index,
        role="customer",
        speaker="customer-1",
        start_s=float(index),
        end_s=float(index) + 0.5,
        text=text,
        words=len(text.split()),
    )


def traffic(zone: str = "entrance") -> TrafficSummary:
    """A traffic summary (low priority)."""
    return TrafficSummary(
        zone=zone,
        interval_start=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        interval_s=300,
        visitors=4,
        devices=9,
        staff_present=2,
    )


def every_payload() -> list[Payload]:
    """One payload of every event kind a hub publishes."""
    conv, visit = new_subject("conv"), new_subject("visit")
    return [
        HubStatus(state="online", version="0.1.0"),
        ConversationStarted(conversation_id=conv, consent="granted", visit_id=visit),
        turn(conv, 0),
        ConversationEnded(conversation_id=conv, metrics=ConversationMetrics(duration_s=42.0)),
        TurnRevised(conversation_id=conv, index=0, revision=1, text="can we do a test drive"),
        CoachingPrompt(
            prompt_id="p-1",
            conversation_id=conv,
            rule="price",
            kind="objection",
            text="Ask about their budget.",
        ),
        PromptOutcome(prompt_id="p-1", conversation_id=conv, followed=True),
        ManagerAlert(alert_id="a-1", severity="warning", rule="waiting", message="Nobody greeted"),
        Presence(action="dwell", zone="suv-row", visit_id=visit, dwell_s=30.0),
        traffic(),
        CommandResult(command_id="c-1", command="config_reload", ok=True),
    ]
