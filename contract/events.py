"""CloudEvents 1.0 envelopes (structured JSON mode) around the payloads.

`type` is `showfloor.<kind>.v1` and discriminates the union, so
`parse_event(raw)` gives the right class or raises `pydantic.ValidationError`.
`id` is the idempotency key from the hub's outbox all the way into the CRM: it is made once,
when the event is created, and never changes across retries.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

from contract.commands import ConfigReload, EnrollmentSync, ForgetSubject, Receipt
from contract.ids import SOURCE_PATTERN, HubAddress
from contract.payloads import (
    CoachingPrompt,
    CommandResult,
    ConversationEnded,
    ConversationStarted,
    HubStatus,
    ManagerAlert,
    Presence,
    PromptOutcome,
    TrafficSummary,
    Turn,
    TurnRevised,
)

#: Largest serialized event a hub may publish (the broker's message_size_limit is above it).
MAX_EVENT_BYTES = 64 * 1024


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid.uuid4())


class Envelope(BaseModel):
    """CloudEvents 1.0 context attributes shared by every event.

    Unknown attributes (a newer minor version's, or CloudEvents extensions) are dropped, as in
    `contract.payloads.Payload`.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=_new_id, min_length=1, max_length=64)
    source: str = Field(pattern=SOURCE_PATTERN, description="showfloor://TENANT/SITE/HUB")
    time: AwareDatetime = Field(default_factory=_now)
    subject: str | None = Field(default=None, description="Conversation or visit id.")
    datacontenttype: Literal["application/json"] = "application/json"

    @property
    def hub(self) -> HubAddress:
        """The hub that emitted this event (or that a command is for)."""
        return HubAddress.from_source(self.source)


class HubStatusEvent(Envelope):
    """Hub status (retained on `.../status`)."""

    type: Literal["showfloor.status.v1"] = "showfloor.status.v1"
    data: HubStatus


class ConversationStartedEvent(Envelope):
    """Conversation started."""

    type: Literal["showfloor.conversation.started.v1"] = "showfloor.conversation.started.v1"
    data: ConversationStarted


class TurnEvent(Envelope):
    """One speaker turn of a conversation."""

    type: Literal["showfloor.conversation.turn.v1"] = "showfloor.conversation.turn.v1"
    data: Turn


class TurnRevisedEvent(Envelope):
    """A turn's text revised after its conversation ended (contract 1.3)."""

    type: Literal["showfloor.conversation.turn_revised.v1"] = (
        "showfloor.conversation.turn_revised.v1"
    )
    data: TurnRevised


class ConversationEndedEvent(Envelope):
    """Conversation ended, with its metrics."""

    type: Literal["showfloor.conversation.ended.v1"] = "showfloor.conversation.ended.v1"
    data: ConversationEnded


class CoachingPromptEvent(Envelope):
    """A coaching prompt delivered."""

    type: Literal["showfloor.prompt.v1"] = "showfloor.prompt.v1"
    data: CoachingPrompt


class PromptOutcomeEvent(Envelope):
    """Whether a prompt was followed."""

    type: Literal["showfloor.prompt.outcome.v1"] = "showfloor.prompt.outcome.v1"
    data: PromptOutcome


class ManagerAlertEvent(Envelope):
    """A manager alert."""

    type: Literal["showfloor.alert.v1"] = "showfloor.alert.v1"
    data: ManagerAlert


class PresenceEvent(Envelope):
    """A presence change (zone enter/exit/dwell, waiting, greeted, engaged)."""

    type: Literal["showfloor.presence.v1"] = "showfloor.presence.v1"
    data: Presence


class TrafficSummaryEvent(Envelope):
    """Traffic of one zone over one interval."""

    type: Literal["showfloor.traffic.v1"] = "showfloor.traffic.v1"
    data: TrafficSummary


class CommandResultEvent(Envelope):
    """A hub's acknowledgement of a command."""

    type: Literal["showfloor.command.result.v1"] = "showfloor.command.result.v1"
    data: CommandResult


class ConfigReloadCommand(Envelope):
    """Cloud to hub: reload configuration."""

    type: Literal["showfloor.cmd.config_reload.v1"] = "showfloor.cmd.config_reload.v1"
    data: ConfigReload


class EnrollmentSyncCommand(Envelope):
    """Cloud to hub: the active staff."""

    type: Literal["showfloor.cmd.enrollment_sync.v1"] = "showfloor.cmd.enrollment_sync.v1"
    data: EnrollmentSync


class ForgetSubjectCommand(Envelope):
    """Cloud to hub: forget a conversation or visit."""

    type: Literal["showfloor.cmd.forget_subject.v1"] = "showfloor.cmd.forget_subject.v1"
    data: ForgetSubject


class ReceiptCommand(Envelope):
    """Cloud to hub: events committed in the cloud; the hub keeps them no longer."""

    type: Literal["showfloor.cmd.receipt.v1"] = "showfloor.cmd.receipt.v1"
    data: Receipt


HubEvent = Annotated[
    HubStatusEvent
    | ConversationStartedEvent
    | TurnEvent
    | ConversationEndedEvent
    | TurnRevisedEvent
    | CoachingPromptEvent
    | PromptOutcomeEvent
    | ManagerAlertEvent
    | PresenceEvent
    | TrafficSummaryEvent
    | CommandResultEvent,
    Field(discriminator="type"),
]
"""Any event a hub publishes."""

Command = Annotated[
    ConfigReloadCommand | EnrollmentSyncCommand | ForgetSubjectCommand | ReceiptCommand,
    Field(discriminator="type"),
]
"""Any command the cloud sends a hub."""

HUB_EVENTS: TypeAdapter[HubEvent] = TypeAdapter(HubEvent)
COMMANDS: TypeAdapter[Command] = TypeAdapter(Command)


def parse_event(raw: bytes | str) -> HubEvent:
    """Validate a hub event from JSON; raises `pydantic.ValidationError` with the reason."""
    return HUB_EVENTS.validate_json(raw)


def parse_command(raw: bytes | str) -> Command:
    """Validate a command from JSON; raises `pydantic.ValidationError` with the reason."""
    return COMMANDS.validate_json(raw)


def kind_of(event_type: str) -> str:
    """The topic kind of an event type: `showfloor.conversation.turn.v1` -> `conversation`."""
    parts = event_type.split(".")
    if len(parts) < 3 or parts[0] != "showfloor" or not parts[-1].startswith("v"):
        raise ValueError(f"not a showfloor event type: {event_type!r}")
    return parts[1]


_ENVELOPES: dict[type[BaseModel], type[Envelope]] = {
    HubStatus: HubStatusEvent,
    ConversationStarted: ConversationStartedEvent,
    Turn: TurnEvent,
    ConversationEnded: ConversationEndedEvent,
    TurnRevised: TurnRevisedEvent,
    CoachingPrompt: CoachingPromptEvent,
    PromptOutcome: PromptOutcomeEvent,
    ManagerAlert: ManagerAlertEvent,
    Presence: PresenceEvent,
    TrafficSummary: TrafficSummaryEvent,
    CommandResult: CommandResultEvent,
    ConfigReload: ConfigReloadCommand,
    EnrollmentSync: EnrollmentSyncCommand,
    ForgetSubject: ForgetSubjectCommand,
    Receipt: ReceiptCommand,
}


def _subject_of(data: BaseModel) -> str | None:
    for field in ("conversation_id", "visit_id", "subject"):
        value = getattr(data, field, None)
        if isinstance(value, str):
            return value
    return None


def envelope(hub: HubAddress, data: BaseModel, *, time: datetime | None = None) -> Envelope:
    """Wrap a payload in its envelope, with a new id; `subject` is its conversation or visit."""
    cls = _ENVELOPES.get(type(data))
    if cls is None:
        raise TypeError(f"{type(data).__name__} is not an event payload")
    return cls.model_validate(
        {
            "source": hub.source,
            "subject": _subject_of(data),
            "time": time or _now(),
            "data": data,
        }
    )
