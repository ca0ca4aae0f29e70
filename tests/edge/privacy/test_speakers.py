"""Wire speakers: keyed staff pseudonyms, per-conversation customer labels."""

from __future__ import annotations

import re

import pytest
from pydantic import SecretStr

from contract.ids import CUSTOMER_PATTERN, STAFF_PATTERN, SUBJECT_PATTERN, staff_pseudonym
from edge.errors import ConfigError
from edge.privacy.speakers import SpeakerPseudonymizer

KEY = "k" * 32


def test_a_salesperson_becomes_the_keyed_pseudonym() -> None:
    speakers = SpeakerPseudonymizer(SecretStr(KEY)).conversation()
    role, speaker = speakers.wire("Dana Reyes", "salesperson")
    assert role == "salesperson"
    assert re.match(STAFF_PATTERN, speaker)
    assert speaker == staff_pseudonym(KEY.encode(), "Dana Reyes")
    assert "dana" not in speaker.lower()


def test_another_site_key_gives_another_pseudonym() -> None:
    one = SpeakerPseudonymizer(SecretStr(KEY)).staff("Dana Reyes")
    other = SpeakerPseudonymizer(SecretStr("x" * 32)).staff("Dana Reyes")
    assert one != other


def test_customers_are_numbered_per_conversation_in_order_of_speaking() -> None:
    pseudonymizer = SpeakerPseudonymizer(SecretStr(KEY))
    first = pseudonymizer.conversation()
    assert first.wire("customer_7", "customer") == ("customer", "customer-1")
    assert first.wire("customer_3", "customer") == ("customer", "customer-2")
    assert first.wire("customer_7", "customer") == ("customer", "customer-1")
    second = pseudonymizer.conversation()
    assert second.wire("customer_3", "customer") == ("customer", "customer-1")
    assert re.match(SUBJECT_PATTERN, first.conversation_id)
    assert first.conversation_id != second.conversation_id
    assert re.match(CUSTOMER_PATTERN, "customer-1")


def test_an_unknown_role_is_unknown() -> None:
    speakers = SpeakerPseudonymizer(SecretStr(KEY)).conversation("conv-0123456789abcdef")
    assert speakers.wire("speaker_2", "unknown") == ("unknown", "unknown")
    assert speakers.conversation_id == "conv-0123456789abcdef"


def test_no_site_key_is_a_config_error_naming_the_key() -> None:
    with pytest.raises(ConfigError, match=r"privacy\.site_key"):
        SpeakerPseudonymizer(None)
