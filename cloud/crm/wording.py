"""The words of the summaries sent onwards (CRM activities, ADF comments), per dealer language.

An admin sets the language of a site's CRM settings (`crm_settings.language`, `en` or `es`);
every renderer of an activity takes its fixed phrases and the names of objections, signals,
stages and steps from here. Numbers and dates are written the same in both (`2026-11-29 14:05`,
`12 min`, `+0.50`), so no phrase needs a plural or a localised date. An id this table does not
know (a free-text signal, say) is sent as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SummaryLanguage = Literal["en", "es"]
SUMMARY_LANGUAGES: tuple[SummaryLanguage, ...] = ("en", "es")
LANGUAGE_NAMES: dict[SummaryLanguage, str] = {"en": "English", "es": "Español"}


@dataclass(frozen=True)
class Wording:
    """Every fixed phrase of a summary in one language (`{...}` are `str.format` fields)."""

    conversation: str  # {minutes}
    visit_subject: str  # {when} {minutes}
    call_title: str  # {site}
    adf_when: str  # {day} {start} {end} {minutes}
    adf_with: str  # {name}
    handled: str
    not_handled: str
    open: str
    objections: str
    objection: str
    signals: str
    sentiment: str
    sentiment_trend: dict[str, str]
    stage: str
    stage_reached: str
    furthest_step: str
    next_step: str
    vehicle: str
    trade_in: str
    vehicle_unknown: str
    vehicle_not_named: str
    salesperson: str
    duration: str
    summary: str
    reference: str  # {conversation_id}
    labels: dict[str, str] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    next_steps: dict[str, str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        """An objection or signal id in this language (unknown text as it is)."""
        return self.labels.get(name, name)

    def stage_name(self, stage: str) -> str:
        """A journey stage in this language."""
        return self.stages.get(stage, stage)

    def step_name(self, step: str) -> str:
        """A showroom step (or, failing that, a journey stage) in this language."""
        return self.steps.get(step) or self.stage_name(step)

    def handled_word(self, handled: bool) -> str:
        """`handled` / `not handled` in this language."""
        return self.handled if handled else self.not_handled


ENGLISH = Wording(
    conversation="Showroom conversation, {minutes} min.",
    visit_subject="Showroom visit {when} ({minutes} min)",
    call_title="Showroom conversation ({site})",
    adf_when="Showroom conversation {day} {start}-{end} ({minutes} min)",
    adf_with=" with {name}",
    handled="handled",
    not_handled="not handled",
    open="open",
    objections="Objections",
    objection="Objection",
    signals="Buying signals",
    sentiment="Sentiment",
    sentiment_trend={"up": "warmer", "down": "cooler", "same": "unchanged"},
    stage="Stage",
    stage_reached="Stage reached",
    furthest_step="Furthest step",
    next_step="Next step",
    vehicle="Vehicle of interest",
    trade_in="Trade-in",
    vehicle_unknown="unknown",
    vehicle_not_named="Vehicle of interest: not named in the conversation.",
    salesperson="Salesperson",
    duration="Duration",
    summary="Summary",
    reference="Showfloor conversation {conversation_id}",
    steps={"negotiation": "negotiation / write-up", "test_drive": "test drive"},
    next_steps={
        "browsing": "Follow up with the information asked for",
        "evaluating": "Offer a test drive",
        "negotiating": "Send the written offer",
        "closing": "Complete the paperwork",
    },
)

SPANISH = Wording(
    conversation="Conversación en el showroom, {minutes} min.",
    visit_subject="Visita al showroom {when} ({minutes} min)",
    call_title="Conversación en el showroom ({site})",
    adf_when="Conversación en el showroom {day} {start}-{end} ({minutes} min)",
    adf_with=" con {name}",
    handled="atendida",
    not_handled="no atendida",
    open="pendiente",
    objections="Objeciones",
    objection="Objeción",
    signals="Señales de compra",
    sentiment="Sentimiento",
    sentiment_trend={"up": "mejoró", "down": "empeoró", "same": "sin cambios"},
    stage="Etapa",
    stage_reached="Etapa alcanzada",
    furthest_step="Paso más avanzado",
    next_step="Siguiente paso",
    vehicle="Vehículo de interés",
    trade_in="Vehículo a cuenta",
    vehicle_unknown="desconocido",
    vehicle_not_named="Vehículo de interés: no se nombró en la conversación.",
    salesperson="Vendedor",
    duration="Duración",
    summary="Resumen",
    reference="Conversación de Showfloor {conversation_id}",
    labels={
        "price": "precio",
        "monthly_payment": "pago mensual",
        "financing": "financiamiento",
        "trade_in": "valor del vehículo a cuenta",
        "think_it_over": "quiere pensarlo",
        "competitor": "competencia",
        "timing": "no es el momento",
        "vehicle_fit": "el vehículo no le conviene",
        "trust": "confianza",
        "test_drive": "prueba de manejo",
        "availability": "disponibilidad",
        "payment_question": "preguntó por los pagos",
        "what_would_it_take": "qué haría falta para cerrar",
        "delivery": "entrega",
    },
    stages={
        "browsing": "explorando",
        "evaluating": "evaluando",
        "negotiating": "negociando",
        "closing": "cierre",
    },
    steps={
        "greeted": "recibido",
        "test_drive": "prueba de manejo",
        "negotiation": "negociación / cotización",
        "left": "se retiró",
    },
    next_steps={
        "browsing": "Dar seguimiento con la información solicitada",
        "evaluating": "Ofrecer una prueba de manejo",
        "negotiating": "Enviar la oferta por escrito",
        "closing": "Completar los trámites",
    },
)

_WORDING: dict[str, Wording] = {"en": ENGLISH, "es": SPANISH}


def summary_language(code: str) -> SummaryLanguage:
    """`code` as a summary language.

    Raises:
        ValueError: `code` is not one of `SUMMARY_LANGUAGES` (names them).
    """
    for known in SUMMARY_LANGUAGES:
        if code == known:
            return known
    raise ValueError(f"no summary wording in {code!r} (one of: {', '.join(SUMMARY_LANGUAGES)})")


def wording(language: str) -> Wording:
    """The phrases of `language`.

    Raises:
        ValueError: `language` is not one of `SUMMARY_LANGUAGES` (names them).
    """
    return _WORDING[summary_language(language)]


def trend(start: float, end: float) -> str:
    """`up`, `down` or `same`: how sentiment moved (by more than 0.05)."""
    change = end - start
    return "up" if change > 0.05 else "down" if change < -0.05 else "same"
