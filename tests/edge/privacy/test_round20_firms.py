"""Round 20's over-redaction classes: firms, brands, organisations, teams, sites' places.

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy import firms
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# closed lists of firms and brands (edge/privacy/firms.py, BRANDS)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Equifax had you at six ninety and TransUnion at seven oh two", ("Equifax", "TransUnion")),
        ("we put Goodyears on it last spring, plenty of tread left", ("Goodyears",)),
        ("le cambiamos las balatas por unas Brembo, quedó nuevo", ("Brembo",)),
        ("está enfrente del Soriana, no tiene pérdida", ("Soriana",)),
        ("the Jiffy Lube coupon is still good through Friday", ("Jiffy", "Lube")),
        ("manejo para DiDi los fines de semana", ("DiDi",)),
    ],
)
def test_brands_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sarah from Experian called, her number is 555 201 7788", ("Sarah", "201 7788")),
        ("ask for Maria Delgado at the Oxxo, she has the keys", ("Maria", "Delgado")),
        ("Mr. Bosch called about his Tacoma", ("Bosch",)),
    ],
)
def test_people_beside_brands_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# lenders and insurers in a line of money (LENDERS)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("we got you approved with Westlake at seventeen nine", ("Westlake",)),
        ("Ally wants paystubs and a utility bill, that's the stip", ("Ally",)),
        ("el seguro sale en ochocientos al mes con Quálitas", ("Quálitas",)),
        ("we sent it to Chase and Capital One, Chase came back at five nine APR", ("Chase",)),
    ],
)
def test_lenders_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hey Chase, your customer's waiting at the front desk", ("Chase",)),
        ("my buddy Chase financed his through Chase and got a decent rate", ("buddy Chase",)),
        ("mi hija Ally firmó el crédito conmigo", ("Ally",)),
        ("Chase is handling your financing paperwork today", ("Chase",)),
    ],
)
def test_people_named_like_lenders_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


# brands by their product, organisations by their heads, teams by a fan's words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("it has the Harman Kardon stereo and a Warn winch up front", ("Warn",)),
        ("le pusimos la llanta Firestone de repuesto", ("Firestone",)),
        ("my daughter goes to Westlake High", ("Westlake",)),
        ("the title's held by Lakeshore Credit Union", ("Lakeshore",)),
        ("la llevamos al Hospital Ángeles la semana pasada", ("Ángeles",)),
        ("mi hijo va al Colegio San Ignacio", ("Ignacio",)),
        ("he's a huge Cowboys fan, he'll want the silver one", ("Cowboys", "fan")),
        ("mi esposo es fan del Cruz Azul", ("Cruz",)),
        ("she works at Whitfield and Sons", ("Whitfield",)),
    ],
)
def test_organisations_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("my son Jake Morales plays for Westlake High", ("Jake", "Morales")),
        ("mi esposa Lupita Ramírez trabaja en el Hospital Ángeles", ("Lupita", "Ramírez")),
        ("he's a huge Cowboys fan, his name is Derek Whitfield", ("Derek", "Whitfield")),
        ("call Dana at 555 330 1290, she's at Lincoln Elementary", ("Dana", "330 1290")),
    ],
)
def test_people_beside_organisations_still_redacted(
    redactor: Redactor, text: str, names: tuple[str, ...]
) -> None:
    gone(redactor, text, *names)


def test_first_name_before_a_surname_head_kept_as_a_name() -> None:
    """A head that is a surname after a first name may end the name ("Jake Park")."""
    text = "Jake Park came by for the Tucson"
    spans = [Span(0, 4, Kind.NAME)]
    assert firms.drop(text, spans, lambda w: w in {"jake", "park"}, lambda w: w == "jake") == spans
    korean = "Ji-hoon Park is picking it up"
    whole = [Span(0, 12, Kind.NAME)]
    assert firms.drop(korean, whole, lambda w: w == "park", lambda w: False) == whole


# a business's site, then the place (edge/privacy/where.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the dealership in Fresno quoted me less", ("Fresno",)),
        ("el carro viene de la agencia de Linares, Nuevo León", ("Linares", "León")),
    ],
)
def test_sites_places_kept(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    kept(redactor, text, *words)


def test_person_at_a_site_still_redacted(redactor: Redactor) -> None:
    gone(
        redactor,
        "the dealership in Fresno had Marcus Whitaker call me at 555 884 1020",
        "Marcus",
        "Whitaker",
        "884 1020",
    )
