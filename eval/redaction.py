"""Recall and precision of transcript redaction on the labelled set.

    .venv/bin/python -m eval.redaction [--data eval/data/redaction.jsonl] [--show-misses dev]

Span-level counting: an expected span is *found* when a predicted span of the same kind
overlaps it by at least one character; a predicted span is *correct* when it overlaps an
expected span of the same kind. Recall = found / expected, precision = correct / predicted,
per kind and overall, for the `dev` split (used while writing the rules) and the `heldout`
split (~30 %, never looked at while tuning). `removed` is kind-blind and strict: the share of
expected spans whose every character ends up inside some redacted span.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span

DATA = Path(__file__).parent / "data" / "redaction.jsonl"


@dataclass
class Tally:
    """Counts of one split."""

    expected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    removed: int = 0
    misses: list[str] = field(default_factory=list)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(redactor: Redactor, text: str, expected: list[Span], tally: Tally) -> None:
    """Add one labelled line to the tally."""
    predicted = redactor.spans(text)
    for want in expected:
        tally.expected[want.kind] += 1
        if any(p.kind == want.kind and _overlap(p, want) for p in predicted):
            tally.found[want.kind] += 1
        else:
            tally.misses.append(f"miss {want.kind}: {text[want.start : want.end]!r} in {text!r}")
        covered: set[int] = set()
        for p in predicted:
            covered.update(range(p.start, p.end))
        if all(i in covered for i in range(want.start, want.end)):
            tally.removed += 1
    for got in predicted:
        tally.predicted[got.kind] += 1
        if any(w.kind == got.kind and _overlap(got, w) for w in expected):
            tally.correct[got.kind] += 1
        else:
            tally.misses.append(f"extra {got.kind}: {text[got.start : got.end]!r} in {text!r}")


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def report(name: str, tally: Tally) -> None:
    """Print a table of one split."""
    print(f"\n{name}: {sum(tally.expected.values())} expected spans")
    print(f"{'kind':8} {'expected':>8} {'recall':>7} {'predicted':>9} {'precision':>9}")
    for kind in Kind:
        print(
            f"{kind.value:8} {tally.expected[kind]:8d} "
            f"{_ratio(tally.found[kind], tally.expected[kind]):>7} {tally.predicted[kind]:9d} "
            f"{_ratio(tally.correct[kind], tally.predicted[kind]):>9}"
        )
    exp, pred = sum(tally.expected.values()), sum(tally.predicted.values())
    print(
        f"{'overall':8} {exp:8d} {_ratio(sum(tally.found.values()), exp):>7} {pred:9d} "
        f"{_ratio(sum(tally.correct.values()), pred):>9}   removed {_ratio(tally.removed, exp)}"
    )


def main() -> None:
    """Score every split and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show-misses", choices=["dev", "heldout"], default=None)
    args = parser.parse_args()
    redactor = Redactor()
    tallies: dict[str, Tally] = {"dev": Tally(), "heldout": Tally()}
    lines = args.data.read_text(encoding="utf-8").splitlines()
    for line in lines:
        item = json.loads(line)
        spans = [Span(s["start"], s["end"], Kind(s["kind"])) for s in item["spans"]]
        score(redactor, item["text"], spans, tallies[item["split"]])
    print(f"{len(lines)} lines from {args.data.name}")
    for name, tally in tallies.items():
        report(name, tally)
    if args.show_misses:
        print()
        print("\n".join(tallies[args.show_misses].misses))


if __name__ == "__main__":
    main()
