"""The score's evaluation: a seeded generator, a split by hash alone, reliability bins."""

from __future__ import annotations

import numpy as np

from cloud.score.features import NAMES
from eval import score


def test_the_generator_is_seeded_and_follows_its_documented_shape() -> None:
    one, two = score.generate(2000, seed=3), score.generate(2000, seed=3)
    assert np.array_equal(one.x, two.x) and np.array_equal(one.y, two.y)
    assert one.x.shape == (2000, len(NAMES))
    stage = one.x[:, NAMES.index("stage")]
    assert set(np.unique(stage)) <= {0.0, 1.0, 2.0, 3.0}
    # outcomes follow the true probabilities (2,000 draws: within 3 points overall)
    assert abs(one.y.mean() - one.truth.mean()) < 0.03


def test_the_split_depends_on_the_id_alone_and_holds_out_about_30_percent() -> None:
    ids = [f"conv-{i:06d}" for i in range(5000)]
    held = [score.held_out(i) for i in ids]
    assert held == [score.held_out(i) for i in ids]
    assert 0.27 < sum(held) / len(held) < 0.33


def test_reliability_bins_count_every_prediction_once() -> None:
    y = np.array([0, 1, 1, 0, 1], dtype=float)
    p = np.array([0.05, 0.95, 0.91, 0.15, 1.0])
    rows = score.reliability(y, p)
    assert [(label, n) for label, n, _, _ in rows] == [
        ("0.0-0.1", 1),
        ("0.1-0.2", 1),
        ("0.9-1.0", 3),
    ]
    assert rows[-1][3] == 1.0
