"""The privacy gate: what of a conversation's words may leave the hub, turn by turn."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from contract.ids import staff_pseudonym
from edge.errors import ConfigError
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings

KEY = "a-site-key-that-is-long-enough-0123"


def _gate(mode: str) -> PrivacyGate:
    return PrivacyGate(PrivacySettings(consent_mode=mode, site_key=SecretStr(KEY)))  # type: ignore[arg-type]


def test_all_party_without_consent_lets_no_text_out_until_the_phrase() -> None:
    gate = _gate("all_party")
    conversation = gate.open()
    assert conversation.startswith("conv-")
    assert gate.consent_state() == "not_recorded"
    assert gate.text("customer", "My number is 555 123 4567") == (None, 0)
    phrase = PrivacySettings().voice_phrases[0]
    text, _ = gate.text("salesperson", f"Great, {phrase}.")
    assert text is not None
    assert gate.consent_state() == "granted"
    assert gate.text("customer", "Call me at 555 123 4567") == ("Call me at [PHONE]", 1)


def test_one_party_sends_redacted_text_at_once() -> None:
    gate = _gate("one_party")
    gate.open()
    assert gate.consent_state() == "not_required"
    text, count = gate.text("customer", "my email is dana@example.com")
    assert text == "my email is [EMAIL]"
    assert count == 1


def test_speakers_are_keyed_staff_and_numbered_customers() -> None:
    gate = _gate("one_party")
    gate.open()
    assert gate.speaker("Sam Carter", "salesperson") == (
        "salesperson",
        staff_pseudonym(KEY.encode(), "Sam Carter"),
    )
    assert gate.speaker("customer_7", "customer") == ("customer", "customer-1")
    assert gate.speaker("customer_3", "customer") == ("customer", "customer-2")
    first = gate.open()
    assert gate.speaker("customer_3", "customer") == ("customer", "customer-1")
    assert gate.open() != first


def test_consent_does_not_outlive_its_conversation() -> None:
    gate = _gate("all_party")
    conversation = gate.open()
    gate.consent.record_consent(conversation, "kiosk")
    gate.close()
    gate.open()
    assert gate.consent_state() == "not_recorded"
    with pytest.raises(RuntimeError, match="no conversation is open"):
        gate.close()
        gate.text("customer", "hello")


def test_without_a_site_key_the_gate_refuses_to_start() -> None:
    with pytest.raises(ConfigError, match=r"privacy\.site_key"):
        PrivacyGate(PrivacySettings())
    assert PrivacyGate.ephemeral(PrivacySettings()).open().startswith("conv-")


@pytest.mark.parametrize(("redact_tails", "expected"), [(False, "406182"), (True, "[VIN]")])
def test_a_vin_tail_leaves_as_the_site_set_it(redact_tails: bool, expected: str) -> None:
    settings = PrivacySettings(
        consent_mode="one_party", site_key=SecretStr(KEY), redact_vin_tails=redact_tails
    )
    gate = PrivacyGate(settings)
    gate.open()
    text, _ = gate.text("customer", "the last six of the VIN are 406182")
    assert text == f"the last six of the VIN are {expected}"
