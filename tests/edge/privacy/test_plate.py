"""Licence plates: introduced by "plate"/"tag", or in California's and the AAA-1234 format."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

PLATES = [
    ("plate number 7ABC123 on the trade in", "plate number [PLATE] on the trade in"),
    ("license plate ABC 1234 texas", "license plate [PLATE] texas"),
    ("tag number KLM-4821 florida", "tag number [PLATE] florida"),
    ("the tag on it is 6TRJ244", "the tag on it is [PLATE]"),
    ("the plate's 4GHJ782", "the plate's [PLATE]"),
    ("plates are BXR 4419", "plates are [PLATE]"),
    ("license plate number 6 A B C 4 5 6", "license plate number [PLATE]"),
    ("the plate is seven a b c one two three", "the plate is [PLATE]"),
    ("my plate is seven alpha bravo charlie one two three", "my plate is [PLATE]"),
    (
        "it's 5LKT903 on the back of the silver civic",
        "it's [PLATE] on the back of the silver civic",
    ),
    ("it has ABC-1234 on it", "it has [PLATE] on it"),
]

KEPT = [
    "we're looking at the CX-5 and the F-150",
    "the RAV4 or the 4Runner",
    "the XC90 T8, the Q5 and the 2500HD",
    "the GMC 2500 and the Ram 3500",
    "the price tag is 32000",
    "price tag 29,999 on the window",
    "the plate on the front is missing",
    "the tags are due in 2025",
    "the red one with the sunroof",
    "the ID.4 Pro S with the 82 kWh battery",
    "a 2024 model at $38,995",
]


@pytest.mark.parametrize(("text", "expected"), PLATES)
def test_plates_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_model_codes_prices_and_plate_talk_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_vanity_plate_in_capitals_after_the_cue(redactor: Redactor) -> None:
    assert redactor("my plate, GOBLUE, transfers over").text == "my plate, [PLATE], transfers over"


def test_a_plate_word_before_ordinary_words_stays(redactor: Redactor) -> None:
    for text in ["the plate is bent", "my plates, they expire soon", "the license plate light"]:
        assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("las placas son jal guion cuatro cinco seis", "las placas son [PLATE]"),
        ("la placa es ABC guion 123", "la placa es [PLATE]"),
        ("the plate is abc dash one two three four", "the plate is [PLATE]"),
    ],
)
def test_a_letter_group_then_dash_and_digits(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected
