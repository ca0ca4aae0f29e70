"""Summaries sent onwards in the dealer's language: every renderer, in English and Spanish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from cloud.crm import activity_text
from cloud.crm.activity import summary
from cloud.crm.model import Activity, ObjectionSummary, Owner, Vehicle
from cloud.crm.vendors.adf.comments import comments
from cloud.crm.vendors.hubspot.calls import call_body
from cloud.crm.wording import ENGLISH, SPANISH, summary_language, wording

T0 = datetime(2026, 11, 29, 14, 5, tzinfo=UTC)


def conversation(language: str, **changes: object) -> Activity:
    """A 12-minute conversation with two objections, a signal, vehicles and a stage.

    Its summary is the one `summary` writes, unless `changes` give one.
    """
    fields: dict[str, object] = {
        "conversation_id": "conv-1",
        "site_id": "site-1",
        "owner": Owner(name="Sam Seller"),
        "started_at": T0,
        "ended_at": T0 + timedelta(minutes=12),
        "duration_s": 720.0,
        "objections": (
            ObjectionSummary(objection="price", handled=True),
            ObjectionSummary(objection="trade_in", handled=False),
        ),
        "signals": ("test_drive",),
        "sentiment_start": -0.2,
        "sentiment_end": 0.5,
        "stage": "negotiating",
        "next_step": wording(language).next_steps["negotiating"],
        "vehicle": Vehicle(year=2025, make="Toyota", model="RAV4"),
        "trade_in": Vehicle(make="Honda"),
        "summary": "",
        "language": language,
    }
    activity = Activity.model_validate(fields | changes)
    if activity.summary:
        return activity
    return activity.model_copy(update={"summary": summary(activity)})


def test_the_summary_is_written_in_spanish_for_a_spanish_dealer() -> None:
    assert summary(conversation("es")) == (
        "Conversación en el showroom, 12 min. "
        "Objeciones: precio (atendida), valor del vehículo a cuenta (no atendida). "
        "Señales de compra: prueba de manejo. Sentimiento -0.20 → +0.50. "
        "Etapa: negociando. Siguiente paso: Enviar la oferta por escrito."
    )


def test_english_dealers_keep_the_english_summary() -> None:
    assert summary(conversation("en")) == (
        "Showroom conversation, 12 min. "
        "Objections: price (handled), trade_in (not handled). "
        "Buying signals: test_drive. Sentiment -0.20 → +0.50. "
        "Stage: negotiating. Next step: Send the written offer."
    )


def test_salesforce_and_dynamics_text_is_spanish() -> None:
    activity = conversation("es")
    assert activity_text.subject(activity) == "Visita al showroom 2026-11-29 14:05 UTC (12 min)"
    lines = activity_text.description(activity).splitlines()
    assert lines[0] == activity.summary
    assert lines[1:] == [
        "Objeciones: precio (atendida); valor del vehículo a cuenta (no atendida)",
        "Señales de compra: prueba de manejo",
        "Sentimiento: -0.20 -> +0.50",
        "Etapa alcanzada: negociando",
        "Vehículo de interés: 2025 Toyota RAV4",
        "Vehículo a cuenta: Honda",
        "Siguiente paso: Enviar la oferta por escrito",
        "Vendedor: Sam Seller",
        "Conversación de Showfloor conv-1",
    ]


def test_the_hubspot_call_body_is_spanish_and_escaped() -> None:
    body = call_body(conversation("es", summary="Quiere el híbrido <SUV> & más."))
    assert body.startswith("<p>Quiere el híbrido &lt;SUV&gt; &amp; más.</p>")
    for line in (
        "Vendedor: Sam Seller",
        "Duración: 12 min",
        "Objeción: precio (atendida)",
        "Objeción: valor del vehículo a cuenta (pendiente)",
        "Señales de compra: prueba de manejo",
        "Sentimiento: -0.2 -&gt; +0.5",
        "Etapa: negociando",
    ):
        assert f"<p>{line}</p>" in body
    assert "handled" not in body and "Objection" not in body


def test_adf_comments_are_spanish_with_the_step_and_trend() -> None:
    text = comments(conversation("es", stage="test_drive", vehicle=None))
    assert text.splitlines() == [
        "Conversación en el showroom 2026-11-29 14:05-14:17 (12 min) con Sam Seller.",
        "Paso más avanzado: prueba de manejo.",
        f"Resumen: {conversation('es', stage='test_drive', vehicle=None).summary}",
        "Objeciones: precio (atendida); valor del vehículo a cuenta (no atendida).",
        "Señales de compra: prueba de manejo.",
        "Sentimiento: -0.20 → +0.50 (mejoró).",
        "Siguiente paso: Enviar la oferta por escrito",
        "Vehículo de interés: no se nombró en la conversación.",
    ]


def test_free_text_labels_are_sent_as_they_are() -> None:
    assert SPANISH.label("asked about financing") == "asked about financing"
    assert ENGLISH.label("price") == "price"
    assert SPANISH.step_name("closing") == "cierre"  # a stage where a step was expected


def test_every_phrase_table_names_the_same_ids() -> None:
    assert SPANISH.next_steps.keys() == ENGLISH.next_steps.keys()
    assert SPANISH.sentiment_trend.keys() == ENGLISH.sentiment_trend.keys()


def test_a_language_without_wording_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"'fr' \(one of: en, es\)"):
        summary_language("fr")
    with pytest.raises(ValueError, match="one of: en, es"):
        wording("EN")
    with pytest.raises(ValidationError):
        Activity.model_validate(conversation("en").model_dump() | {"language": "fr"})
