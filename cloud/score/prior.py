"""The prior model: hand-set coefficients (log-odds) and why, used before a tenant has outcomes.

Set from how car sales managers read a showroom visit, before any data set was generated or
any evaluation was run (`eval/score.py` reports how good it is; it was not tuned on it):

| feature | coefficient | reason |
|---|---|---|
| (intercept) | -2.2 | about 1 in 10 showroom conversations with no sign of intent ends in a sale |
| test_drive | +1.3 | a test drive is the strongest step towards a sale a showroom sees |
| what_would_it_take | +1.2 | the customer asks to negotiate: they are ready to buy on terms |
| other_signals | +0.4 each | availability, payment or delivery questions: planning to own it |
| objections_handled | +0.2 each | an objection answered: engagement, one less reason to walk |
| objections_open | -0.6 each | an objection left standing is a reason not to buy |
| sentiment_end | +0.8 per unit | how the customer felt at the end (-1..1) |
| sentiment_trend | +0.5 per unit | warming up through the conversation beats cooling down |
| stage | +0.5 per step | browsing 0, evaluating 1, negotiating 2, closing 3 |
| dwell | +0.3 per log-minute | time spent on the floor (log(1 + minutes)) |
| repeat_visit | +0.9 | a customer who comes back is far more likely to buy |
| duration | +0.2 per log-minute | a longer conversation, a more serious customer |
"""

from __future__ import annotations

from cloud.score.features import NAMES

INTERCEPT = -2.2
COEFFICIENTS: dict[str, float] = {
    "test_drive": 1.3,
    "what_would_it_take": 1.2,
    "other_signals": 0.4,
    "objections_handled": 0.2,
    "objections_open": -0.6,
    "sentiment_end": 0.8,
    "sentiment_trend": 0.5,
    "stage": 0.5,
    "dwell": 0.3,
    "repeat_visit": 0.9,
    "duration": 0.2,
}
if set(COEFFICIENTS) != set(NAMES):  # pragma: no cover - a programming error caught at import
    raise RuntimeError("the prior must have one coefficient per feature")
