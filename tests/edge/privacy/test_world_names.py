"""Names of other countries come from faker's person providers, loaded once."""

from __future__ import annotations

import pytest

from edge.privacy import world_names
from edge.privacy.redact import Redactor


def test_the_lists_hold_names_the_us_census_lacks() -> None:
    first, last = world_names.lists()
    assert {"priya", "iñaki", "héctor", "wilfredo"} <= first
    assert {"tanaka", "mejía", "lindqvist"} <= last
    assert world_names.lists() is world_names.lists()  # cached


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my husband arjun will drive it", "my husband [NAME] will drive it"),
        ("leave it with anjali in finance", "leave it with [NAME] in finance"),
        ("is kavya around? she had our file", "is [NAME] around? she had our file"),
        ("mister nakamura is here", "[NAME] is here"),
    ],
)
def test_names_of_other_countries_are_found_after_a_cue(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "is the blue one around here",
        "is red in stock",
        "leave the keys in finance",
    ],
)
def test_without_a_cue_world_names_and_everyday_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_without_a_cue_the_world_lists_make_no_name() -> None:
    # the rules alone: a line that is only "arjun" is the learned tagger's to take (round 12)
    assert Redactor(tagger=False)("arjun").text == "arjun"
