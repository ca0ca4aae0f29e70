"""The pooled blind-test figures: each author's and the pooled ones, per language, no lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eval import redaction_pooled


def _write(path: Path, lines: list[dict[str, object]]) -> None:
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")


def test_pooled_figures_per_language_never_print_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "my name is Dana Whitfield"
    free = "the red one is thirty two thousand"
    for group in ("a", "b"):
        _write(
            tmp_path / f"redaction_{group}.jsonl",
            [
                {"text": name, "spans": [{"start": 11, "end": 25, "kind": "name"}], "split": group},
                {"text": free, "spans": [], "split": group},
            ],
        )
        _write(
            tmp_path / f"redaction_es_{group}.jsonl",
            [
                {
                    "text": "me llamo Ana Ruiz",
                    "spans": [{"start": 9, "end": 17, "kind": "name"}],
                    "split": group,
                }
            ],
        )
    monkeypatch.setattr(redaction_pooled, "DATA", tmp_path)
    monkeypatch.setattr(sys, "argv", ["redaction_pooled", "a", "b", "--no-tagger"])
    redaction_pooled.main()
    out = capsys.readouterr().out
    # "my name is": three words beside the name, none removed
    assert (
        "English a: removed 1/1 = 1.000; over-redaction 0/7 = 0.00%; "
        "words beside the details removed 0/3 = 0.00%" in out
    )
    assert (
        "English pooled a+b (tagger False): removed 2/2 = 1.000; over-redaction 0/14 = 0.00%; "
        "words beside the details removed 0/6 = 0.00%" in out
    )
    assert "Spanish pooled a+b (tagger False): removed 2/2 = 1.000; over-redaction -" in out
    assert name not in out and free not in out
