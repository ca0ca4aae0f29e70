"""Sort one MQTT message: a valid event from a registered hub, a dead letter, or a rejection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from contract import topics
from contract.events import MAX_EVENT_BYTES, HubEvent, kind_of, parse_event
from contract.ids import HubAddress


@dataclass(frozen=True, slots=True)
class Message:
    """An MQTT message as received; `mid`/`qos` are acknowledged after the batch commits."""

    topic: str
    payload: bytes
    received_at: datetime
    mid: int = 0
    qos: int = 0


@dataclass(frozen=True, slots=True)
class Accepted:
    """A valid event of a registered hub."""

    event: HubEvent
    hub: HubAddress


@dataclass(frozen=True, slots=True)
class Dead:
    """Malformed or unknown: kept with the reason (and receipted, when its hub is known)."""

    reason: str
    hub: HubAddress | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """Refused because of who sent it; only counted."""

    topic_hub: str
    reason: str


@dataclass(frozen=True, slots=True)
class Ignored:
    """Not an event for the store (our own commands, a cleared retained status)."""


Verdict = Accepted | Dead | Rejected | Ignored


def _validation_reason(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "event"
    more = f" (+{err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"invalid event: {where}: {first['msg']}{more}"


def check(message: Message, registered: set[HubAddress]) -> Verdict:
    """What to do with `message`, given the registered hubs."""
    try:
        parsed = topics.parse(message.topic)
    except ValueError as err:
        return Dead(f"bad topic: {err}")
    if parsed.kind == "cmd" or not message.payload:
        return Ignored()
    hub = parsed.hub
    if hub not in registered:
        return Rejected(hub.source, "unknown hub")
    if len(message.payload) > MAX_EVENT_BYTES:
        return Dead(f"event of {len(message.payload)} bytes is over {MAX_EVENT_BYTES}", hub)
    try:
        event = parse_event(message.payload)
    except ValidationError as err:
        return Dead(_validation_reason(err), hub)
    try:
        source = event.hub
    except ValueError as err:
        return Dead(f"invalid event: source: {err}", hub)
    if source != parsed.hub:
        return Rejected(parsed.hub.source, "envelope source differs from the topic's hub")
    if kind_of(event.type) != parsed.kind:
        return Dead(f"event type {event.type} published on the {parsed.kind!r} topic", hub)
    return Accepted(event, parsed.hub)
