"""The DEV/HOLDOUT figures of rounds 8 to 10 score real lines through the real redactor."""

from __future__ import annotations

import json
from pathlib import Path

from edge.privacy.redact import Redactor
from eval import redaction_split


def test_a_file_is_scored_as_written_and_as_an_asr_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    text = "Is Haruto back? His cell is (404) 555-0162."
    spans = [
        {"start": 3, "end": 9, "kind": "name"},
        {"start": 28, "end": 42, "kind": "phone"},
    ]
    free = {"text": "How much is the Tacoma?", "spans": []}
    lines = [json.dumps({"text": text, "spans": spans}), json.dumps(free)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    redactor = Redactor()
    written = redaction_split.tally(redactor, path, asr=False)
    spoken = redaction_split.tally(redactor, path, asr=True)
    assert (written.removed, spoken.removed) == (2, 2)  # "haruto" in lower case too
    assert (written.free_words, written.free_removed) == (5, 0)


def test_the_screen_counts_both_casings(tmp_path: Path) -> None:
    path = tmp_path / "understand.jsonl"
    path.write_text(json.dumps({"text": "what would the payment be"}) + "\n", encoding="utf-8")
    found, taken = redaction_split.screen(Redactor(), [path])
    assert (found.words, found.removed, taken) == (10, 0, [])


def test_the_holdout_is_not_in_dev() -> None:
    assert not set(redaction_split.HOLDOUT) & set(redaction_split.DEV)
    # round 10: test7 to test9 are retired (DEV); the blind test10 is in neither
    assert {"redaction_test9.jsonl", "redaction_es_test9.jsonl"} <= set(redaction_split.DEV)
    assert all("test10" not in name for name in redaction_split.DEV + redaction_split.HOLDOUT)
