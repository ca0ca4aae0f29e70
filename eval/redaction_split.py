"""DEV and HOLDOUT figures of the redactor per language, as written and as an ASR writes them.

    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_split            # DEV + screen
    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_split --misses   # ... and DEV misses
    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_split --holdout  # HOLDOUT, figures only

DEV (round 10, docs/benchmarks.md): every retired redaction file, `test7` to `test9` included,
and the understanding screen (all `understand*.jsonl`, both casings). HOLDOUT: none in round 10
(the blind `*test10*` split is run by the merger); printed as figures only, never its misses.
`--per-file` prints each DEV file's figures too (the leave-one-author-out check of round 9).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from edge.privacy.redact import Redactor
from eval.redaction import _WORD, Label, Tally, score
from eval.train_names import asr_style

DATA = Path(__file__).parent / "data"
DEV = (
    "redaction.jsonl",
    "redaction_dev2.jsonl",
    *(f"redaction_test{s}.jsonl" for s in ("", "2", "3", "4", "5", "6", "7", "8", "9")),
    "redaction_es.jsonl",
    *(f"redaction_es_test{s}.jsonl" for s in ("", "2", "3", "4", "5", "6", "7", "8", "9")),
)
HOLDOUT: tuple[str, ...] = ()


@dataclass
class Screen:
    """Words of unlabelled lines and those the redactor removed."""

    words: int = 0
    removed: int = 0


def tally(redactor: Redactor, path: Path, asr: bool) -> Tally:
    """Score every line of one labelled file, as written or through `asr_style`."""
    counts = Tally()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            labels = [Label(s["start"], s["end"], str(s["kind"])) for s in item["spans"]]
            text = asr_style(item["text"]) if asr else item["text"]
            score(redactor, text, labels, counts)
    return counts


def screen(redactor: Redactor, paths: list[Path]) -> tuple[Screen, list[str]]:
    """The words removed from unlabelled lines, each as written and through `asr_style`."""
    result, taken = Screen(), []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            for text in (str(json.loads(line)["text"]), asr_style(str(json.loads(line)["text"]))):
                covered = {i for s in redactor.spans(text) for i in range(s.start, s.end)}
                for word in _WORD.finditer(text):
                    result.words += 1
                    if any(i in covered for i in range(word.start(), word.end())):
                        result.removed += 1
                        taken.append(f"{path.name}: {word.group()!r} in {text!r}")
    return result, taken


def _line(name: str, counts: Tally) -> str:
    expected = sum(counts.expected.values())
    below = ", ".join(
        f"{kind} {counts.removed_by_kind[kind]}/{counts.expected[kind]}"
        for kind in sorted(counts.expected)
        if counts.removed_by_kind[kind] < counts.expected[kind]
    )
    return (
        f"{name}: removed {counts.removed}/{expected} = {counts.removed / expected:.3f}; "
        f"over {counts.free_removed}/{counts.free_words}; below 1.0: {below or '-'}"
    )


def main() -> None:
    """Print the DEV (or HOLDOUT) figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true")
    parser.add_argument("--misses", action="store_true", help="DEV only: print what was kept")
    parser.add_argument("--per-file", action="store_true", help="DEV: each file's figures too")
    args = parser.parse_args()
    redactor = Redactor()
    files = HOLDOUT if args.holdout else DEV
    for asr in (False, True):
        pooled = {"en": Tally(), "es": Tally()}
        for name in files:
            counts = tally(redactor, DATA / name, asr)
            if args.holdout or args.per_file:
                print(_line(f"{name} {'asr' if asr else 'written'}", counts))
            if args.misses and not args.holdout:
                print("\n".join(m for m in counts.misses if m.startswith(("kept", "extra"))))
            total = pooled["es" if "_es" in name else "en"]
            total.removed += counts.removed
            total.expected.update(counts.expected)
            total.removed_by_kind.update(counts.removed_by_kind)
            total.free_words += counts.free_words
            total.free_removed += counts.free_removed
        for language, total in pooled.items():
            print(_line(f"{language} {'asr' if asr else 'written'}", total))
    if not args.holdout:
        found, taken = screen(redactor, sorted(DATA.glob("understand*.jsonl")))
        print(f"screen: {found.removed}/{found.words} words removed")
        if args.misses:
            print("\n".join(taken))


if __name__ == "__main__":
    main()
