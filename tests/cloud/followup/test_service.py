"""Drafts from stored conversations: facts, language, consent, opt-outs, compliance."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm.model import Vehicle
from cloud.errors import NotFoundError
from cloud.followup import service, unsubscribe
from cloud.followup.render import DraftError
from tests.cloud.followup.conftest import LINKS, converse, link, voice

ENGLISH = [
    ("salesperson", "Welcome in! What brings you here today?"),
    ("customer", "I'm looking at the 2024 RAV4 XLE, the hybrid."),
    ("salesperson", "Great choice. What are you driving now?"),
    ("customer", "My 2015 Honda Civic, I'd like to trade it in."),
    ("customer", "The price is a bit high. My budget is around 30k."),
    ("salesperson", "I understand. With your trade it comes to $31,200, or $449 a month at 3.9%."),
    ("customer", "Could you do 400 a month?"),
    ("salesperson", "Let me talk to my manager."),
    ("customer", "OK, I'll come back Saturday for a test drive."),
    ("salesperson", "Perfect, see you Saturday for the test drive."),
]
SPANISH = [
    ("salesperson", "¡Bienvenida! ¿En qué le puedo ayudar?"),
    ("customer", "Busco una Toyota Tacoma 2023, pero el precio me preocupa."),
    ("customer", "Mi Nissan Frontier 2016 lo quiero dar a cambio."),
    ("salesperson", "Entiendo. El precio es 38.900 dólares."),
    ("customer", "¿Puede ser 350 al mes?"),
    ("salesperson", "Sí, con 3.000 de enganche."),
    ("customer", "Muy bien, ¿me llama mañana?"),
    ("salesperson", "Claro, le llamo mañana."),
]


def _drafts(session: Session, conversation_id: str | None = None) -> service.Drafts:
    conv, found, person = service.linked(session, "acme", conversation_id)
    return service.drafts(session, LINKS, conv, found, person)


def test_an_english_conversation_becomes_an_email_and_a_text_with_its_facts(
    sessions: sessionmaker[Session],
) -> None:
    cid = converse(sessions, ENGLISH, objections=[("price", 4, True)])
    with sessions.begin() as session:
        link(session, cid)
        voice(session)
    with sessions() as session:
        got = _drafts(session)
    facts = got.facts
    assert facts.language == "en" and facts.salesperson == "Dana Reyes"
    assert facts.vehicle == Vehicle(year=2024, make="Toyota", model="RAV4", trim="XLE")
    assert facts.trade_in == Vehicle(year=2015, make="Honda", model="Civic")
    assert {(f.kind, f.value) for f in facts.figures} == {
        ("amount", "31200"),
        ("payment", "449"),
        ("rate", "3.9"),
    }
    assert facts.budget_mentioned
    assert (facts.next_step.kind, facts.next_step.when, facts.next_step.agreed) == (
        "test_drive",
        "saturday",
        True,
    )
    assert got.email is not None and got.sms is not None
    body = got.email.body
    assert got.email.subject == "Your Toyota RAV4 at Acme Toyota"
    assert body.startswith("Hi Ana,\n\n")
    assert "the 2024 Toyota RAV4 XLE" in body and "your 2015 Honda Civic as a trade-in" in body
    assert "a price of $31,200, $449 a month, at 3.9%" in body
    assert "30k" not in body and "400" not in body  # the customer's unconfirmed figures
    assert "I know the price matters, and I'm glad we could go through it together." in body
    assert "I look forward to your test drive on Saturday." in body
    assert body.rstrip().endswith(LINKS.url("acme", got.person.id))
    assert "Acme Toyota, 1 Example Road, Springfield, IL 62701" in body
    assert got.sms.startswith("Hi Ana, it's Dana Reyes at Acme Toyota.")
    assert got.sms.endswith("Reply STOP to opt out.")


def test_a_spanish_conversation_is_drafted_in_spanish(sessions: sessionmaker[Session]) -> None:
    cid = converse(sessions, SPANISH, language="es", objections=[("price", 1, True)])
    with sessions.begin() as session:
        link(session, cid)
        voice(session, tone="formal")
    with sessions() as session:
        got = _drafts(session)
    assert got.facts.language == "es"
    assert got.facts.vehicle == Vehicle(year=2023, make="Toyota", model="Tacoma")
    assert got.facts.trade_in == Vehicle(year=2016, make="Nissan", model="Frontier")
    assert got.email is not None and got.sms is not None
    assert got.email.subject == "Su Toyota Tacoma en Acme Toyota"
    assert got.email.body.startswith("Estimado/a Ana López:\n\n")
    assert "un precio de $38,900, $350 al mes" in got.email.body
    assert "Le llamaré mañana." in got.email.body
    assert (
        "Tengo anotado su 2016 Nissan Frontier como vehículo de intercambio" in got.email.body
        and "Atentamente," in got.email.body
    )
    assert "Darse de baja: https://showfloor.example/unsubscribe/" in got.email.body
    assert got.sms.endswith("Responda STOP para no recibir más mensajes.")


def test_a_template_that_writes_an_unconfirmed_figure_is_refused(
    sessions: sessionmaker[Session],
) -> None:
    cid = converse(sessions, ENGLISH)
    with sessions.begin() as session:
        link(session, cid)
        voice(session, templates={"en": {"sms": "Hi! {{ payment }} a month, or $0 down today!"}})
    with sessions() as session, pytest.raises(DraftError, match=r"\$0, which the salesperson"):
        _drafts(session)


def test_no_text_without_consent_and_none_after_an_opt_out(
    sessions: sessionmaker[Session],
) -> None:
    cid = converse(sessions, ENGLISH)
    with sessions.begin() as session:
        found = link(session, cid, ("crm", "email"))
        voice(session)
    with sessions() as session:
        got = _drafts(session)
    assert got.sms is None and got.sms_blocked == "the customer did not agree to be texted"
    assert got.email is not None
    with sessions.begin() as session:
        unsubscribe.record(session, "acme", found.person_id, "email", "link")
    with sessions() as session:
        got = _drafts(session)
    assert got.email is None and got.email_blocked == "the customer unsubscribed from e-mail"


def test_a_crm_only_consent_gets_no_drafts_and_the_site_needs_its_voice(
    sessions: sessionmaker[Session],
) -> None:
    cid = converse(sessions, ENGLISH)
    with sessions.begin() as session:
        link(session, cid, ("crm",), phone=None)
    with sessions() as session, pytest.raises(DraftError, match="postal address"):
        _drafts(session)
    with sessions.begin() as session:
        voice(session, sms_from=None)
    with sessions() as session:
        got = _drafts(session)
    assert (got.email, got.sms) == (None, None)
    assert got.email_blocked == "the customer did not agree to be e-mailed"
    assert got.sms_blocked == "the customer did not agree to be texted"


def test_live_and_unlinked_conversations_are_named(sessions: sessionmaker[Session]) -> None:
    live = converse(sessions, ENGLISH[:3], ended=False)
    with sessions() as session, pytest.raises(NotFoundError, match="run demo-seed"):
        service.linked(session, "acme", None)
    with sessions.begin() as session:
        link(session, live)
    with sessions() as session, pytest.raises(NotFoundError, match="has not ended"):
        service.linked(session, "acme", live)
    with sessions() as session, pytest.raises(NotFoundError, match="not linked"):
        service.linked(session, "acme", "conv-nope")
