"""Round 23's threshold table: pooled counts are summed, and the candidates by its rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edge.privacy.redact import Redactor
from eval.redaction import Tally, load
from eval.tagger_thresholds import Counts, candidates, counts, pooled, run


def test_pooled_sums_the_counts_not_the_rates() -> None:
    small = Counts(removed=1, expected=1, free_removed=1, free_words=10)
    large = Counts(removed=1, expected=3, free_removed=0, free_words=90)
    pool = pooled([small, large])
    assert pool == Counts(2, 4, 1, 100)
    assert pool.removal == pytest.approx(0.5)  # the mean of the rates would be 0.667
    assert pool.over == pytest.approx(0.01)  # the mean of the rates would be 5%


def test_empty_pool_has_no_rate() -> None:
    pool = pooled([])
    assert pool == Counts(0, 0, 0, 0)
    assert pool.removal == 0.0 and pool.over == 0.0


def test_counts_of_a_tally() -> None:
    tally = Tally(removed=3, free_removed=2, free_words=40)
    tally.expected.update({"name": 2, "phone": 2})
    assert counts(tally) == Counts(3, 4, 2, 40)


def test_candidates_are_within_the_margin_and_the_ceiling() -> None:
    rules = Counts(0, 0, 5, 1000)  # 0.5%: the bound is 0.8%
    rows = {
        0.3: Counts(0, 0, 9, 1000),  # 0.9%: above the rules + 0.3 points
        0.4: Counts(0, 0, 8, 1000),  # 0.8%: at the bound, in
        0.5: Counts(0, 0, 6, 1000),
        0.9: Counts(0, 0, 10, 1000),  # above again (higher thresholds need not over-redact less)
    }
    assert candidates(rules, rows) == [0.4, 0.5]


def test_candidates_never_above_one_percent() -> None:
    rules = Counts(0, 0, 9, 1000)  # 0.9% + 0.3 points would allow 1.2%
    rows = {0.3: Counts(0, 0, 11, 1000), 0.5: Counts(0, 0, 10, 1000)}
    assert candidates(rules, rows) == [0.5]
    assert candidates(rules, {0.3: Counts(0, 0, 11, 1000)}) == []


def test_run_scores_a_file_with_eval_redaction(tmp_path: Path) -> None:
    path = tmp_path / "redaction_x.jsonl"
    lines = [
        {"text": "my name is Dana Whitfield", "spans": [{"start": 11, "end": 25, "kind": "name"}]},
        {"text": "the red one is thirty two thousand", "spans": []},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert run(Redactor(tagger=False), load(path)) == Counts(1, 1, 0, 7)
