"""A blind redaction test pooled over several authors, per language: figures only, no misses.

    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_pooled test24 test25 test26
    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_pooled test24 test25 test26 --no-tagger

For each language (English `redaction_GROUP.jsonl`, Spanish `redaction_es_GROUP.jsonl`) it
prints each author's figures and the pooled ones: removal (kind-blind: every character of a
detail removed, `eval.redaction.score`) and over-redaction (words removed from detail-free
lines), and beside them, not a target, the words of lines with details that touch no detail
and are removed (over-redaction the target does not count). It never prints a line, so a blind
run reads figures only (eval/data/README.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from edge.privacy.redact import Redactor
from eval.redaction import Tally, load, score

DATA = Path(__file__).parent / "data"


def tally(redactor: Redactor, path: Path, into: Tally) -> Tally:
    """Score every line of `path` into a fresh tally and `into`; return the fresh one."""
    own = Tally()
    for line in load(path):
        score(redactor, line.text, line.labels, own)
        score(redactor, line.text, line.labels, into)
    return own


def figures(name: str, t: Tally) -> str:
    """One line: removal and over-redaction of a tally."""
    expected = sum(t.expected.values())
    removal = f"{t.removed}/{expected} = {t.removed / expected:.3f}" if expected else "-"
    over = (
        f"{t.free_removed}/{t.free_words} = {t.free_removed / t.free_words:.2%}"
        if t.free_words
        else "-"
    )
    beside = (
        f"; words beside the details removed {t.beside_removed}/{t.beside_words} = "
        f"{t.beside_removed / t.beside_words:.2%}"
        if t.beside_words
        else ""
    )
    return f"{name}: removed {removal}; over-redaction {over}{beside}"


def main() -> None:
    """Print each group's figures and the pooled ones, per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="+", help="file groups, e.g. test24 test25 test26")
    parser.add_argument("--tagger", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    redactor = Redactor(tagger=args.tagger)
    for lang, prefix in (("English", "redaction_"), ("Spanish", "redaction_es_")):
        pooled = Tally()
        for group in args.groups:
            print(
                figures(f"{lang} {group}", tally(redactor, DATA / f"{prefix}{group}.jsonl", pooled))
            )
        print(figures(f"{lang} pooled {'+'.join(args.groups)} (tagger {args.tagger})", pooled))


if __name__ == "__main__":
    main()
