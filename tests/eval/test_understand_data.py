"""The understanding data keeps its splits apart (eval/data/README.md says why)."""

import hashlib
import json
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "eval" / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "edge" / "understand" / "examples.yaml"


def lines(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line]


def key(text: object) -> str:
    return str(text).strip().lower()


def test_the_development_set_is_split_by_a_hash_of_the_text() -> None:
    for row in lines("understand.jsonl"):
        bucket = int(hashlib.sha256(key(row["text"]).encode()).hexdigest(), 16) % 10
        assert row["split"] == ("train" if bucket < 7 else "dev"), row["text"]


def test_validation_and_test_share_no_line_with_each_other_or_the_examples() -> None:
    examples = {
        key(p) for phrases in yaml.safe_load(EXAMPLES.read_text()).values() for p in phrases
    }
    development = {key(row["text"]) for row in lines("understand.jsonl")}
    val = {key(row["text"]) for row in lines("understand_val.jsonl")}
    test = {key(row["text"]) for row in lines("understand_test.jsonl")}
    assert len(test) >= 300
    assert not val & test
    assert not (val | test) & development
    assert not (val | test | development) & examples
