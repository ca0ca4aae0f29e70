"""The Spanish understanding data: valid ids, every class, and the test split kept apart."""

import json
from pathlib import Path

from edge.understand.classify import class_of

DATA = Path(__file__).resolve().parents[2] / "eval" / "data"


def lines(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line]


def test_the_spanish_test_split_has_every_class_and_the_required_variety() -> None:
    rows = lines("understand_es_test.jsonl")
    labels = {str(label) for row in rows for label in row["labels"]}  # type: ignore[attr-defined]
    assert len(rows) >= 200
    assert len(labels) == 15  # the 14 ids + other
    assert all(class_of(label) for label in labels)  # unknown ids raise
    assert {row["style"] for row in rows} >= {"short", "long", "two_intents", "asr_errors"}
    assert {row["variety"] for row in rows} >= {"mx", "car", "csa", "es", "spanglish"}


def test_the_spanish_dev_set_shares_no_line_with_the_test_split() -> None:
    test = {str(row["text"]).strip().lower() for row in lines("understand_es_test.jsonl")}
    dev = {str(row["text"]).strip().lower() for row in lines("understand_es.jsonl")}
    assert dev and not dev & test
