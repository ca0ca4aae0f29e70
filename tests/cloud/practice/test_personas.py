"""Practice lines: the floor's phrasings first, seeds (marked) when too few; levels."""

from __future__ import annotations

import random

import pytest

from cloud.practice.mine import MinedObjection, Phrasing, SiteMining
from cloud.practice.personas import (
    PracticeError,
    choose_line,
    level_of,
    load_personas,
    seed_lines,
)
from contract.payloads import Objection
from contract.practice import MAX_LEVEL

PERSONAS = load_personas()


def _mining(*phrasings: tuple[str, int]) -> SiteMining:
    return SiteMining(
        site_id="site-a",
        objections=[
            MinedObjection(
                objection=Objection.TRADE_IN,
                raised=sum(n for _, n in phrasings),
                handled=0,
                phrasings=[
                    Phrasing(text=t, count=n, conversation_id=f"c{i}")
                    for i, (t, n) in enumerate(phrasings)
                ],
            )
        ],
    )


def test_a_site_with_enough_phrasings_speaks_its_own_words() -> None:
    mining = _mining(("You lowballed my truck.", 5), ("My car is worth more than that.", 2))
    for seed in range(20):
        line = choose_line(mining, PERSONAS, 2, "en", random.Random(seed), "trade-in-haggler")
        for part in line.parts:
            if part.objection == Objection.TRADE_IN:
                assert part.source == "floor"
                assert part.text in {"You lowballed my truck.", "My car is worth more than that."}
                assert part.conversation_id in {"c0", "c1"}
            else:  # the site never heard the persona's other objections
                assert part.source == "seed"
                assert part.text in seed_lines()["en"][part.objection]


def test_too_few_phrasings_fall_back_to_marked_seeds() -> None:
    mining = _mining(("You lowballed my truck.", 5))  # one group < min_phrasings (2)
    line = choose_line(mining, PERSONAS, 2, "en", random.Random(1), "trade-in-haggler")
    assert all(p.source == "seed" for p in line.parts)


def test_phrasings_of_another_language_are_not_used() -> None:
    mining = _mining(("You lowballed my truck.", 5), ("My car is worth more.", 2))
    line = choose_line(mining, PERSONAS, 1, "es", random.Random(0), "first-time-buyer")
    assert line.language == "es"
    assert all(p.text in seed_lines()["es"][p.objection] for p in line.parts)


def test_difficulty_two_objections_from_level_three_and_harder_personas() -> None:
    empty = SiteMining(site_id="s", objections=[])
    easy = choose_line(empty, PERSONAS, 1, "en", random.Random(0))
    assert len(easy.parts) == 1 and PERSONAS.get(easy.persona).level == 1
    hard = choose_line(empty, PERSONAS, 3, "en", random.Random(0))
    assert len(hard.parts) == 2 and len(set(hard.objections)) == 2
    assert PERSONAS.get(hard.persona).level == 3
    with pytest.raises(PracticeError, match="opens at level 3"):
        choose_line(empty, PERSONAS, 1, "en", random.Random(0), "skeptical-returner")
    with pytest.raises(PracticeError, match="no persona"):
        choose_line(empty, PERSONAS, 1, "en", random.Random(0), "nobody")


def test_levels_rise_on_two_passes_and_fall_on_two_misses() -> None:
    assert level_of([]) == 1
    assert level_of([True]) == 1
    assert level_of([True, True]) == 2
    assert level_of([True, False, True]) == 1
    assert level_of([True] * 20) == MAX_LEVEL
    assert level_of([True, True, True, True, False, False]) == 2
    assert level_of([False] * 5) == 1


def test_bad_personas_are_refused_with_the_reason() -> None:
    with pytest.raises(PracticeError, match="weights"):
        load_personas("personas: [{id: x, level: 1, weights: {}}]")
    with pytest.raises(PracticeError, match="invalid personas"):
        load_personas("personas: [{id: x, level: 1, weights: {nonsense: 1}}]")
    with pytest.raises(PracticeError):
        load_personas(": : :")
