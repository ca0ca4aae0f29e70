"""The model: the prior below the threshold, a calibrated fit above it, shrunk toward the prior."""

from __future__ import annotations

import numpy as np

from cloud.score import model, prior
from cloud.score.features import NAMES
from cloud.score.reasons import Reason, reasons


def _data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Test drives that do not sell and answered objections that do (against the prior)."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, len(NAMES)))
    x[:, NAMES.index("test_drive")] = rng.integers(0, 2, n)
    x[:, NAMES.index("objections_handled")] = rng.integers(0, 3, n)
    logit = -0.5 - 2.0 * x[:, 0] + 1.2 * x[:, NAMES.index("objections_handled")]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return x, y


def test_below_the_threshold_the_prior_is_used_unchanged() -> None:
    x, y = _data(model.MIN_OUTCOMES - 1)
    found = model.fit(x, y)
    assert found.kind == "prior"
    assert found.weight == 0.0
    assert found.intercept == prior.INTERCEPT
    assert found.named() == prior.COEFFICIENTS
    assert found.outcomes == model.MIN_OUTCOMES - 1


def test_enough_outcomes_of_one_class_only_still_give_the_prior() -> None:
    x, _ = _data(200)
    found = model.fit(x, np.zeros(200))
    assert found.kind == "prior"
    assert not model.enough(200, 0) and not model.enough(200, 196)
    assert model.enough(model.MIN_OUTCOMES, model.MIN_EACH)


def test_the_fit_moves_toward_the_outcomes_more_as_they_grow() -> None:
    few, many = model.fit(*_data(40)), model.fit(*_data(2000))
    assert few.kind == many.kind == "fitted"
    assert few.weight == 40 / (40 + model.SHRINK_N)
    assert many.weight > few.weight
    drive = NAMES.index("test_drive")
    # the prior says a test drive helps (+1.3); these outcomes say it hurts
    assert many.coefficients[drive] < few.coefficients[drive] < prior.COEFFICIENTS["test_drive"]
    assert many.coefficients[drive] < 0


def test_the_fitted_model_is_calibrated_on_its_own_kind_of_data() -> None:
    fitted = model.fit(*_data(3000, seed=1))
    x, y = _data(5000, seed=2)
    predicted = fitted.probability(x)
    # mean predicted vs observed rate within 3 points, overall
    assert abs(predicted.mean() - y.mean()) < 0.03


def test_reasons_name_the_features_that_moved_the_score_most() -> None:
    base = model.prior_model()
    x = np.zeros(len(NAMES))
    x[NAMES.index("test_drive")] = 1
    x[NAMES.index("objections_open")] = 2
    x[NAMES.index("sentiment_end")] = 0.05
    found = reasons(base.coefficients, x)
    # structured: a message key, its values, and the push (log-odds), worded by the pages
    assert [(r.key, r.values, round(r.push, 1)) for r in found] == [
        ("test_drive", {}, 1.3),
        ("objections_open_many", {"n": 2}, -1.2),
    ]


def test_each_reason_carries_the_values_its_message_needs() -> None:
    base = model.prior_model()
    x = np.zeros(len(NAMES))
    x[NAMES.index("objections_handled")] = 1
    x[NAMES.index("stage")] = 2
    x[NAMES.index("dwell")] = np.log1p(12)
    found = {r.key: r for r in reasons(base.coefficients, x, top=len(NAMES))}
    assert found["objections_handled_one"].values == {}
    assert found["stage"].values == {"stage": "negotiating"}
    assert found["dwell"].values == {"minutes": 12}
    assert isinstance(found["dwell"], Reason)
