"""Grading a salesperson's answer to a practice customer's objection, as live coaching would.

The grade uses what live coaching already uses, nothing tuned for practice:
- the playbook rule of the objection (`when.labels`): its `followed_if` words are the moves a
  prompt expects ("ask what monthly budget works" is followed when the reply says "budget");
- the live metrics: an open question (`open_questions`), an acknowledgement, and the live
  handled reading (`answers_objection`: acknowledges or asks);
- length: a reply of more than `MAX_WORDS` words (about 20 s at a showroom's ~2.5 words/s) is a
  monologue, which the talk-ratio rule coaches against. Fixed before any answer was scored.

An objection is *addressed* when the reply makes the playbook's move or asks an open question,
and is not a monologue. The score (0-100) adds the parts: move 40, open question 30,
acknowledgement 15, concise 15; a customer line with several objections scores their mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contract.payloads import Objection
from edge.coach.playbook import Playbook, Rule
from edge.understand.metrics import acknowledges, answers_objection, open_questions

#: Words above which a reply is a monologue (see the module docstring).
MAX_WORDS = 50
WEIGHTS = {"move": 40, "open_question": 30, "acknowledged": 15, "concise": 15}
#: Least score that counts as a success (difficulty rises on successes).
PASS_SCORE = 70


@dataclass(frozen=True)
class ObjectionGrade:
    """How a reply met one objection."""

    objection: Objection
    addressed: bool
    move: bool
    live_handled: bool
    hint: str | None


@dataclass(frozen=True)
class Grade:
    """A reply's grade: per objection, the reply's own traits, score and feedback codes."""

    objections: tuple[ObjectionGrade, ...]
    open_question: bool
    acknowledged: bool
    words: int
    score: int
    feedback: tuple[str, ...]

    @property
    def addressed(self) -> bool:
        """Every objection of the line was addressed."""
        return all(o.addressed for o in self.objections)

    @property
    def passed(self) -> bool:
        """Good enough to move up a level."""
        return self.addressed and self.score >= PASS_SCORE


#: Feedback codes (the cloud translates them; the hub prints `FEEDBACK_TEXT`).
FEEDBACK_TEXT = {
    "empty": "Say something: the customer is waiting.",
    "missed_move": "Make the playbook's move for this objection.",
    "no_open_question": "Ask an open question (what, how, which...) to keep them talking.",
    "no_acknowledgement": "Acknowledge what they said before you answer.",
    "too_long": "Too long: keep it short and hand the conversation back.",
    "good": "Well handled.",
}


def rule_for(playbook: Playbook, objection: Objection) -> Rule | None:
    """The playbook rule that fires on `objection` (the highest priority one)."""
    rules = [r for r in playbook.rules if objection in r.when.labels]
    return max(rules, key=lambda r: r.priority) if rules else None


def grade(
    playbook: Playbook, objections: list[Objection], answer: str, language: str = "en"
) -> Grade:
    """Grade `answer` to a customer line raising `objections`.

    Raises:
        ValueError: no objection given.
    """
    if not objections:
        raise ValueError("a practice line needs at least one objection")
    text = answer.strip()
    words = len(text.split())
    question = open_questions(text) > 0
    acknowledged = acknowledges(text)
    concise = 0 < words <= MAX_WORDS
    per: list[ObjectionGrade] = []
    for objection in objections:
        rule = rule_for(playbook, objection)
        move = bool(
            rule and text and any(re.search(p, text, re.IGNORECASE) for p in rule.followed_if)
        )
        per.append(
            ObjectionGrade(
                objection=objection,
                addressed=bool(text) and concise and (move or question),
                move=move,
                live_handled=bool(text) and answers_objection(text),
                hint=rule.say_in(language) if rule else None,
            )
        )
    moves = sum(o.move for o in per) / len(per)
    score = round(
        WEIGHTS["move"] * moves
        + WEIGHTS["open_question"] * question
        + WEIGHTS["acknowledged"] * acknowledged
        + WEIGHTS["concise"] * concise
    )
    return Grade(
        tuple(per),
        question,
        acknowledged,
        words,
        score,
        _feedback(per, text, question, acknowledged, concise),
    )


def _feedback(
    per: list[ObjectionGrade], text: str, question: bool, acknowledged: bool, concise: bool
) -> tuple[str, ...]:
    if not text:
        return ("empty",)
    out = []
    if not all(o.move for o in per):
        out.append("missed_move")
    if not question:
        out.append("no_open_question")
    if not acknowledged:
        out.append("no_acknowledgement")
    if not concise:
        out.append("too_long")
    return tuple(out) or ("good",)
