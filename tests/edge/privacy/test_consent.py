"""Consent modes, and consent recorded by badge, kiosk or the salesperson's phrase."""

from __future__ import annotations

import pytest

from edge.errors import ConfigError
from edge.privacy.consent import ConsentPolicy
from edge.privacy.settings import PrivacySettings

CONV = "conv-0123456789abcdef"


def test_all_party_without_consent_sends_metrics_only() -> None:
    policy = ConsentPolicy(PrivacySettings(consent_mode="all_party"))
    assert policy.state(CONV) == "not_recorded"
    assert not policy.text_allowed(CONV)


@pytest.mark.parametrize(
    ("mode", "state"), [("one_party", "not_required"), ("notice_only", "notice_given")]
)
def test_other_modes_allow_text_without_recorded_consent(mode: str, state: str) -> None:
    policy = ConsentPolicy(PrivacySettings.model_validate({"consent_mode": mode}))
    assert policy.state(CONV) == state
    assert policy.text_allowed(CONV)


@pytest.mark.parametrize("source", ["badge", "kiosk"])
def test_badge_or_kiosk_consent_allows_text_for_that_conversation_only(source: str) -> None:
    policy = ConsentPolicy(PrivacySettings())
    assert policy.record_consent(CONV, source)  # type: ignore[arg-type]
    assert policy.state(CONV) == "granted"
    assert policy.text_allowed(CONV)
    assert not policy.text_allowed("conv-fedcba9876543210")


def test_salesperson_phrase_records_consent() -> None:
    policy = ConsentPolicy(PrivacySettings())
    assert policy.heard(CONV, "salesperson", "Great, thanks for agreeing to the recording!")
    assert policy.state(CONV) == "granted"


def test_the_phrase_from_a_customer_or_in_other_words_does_not_count() -> None:
    policy = ConsentPolicy(PrivacySettings())
    assert not policy.heard(CONV, "customer", "thanks for agreeing to the recording")
    assert not policy.heard(CONV, "salesperson", "thanks for agreeing to the test drive")
    assert policy.state(CONV) == "not_recorded"


def test_a_source_not_enabled_for_the_site_records_nothing() -> None:
    policy = ConsentPolicy(PrivacySettings(consent_sources=("kiosk",)))
    assert not policy.record_consent(CONV, "badge")
    assert not policy.heard(CONV, "salesperson", "thanks for agreeing to the recording")
    assert policy.state(CONV) == "not_recorded"


def test_an_unknown_source_is_refused_by_name() -> None:
    policy = ConsentPolicy(PrivacySettings())
    with pytest.raises(ConfigError, match="'sms'"):
        policy.record_consent(CONV, "sms")  # type: ignore[arg-type]


def test_forget_drops_the_consent() -> None:
    policy = ConsentPolicy(PrivacySettings())
    policy.record_consent(CONV, "badge")
    policy.forget(CONV)
    assert policy.state(CONV) == "not_recorded"
