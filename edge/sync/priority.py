"""Which events the outbox drops first when it is over its disk budget.

Losing a traffic summary or a dwell update costs a manager little (the next one says much the
same); losing a conversation turn, a prompt, an alert or a command's acknowledgement loses
something no later event repeats. Within one priority the oldest goes first.
"""

from __future__ import annotations

from enum import IntEnum

from contract.events import Envelope, PresenceEvent


class Priority(IntEnum):
    """Lower numbers are dropped first."""

    LOW = 0
    NORMAL = 1
    HIGH = 2


_BY_TYPE: dict[str, Priority] = {
    "showfloor.traffic.v1": Priority.LOW,
    "showfloor.status.v1": Priority.LOW,
    "showfloor.presence.v1": Priority.NORMAL,
    "showfloor.prompt.outcome.v1": Priority.NORMAL,
    "showfloor.conversation.started.v1": Priority.HIGH,
    "showfloor.conversation.turn.v1": Priority.HIGH,
    "showfloor.conversation.ended.v1": Priority.HIGH,
    "showfloor.conversation.turn_revised.v1": Priority.HIGH,  # the text a turn keeps
    "showfloor.prompt.v1": Priority.HIGH,
    "showfloor.alert.v1": Priority.HIGH,
    "showfloor.command.result.v1": Priority.HIGH,
}


def priority_of(event: Envelope) -> Priority:
    """How much `event` matters when something has to go (presence dwell updates are low)."""
    if isinstance(event, PresenceEvent) and event.data.action == "dwell":
        return Priority.LOW
    return _BY_TYPE.get(getattr(event, "type", ""), Priority.NORMAL)
