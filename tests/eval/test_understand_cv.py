"""The cross-validation of the classifiers: blind files refused, folds, decisions, scores."""

import numpy as np
import pytest

from eval.understand import CLASSES
from eval.understand_cv import FILES, Corpus, Row, decide, f1s, hash_fold, read_rows


@pytest.mark.parametrize("split", ["test4", "test5"])
def test_the_blind_files_are_never_read(split: str) -> None:
    assert not [name for names in FILES.values() for name in names if split in name]
    with pytest.raises(ValueError, match="blind"):
        read_rows((f"understand_es_{split}.jsonl",))  # refused before any file is opened


def test_folds_are_a_hash_of_the_stripped_lower_case_text() -> None:
    assert hash_fold("Too expensive ") == hash_fold("too expensive")
    assert {hash_fold(f"line {i}") for i in range(200)} == set(range(5))


def corpus() -> Corpus:
    rows = [
        Row("That is way too expensive. We love the colour though.", frozenset({"price"}), "a"),
        Row("nice weather today", frozenset(), "a"),
    ]
    return Corpus(rows, [], "en", {})


def test_decisions_read_every_piece_and_use_the_rules_as_asked() -> None:
    c = corpus()
    assert c.pieces[0][0] == "That is way too expensive. We love the colour though."
    assert len(c.pieces[0]) == 3 and len(c.pieces[1]) == 1
    probs = np.full((4, len(CLASSES)), 0.1)
    drive = CLASSES.index("availability")
    probs[2, drive] = 0.8  # the second sentence of the first line
    price = CLASSES.index("price")
    assert c.text_rules[0, price] and not c.text_rules[0, drive]  # "too expensive": price
    none = decide(c, probs, 0.5, "none")
    assert none[0, drive] and not none[0, price] and not none[1].any()
    assert decide(c, probs, 0.9, "none").sum() == 0  # the threshold is honoured
    union = decide(c, probs, 0.5, "union")
    assert union[0, drive] and union[0, price]
    first = decide(c, probs, 0.5, "rules-first")
    assert first[0, price] and not first[0, drive]  # a rule matched: the rules alone
    bonus = decide(c, probs, 0.5, "logit+3")  # logit(0.1) + 3 = 0.80: p 0.69 on the price pieces
    assert bonus[0, price] and bonus[0, drive]


def test_f1_per_class() -> None:
    gold = np.array([[True, False], [True, False], [False, True]])
    pred = np.array([[True, False], [False, False], [False, True]])
    assert np.allclose(f1s(gold, pred), [2 / 3, 1.0])
