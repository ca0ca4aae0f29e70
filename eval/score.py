"""How good is the purchase-likelihood score? AUC, calibration and the few-outcomes regime.

Run: `python -m eval.score [--conversations 8000] [--seed 15] [--repeats 20]`. Everything is
generated at run time from the seed (nothing committed); the figures are in docs/benchmarks.md.

## The generating process (one dealership, written before any model output was read)

Each conversation's customer has an unobserved buying intent `u ~ N(0, 1)` and meets a
salesperson of skill `s ~ N(0, 1)`. What the hub sees follows from them (`sig` is the
logistic function; every draw independent given `u` and `s`):

- test drive ~ Bernoulli(sig(-1.0 + 1.2u)); "what would it take" ~ Bernoulli(sig(-2.0 + 1.0u));
  other buying questions ~ min(3, Poisson(exp(-0.7 + 0.4u)));
- objections raised ~ min(4, Poisson(1.0)), each handled with probability sig(0.3 + 0.8s);
- sentiment at the start ~ N(0.1u, 0.35), at the end = start + N(0.15u + 0.1s - 0.2·open, 0.3),
  both clipped to [-1, 1];
- stage = floor(clip(1 + 0.9u + N(0, 0.8), 0, 3.99)) (browsing .. closing);
- minutes on the floor ~ LogNormal(ln 20 + 0.3u, 0.6); minutes talking ~ LogNormal(ln 8 + 0.2u,
  0.5); a repeat visit ~ Bernoulli(sig(-1.8 + 0.6u)).

Sold ~ Bernoulli(sig(z)) with z = -2.6 + 0.8·test_drive + 1.6·wwit + 0.3·other_signals +
0.35·handled - 0.9·open + 0.5·sentiment_end + 0.3·trend + 0.6·stage + 0.1·dwell +
1.2·repeat + 0·duration + 0.8u (features as `cloud.score.features` defines them, e.g. dwell is
log(1 + minutes)). This dealership differs from the prior on purpose: test drives matter less
(0.8 vs 1.3), negotiating more (1.6 vs 1.2), open objections hurt more, talking time not at
all, and intent the hub cannot see drives part of the outcome, so no model reaches the oracle.

## Protocol

Conversation ids `conv-000000`... are split by hash before anything is fitted: held out when
the first byte of sha256(id) is below 77 (30 %). Models see only the training part. Reported on
the held-out part: AUC and Brier of the prior alone, of the model on every training outcome, and
of models on 10, 30, 100 and 300 outcomes (random draws from the training part, `--repeats`
draws each, medians), with and without the shrinkage toward the prior; a reliability table
(10 equal-width bins) of the model on every outcome; the oracle (the true probability, which
knows `u`) as the ceiling. The constants of `cloud.score.model` were set before this ran and
were not changed after.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score  # type: ignore[import-untyped]

from cloud.score import model
from cloud.score.features import NAMES

TRUTH = {
    "test_drive": 0.8,
    "what_would_it_take": 1.6,
    "other_signals": 0.3,
    "objections_handled": 0.35,
    "objections_open": -0.9,
    "sentiment_end": 0.5,
    "sentiment_trend": 0.3,
    "stage": 0.6,
    "dwell": 0.1,
    "repeat_visit": 1.2,
    "duration": 0.0,
}
TRUTH_INTERCEPT = -2.6
INTENT_WEIGHT = 0.8
SIZES = (10, 30, 100, 300)


def _sig(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True)
class DataSet:
    """Conversation ids, features (columns in `NAMES` order), outcomes and true probabilities."""

    ids: list[str]
    x: np.ndarray
    y: np.ndarray
    truth: np.ndarray


def generate(n: int, seed: int) -> DataSet:
    """`n` conversations of one dealership (the process in the module docstring)."""
    rng = np.random.default_rng(seed)
    u, s = rng.normal(size=n), rng.normal(size=n)
    raised = np.minimum(4, rng.poisson(1.0, n))
    handled = rng.binomial(raised, _sig(0.3 + 0.8 * s))
    open_ = raised - handled
    start = np.clip(rng.normal(0.1 * u, 0.35), -1, 1)
    end = np.clip(start + rng.normal(0.15 * u + 0.1 * s - 0.2 * open_, 0.3), -1, 1)
    columns = {
        "test_drive": rng.random(n) < _sig(-1.0 + 1.2 * u),
        "what_would_it_take": rng.random(n) < _sig(-2.0 + 1.0 * u),
        "other_signals": np.minimum(3, rng.poisson(np.exp(-0.7 + 0.4 * u))),
        "objections_handled": handled,
        "objections_open": open_,
        "sentiment_end": end,
        "sentiment_trend": end - start,
        "stage": np.floor(np.clip(1 + 0.9 * u + rng.normal(0, 0.8, n), 0, 3.99)),
        "dwell": np.log1p(rng.lognormal(np.log(20) + 0.3 * u, 0.6)),
        "repeat_visit": rng.random(n) < _sig(-1.8 + 0.6 * u),
        "duration": np.log1p(rng.lognormal(np.log(8) + 0.2 * u, 0.5)),
    }
    x = np.column_stack([np.asarray(columns[name], dtype=np.float64) for name in NAMES])
    beta = np.array([TRUTH[name] for name in NAMES])
    truth = _sig(x @ beta + TRUTH_INTERCEPT + INTENT_WEIGHT * u)
    y = (rng.random(n) < truth).astype(np.float64)
    return DataSet([f"conv-{i:06d}" for i in range(n)], x, y, truth)


def held_out(conversation_id: str) -> bool:
    """The split, by hash of the id alone: 77/256 = 30 % held out."""
    return hashlib.sha256(conversation_id.encode()).digest()[0] < 77


def _metrics(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    return float(roc_auc_score(y, p)), float(brier_score_loss(y, p))


def reliability(
    y: np.ndarray, p: np.ndarray, bins: int = 10
) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean predicted, observed rate) of each non-empty equal-width bin."""
    rows = []
    which = np.minimum((p * bins).astype(int), bins - 1)
    for b in range(bins):
        mask = which == b
        if mask.any():
            label = f"{b / bins:.1f}-{(b + 1) / bins:.1f}"
            rows.append((label, int(mask.sum()), float(p[mask].mean()), float(y[mask].mean())))
    return rows


def unshrunk(x: np.ndarray, y: np.ndarray) -> model.ScoreModel:
    """The calibrated fit alone (no prior), for the ablation; the prior when too few."""
    n, sold = len(y), int(y.sum())
    if not model.enough(n, sold):
        return model.prior_model(n, sold)
    intercept, coefficients = model.calibrated_fit(x, y.astype(np.int64))
    return model.ScoreModel("fitted", intercept, coefficients, n, sold, 1.0)


def main() -> None:
    """Generate, split, fit, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    data = generate(args.conversations, args.seed)
    test = np.array([held_out(i) for i in data.ids])
    xtr, ytr, xte, yte = data.x[~test], data.y[~test], data.x[test], data.y[test]
    print(
        f"{len(data.ids)} conversations, {int(test.sum())} held out; sold: "
        f"{ytr.mean():.3f} (train), {yte.mean():.3f} (held out)"
    )
    print("\n| model | outcomes | AUC | Brier |\n|---|---|---|---|")
    auc, brier = _metrics(yte, data.truth[test])
    print(f"| oracle (true probability, knows intent) | - | {auc:.3f} | {brier:.4f} |")
    brier = brier_score_loss(yte, np.full(len(yte), ytr.mean()))
    print(f"| base rate (constant) | {len(ytr)} | 0.500 | {brier:.4f} |")
    auc, brier = _metrics(yte, model.prior_model().probability(xte))
    print(f"| prior alone | 0 | {auc:.3f} | {brier:.4f} |")
    rng = np.random.default_rng(args.seed + 1)
    for size in SIZES:
        for name, fit in (("shrunk (shipped)", model.fit), ("no shrinkage", unshrunk)):
            aucs, briers, kinds = [], [], set()
            for _ in range(args.repeats):
                pick = rng.choice(len(ytr), size=size, replace=False)
                fitted = fit(xtr[pick], ytr[pick])
                kinds.add(fitted.kind)
                auc, brier = _metrics(yte, fitted.probability(xte))
                aucs.append(auc)
                briers.append(brier)
            used = "/".join(sorted(kinds))
            print(
                f"| {name}, median of {args.repeats} draws ({used}) | {size} | "
                f"{statistics.median(aucs):.3f} | {statistics.median(briers):.4f} |"
            )
    full = model.fit(xtr, ytr)
    p = full.probability(xte)
    auc, brier = _metrics(yte, p)
    print(
        f"| shrunk (shipped), every training outcome (weight {full.weight:.2f}) | {len(ytr)} "
        f"| {auc:.3f} | {brier:.4f} |"
    )
    print("\nReliability of the model on every training outcome (held-out part):\n")
    print("| predicted | conversations | mean predicted | observed |\n|---|---|---|---|")
    for label, count, mean, observed in reliability(yte, p):
        print(f"| {label} | {count} | {mean:.3f} | {observed:.3f} |")
    print("\nCoefficients (every outcome):", {k: round(v, 2) for k, v in full.named().items()})


if __name__ == "__main__":
    main()
