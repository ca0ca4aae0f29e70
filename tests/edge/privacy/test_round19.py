"""Round 19's over-redaction classes (docs/benchmarks.md, "Redaction, round 19").

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# paint colours (edge/privacy/colours.py)


@pytest.mark.parametrize(
    "text",
    [
        "the Tacoma comes in Lunar Silver, Crystal White or Midnight Blue this year",
        "we only have it in Cosmic Red and Ruby Flare right now",
        "ese modelo lo tenemos en Negro Ónix y Rosa Perla",
        "la pintura se llama Gris Acero, es de las más pedidas",
        "the paint code says Amber Gold on the door jamb",
    ],
)
def test_paint_colours_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I spoke with Crystal White, she called about the Lunar Silver one", ("Crystal",)),
        ("ask for Ruby or Jasmine at the front desk", ("Ruby", "Jasmine")),
        ("my daughter Ruby picked the color herself", ("Ruby",)),
        ("pregunte por Rosa Blanco en la caja, ella le cobra", ("Rosa",)),
    ],
)
def test_people_beside_colours_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# card networks and holidays (edge/privacy/closed_names.py)


@pytest.mark.parametrize(
    "text",
    [
        "for the deposit we take Visa, Mastercard or Amex, no checks",
        "the rebate runs until Memorial Day weekend",
        "everything on the lot is marked down for Labor Day",
    ],
)
def test_cards_and_holidays_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("for the deposit Gloria Mendez paid with her card", ("Gloria",)),
        ("the paperwork is under Doris Day, she signed Monday", ("Doris",)),
    ],
)
def test_people_beside_cards_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# cars after an article, a demonstrative or a year (edge/privacy/groups.py MODELS)


@pytest.mark.parametrize(
    "text",
    [
        "me interesa el precio del León que tienen afuera",
        "traigo un León del 2015 para dejarlo a cuenta",
        "¿esa Lobo trae doble cabina?",
        "we just took a 2019 Vios in on trade",
        "my dad restored a chevelle back in the day",
    ],
)
def test_car_models_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("me llamo Marta León y traigo un Jetta", ("Marta", "León")),
        ("el trámite lo firmó Tomás Lobo ayer", ("Tomás", "Lobo")),
    ],
)
def test_people_named_like_cars_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# a begged pardon, a word of address opening the line (edge/privacy/not_names.py OPENERS)


@pytest.mark.parametrize(
    "text",
    [
        "Pardon, which one has the bigger trunk?",
        "Disculpe, ¿dónde firmo la factura?",
        "kuya can we see the Fortuner again",
        "Oga, abeg the last price for the Camry",
    ],
)
def test_openers_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Pardon me, Gregory Walsh is here for the four o'clock", ("Gregory", "Walsh")),
        ("Disculpe, busco a Lorena Vázquez de ventas", ("Lorena", "Vázquez")),
    ],
)
def test_names_after_openers_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# the dealership's own details (edge/privacy/business.py)


@pytest.mark.parametrize(
    "text",
    [
        "estamos en Calzada del Valle 410, y el teléfono de la sala de ventas es el 81 5555 0190",
        "our sales floor is at 3300 West Loop, right by the tire place",
        "we're on the corner of Birch and Ninth, the dealership with the big flag",
        "la sucursal está en avenida Juárez 220, código postal 64000, por si se pierde",
    ],
)
def test_business_details_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vivo en Calzada del Valle 410, y mi teléfono es el 81 5555 0190", ("410", "0190")),
        ("my place is 3300 West Loop, zip 77027", ("3300", "77027")),
        ("we're on the corner of Birch and Ninth, the house with the big flag", ("Birch",)),
        ("mi casa está en avenida Juárez 220, código postal 64000", ("220", "64000")),
    ],
)
def test_own_details_still_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)
