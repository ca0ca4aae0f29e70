"""Street addresses after a cue with every published street type; their written shape; ZIPs."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we live at 580 Parsons Gateway Apt. 215", "we live at [ADDRESS]"),
        ("my address is 22453 Hunter Spurs, thanks", "my address is [ADDRESS], thanks"),
        ("we live at Studio 19, James Street", "we live at [ADDRESS]"),
        ("vivo en Rambla de Yésica Porras 31 Puerta 9", "vivo en [ADDRESS]"),
        ("mi dirección es Boulevard Chaco N° 793", "mi dirección es [ADDRESS]"),
        ("vivo en Francisco Bilbao 36", "vivo en [ADDRESS]"),
        ("estamos en la calle de Alcalá, 212, cuarto izquierda", "estamos en la [ADDRESS]"),
    ],
)
def test_an_address_after_a_cue_is_removed_whole(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It's 580 Parsons Gateway, by the school.", "It's [ADDRESS], by the school."),
        ("la casa es Pasaje Los Aromos 1540", "la casa es [ADDRESS]"),
    ],
)
def test_the_written_shape_needs_no_cue(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "we're at the park by the lake",
        "the 2021 Forest Green one is nice",
        "the Silverado 1500 LT Trail Boss has the lift",
        "is your service center still at 1800 Commerce Parkway",
        "¿cuánto cuesta la CX-30 con todo?",
        "está en Juárez, como a 5 minutos",
        "mándame un mensaje a las 5",
        "it has a great view of the bay",
    ],
)
def test_car_talk_times_and_the_dealers_place_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_zip_read_digit_by_digit_after_the_address_goes_with_it(redactor: Redactor) -> None:
    text = "we live at twenty two oak hollow drive in round rock seven eight six six four"
    assert redactor(text).text == "we live at [ADDRESS]"
    phone = "we live at 12 Elm Street and my phone is five five five one two three four five six"
    assert redactor(phone).text == "we live at [ADDRESS] and my phone is [PHONE]"


def test_a_car_after_a_spanish_cue_is_not_a_way(redactor: Redactor) -> None:
    assert redactor("estamos en Tacoma 2020 o Tundra").text == "estamos en Tacoma 2020 o Tundra"


def test_a_zip_after_an_address_is_five_digits_not_six(redactor: Redactor) -> None:
    six = "we live at 12 oak lane, seven eight seven four five six"
    assert redactor(six).text == "we live at [ADDRESS], seven eight seven four five six"
    written = "we're at 44 elm street, austin, seven eight seven four five, and the car"
    assert redactor(written).text == "we're at [ADDRESS], and the car"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vivo en Cl. 36 # 81-32", "vivo en [ADDRESS]"),
        ("mi dirección es Tr. 82 # 8F-51 Este", "mi dirección es [ADDRESS]"),
        ("mándelo a Avenida calle 129 # 26U-3 Sur", "mándelo a [ADDRESS]"),
        ("vivo en Andador Tamaulipas 358 952", "vivo en [ADDRESS]"),
        ("vivo en Peatonal Norte Roque 476 Interior 216", "vivo en [ADDRESS]"),
    ],
)
def test_colombian_and_mexican_ways_and_numbers(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


def test_a_distance_after_the_house_number_stays(redactor: Redactor) -> None:
    text = "vivo en calle Juárez 45 20 minutos de aquí"
    assert redactor(text).text == "vivo en [ADDRESS] 20 minutos de aquí"
