"""A tenant's purchase-likelihood model: logistic, calibrated, shrunk toward the prior.

Below `MIN_OUTCOMES` outcomes (or fewer than `MIN_EACH` sales or non-sales) the tenant gets
the prior (`cloud.score.prior`) unchanged. From there on:

1. scikit-learn's `LogisticRegression` (L2, C = 1) is fitted on the outcomes;
2. Platt scaling calibrates it: a one-feature logistic regression of the outcomes on the
   model's out-of-fold log-odds (stratified k-fold, k = min(5, sales, non-sales)) gives `a`
   and `b`, and the calibrated model is `a * (w.x + c) + b`, still linear in the features,
   so every coefficient keeps its meaning and the reasons can be read from it;
3. the coefficients are shrunk toward the prior's: `weight = n / (n + SHRINK_N)`, so 30
   outcomes count for 23 %, 100 for half and 1,000 for 91 %.

The constants were set before the evaluation ran (see docs/benchmarks.md, "Purchase score").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cloud.score import prior
from cloud.score.features import NAMES

#: Outcomes a tenant needs before its own data is used at all.
MIN_OUTCOMES = 30
#: Sales and non-sales each needed (a model of one class learns nothing).
MIN_EACH = 5
#: Outcomes at which the fitted model and the prior weigh the same.
SHRINK_N = 100


@dataclass(frozen=True)
class ScoreModel:
    """Coefficients over `features.NAMES` and an intercept (log-odds)."""

    kind: str
    intercept: float
    coefficients: np.ndarray
    outcomes: int = 0
    sold: int = 0
    weight: float = 0.0

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        """Log-odds of a sale for each row of `features` (or one vector)."""
        return np.asarray(features @ self.coefficients + self.intercept, dtype=np.float64)

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Probability of a sale for each row of `features` (or one vector)."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.log_odds(features))), dtype=np.float64)

    def named(self) -> dict[str, float]:
        """Feature name -> coefficient."""
        return {name: float(c) for name, c in zip(NAMES, self.coefficients, strict=True)}


def prior_model(outcomes: int = 0, sold: int = 0) -> ScoreModel:
    """The hand-set prior."""
    coefficients = np.array([prior.COEFFICIENTS[name] for name in NAMES], dtype=np.float64)
    return ScoreModel("prior", prior.INTERCEPT, coefficients, outcomes, sold, 0.0)


def from_named(
    kind: str, intercept: float, named: dict[str, float], outcomes: int, sold: int, weight: float
) -> ScoreModel:
    """A stored model back (a feature it does not name counts 0)."""
    coefficients = np.array([float(named.get(name, 0.0)) for name in NAMES], dtype=np.float64)
    return ScoreModel(kind, intercept, coefficients, outcomes, sold, weight)


def enough(outcomes: int, sold: int) -> bool:
    """Whether a tenant's outcomes are enough to fit on."""
    return outcomes >= MIN_OUTCOMES and min(sold, outcomes - sold) >= MIN_EACH


def calibrated_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """(intercept, coefficients) of the Platt-calibrated logistic regression on `x`, `y`."""
    # scikit-learn only when fitting: scoring a page or a command needs only numpy
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.model_selection import (  # type: ignore[import-untyped]
        StratifiedKFold,
        cross_val_predict,
    )

    folds = int(min(5, y.sum(), len(y) - y.sum()))
    classifier = LogisticRegression(C=1.0, max_iter=1000)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    held_out = cross_val_predict(classifier, x, y, cv=splitter, method="decision_function")
    platt = LogisticRegression(C=1e4, max_iter=1000).fit(held_out.reshape(-1, 1), y)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    classifier.fit(x, y)
    return a * float(classifier.intercept_[0]) + b, a * classifier.coef_[0]


def fit(x: np.ndarray, y: np.ndarray) -> ScoreModel:
    """The tenant's model from its outcomes (`y`: 1 sold, 0 not), or the prior if too few."""
    n, sold = len(y), int(np.sum(y))
    base = prior_model(n, sold)
    if not enough(n, sold):
        return base
    intercept, coefficients = calibrated_fit(x, y.astype(np.int64))
    weight = n / (n + SHRINK_N)
    return ScoreModel(
        "fitted",
        weight * intercept + (1 - weight) * base.intercept,
        weight * coefficients + (1 - weight) * base.coefficients,
        n,
        sold,
        weight,
    )
