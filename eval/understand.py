"""Precision, recall and F1 of the objection/signal classifier on labelled showroom lines.

    .venv/bin/python -m eval.understand [--split train|dev|all] [--classifier NAME]
    .venv/bin/python -m eval.understand --choose
    .venv/bin/python -m eval.understand --data eval/data/understand_test.jsonl --split test
    .venv/bin/python -m eval.understand --language es --data eval/data/understand_es.jsonl \
        --split dev

Each line of the data is `{"text", "labels": [ids], "split"}`; `other` is the label of
utterances with no objection or signal. A prediction is the set of ids the classifier returns
(empty = `other`). Per class: precision, recall, F1 and support; macro-F1 is over the 14
objection + signal classes (not `other`).

Which data chooses what (eval/data/README.md): `understand.jsonl` `train` (70 % by a hash of
the text) trains the head, its `dev` split chooses the head's C and threshold
(`eval.train_understand`); `understand_val.jsonl` chooses between the classifiers
(`--choose`); `understand_test.jsonl` is read once, after the choice, for the reported figure.
Spanish (`--language es`): `understand_es.jsonl` (`dev`) developed the Spanish rules;
`understand_es_test.jsonl` is read once for the Spanish figure.

Since issue 18's retraining, every file above, the `test2` and `test3` files and the `weak`
development files are retired tests and training data: `eval.understand_cv` chooses and trains
the shipped classifiers by cross-validation on them. The blind figure is the `test4` split,
written by another author and run once by the merger:

    .venv/bin/python -m eval.understand --data eval/data/understand_test4.jsonl --split test4
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from contract.payloads import Objection, Signal
from edge.settings import load_settings
from edge.understand.classify import OTHER, Hit, LabelClassifier, build_classifier
from edge.understand.embedder import SentenceEmbedder
from edge.understand.language import detect_language
from edge.understand.models import load_embedder
from edge.understand.settings import UnderstandingSettings
from edge.understand.spanish import SpanishClassifier, build_spanish
from edge.understand.understander import Understander

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


def predict(
    classifier: Callable[[str], list[Hit]], rows: list[tuple[str, set[str]]]
) -> list[set[str]]:
    """The label set the classifier gives each row's text."""
    return [{str(h.label) for h in classifier(text)} for text, _ in rows]


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


VAL_DATA = DEFAULT_DATA.with_name("understand_val.jsonl")
#: Log-odds a keyword rule may add (`head+rules`), chosen on the validation set.
RULE_LOGITS = (1.0, 2.0, 3.0)
#: Most classes one sentence may give with the head (0: no limit), chosen on validation too.
HEAD_TOPS = (0, 1, 2)


def choose(embedder: SentenceEmbedder, settings: UnderstandingSettings) -> None:
    """Pick the classifier on `understand_val.jsonl` and print its settings (never the test).

    The candidates: `examples` (as configured), `head` (its threshold from
    `eval.train_understand`, chosen on dev) and `head+rules` with each of `RULE_LOGITS`, each
    head with each of `HEAD_TOPS`. The best validation macro-F1 wins; ties go to the simpler
    candidate (listed first).
    """
    rows = read(VAL_DATA, "val")
    gold = [labels for _, labels in rows]
    candidates: list[dict[str, object]] = [{"classifier": "examples"}]
    for top in HEAD_TOPS:
        candidates.append({"classifier": "head", "head_top": top})
        candidates += [
            {"classifier": "head+rules", "head_top": top, "rule_logit": bonus}
            for bonus in RULE_LOGITS
        ]
    best: tuple[float, dict[str, object]] = (-1.0, {})
    for candidate in candidates:
        chosen = settings.model_copy(update=candidate)
        _, macro = score(gold, predict(build_classifier(embedder, chosen), rows))
        print(f"val {macro:.3f}  {json.dumps(candidate)}")
        if macro > best[0]:
            best = (macro, candidate)
    print(json.dumps({"chosen": best[1], "val_macro_f1": round(best[0], 3)}))


def by_language(
    english: LabelClassifier, spanish: SpanishClassifier, language: str
) -> Callable[[str], list[Hit]]:
    """The classifier for `language`: "en", "es", or "auto" (each line's guessed language)."""
    if language == "en":
        return english
    if language == "es":
        return spanish
    understander = Understander(english, spanish=spanish)
    return lambda text: list(understander.read(text).hits)


def main() -> None:
    """Print the table for each split asked for, or `--choose` the classifier."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--bundle", type=Path, help="Model bundle (default: models.bundle_dir).")
    parser.add_argument(
        "--split",
        choices=("train", "dev", "val", "test", "test2", "test3", "test4", "test5", "all", "both"),
        default="both",
    )
    parser.add_argument(
        "--classifier",
        choices=("examples", "head", "head+rules", "head+ngram", "head+ngram+rules"),
        help="Override understanding.classifier.",
    )
    parser.add_argument(
        "--spanish-classifier",
        choices=("rules", "ngram", "emb+ngram"),
        help="Override understanding.spanish_classifier.",
    )
    parser.add_argument(
        "--language",
        choices=("en", "es", "auto"),
        default="en",
        help="Read the lines as English (the embedding classifier), Spanish (the Spanish "
        "rules), or guess each line's language as the hub does without one (and print how "
        "many lines it read as Spanish).",
    )
    parser.add_argument("--choose", action="store_true", help="Choose on the validation set.")
    parser.add_argument("--errors", action="store_true", help="Print every misclassified line.")
    args = parser.parse_args()
    settings = load_settings()
    understanding = settings.understanding
    if args.classifier:
        understanding = understanding.model_copy(update={"classifier": args.classifier})
    if args.spanish_classifier:
        update = {"spanish_classifier": args.spanish_classifier}
        understanding = understanding.model_copy(update=update)
    embedder = load_embedder(
        args.bundle or settings.models.bundle_dir, weights=understanding.embedder_weights
    )
    if args.choose:
        choose(embedder, understanding)
        return
    english = build_classifier(embedder, understanding)
    spanish = build_spanish(embedder, understanding)
    classifier = by_language(english, spanish, args.language)
    print(
        f"classifier: {understanding.classifier}, Spanish: {understanding.spanish_classifier} "
        f"(rules {understanding.spanish_rules}), language: {args.language}"
    )
    for split in ("train", "dev") if args.split == "both" else (args.split,):
        rows = read(args.data, split)
        started = time.monotonic()
        predicted = predict(classifier, rows)
        elapsed = time.monotonic() - started
        gold = [labels for _, labels in rows]
        table, macro = score(gold, predicted)
        print(f"\nsplit {split}: {len(rows)} utterances, {1000 * elapsed / len(rows):.1f} ms each")
        print(f"{'class':<20}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
        for name, (p, r, f, n) in table.items():
            print(f"{name:<20}{p:>10.2f}{r:>8.2f}{f:>8.2f}{n:>9d}")
        print(f"macro-F1 (objections + signals): {macro:.3f}")
        if args.language == "auto":
            read_es = sum(detect_language(text) == "es" for text, _ in rows)
            print(f"read as Spanish: {read_es}/{len(rows)}")
        if args.errors:
            for (text, want), got in zip(rows, predicted, strict=True):
                if want != got:
                    print(
                        f"  want {sorted(want) or ['other']} got {sorted(got) or ['other']}: {text}"
                    )


if __name__ == "__main__":
    main()
