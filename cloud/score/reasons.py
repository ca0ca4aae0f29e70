"""The reasons behind a score: the features that moved it most from the baseline.

A feature's push is its coefficient times its value (log-odds): how far it moved this
prospect's score from a customer who showed nothing (no signal, no objection, neutral mood,
browsing, no time on the floor). A reason is structured (a message key and its values), not
a sentence: the pages word it in the reader's language (`cloud.web.labels.reason_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from cloud.score.features import NAMES, STAGES

#: A reason's values: counts and minutes as whole numbers, a stage as its code.
Values = dict[str, int | str]


@dataclass(frozen=True)
class Reason:
    """One reason: which message (`key`), what fills it (`values`), and its push (log-odds)."""

    key: str
    push: float
    values: Values = field(default_factory=dict)


def _count(key: str) -> Callable[[float], tuple[str, Values]]:
    """`key_one` for one, else `key_many` with the count as `n`."""

    def word(v: float) -> tuple[str, Values]:
        n = round(v)
        return (f"{key}_one", {}) if n == 1 else (f"{key}_many", {"n": n})

    return word


def _minutes(key: str) -> Callable[[float], tuple[str, Values]]:
    """`key` with the minutes (the feature is log1p of them) as `minutes`."""
    return lambda v: (key, {"minutes": round(float(np.expm1(v)))})


def _sign(good: str, poor: str) -> Callable[[float], tuple[str, Values]]:
    return lambda v: (good if v > 0 else poor, {})


#: Per feature: its reason's message key and values, from the feature's value.
WORDS: dict[str, Callable[[float], tuple[str, Values]]] = {
    "test_drive": lambda _v: ("test_drive", {}),
    "what_would_it_take": lambda _v: ("what_would_it_take", {}),
    "other_signals": _count("other_signals"),
    "objections_handled": _count("objections_handled"),
    "objections_open": _count("objections_open"),
    "sentiment_end": _sign("sentiment_end_good", "sentiment_end_poor"),
    "sentiment_trend": _sign("sentiment_trend_up", "sentiment_trend_down"),
    "stage": lambda v: ("stage", {"stage": STAGES[min(round(v), len(STAGES) - 1)]}),
    "dwell": _minutes("dwell"),
    "repeat_visit": lambda _v: ("repeat_visit", {}),
    "duration": _minutes("duration"),
}


def reasons(coefficients: np.ndarray, features: np.ndarray, top: int = 3) -> list[Reason]:
    """The `top` features that moved the score most, e.g. `Reason("test_drive", 1.3)`."""
    pushes = coefficients * features
    order = np.argsort(-np.abs(pushes), kind="stable")
    found = []
    for i in order[:top]:
        if abs(pushes[i]) < 0.05:
            break
        key, values = WORDS[NAMES[i]](float(features[i]))
        found.append(Reason(key, float(pushes[i]), values))
    return found
