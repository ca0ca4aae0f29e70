from contract.payloads import Objection, Signal
from edge.understand.metrics import MetricsTracker, open_questions
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
