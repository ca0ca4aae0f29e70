"""Names with no cue in lower case, found by how rarely English and Spanish text has the word."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is haruto back from lunch", "is [NAME] back from lunch"),
        ("tell giorgos the trade numbers are in", "tell [NAME] the trade numbers are in"),
        ("kwame and his sister are coming saturday", "[NAME] and his sister are coming saturday"),
        ("dile a yesenia que ya llegamos", "dile a [NAME] que ya llegamos"),
        ("soy wendolyn y quiero ver la camioneta", "soy [NAME] y quiero ver la camioneta"),
        ("mi esposo tarik benjelloun es el titular", "mi esposo [NAME] es el titular"),
    ],
)
def test_rare_words_that_are_names_are_removed(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # rare words of one language only: slang, verb forms with pronouns, car talk
        "that trade number is a total ripoff",
        "how do i know this odometer hasn't been rolled back",
        "just having a nosey no rush",
        "déjame guiarlo un rato a ver cómo se siente",
        "le juraron que nunca había chocado",
        "no me alcansa con lo que gano",
        # acronyms and trims in lower case
        "we looked at a crv yesterday and liked it",
        "what's a payment look like on the xlt",
        "dob april twelve seventy five",
        # a rare word after a place cue is a place
        "vivo en móstoles desde hace diez años",
    ],
)
def test_rare_words_that_are_words_or_places_stay(redactor: Redactor, text: str) -> None:
    assert "[NAME]" not in redactor(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("guadalupe hernández llamó para la cita", "[NAME] llamó para la cita"),
        ("óscar mejía a sus órdenes", "[NAME] a sus órdenes"),
        ("is mark thornton working today", "is [NAME] working today"),
        ("bill haverford we spoke on tuesday", "[NAME] we spoke on tuesday"),
        # a Spanish first name that is a word, before a listed surname, and one before it
        ("es para mi mamá rosa maría quispe", "es para mi mamá [NAME]"),
        # a first name in no list that looks like one, rare in both languages
        ("soy maricarmen soler y vengo por la camioneta", "soy [NAME] y vengo por la camioneta"),
    ],
)
def test_a_first_name_and_a_surname_together_are_a_name(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "it's two grand cheaper at the dealership in fontana",
        "the charger scat pack in plum crazy",
        "it's under my maiden name",
        "will price go down next month",
        "twenty two miles per gallon is not enough",
        "la quiero en color rosa claro",
    ],
)
def test_words_beside_a_surname_stay(redactor: Redactor, text: str) -> None:
    assert "[NAME]" not in redactor(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "me and my girlfriend summer are splitting it",
            "me and my girlfriend [NAME] are splitting it",
        ),
        ("my wife grace and i want the palisade", "my wife [NAME] and i want the palisade"),
        ("it's for my grandson chase", "it's for my grandson [NAME]"),
    ],
)
def test_a_name_that_is_a_word_after_a_relative(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["my son will drive it home", "my wife may come by later", "my husband so wants this"],
)
def test_modals_after_a_relative_stay(redactor: Redactor, text: str) -> None:
    assert "[NAME]" not in redactor(text).text
