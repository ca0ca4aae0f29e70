"""Recall and precision of transcript redaction on a labelled set.

    .venv/bin/python -m eval.redaction [--data eval/data/redaction.jsonl] [--show-misses dev]
    .venv/bin/python -m eval.redaction --timing eval/data/redaction*.jsonl
    .venv/bin/python -m eval.redaction --no-tagger --timing eval/data/redaction*.jsonl
    .venv/bin/python -m eval.redaction --screen eval/data/understand_test3.jsonl

`--screen FILE...` runs the redactor over the `text` of unlabelled files (e.g. the
understanding sets, almost free of personal details) and prints the words it removed and every
span, to be read: a screen for over-redaction on lines no redaction rule was written on.

The redactor is the shipped default, the learned sequence tagger's spans added to the rules'
(`privacy.tagger`, at its shipped threshold); `--no-tagger` scores the rules alone, in every
mode.

`--timing FILE...` prints the time to build the redactor and the per-line time of
`Redactor.spans` over every line of the files, 5 passes (median, p95, p99), instead of scores.

Span-level counting: an expected span is *found* when a predicted span of the same kind
overlaps it by at least one character; a predicted span is *correct* when it overlaps an
expected span of the same kind. Recall = found / expected, precision = correct / predicted,
per kind and overall, for each split of the file (`dev` / `heldout` in `redaction.jsonl`,
`dev2` in `redaction_dev2.jsonl`, `test` in `redaction_test.jsonl`; Spanish: `dev` in
`redaction_es.jsonl`, `test` in `redaction_es_test.jsonl`, each given with `--data`).
`removed` is kind-blind and strict: the share of expected spans whose every character ends up
inside some redacted span. `over-redaction` is measured on detail-free lines (no expected
span): the words that end up inside a redacted span over all their words. Kinds the redactor
does not know are still counted (kind-blind they can be removed; by kind they are never found).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from edge.privacy.tagger import ENABLED as TAGGER_ENABLED

DATA = Path(__file__).parent / "data" / "redaction.jsonl"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, order=True)
class Label:
    """An expected span; `kind` is a string so that unknown kinds are scored too."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Labelled:
    """One line of a labelled file: its text, its expected spans and its split."""

    text: str
    labels: list[Label]
    split: str = "all"


def load(path: Path) -> list[Labelled]:
    """The lines of a labelled JSONL file (`eval/data/redaction*.jsonl`); blank lines skipped."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            labels = [Label(s["start"], s["end"], str(s["kind"])) for s in item["spans"]]
            out.append(Labelled(str(item["text"]), labels, str(item.get("split", "all"))))
    return out


@dataclass
class Tally:
    """Counts of one split."""

    expected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    removed_by_kind: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    removed: int = 0
    free_words: int = 0
    free_removed: int = 0
    #: Words of lines with details that touch no detail, and those of them removed: the
    #: over-redaction the target (detail-free lines only) does not count.
    beside_words: int = 0
    beside_removed: int = 0
    misses: list[str] = field(default_factory=list)


def _overlap(a: Span | Label, b: Span | Label) -> bool:
    return a.start < b.end and b.start < a.end


def score(redactor: Redactor, text: str, expected: list[Label], tally: Tally) -> None:
    """Add one labelled line to the tally."""
    predicted = redactor.spans(text)
    covered: set[int] = set()
    for p in predicted:
        covered.update(range(p.start, p.end))
    for want in expected:
        tally.expected[want.kind] += 1
        if any(p.kind.value == want.kind and _overlap(p, want) for p in predicted):
            tally.found[want.kind] += 1
        else:
            tally.misses.append(f"miss {want.kind}: {text[want.start : want.end]!r} in {text!r}")
        if all(i in covered for i in range(want.start, want.end)):
            tally.removed += 1
            tally.removed_by_kind[want.kind] += 1
        else:
            tally.misses.append(f"kept {want.kind}: {text[want.start : want.end]!r} in {text!r}")
    for got in predicted:
        tally.predicted[got.kind.value] += 1
        if any(w.kind == got.kind.value and _overlap(got, w) for w in expected):
            tally.correct[got.kind.value] += 1
        else:
            tally.misses.append(f"extra {got.kind}: {text[got.start : got.end]!r} in {text!r}")
    if not expected:
        for word in _WORD.finditer(text):
            tally.free_words += 1
            if any(i in covered for i in range(word.start(), word.end())):
                tally.free_removed += 1
        return
    for word in _WORD.finditer(text):
        if any(w.start < word.end() and word.start() < w.end for w in expected):
            continue
        tally.beside_words += 1
        if any(i in covered for i in range(word.start(), word.end())):
            tally.beside_removed += 1


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def report(name: str, tally: Tally) -> None:
    """Print a table of one split."""
    print(f"\n{name}: {sum(tally.expected.values())} expected spans")
    print(
        f"{'kind':8} {'expected':>8} {'recall':>7} {'removed':>7} {'predicted':>9} {'precision':>9}"
    )
    kinds = [k.value for k in Kind] + sorted(set(tally.expected) - {k.value for k in Kind})
    for kind in kinds:
        print(
            f"{kind:8} {tally.expected[kind]:8d} "
            f"{_ratio(tally.found[kind], tally.expected[kind]):>7} "
            f"{_ratio(tally.removed_by_kind[kind], tally.expected[kind]):>7} "
            f"{tally.predicted[kind]:9d} "
            f"{_ratio(tally.correct[kind], tally.predicted[kind]):>9}"
        )
    exp, pred = sum(tally.expected.values()), sum(tally.predicted.values())
    print(
        f"{'overall':8} {exp:8d} {_ratio(sum(tally.found.values()), exp):>7} "
        f"{_ratio(tally.removed, exp):>7} {pred:9d} "
        f"{_ratio(sum(tally.correct.values()), pred):>9}"
    )
    print(
        f"removed (kind-blind, every character) {tally.removed}/{exp} = "
        f"{_ratio(tally.removed, exp)}; "
        f"over-redaction {tally.free_removed}/{tally.free_words} words of detail-free lines "
        f"= {_ratio(tally.free_removed, tally.free_words)}"
    )


def timing(paths: list[Path], passes: int = 5, tagger: bool = False) -> None:
    """Print the redactor's load time and per-line latency over `paths`."""
    began = time.perf_counter()
    redactor = Redactor(tagger=tagger)
    loaded = time.perf_counter() - began
    texts = [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    times: list[float] = []
    for _ in range(passes):
        for text in texts:
            start = time.perf_counter()
            redactor.spans(text)
            times.append(time.perf_counter() - start)
    cuts = statistics.quantiles(times, n=100)
    print(
        f"load {loaded:.2f} s; {len(texts)} lines x {passes}: per line median "
        f"{statistics.median(times) * 1000:.2f} ms, p95 {cuts[94] * 1000:.2f} ms, "
        f"p99 {cuts[98] * 1000:.2f} ms"
    )


def screen(paths: list[Path], tagger: bool = False) -> None:
    """Print, per file, the words the redactor removes from unlabelled lines, and the spans."""
    redactor = Redactor(tagger=tagger)
    for path in paths:
        words = removed = 0
        found: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = str(json.loads(line)["text"])
            spans = redactor.spans(text)
            covered = {i for span in spans for i in range(span.start, span.end)}
            for word in _WORD.finditer(text):
                words += 1
                removed += any(i in covered for i in range(word.start(), word.end()))
            found.extend(f"  {s.kind}: {text[s.start : s.end]!r} in {text!r}" for s in spans)
        print(f"{path.name}: {removed}/{words} words removed = {_ratio(removed, words)}")
        print("\n".join(found))


def main() -> None:
    """Score every split and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show-misses", metavar="SPLIT", default=None)
    parser.add_argument("--timing", nargs="+", type=Path, metavar="FILE", default=None)
    parser.add_argument("--screen", nargs="+", type=Path, metavar="FILE", default=None)
    parser.add_argument(
        "--tagger",
        action=argparse.BooleanOptionalAction,
        default=TAGGER_ENABLED,
        help="add the learned tagger's spans (the shipped default: on)",
    )
    args = parser.parse_args()
    if args.screen:
        screen(args.screen, args.tagger)
        return
    if args.timing:
        timing(args.timing, tagger=args.tagger)
        return
    redactor = Redactor(tagger=args.tagger)
    tallies: dict[str, Tally] = {}
    lines = args.data.read_text(encoding="utf-8").splitlines()
    for line in load(args.data):
        score(redactor, line.text, line.labels, tallies.setdefault(line.split, Tally()))
    print(f"{len(lines)} lines from {args.data.name}")
    for name, tally in tallies.items():
        report(name, tally)
    if args.show_misses in tallies:
        print()
        print("\n".join(tallies[args.show_misses].misses))


if __name__ == "__main__":
    main()
