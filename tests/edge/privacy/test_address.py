"""Street addresses: rural routes, post office boxes and the city that closes the line."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're on Rural Route 7, Box 42, by the silo", "we're on [ADDRESS], by the silo"),
        ("send it to P.O. Box 5531", "send it to [ADDRESS]"),
        ("it's 712 maple grove drive, santa clara", "it's [ADDRESS]"),
    ],
)
def test_boxes_and_a_closing_city_are_part_of_the_address(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the dealership on Jackson Street has it",
        "the Jackson store has the Tahoe in stock",
        "it's a 4 wheel drive, right",
        "put it in the box in the trunk",
        "route 66 is where we tested it",
    ],
)
def test_dealership_streets_and_car_talk_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're at 301 Birch Hollow Lane, Boise, 83702", "we're at [ADDRESS]"),
        ("it's 55 Quarry Road, number 4, Salem", "it's [ADDRESS]"),
        ("vivo en privada Los Pinos 8, 44100, Guadalajara", "vivo en [ADDRESS], Guadalajara"),
        (
            "avenida Juárez 140, colonia Centro",
            "[ADDRESS]",
        ),
    ],
)
def test_zip_unit_and_colonia_join_the_street(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Ram 2500 Big Horn has the diesel",
        "the Tacoma 4 Runner Road trim",
        "is your body shop still at 90 Industrial Way",
        "is your other location on 12 Main Street open sundays",
    ],
)
def test_model_numbers_and_the_dealers_own_address_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 9: Spanish post-office boxes, a unit after the house number, a ZIP after it
        ("Envíenlo al Apdo. 2210, Monterrey.", "Envíenlo al [ADDRESS], Monterrey."),
        ("mándalo a la casilla de correo 1043", "mándalo a la [ADDRESS]"),
        ("vivo en Calle 9 C-4, Carolina, 00987.", "vivo en [ADDRESS]."),
        ("vivo en calle luna 8, 2º A, Sevilla, 41003", "vivo en [ADDRESS]"),
        ("mailing address is rural route four box two twelve", "mailing address is [ADDRESS]"),
    ],
)
def test_boxes_units_and_zips_close_an_address(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're at twenty two oh one west third", "we're at [ADDRESS]"),
        ("ship it to 4410 county road nine", "ship it to [ADDRESS]"),
    ],
)
def test_grid_streets_without_a_type(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text", ["it gets 30 highway and 25 city", "take exit 12 north", "about 40 miles north"]
)
def test_mileage_and_exits_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
