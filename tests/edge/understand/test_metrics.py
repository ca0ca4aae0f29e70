import pytest

from contract.payloads import Objection, Signal
from edge.understand.metrics import MetricsTracker, open_questions
from edge.understand.spanish import SpanishClassifier
from edge.understand.stage import JourneyTracker


def test_open_questions() -> None:
    assert open_questions("What brings you in? Do you like it? How far do you drive?") == 2
    assert open_questions("Is it blue?") == 0


def test_metrics_of_a_short_conversation() -> None:
    m = MetricsTracker(monologue_gap_s=2.0)
    m.add(0, "salesperson", 0.0, 10.0, "Welcome. What brings you in today?", [])
    m.add(1, "salesperson", 10.5, 20.0, "We have three trims.", [])
    m.add(2, "customer", 19.5, 24.0, "The price is too high for me", [Objection.PRICE])
    m.add(3, "salesperson", 25.0, 28.0, "I understand. What budget works?", [])
    m.add(4, "customer", 29.0, 31.0, "Can I drive it", [Signal.TEST_DRIVE])
    out = m.snapshot(0.1, -0.2, "evaluating")
    assert out.longest_monologue_s == 20.0
    assert out.open_questions == 2
    assert out.interruptions == 1  # the customer started before the salesperson finished
    assert out.talk_ratio is not None and 0.7 < out.talk_ratio < 0.9
    assert out.median_response_latency_s == 1.0
    assert [(o.objection, o.handled) for o in out.objections] == [(Objection.PRICE, True)]
    assert out.signals == [Signal.TEST_DRIVE]
    assert out.customer_words_per_minute is not None


def test_stage_only_moves_forward() -> None:
    journey = JourneyTracker()
    assert journey.update([Objection.PRICE], "too much")[0] == "negotiating"
    stage, urgency = journey.update([Signal.DELIVERY], "can I take it home today")
    assert stage == "closing" and urgency > 0.5
    assert journey.update([Signal.AVAILABILITY], "in blue?")[0] == "closing"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("¿Qué es lo más importante para usted en un carro?", 1),
        ("Bueno, ¿cómo lo va a usar? ¿Le gusta el rojo?", 1),  # the second is yes/no
        ("cuenteme que busca?", 1),  # ASR text without accents or ¿
        ("¿Le gusta?", 0),
    ],
)
def test_spanish_open_questions_are_counted(text: str, count: int) -> None:
    assert open_questions(text) == count


def test_spanish_turns_move_the_stage_and_urgency() -> None:
    text = "¿me lo pueden entregar hoy mismo?"
    labels = [h.label for h in SpanishClassifier()(text) if isinstance(h.label, Objection | Signal)]
    assert labels == [Signal.DELIVERY]
    without_soon = JourneyTracker().update(labels, "¿me lo pueden entregar?")
    stage, urgency = JourneyTracker().update(labels, text)
    assert stage == "closing"
    assert urgency > without_soon[1]  # "hoy mismo" raises it


@pytest.mark.parametrize(("reply", "handled"), [("Entiendo, déjeme ver.", True), ("Ok.", False)])
def test_a_spanish_acknowledgement_handles_an_objection(reply: str, handled: bool) -> None:
    tracker = MetricsTracker()
    tracker.add(0, "customer", 0.0, 2.0, "está muy caro", [Objection.PRICE])
    tracker.add(1, "salesperson", 2.5, 5.0, reply, [])
    (follow_up,) = tracker.snapshot(None, None, None).objections
    assert follow_up.handled is handled
