"""Where the customer is in the buying journey, and how urgent they sound.

The stage only moves forward within a conversation (browsing -> evaluating -> negotiating ->
closing): a customer who asked "when can I pick it up" is closing even if they then ask about
the colour. Urgency in [0, 1] rises with closing signals and time words ("today", "now", and in
Spanish "hoy", "ahorita", "esta semana"...).
"""

from __future__ import annotations

import re

from contract.payloads import Objection, Signal, Stage

_STAGES: tuple[Stage, ...] = ("browsing", "evaluating", "negotiating", "closing")
STAGE_OF: dict[Objection | Signal, Stage] = {
    Objection.TIMING: "browsing",
    Objection.VEHICLE_FIT: "evaluating",
    Objection.COMPETITOR: "evaluating",
    Signal.TEST_DRIVE: "evaluating",
    Signal.AVAILABILITY: "evaluating",
    Objection.PRICE: "negotiating",
    Objection.MONTHLY_PAYMENT: "negotiating",
    Objection.FINANCING: "negotiating",
    Objection.TRADE_IN: "negotiating",
    Objection.TRUST: "negotiating",
    Objection.THINK_IT_OVER: "negotiating",
    Signal.PAYMENT_QUESTION: "negotiating",
    Signal.WHAT_WOULD_IT_TAKE: "closing",
    Signal.DELIVERY: "closing",
}
_URGENCY_OF: dict[Objection | Signal, float] = {
    Signal.DELIVERY: 0.8,
    Signal.WHAT_WOULD_IT_TAKE: 0.7,
    Signal.TEST_DRIVE: 0.5,
    Signal.PAYMENT_QUESTION: 0.5,
    Signal.AVAILABILITY: 0.4,
    Objection.TIMING: 0.1,
    Objection.THINK_IT_OVER: 0.2,
}
_SOON = re.compile(
    r"\b(?:today|tonight|right now|now|this (?:week|weekend|afternoon)|asap|tomorrow|"
    r"hoy(?: mismo)?|ahora(?: mismo)?|ahorita|ya mismo|esta (?:semana|tarde|noche)|"
    r"este fin de semana|ma[nñ]ana|cuanto antes|lo antes posible)\b",
    re.IGNORECASE,
)


class JourneyTracker:
    """The stage and urgency of one conversation (pure; `reset` between conversations)."""

    def __init__(self) -> None:
        self.stage: Stage = "browsing"
        self.urgency = 0.2

    def reset(self) -> None:
        """Back to browsing, low urgency."""
        self.stage = "browsing"
        self.urgency = 0.2

    def update(self, labels: list[Objection | Signal], text: str) -> tuple[Stage, float]:
        """Take one customer turn's labels and text; the stage and urgency after it."""
        for label in labels:
            stage = STAGE_OF[label]
            if _STAGES.index(stage) > _STAGES.index(self.stage):
                self.stage = stage
        turn_urgency = max((_URGENCY_OF.get(label, 0.3) for label in labels), default=None)
        if _SOON.search(text):
            turn_urgency = min(1.0, (turn_urgency or 0.3) + 0.2)
        if turn_urgency is not None:
            self.urgency = round(0.5 * self.urgency + 0.5 * turn_urgency, 3)
        return self.stage, self.urgency
