"""The spoken-digit view and its map back to the original text."""

from __future__ import annotations

import pytest

from edge.privacy.spoken import view


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("five five five, one two three four", "5551234"),
        ("double five oh one", "5501"),
        ("triple seven", "777"),
        ("nineteen eighty five", "1985"),
        ("twenty twenty-four", "2024"),
        ("eight hundred five five five", "800555"),
        ("oh four one two", "0412"),
    ],
)
def test_spoken_runs_become_digits(text: str, digits: str) -> None:
    assert view(text).text == digits


def test_lone_number_words_and_interjections_stay_words() -> None:
    assert view("I want one of those").text == "I want one of those"
    assert view("oh, five five").text == "oh, 55"


def test_view_spans_map_back_to_the_words_said() -> None:
    text = "call five five five, one two three four now"
    digits = view(text)
    start = digits.text.index("5551234")
    orig = digits.origin(start, start + 7)
    assert text[slice(*orig)] == "five five five, one two three four"
    assert digits.is_spoken(start, start + 7)
    assert not digits.is_spoken(0, 4)
