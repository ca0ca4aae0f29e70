"""Precision, recall and F1 of the objection/signal classifier on the labelled showroom set.

    .venv/bin/python -m eval.understand [--data eval/data/understand.jsonl] [--bundle DIR]
                                        [--split dev|heldout|all]

Each line of the data is `{"text", "labels": [ids], "split": "dev"|"heldout"}`; `other` is
the label of utterances with no objection or signal. A prediction is the set of ids the
classifier returns (empty = `other`). Per class: precision, recall, F1 and support; macro-F1
is over the 14 objection + signal classes (not `other`). The `heldout` split (~30%) was never
looked at while writing the example phrases, rules or thresholds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from contract.payloads import Objection, Signal
from edge.settings import load_settings
from edge.understand.classify import OTHER, LabelClassifier
from edge.understand.models import load_embedder

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "understand.jsonl"
CLASSES = [*(o.value for o in Objection), *(s.value for s in Signal)]


def read(path: Path, split: str) -> list[tuple[str, set[str]]]:
    """`(text, gold labels)` of the chosen split (`other` maps to the empty set)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if split != "all" and item["split"] != split:
            continue
        rows.append((item["text"], {label for label in item["labels"] if label != OTHER}))
    return rows


def score(
    gold: list[set[str]], predicted: list[set[str]]
) -> tuple[dict[str, tuple[float, float, float, int]], float]:
    """Per class `(precision, recall, f1, support)` (with `other`), and macro-F1 over CLASSES."""
    table = {}
    for name in [*CLASSES, OTHER]:

        def has(labels: set[str], name: str = name) -> bool:
            return (not labels) if name == OTHER else name in labels

        tp = sum(has(g) and has(p) for g, p in zip(gold, predicted, strict=True))
        fp = sum(not has(g) and has(p) for g, p in zip(gold, predicted, strict=True))
        fn = sum(has(g) and not has(p) for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[name] = (precision, recall, f1, tp + fn)
    macro = sum(table[name][2] for name in CLASSES) / len(CLASSES)
    return table, macro


def main() -> None:
    """Print the table for each split asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--bundle", type=Path, help="Model bundle (default: models.bundle_dir).")
    parser.add_argument("--split", choices=("dev", "heldout", "all", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help="Print every misclassified line.")
    args = parser.parse_args()
    settings = load_settings()
    bundle = args.bundle or settings.models.bundle_dir
    classifier = LabelClassifier(load_embedder(bundle))
    for split in ("dev", "heldout") if args.split == "both" else (args.split,):
        rows = read(args.data, split)
        started = time.monotonic()
        predicted = [{str(h.label) for h in classifier(text)} for text, _ in rows]
        elapsed = time.monotonic() - started
        gold = [labels for _, labels in rows]
        table, macro = score(gold, predicted)
        print(f"\nsplit {split}: {len(rows)} utterances, {1000 * elapsed / len(rows):.1f} ms each")
        print(f"{'class':<20}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
        for name, (p, r, f, n) in table.items():
            print(f"{name:<20}{p:>10.2f}{r:>8.2f}{f:>8.2f}{n:>9d}")
        print(f"macro-F1 (objections + signals): {macro:.3f}")
        if args.errors:
            for (text, want), got in zip(rows, predicted, strict=True):
                if want != got:
                    print(
                        f"  want {sorted(want) or ['other']} got {sorted(got) or ['other']}: {text}"
                    )


if __name__ == "__main__":
    main()
