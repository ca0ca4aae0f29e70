"""The name scorer's training: names swapped in a line keep every span in place."""

from __future__ import annotations

import random

from eval.train_names import asr_style, augment


def test_augment_swaps_names_and_moves_the_spans_after_them() -> None:
    text = "ask for Ann Lee, phone 555 1234"
    spans: list[dict[str, object]] = [
        {"start": 8, "end": 15, "kind": "name"},
        {"start": 23, "end": 31, "kind": "phone"},
    ]
    new, moved = augment(text, spans, ["bartholomew"], random.Random(1))
    assert new == "ask for Bartholomew Bartholomew, phone 555 1234"
    name, phone = moved
    assert new[int(str(name["start"])) : int(str(name["end"]))] == "Bartholomew Bartholomew"
    assert new[int(str(phone["start"])) : int(str(phone["end"]))] == "555 1234"


def test_augment_keeps_spelled_letters_and_case() -> None:
    text = "it's t a n a k a, tanaka"
    spans: list[dict[str, object]] = [
        {"start": 5, "end": 16, "kind": "name"},
        {"start": 18, "end": 24, "kind": "name"},
    ]
    new, _ = augment(text, spans, ["osei"], random.Random(1))
    assert new == "it's t a n a k a, osei"


def test_asr_style_keeps_offsets_and_written_addresses() -> None:
    text = "Hi, Mr. Okafor. It's jo.smith@mail.com, right?"
    plain = asr_style(text)
    assert len(plain) == len(text)
    assert plain == "hi  mr  okafor  it's jo.smith@mail.com  right "
