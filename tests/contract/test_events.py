"""Envelopes: round trips, the discriminator, ids stable across re-serialisation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from contract.commands import ForgetSubject
from contract.events import (
    ConversationStartedEvent,
    ForgetSubjectCommand,
    TurnEvent,
    envelope,
    kind_of,
    parse_command,
    parse_event,
)
from contract.ids import HubAddress, new_subject
from contract.payloads import ConversationStarted, LabelHit, Objection, Sentiment, Turn

HUB = HubAddress.of("acme-motors", "downtown", "hub-1")


def _turn() -> Turn:
    return Turn(
        conversation_id=new_subject("conv"),
        index=3,
        role="customer",
        speaker="customer-1",
        start_s=12.0,
        end_s=15.5,
        text="That price is way too high for me.",
        words=7,
        sentiment=Sentiment(score=-0.4, label="negative", arousal=0.6),
        labels=[LabelHit(label=Objection.PRICE, confidence=0.91)],
    )


def test_an_event_round_trips_through_json_with_its_id() -> None:
    event = envelope(HUB, _turn())
    assert isinstance(event, TurnEvent)
    again = parse_event(event.model_dump_json())
    assert again == event
    assert again.id == event.id
    assert again.subject == event.data.conversation_id


def test_every_envelope_gets_a_fresh_id() -> None:
    data = _turn()
    assert envelope(HUB, data).id != envelope(HUB, data).id


def test_the_type_picks_the_payload_model() -> None:
    started = ConversationStarted(conversation_id=new_subject("conv"), consent="granted")
    raw = envelope(HUB, started).model_dump_json()
    assert isinstance(parse_event(raw), ConversationStartedEvent)
    tampered = raw.replace("showfloor.conversation.started.v1", "showfloor.conversation.turn.v1")
    with pytest.raises(ValidationError):
        parse_event(tampered)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"not json", "json_invalid"),
        (b'{"specversion": "1.0"}', "union_tag_not_found"),
        (b'{"type": "showfloor.nope.v1"}', "union_tag_invalid"),
    ],
)
def test_malformed_events_say_why(raw: bytes, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_event(raw)
    assert caught.value.errors()[0]["type"] == reason


def test_unknown_fields_are_dropped_and_naive_times_rejected() -> None:
    """A newer minor version's fields are not kept (`tests/contract/test_minor_versions.py`)."""
    event = envelope(HUB, _turn())
    extra = event.model_dump(mode="json") | {"extra": 1}
    assert TurnEvent.model_validate(extra) == event
    naive = event.model_dump(mode="json") | {"time": datetime(2026, 1, 1).isoformat()}
    with pytest.raises(ValidationError, match="timezone"):
        TurnEvent.model_validate(naive)


def test_a_customer_name_cannot_pass_for_a_speaker() -> None:
    with pytest.raises(ValidationError):
        Turn(
            conversation_id=new_subject("conv"),
            index=0,
            role="customer",
            speaker="John Smith",
            start_s=0,
            end_s=1,
        )


def test_commands_parse_separately_from_events() -> None:
    command = envelope(
        HUB, ForgetSubject(subject=new_subject("visit"), request_id="req-1"), time=datetime.now(UTC)
    )
    assert isinstance(parse_command(command.model_dump_json()), ForgetSubjectCommand)
    with pytest.raises(ValidationError):
        parse_event(command.model_dump_json())


def test_envelope_refuses_what_is_not_a_payload() -> None:
    with pytest.raises(TypeError, match="not an event payload"):
        envelope(HUB, HUB.__class__)  # type: ignore[arg-type]


def test_kind_of_an_event_type() -> None:
    assert kind_of("showfloor.conversation.turn.v1") == "conversation"
    with pytest.raises(ValueError, match="not a showfloor event type"):
        kind_of("com.example.thing")
