"""Which hub events are showroom steps (pure; used by the ingest hook and by a new link).

The mapping, from what the hubs send:

- `greeted`: the conversation started (a salesperson engaged the customer), or a presence
  `greeted`/`engaged` event that names the conversation;
- `test_drive`: a customer turn labelled `test_drive`, or the end metrics' `test_drive` signal;
- `negotiation`: a turn or the end metrics at stage `negotiating` or `closing` (the write-up);
- `left`: the conversation ended because the customer left (`reason == "left"`).

Each step is sent once per conversation (the outbox dedupes by conversation and step), keyed
`<event id>:<step>` after the first event that showed it (one end event can show several).
"""

from __future__ import annotations

from typing import Any

from cloud.crm.model import Step

STARTED = "showfloor.conversation.started.v1"
TURN = "showfloor.conversation.turn.v1"
ENDED = "showfloor.conversation.ended.v1"
PRESENCE = "showfloor.presence.v1"
#: Event types that may carry a step or an activity of a conversation.
TYPES = frozenset({STARTED, TURN, ENDED, PRESENCE})
_NEGOTIATING = ("negotiating", "closing")


def steps_of(event_type: str, data: dict[str, Any]) -> list[Step]:
    """The steps one event shows (as stored: the payload as JSON), in showroom order."""
    found: list[Step] = []
    if event_type == STARTED:
        found.append("greeted")
    elif event_type == PRESENCE:
        if data.get("action") in ("greeted", "engaged") and data.get("conversation_id"):
            found.append("greeted")
    elif event_type == TURN:
        if any(hit.get("label") == "test_drive" for hit in data.get("labels") or []):
            found.append("test_drive")
        if data.get("stage") in _NEGOTIATING:
            found.append("negotiation")
    elif event_type == ENDED:
        metrics = data.get("metrics") or {}
        if "test_drive" in (metrics.get("signals") or []):
            found.append("test_drive")
        if metrics.get("stage") in _NEGOTIATING:
            found.append("negotiation")
        if data.get("reason") == "left":
            found.append("left")
    return found


def conversation_of(data: dict[str, Any]) -> str | None:
    """The conversation an event's payload names, if any."""
    value = data.get("conversation_id")
    return value if isinstance(value, str) else None
