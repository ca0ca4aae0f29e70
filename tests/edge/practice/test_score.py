"""The practice grade: the playbook's move, an open question, an acknowledgement, length."""

from __future__ import annotations

import pytest

from contract.payloads import Objection
from edge.coach.playbook import load_playbook
from edge.practice.score import MAX_WORDS, grade, rule_for
from edge.understand.metrics import MetricsTracker

PLAYBOOK = load_playbook()


def test_the_playbook_move_and_an_open_question_pass() -> None:
    found = grade(PLAYBOOK, [Objection.PRICE], "I understand. What monthly budget works for you?")
    assert found.addressed and found.passed
    assert found.score == 100
    assert found.feedback == ("good",)
    assert found.objections[0].move and found.objections[0].live_handled


def test_a_flat_refusal_is_not_addressed_and_says_why() -> None:
    found = grade(PLAYBOOK, [Objection.PRICE], "That's the price.")
    assert not found.addressed and not found.passed
    assert found.score == 15  # concise, nothing else
    assert set(found.feedback) == {"missed_move", "no_open_question", "no_acknowledgement"}
    assert found.objections[0].hint == "Acknowledge, then ask what monthly budget works."


def test_an_open_question_without_the_move_addresses_it() -> None:
    found = grade(PLAYBOOK, [Objection.TRADE_IN], "What number did you have in mind?")
    assert found.addressed and not found.objections[0].move
    assert "missed_move" in found.feedback


def test_a_monologue_is_not_addressed_even_with_the_move() -> None:
    answer = "Our budget options are great. " + "really " * MAX_WORDS
    found = grade(PLAYBOOK, [Objection.PRICE], answer)
    assert found.objections[0].move and not found.addressed
    assert "too_long" in found.feedback


def test_two_objections_need_both_and_score_the_mean_move() -> None:
    found = grade(
        PLAYBOOK,
        [Objection.PRICE, Objection.TRADE_IN],
        "I hear you. What budget works, and shall we look at the appraisal together?",
    )
    assert found.addressed
    half = grade(PLAYBOOK, [Objection.PRICE, Objection.TRADE_IN], "What budget works?")
    assert [o.move for o in half.objections] == [True, False]
    assert half.score == 20 + 30 + 15  # half the move weight, question, concise


def test_spanish_uses_the_spanish_moves_and_hint() -> None:
    found = grade(PLAYBOOK, [Objection.MONTHLY_PAYMENT], "Entiendo. ¿Qué plazo le conviene?", "es")
    assert found.addressed and found.open_question and found.acknowledged
    assert found.objections[0].hint is not None and "enganche" in found.objections[0].hint


def test_an_empty_answer_scores_nothing() -> None:
    found = grade(PLAYBOOK, [Objection.PRICE], "   ")
    assert found.score == 0 and found.feedback == ("empty",) and not found.addressed


def test_a_line_needs_an_objection() -> None:
    with pytest.raises(ValueError, match="at least one objection"):
        grade(PLAYBOOK, [], "hello")


def test_every_objection_has_a_playbook_rule() -> None:
    assert all(rule_for(PLAYBOOK, o) is not None for o in Objection)


def test_live_handled_is_the_metrics_trackers_reading() -> None:
    for answer in ("Sure thing.", "Is it the colour?", "No."):
        tracker = MetricsTracker()
        tracker.add(0, "customer", 0.0, 1.0, "too expensive", [Objection.PRICE])
        tracker.add(1, "salesperson", 1.5, 2.5, answer, [])
        live = tracker.snapshot(None, None, None).objections[0].handled
        assert grade(PLAYBOOK, [Objection.PRICE], answer).objections[0].live_handled == live
