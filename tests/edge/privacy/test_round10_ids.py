"""Round 10: VIN tails with letters, plates with Spanish tens or after a clause, "el número"."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

TAKEN = [
    ("el VIN termina en r t cuatro", "el VIN termina en r t cuatro"),  # three characters: stays
    ("la matrícula es jota ka ele veinte treinta y uno", "la matrícula es [PLATE]"),
    ("placa r s t noventa y dos quince", "placa [PLATE]"),
    (
        "the plate on the truck I'm trading is 8KLM204",
        "the plate on the truck I'm trading is [PLATE]",
    ),
    (
        "la patente del auto de mi hermano es AB 123 CD",
        "la patente del auto de mi hermano es [PLATE]",
    ),
    ("mi pasaporte, el número es P4431098", "mi pasaporte, el número es [LICENSE]"),
]

KEPT = [
    "the vin ends in b j three three four four five one",  # a tail is no detail (by default)
    "last eight of the VIN are GH208817",
    "los últimos siete del vin son LM55301",
    "the vin ends in 4521",
    "the vin ends in a 4521 i think",
    "el VIN termina en 4521",
    "la placa del carro es nueva",
    "the plate on my old car was fine",
    "the plate on the truck is 2500 bucks",
    "the plate on the front is missing so we ordered one",
    "la placa de adelante es de otro color",
    "the tag on this one is once a year",
]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_said_ids_are_taken(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_car_talk_about_ids_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("area code 212 then 555 then 0187 is my cell", "[PHONE] is my cell"),
        ("area code six one nine then four four two then one one eight zero", "[PHONE]"),
    ],
)
def test_a_phone_said_in_three_groups_with_then(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


def test_amounts_said_with_then_stay(redactor: Redactor) -> None:
    assert redactor("we paid 300 then 500 then 2000 down").text == (
        "we paid 300 then 500 then 2000 down"
    )
