"""The dealership's own numbers and address stay (issue 18, round 9); a person's do not."""

from __future__ import annotations

import pytest

from edge.privacy import business
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span


@pytest.mark.parametrize(
    "text",
    [
        "Our body shop is at 4100 W Loop 289, open Saturdays too.",
        "the dealership is on 1500 harbor boulevard past the light",
        "Nuestra sucursal está en la Calle Juárez 455, frente a la plaza.",
        "el taller queda en avenida hidalgo 300",
        "el número de inventario es el b siete siete uno cero",
        "stock number m four four one two is the red one",
        "Come see us at 2400 West Business 83, we're open late.",
        "visit us on 18 Harbor Drive this weekend",
        "Visítenos en Avenida Juárez 1200, abrimos a las nueve.",
    ],
)
def test_the_business_address_and_stock_numbers_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My address is 4100 Oak Avenue, thanks", "My address is [ADDRESS], thanks"),
        ("vivo en la Calle Juárez 455", "vivo en la [ADDRESS]"),
        (
            "The dealership is at 2200 Main St. My address is 14 Elm Street, thanks",
            "The dealership is at 2200 Main St. My address is [ADDRESS], thanks",
        ),
        (
            "come visit us at our new place 14 Elm Street",
            "come visit us at our new place [ADDRESS]",
        ),
    ],
)
def test_a_persons_address_is_still_removed(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


def test_a_name_after_a_business_cue_is_not_dropped() -> None:
    text = "the dealership is on main, ask for Dana"
    spans = [Span(text.index("Dana"), len(text), Kind.NAME)]
    assert business.drop(text, spans) == spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the dealership is on main call me at 555 014 2233",
            "the dealership is on main call me at [PHONE]",
        ),
        (
            "la agencia está en el centro mi número es 81 2264 9017",
            "la agencia está en el centro mi número es [PHONE]",
        ),
    ],
)
def test_the_business_clause_ends_where_the_speaker_turns_to_their_own(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected
