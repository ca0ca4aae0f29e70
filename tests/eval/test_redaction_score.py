"""The redaction scorer: kind-blind removal, over-redaction, any split, unknown kinds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from edge.privacy.redact import Redactor
from eval.redaction import Label, Tally, score


def test_removal_is_kind_blind_and_strict() -> None:
    tally = Tally()
    text = "the vin is 1HGCM82633A004352 and my name is Ana Lee"
    start = text.index("1HG")
    labels = [
        Label(start, start + 17, "vehicle_id"),  # a kind the redactor does not know
        Label(text.index("Ana"), len(text), "name"),
        Label(0, 3, "name"),  # "the": not redacted
    ]
    score(Redactor(), text, labels, tally)
    assert tally.removed == 2
    assert tally.found["name"] == 1
    assert tally.found["vehicle_id"] == 0
    assert tally.free_words == 0


def test_over_redaction_counts_words_of_detail_free_lines_only() -> None:
    tally = Tally()
    redactor = Redactor()
    score(redactor, "plate 7ABC123 and the red one", [], tally)
    score(redactor, "the red one is nice", [], tally)
    assert (tally.free_removed, tally.free_words) == (1, 11)


def test_every_split_of_a_file_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "lines.jsonl"
    lines = [
        {"text": "call me at 555 123 4567", "spans": [{"start": 11, "end": 23, "kind": "phone"}],
         "split": "test"},
        {"text": "the cx-5 in red", "spans": [], "split": "other"},
    ]  # fmt: skip
    data.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "eval.redaction", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "test: 1 expected spans" in result.stdout
    assert "removed (kind-blind, every character) 1/1 = 1.000" in result.stdout
    assert "over-redaction 0/4 words of detail-free lines = 0.000" in result.stdout
