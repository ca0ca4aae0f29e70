"""Consent in Spanish: the salesperson's phrase, an ask and its answer, and refusals."""

from __future__ import annotations

from edge.privacy.consent import ConsentPolicy
from edge.privacy.settings import PrivacySettings

CONV = "conv-0123456789abcdef"


def test_spanish_phrase_with_or_without_accents_records_consent() -> None:
    for text in ("¡Gracias por aceptar la grabación!", "gracias por aceptar la grabacion"):
        policy = ConsentPolicy(PrivacySettings())
        assert policy.heard(CONV, "salesperson", text)
        assert policy.state(CONV) == "granted"


def test_an_ask_answered_yes_by_the_customer_records_consent() -> None:
    policy = ConsentPolicy(PrivacySettings())
    assert not policy.heard(CONV, "salesperson", "¿Le molesta si grabo la conversación?")
    assert policy.heard(CONV, "customer", "Sí, está bien.")
    assert policy.state(CONV) == "granted"
    assert policy.text_allowed(CONV)


def test_a_yes_without_an_ask_or_a_later_yes_does_not_count() -> None:
    policy = ConsentPolicy(PrivacySettings())
    assert not policy.heard(CONV, "customer", "sí, está bien")  # nobody asked
    policy.heard(CONV, "salesperson", "¿Podemos grabar?")
    assert not policy.heard(CONV, "customer", "¿grabar qué?")
    assert not policy.heard(CONV, "customer", "sí")  # only the answer right after the ask
    assert policy.state(CONV) == "not_recorded"


def test_a_refusal_withdraws_consent_in_every_mode_and_stays() -> None:
    for mode in ("all_party", "one_party", "notice_only"):
        policy = ConsentPolicy(PrivacySettings.model_validate({"consent_mode": mode}))
        policy.heard(CONV, "salesperson", "¿le molesta si grabo?")
        policy.heard(CONV, "customer", "claro, adelante")
        assert not policy.heard(CONV, "customer", "Mejor no, no quiero que me graben.")
        assert policy.state(CONV) == "not_recorded"
        assert not policy.text_allowed(CONV)
        assert not policy.heard(CONV, "salesperson", "gracias por aceptar la grabación")
        assert not policy.record_consent(CONV, "badge")
        policy.forget(CONV)
        assert policy.state(CONV) != "granted"


def test_an_ask_answered_no_records_nothing() -> None:
    policy = ConsentPolicy(PrivacySettings())
    policy.heard(CONV, "salesperson", "¿te importa si grabamos?")
    assert not policy.heard(CONV, "customer", "prefiero que no, gracias")
    assert policy.state(CONV) == "not_recorded"
