"""Names said without a self-introduction, and the everyday words, cars and places that stay."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

NAMES = [
    ("hi mister johnson thanks for coming back", "hi [NAME] thanks for coming back"),
    ("Hi Mr. Johnson, thanks for coming back in.", "Hi [NAME], thanks for coming back in."),
    ("this is my wife sarah", "this is my wife [NAME]"),
    ("ask for tom at the front desk", "ask for [NAME] at the front desk"),
    ("mrs. alvarez will sign", "[NAME] will sign"),
    ("ms. washington wants a callback", "[NAME] wants a callback"),
    ("tell mark the rav4 is sold", "tell [NAME] the rav4 is sold"),
    ("let hannah know the car is ready", "let [NAME] know the car is ready"),
    (
        "it's registered to anthony ruiz my father in law",
        "it's registered to [NAME] my father in law",
    ),
    ("the name on the title is gonzalez", "the name on the title is [NAME]"),
    ("it's under the name okonkwo", "it's under the name [NAME]"),
    ("The Hendersons referred us.", "The [NAME] referred us."),
    ("did stephanie leave the keys", "did [NAME] leave the keys"),
    ("my son tyler is driving it", "my son [NAME] is driving it"),
]

KEPT = [
    "will the price go down next month",
    "mark my words, grant me that",
    "i'd like the rose gold one",
    "the doctor said i need a higher seat",
    "I miss my old Accord honestly",
    "my wife loves the color",
    "the Kia Sorento SX in Sierra Blue",
    "the mercedes and the lincoln are out of budget",
    "we came over from dallas this morning",
    "the dealership is on jackson street past the light",
    "Honda of Santa Monica had a better offer",
    "your price is higher than kelley blue book says",
    "it has sixty thousand miles on it",
    "hang on, give me five min",
    "the Camrys are sold but the Hondas are not",
    "hi there, just looking today",
    "thanks so much for your help",
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names_mentioned_in_passing_are_redacted(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_everyday_words_cars_and_places_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
