import pytest

from edge.listen.language import LanguageGuess
from edge.listen.switching import parts, runs


def test_an_utterance_is_split_in_the_middle_of_its_long_pauses_only() -> None:
    pauses = [(2.0, 2.2), (4.0, 4.4), (7.0, 7.5)]
    cuts = [end for _, end in parts(pauses, 10.0, 0.3)]
    assert cuts == pytest.approx([4.2, 7.25, 10.0])
    every = [end for _, end in parts(pauses, 10.0, 0.0)]
    assert every == pytest.approx([2.1, 4.2, 7.25, 10.0])


def test_a_part_under_a_second_joins_its_neighbour() -> None:
    assert parts([(0.3, 0.7)], 5.0, 0.3) == [(0.0, 5.0)]  # the first joins the next
    assert parts([(4.2, 4.6)], 5.0, 0.3) == [(0.0, 5.0)]  # the last joins the one before
    assert parts([], 5.0, 0.3) == [(0.0, 5.0)]


def test_consecutive_parts_in_one_language_are_one_run_with_its_surest_guess() -> None:
    en, es, sure_es = LanguageGuess("en", 0.9), LanguageGuess("es", 0.7), LanguageGuess("es", 0.95)
    spans = [(0.0, 2.0), (2.0, 4.0), (4.0, 6.0), (6.0, 8.0)]
    assert runs(spans, [en, es, sure_es, en]) == [
        (0.0, 2.0, en),
        (2.0, 6.0, sure_es),
        (6.0, 8.0, en),
    ]
