"""Readers of one minor version and writers of the next: unknown fields dropped, never stored.

A rolling upgrade leaves a site's hubs (and the cloud) on neighbouring minor versions for a
while. What a newer writer adds must not make an older reader refuse the whole message.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from contract.events import envelope, parse_event
from contract.ids import HubAddress, new_subject
from contract.payloads import SiteBeacon, SiteReadings, SiteRssi, Turn, TurnRevised
from contract.topics import Topics

HUB = HubAddress.of("acme-motors", "downtown", "hub-1")


def _readings() -> SiteReadings:
    beacon = SiteBeacon(
        key="beacon-0123456789abcdef",
        kind="tag",
        rssi=-71.0,
        readings=[SiteRssi(age_s=0.2, rssi=-70)],
    )
    return SiteReadings(
        hub="hub-b", sent_at=datetime(2026, 11, 30, 9, tzinfo=UTC), beacons=[beacon]
    )


def test_site_readings_from_a_newer_hub_are_merged_without_its_new_fields() -> None:
    sent = json.loads(_readings().model_dump_json())
    sent["floor_plan_revision"] = 7  # fields a later minor version might add, at every level
    sent["beacons"][0]["battery_pct"] = 80
    sent["beacons"][0]["readings"][0]["channel"] = 37
    read = SiteReadings.model_validate_json(json.dumps(sent))
    assert read == _readings()
    assert "battery_pct" not in read.model_dump_json()


def test_an_event_from_a_newer_hub_is_stored_without_what_this_version_does_not_know() -> None:
    turn = Turn(
        conversation_id=new_subject("conv"),
        index=0,
        role="customer",
        speaker="customer-1",
        start_s=0.0,
        end_s=1.0,
        text="can we do a test drive",
    )
    raw = json.loads(envelope(HUB, turn).model_dump_json())
    raw["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    raw["data"]["customer_name"] = "would never be stored"
    event = parse_event(json.dumps(raw).encode())
    # What the cloud's writer stores is `event.data.model_dump(mode="json")`.
    assert "customer_name" not in event.data.model_dump(mode="json")
    assert "traceparent" not in event.model_dump(mode="json")
    assert event.data == turn


def test_known_fields_are_still_checked() -> None:
    sent = json.loads(_readings().model_dump_json()) | {"future": True}
    sent["beacons"][0]["rssi"] = "loud"
    with pytest.raises(ValidationError, match="rssi"):
        SiteReadings.model_validate_json(json.dumps(sent))


def test_a_turn_revision_of_contract_1_3_goes_on_the_conversation_topic_and_drops_extras() -> None:
    revised = TurnRevised(
        conversation_id=new_subject("conv"), index=3, revision=1, text="is the blue one on the lot"
    )
    raw = json.loads(envelope(HUB, revised).model_dump_json())
    assert raw["type"] == "showfloor.conversation.turn_revised.v1"
    assert raw["subject"] == revised.conversation_id
    assert Topics(HUB).for_type(raw["type"]) == Topics(HUB).event("conversation")
    raw["data"]["confidence"] = 0.93  # a field a later minor version might add
    event = parse_event(json.dumps(raw).encode())
    assert event.data == revised and "confidence" not in event.data.model_dump_json()
    with pytest.raises(ValidationError, match="revision"):
        TurnRevised.model_validate(revised.model_dump() | {"revision": 0})  # 0 is the turn's
