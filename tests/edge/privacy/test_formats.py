"""Details found by their format (issue 18, round 5).

Whole dates with a birth year, UK and
Spanish plates, national ids, UK/Canadian postcodes, street types said before the name, units
such as "3C", Spanish phone, card and account cues, numbers inside a spoken Spanish e-mail.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/30/1971 is what the form should say", "[DOB] is what the form should say"),
        ("put 1987-02-14 on the application", "put [DOB] on the application"),
        ("she was born on June 5th, 1990", "she was born on [DOB]"),
        ("the 4th of July 1976, that's her", "[DOB], that's her"),
        ("Mi hija nació el 21/03/2004.", "Mi hija nació el [DOB]."),
        ("es el 3 de marzo de 1985, señor", "es el [DOB], señor"),
    ],
)
def test_whole_dates_with_a_birth_year(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I bought it on 03/15/2019 and it has 45,000 miles",
        "the 2015 model and the 2021 one",
        "delivery on March 3rd works for me",
        "the lease started 2020-06-01",
    ],
)
def test_model_years_and_dates_without_a_birth_year_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the reg is LM68 XKD", "the reg is [PLATE]"),
        ("Rego on the ute is AB12 CDE", "Rego on the ute is [PLATE]"),
        ("La matrícula de la furgoneta es 0193 GHT.", "La matrícula de la furgoneta es [PLATE]."),
        ("aparcado ahí, el 7710 JRW", "aparcado ahí, el [PLATE]"),
    ],
)
def test_uk_and_spanish_plates(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 2019 BMW X5 or a 2021 GMC Sierra 1500",
        "registration in 2 weeks is fine",
        "the CX-5 and the RAV4 and the F-150",
    ],
)
def test_car_talk_is_no_plate(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mi DNI es 51234987Q por si acaso", "Mi DNI es [LICENSE] por si acaso"),
        ("tengo NIE, Y3344556T", "tengo NIE, [LICENSE]"),
        ("my passport number is K4491230", "my passport number is [LICENSE]"),
        ("mi cédula es 1023456789", "mi cédula es [LICENSE]"),
    ],
)
def test_national_ids(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postal code M5V 3L9 in Toronto", "postal code [ADDRESS] in Toronto"),
        ("I live at 220 Rue Saint-Denis Ouest, apt 4", "I live at [ADDRESS]"),
        ("vivo en calle Mayor 12, piso 2B, Madrid", "vivo en [ADDRESS], Madrid"),
        (
            "la casa está en la carrera siete numero cuarenta y dos diez",
            "la casa está en la [ADDRESS]",
        ),
    ],
)
def test_addresses_by_format(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


def test_a_uk_postcode_after_a_street(redactor: Redactor) -> None:
    out = redactor("Send it to 14 Park Lane, Leeds LS1 4AP.").text
    assert out.startswith("Send it to [ADDRESS]") and "4AP" not in out and "Lane" not in out


def test_a_verb_after_a_kin_word_is_no_name(redactor: Redactor) -> None:
    text = "mi esposo compró la Hilux y mi hija nació en Lima"
    assert redactor(text).text == text


def test_a_porsche_carrera_is_no_street(redactor: Redactor) -> None:
    text = "the 911 carrera s is a dream car"
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Llámame al 654 321 987, porfa.", "Llámame al [PHONE], porfa."),
        (
            "el correo es pepe guion bajo noventa y uno arroba gmail punto com",
            "el correo es [EMAIL]",
        ),
        ("Call me al 555 0142 whenever", "Call me al [PHONE] whenever"),
    ],
)
def test_spanish_number_cues(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


def test_an_amount_in_pesos_after_an_account_stays(redactor: Redactor) -> None:
    text = "la cuenta es 0049 1500 0512 3456 7890 y cuesta 25000 pesos"
    assert redactor(text).text == "la cuenta es [ACCOUNT] y cuesta 25000 pesos"
