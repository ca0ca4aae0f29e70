"""Rules + NER scoring: routing by language, removal before/after, over-redaction, old trees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from edge.privacy.redact import Redactor
from eval.redaction_ner import Entities, FileTally, add, chosen, rule_spans, score_file

ROOT = Path(__file__).resolve().parents[2]
PERSON = frozenset({"PERSON", "PER"})


def test_a_line_goes_to_the_model_of_its_language() -> None:
    ents = Entities(en=[(0, 4, "PERSON")], es=[(5, 9, "PER"), (0, 4, "LOC")])
    assert chosen("Hugo said the price is fine", ents, PERSON) == [(0, 4)]
    assert chosen("Hugo dice que el precio está bien", ents, PERSON) == [(5, 9)]
    assert chosen("Hugo dice que el precio está bien", ents, frozenset({"LOC"})) == [(0, 4)]


def test_removal_before_and_after_and_words_taken_from_free_lines() -> None:
    tally = FileTally()
    text = "ask for Zeb Quill at the desk"
    zeb = (text.index("Zeb"), text.index(" at"))
    # the rules take "Zeb" only: kept before (not every character), removed with the entity
    add(tally, text, [(*zeb, "name")], [(zeb[0], zeb[0] + 3)], [zeb])
    assert (tally.before["name"], tally.after["name"], tally.gained) == (0, 1, ["Zeb Quill"])
    free = "the Wolf Gray one is nice"
    add(tally, free, [], [], [(free.index("Wolf"), free.index(" one"))])
    assert (tally.free_words, tally.free_before, tally.free_after) == (6, 0, 2)
    assert tally.extra == ["Wolf", "Gray"]


def test_rule_spans_of_this_tree_and_of_a_tree_on_disk_agree() -> None:
    texts = ["my email is ana.lee@example.com", "the red one is nice"]
    here = rule_spans(texts, None)
    redactor = Redactor()
    assert here == [[(s.start, s.end) for s in redactor.spans(t)] for t in texts]
    assert here[0] and not here[1]
    assert rule_spans(texts, ROOT) == here


def test_a_file_is_scored_with_the_cached_entities(tmp_path: Path) -> None:
    lines = [
        {"text": "the blue Tacoma please", "spans": []},
        {"text": "call me at 555 201 7788", "spans": [{"start": 11, "end": 23, "kind": "phone"}]},
    ]
    data = tmp_path / "lines.jsonl"
    data.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    ents = {
        "the blue Tacoma please": Entities(en=[(9, 15, "PERSON")], es=[]),
        "call me at 555 201 7788": Entities(en=[], es=[]),
    }
    tally = score_file(data, ents, PERSON, None)
    assert (tally.before["phone"], tally.after["phone"]) == (1, 1)
    assert (tally.free_before, tally.free_after, tally.extra) == (0, 1, ["Tacoma"])


def test_the_score_command_prints_each_file(tmp_path: Path) -> None:
    data = tmp_path / "lines.jsonl"
    text = "quiero la troca roja"  # Spanish: the Spanish model's entity is taken
    data.write_text(json.dumps({"text": text, "spans": []}) + "\n", encoding="utf-8")
    ents = tmp_path / "ents.json"
    ents.write_text(json.dumps({text: {"en": [[0, 6, "PERSON"]], "es": [[10, 15, "PER"]]}}))
    done = subprocess.run(
        [sys.executable, "-m", "eval.redaction_ner", "score", "--ents", str(ents), str(data)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    assert "lines.jsonl: over-redaction 0/4 → 1/4" in done.stdout


def test_strict_keeps_capitalised_names_of_two_words_and_no_car_words() -> None:
    text = "Gary Lindqvist wants the Midnight Black Tacoma, ask Hunter"
    ents = Entities(
        en=[(0, 14, "PERSON"), (25, 45, "PERSON"), (52, 58, "PERSON")],
        es=[],
    )
    assert chosen(text, ents, PERSON) == [(0, 14), (25, 45), (52, 58)]
    assert chosen(text, ents, PERSON, strict=True) == [(0, 14)]
