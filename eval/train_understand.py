"""Train the objection/signal classifier head (edge/understand/head.npz) and choose its settings.

Superseded for the shipped head by `eval.understand_cv` (issue 18: cross-validation over every
retired file); kept to reproduce the earlier head and its dev-split choice.

    .venv/bin/python -m eval.train_understand [--bundle DIR] [--write]

Data (eval/data/README.md): the `train` split of `understand.jsonl` (split by a hash of the
text, 70 %) plus the example phrases of `edge/understand/examples.yaml` train each candidate;
the `dev` split (30 %) chooses the regularisation `C` and the decision threshold (best dev
macro-F1 over the 14 classes, read through `LabelClassifier` exactly as the hub reads).
With `--write`, the chosen `C` is retrained on train + dev + examples and written to the
package. Neither `understand_val.jsonl` (which chooses between the classifiers: see
`eval.understand --choose`) nor `understand_test.jsonl` is read here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from edge.settings import load_settings
from edge.understand.classify import OTHER, LabelClassifier, load_examples
from edge.understand.head import HEAD_FILE, LinearHead
from edge.understand.models import load_embedder
from eval.understand import CLASSES, DEFAULT_DATA, predict, read, score

C_GRID = (1.0, 4.0, 16.0, 32.0, 64.0, 128.0, 512.0)
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.2, 0.75, 0.05))
OUT = Path(__file__).resolve().parents[1] / "edge" / "understand" / HEAD_FILE


def examples() -> list[tuple[str, set[str]]]:
    """The example phrases as labelled lines (`other` phrases with no label)."""
    return [
        (phrase, set() if label == OTHER else {str(label)})
        for label, phrases in load_examples().items()
        for phrase in phrases
    ]


def fit(vectors: NDArray[np.float32], lines: list[tuple[str, set[str]]], c: float) -> LinearHead:
    """One logistic regression per class (balanced class weights) on the lines' embeddings."""
    weights, bias = [], []
    for name in CLASSES:
        target = np.array([name in labels for _, labels in lines], dtype=np.int64)
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        model.fit(vectors, target)
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
    return LinearHead(list(CLASSES), np.array(weights), np.array(bias))


def main() -> None:
    """Grid over `C` and threshold on dev; print the best; `--write` the chosen head."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="Model bundle (default: models.bundle_dir).")
    parser.add_argument("--write", action="store_true", help=f"Write the chosen head to {OUT}.")
    args = parser.parse_args()
    settings = load_settings()
    embed = load_embedder(
        args.bundle or settings.models.bundle_dir, weights=settings.understanding.embedder_weights
    )
    train = read(DEFAULT_DATA, "train") + examples()
    dev = read(DEFAULT_DATA, "dev")
    train_vectors = embed([text for text, _ in train])
    best = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        head = fit(train_vectors, train, c)
        for threshold in THRESHOLDS:
            classifier = LabelClassifier(embed, head=head, threshold=threshold)
            _, macro = score([gold for _, gold in dev], predict(classifier, dev))
            if macro > best[0]:
                best = (macro, c, threshold)
    macro, c, threshold = best
    print(json.dumps({"dev_macro_f1": round(macro, 3), "C": c, "threshold": threshold}))
    if args.write:
        both = train + dev
        fit(embed([text for text, _ in both]), both, c).save(OUT)
        print(f"wrote {OUT}: set understanding.head_threshold to {threshold}")


if __name__ == "__main__":
    main()
