"""ZIP codes, spoken street addresses and phone numbers said in pieces."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.spoken import view

REDACTED = [
    ("the zip is nine oh two one oh", "the zip is [ADDRESS]"),
    ("zip code ninety two six eighteen", "zip code [ADDRESS]"),
    ("postal code 94110", "postal code [ADDRESS]"),
    ("Beverly Hills, CA 90210", "Beverly Hills, CA [ADDRESS]"),
    ("we're in nine oh two one oh", "we're in [ADDRESS]"),
    ("we live at four twenty two elm street", "we live at [ADDRESS]"),
    ("two thousand one hundred ocean boulevard apartment four b", "[ADDRESS]"),
    ("send it to three hundred twelve pine street", "send it to [ADDRESS]"),
    (
        "area code three one zero then five five five twelve twelve",
        "[PHONE]",
    ),
    ("area code six one nine then eight eight two forty forty", "[PHONE]"),
    (
        "area code's seven one four and then it's five five five eighty eighty",
        "[PHONE]",
    ),
    ("it's area code 415 then 555 0199", "it's [PHONE]"),
    ("four one five double five five twelve thirty four", "[PHONE]"),
    ("reach me at eight five eight triple two one three one four", "reach me at [PHONE]"),
]

KEPT = [
    "it has sixty thousand miles on it",
    "we're in no hurry, maybe in two thousand twenty five",
    "in thirty thousand miles it needs tires",
    "the dealership is on ocean boulevard",
    "i can do four fifty a month with two thousand down",
    "the warranty is five years or sixty thousand miles",
    "two hundred thousand miles on my old corolla",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_spoken_places_and_numbers_are_redacted(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_amounts_in_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("two thousand one hundred", "2100"),
        ("twenty one hundred", "2100"),
        ("three hundred twelve pine", "312 pine"),
        ("eight hundred five five five", "800555"),
        ("two thousand twenty four", "2024"),
    ],
)
def test_compound_numbers_are_one_number(text: str, digits: str) -> None:
    assert view(text).text == digits


def test_a_licence_number_after_an_apostrophe_s(redactor: Redactor) -> None:
    text = "my license number's K5521907, Nevada"
    assert redactor(text).text == "my license number's [LICENSE], Nevada"


@pytest.mark.parametrize(
    "text",
    [
        "we drove up from san angelo and then from bowling green",
        "we came over from sugar land this morning",
        "We're moving to Moncton in the spring.",
        "can you ship it to Kelowna for me",
        "the dealership on Stassney had a better price",
        "Está enfrente del Soriana, al lado del Banorte.",
    ],
)
def test_places_by_their_context_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_name_after_with_is_no_place(redactor: Redactor) -> None:
    text = "I came in with Wanjiru last week."
    assert redactor(text).text == "I came in with [NAME] last week."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can you deliver it to Jenny at the front desk",
            "can you deliver it to [NAME] at the front desk",
        ),
        ("hand it over to Marisol", "hand it over to [NAME]"),
    ],
)
def test_a_thing_handed_to_a_person_is_no_place(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected
