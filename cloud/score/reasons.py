"""The reasons behind a score, in words: the features that moved it most from the baseline.

A feature's push is its coefficient times its value (log-odds): how far it moved this
prospect's score from a customer who showed nothing (no signal, no objection, neutral mood,
browsing, no time on the floor).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cloud.score.features import NAMES, STAGES


def _count(n: float, one: str, many: str) -> str:
    return one if round(n) == 1 else many.format(n=round(n))


WORDS: dict[str, Callable[[float], str]] = {
    "test_drive": lambda _v: "took a test drive",
    "what_would_it_take": lambda _v: "asked what it would take",
    "other_signals": lambda v: _count(
        v, "asked about availability, payment or delivery", "asked {n} buying questions"
    ),
    "objections_handled": lambda v: _count(
        v, "an objection was answered", "{n} objections were answered"
    ),
    "objections_open": lambda v: _count(
        v, "an objection was left unanswered", "{n} objections were left unanswered"
    ),
    "sentiment_end": lambda v: "ended in a good mood" if v > 0 else "ended in a poor mood",
    "sentiment_trend": lambda v: (
        "warmed up as they talked" if v > 0 else "cooled down as they talked"
    ),
    "stage": lambda v: f"reached the {STAGES[min(round(v), len(STAGES) - 1)]} stage",
    "dwell": lambda v: f"stayed {np.expm1(v):.0f} min on the floor",
    "repeat_visit": lambda _v: "came back (a repeat visit)",
    "duration": lambda v: f"talked for {np.expm1(v):.0f} min",
}


def reasons(coefficients: np.ndarray, features: np.ndarray, top: int = 3) -> list[str]:
    """The `top` features that moved the score most, e.g. "took a test drive (+1.3)"."""
    pushes = coefficients * features
    order = np.argsort(-np.abs(pushes), kind="stable")
    found = []
    for i in order[:top]:
        if abs(pushes[i]) < 0.05:
            break
        found.append(f"{WORDS[NAMES[i]](float(features[i]))} ({pushes[i]:+.1f})")
    return found
