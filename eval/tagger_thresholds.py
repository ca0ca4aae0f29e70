"""The tagger's thresholds on authors the shipped model never saw: figures only, no lines.

    PYTHONPATH=$PWD .venv/bin/python -m eval.tagger_thresholds
    PYTHONPATH=$PWD .venv/bin/python -m eval.tagger_thresholds --groups test27 test28

For each language (English `redaction_GROUP.jsonl`, Spanish `redaction_es_GROUP.jsonl`) it
scores the rules alone and the rules joined with the shipped tagger at each threshold of
`THRESHOLDS` (the language's own threshold varied, the other language's kept at its shipped
value), and prints, pooled over the groups and per group, removal (kind-blind, every
character: `eval.redaction.score`) and over-redaction (words removed from detail-free lines).
Pooled figures are the summed counts over the summed words, not a mean of the authors' rates.
Then it names round 23's candidates (pooled over-redaction at most the rules' own + `MARGIN`
and at most `CEILING`) and the lowest of them; that the privacy and eval tests pass at it is
checked by hand (docs/benchmarks.md, round 23). The default groups are test27..test41 without
test39, round 23's held-out author: files the shipped model (d59f6fb, trained on files up to
test26) never saw.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from edge.privacy.redact import Redactor
from edge.privacy.tagger import THRESHOLD, THRESHOLD_ES
from eval.redaction import Labelled, Tally, load, score

DATA = Path(__file__).parent / "data"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
GROUPS = tuple(f"test{n}" for n in range(27, 42) if n != 39)
#: A candidate over-redacts at most the rules' own + this (a share: 0.3 points)...
MARGIN = 0.003
#: ... and at most this (1.0%).
CEILING = 0.010
PREFIXES = {"English": "redaction_", "Spanish": "redaction_es_"}


@dataclass(frozen=True)
class Counts:
    """The counts behind removal and over-redaction of one author or a pool of them."""

    removed: int
    expected: int
    free_removed: int
    free_words: int

    @property
    def removal(self) -> float:
        """Details whose every character was removed, over the details."""
        return self.removed / self.expected if self.expected else 0.0

    @property
    def over(self) -> float:
        """Words removed from detail-free lines, over their words."""
        return self.free_removed / self.free_words if self.free_words else 0.0


def counts(tally: Tally) -> Counts:
    """The counts of one tally."""
    return Counts(tally.removed, sum(tally.expected.values()), tally.free_removed, tally.free_words)


def pooled(parts: Iterable[Counts]) -> Counts:
    """The pool of several authors: their counts summed (not a mean of their rates)."""
    items = list(parts)
    return Counts(
        sum(c.removed for c in items),
        sum(c.expected for c in items),
        sum(c.free_removed for c in items),
        sum(c.free_words for c in items),
    )


def candidates(rules: Counts, rows: dict[float, Counts]) -> list[float]:
    """The thresholds whose pooled over-redaction is within `MARGIN` of the rules' and `CEILING`.

    The difference is rounded to 1e-12, so that a rate exactly at the bound (1.0%) is within it
    despite the floats' error.
    """
    bound = min(rules.over + MARGIN, CEILING)
    return sorted(t for t, c in rows.items() if round(c.over - bound, 12) <= 0)


def run(redactor: Redactor, lines: Sequence[Labelled]) -> Counts:
    """The counts of `redactor` over `lines` (`eval.redaction.score`)."""
    tally = Tally()
    for line in lines:
        score(redactor, line.text, line.labels, tally)
    return counts(tally)


def _cell(c: Counts) -> str:
    return f"{c.removal:.3f} / {c.over:.2%}"


def table(lang: str, groups: Sequence[str], rows: dict[str, dict[str, Counts]]) -> list[str]:
    """Markdown lines: pooled figures per row, then each group's."""
    out = [
        f"**{lang}**, pooled {groups[0]}..{groups[-1]} ({len(groups)} authors)",
        "",
        "| redactor | removed | over-redaction |",
        "|---|---|---|",
    ]
    for name, per in rows.items():
        pool = pooled(per.values())
        out.append(
            f"| {name} | {pool.removal:.3f} ({pool.removed}/{pool.expected}) | "
            f"{pool.over:.2%} ({pool.free_removed}/{pool.free_words}) |"
        )
    out += [
        "",
        f"**{lang}** per author (removed / over-redaction)",
        "",
        "| redactor | " + " | ".join(groups) + " |",
        "|---|" + "---|" * len(groups),
    ]
    out += [
        f"| {name} | " + " | ".join(_cell(per[g]) for g in groups) + " |"
        for name, per in rows.items()
    ]
    return out


def main() -> None:
    """Print the tables and round 23's choice per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", nargs="+", default=list(GROUPS))
    args = parser.parse_args()
    groups: list[str] = args.groups
    shipped = {"English": THRESHOLD, "Spanish": THRESHOLD_ES}
    for lang, prefix in PREFIXES.items():
        files = {g: load(DATA / f"{prefix}{g}.jsonl") for g in groups}
        rows: dict[str, dict[str, Counts]] = {}
        rules = Redactor(tagger=False)
        rows["rules alone"] = {g: run(rules, lines) for g, lines in files.items()}
        by_threshold: dict[float, Counts] = {}
        for t in THRESHOLDS:
            pair = (t, THRESHOLD_ES) if lang == "English" else (THRESHOLD, t)
            redactor = Redactor(tagger=True, tagger_threshold=pair[0], tagger_threshold_es=pair[1])
            rows[f"rules + tagger {t}"] = {g: run(redactor, lines) for g, lines in files.items()}
            by_threshold[t] = pooled(rows[f"rules + tagger {t}"].values())
        print("\n".join(table(lang, groups, rows)))
        chosen = candidates(pooled(rows["rules alone"].values()), by_threshold)
        print(
            f"\n{lang}: candidates {chosen or 'none'}; lowest "
            f"{chosen[0] if chosen else f'none, keep {shipped[lang]}'} (shipped {shipped[lang]})\n"
        )


if __name__ == "__main__":
    main()
