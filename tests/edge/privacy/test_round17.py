"""Round 17's over-redaction classes (docs/benchmarks.md, "Redaction, round 17").

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape that must still be redacted.
"""

from __future__ import annotations

import re

import pytest

from edge.privacy.business_phone import is_business, toll_free
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# the dealership's own phone number (edge/privacy/business_phone.py)


@pytest.mark.parametrize(
    ("said", "free"),
    [
        ("1-800-555-0142", True),
        ("(866) 555-0142", True),
        ("eight hundred five five five zero one four two", True),
        ("one eight eight eight, five five five, zero one four two", True),
        ("ochocientos cinco cinco cinco cero uno cuatro dos", True),
        ("ocho siete siete cinco cinco cinco", True),
        ("eight hundred twelve", False),
        ("ochocientos catorce, cincuenta y siete", False),
        ("(806) 555-0142", False),
        ("nine one five five five five", False),
    ],
)
def test_toll_free(said: str, free: bool) -> None:
    assert toll_free(said) is free


@pytest.mark.parametrize(
    "text",
    [
        "for roadside help it's 1-888-555-0142, twenty-four seven",
        "the recall line is eight hundred five five five zero one four two",
        "el número gratuito es ochocientos cinco cinco cinco cero uno cuatro dos",
        "dealership phone: 512-555-0142",
        "give the parts counter a ring at 512-555-0142",
        "si gusta llame a la sucursal al 81 5555 0142",
        "el conmutador de la agencia es el ocho uno, cinco cinco cinco cinco, cero uno cuatro dos",
        "it's 512-555-0142, then press option three for the service desk",
        "marque al 81 5555 0142 y pregunte por refacciones",
        # read in pairs, which the tagger may take for an address (after round 19)
        "el teléfono es el ochenta y uno, cincuenta, veintidós, diez, extensión treinta",
        "hable al conmutador de la sucursal, ochenta y uno, cincuenta, veintidós, diez",
    ],
)
def test_the_dealerships_own_number_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "business"),
    [
        ("el teléfono es el ochenta y uno, cincuenta, veintidós, diez, extensión treinta", True),
        ("hable al conmutador de la sucursal, ochenta y uno, cincuenta, veintidós, diez", True),
        ("me marca al ochenta y uno, cincuenta, veintidós, diez, extensión treinta", False),
        ("la sucursal queda en calle ochenta y uno número cincuenta, extensión dos", False),
    ],
)
def test_a_number_read_in_pairs_taken_for_an_address_is_checked_as_a_phone(
    text: str, business: bool
) -> None:
    found = re.search(
        r"(?:calle )?ochenta y uno,? (?:número )?cincuenta(?:, veintidós, diez)?", text
    )
    assert found is not None
    assert is_business(text, Span(found.start(), found.end(), Kind.ADDRESS)) is business


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("my cell is eight hundred five five five zero one four two, weird I know", "0142"),
        ("the dealership can reach me at 512-555-0142 after five", "0142"),
        ("the service desk will call you at 512-555-0142 when it's done", "0142"),
        ("la agencia me puede llamar al 81 5555 0142", "0142"),
        ("my work line is 512-555-0142 extension 22", "0142"),
        ("mi celular es el 81 5555 0142, pregunte por Marta", "0142"),
        ("me marca al ochenta y uno, cincuenta, veintidós, diez, extensión treinta", "veintidós"),
    ],
)
def test_a_persons_number_beside_a_business_word_goes(
    redactor: Redactor, text: str, detail: str
) -> None:
    gone(redactor, text, detail)


# places taken for names, vetoed after the join (edge/privacy/where.py)


@pytest.mark.parametrize(
    "text",
    [
        "we cover everything from Tulsa over to Denton",
        "we drove it all the way from Orlando last week",
        "she commutes to Denton every day",
        "we're Phoenix-bound on Friday so we need it by Thursday",
        "somos de San Pedro Tlaquepaque",
        "ella es contadora de Villa Juárez, muy seria",
        "mi papá es de San Andrés Tuxtla",
    ],
)
def test_a_place_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("it's up to Jessica, she's the one paying", "Jessica"),
        ("I got a call from Jordan about the trade", "Jordan"),
        ("my cousin Denton drives one", "Denton"),
        ("el carro es de Marisol, ella lo maneja", "Marisol"),
        ("le dije a Santiago que viniera", "Santiago"),
        ("me atendió José de San Martín la vez pasada", "José"),
    ],
)
def test_a_person_in_the_same_words_goes(redactor: Redactor, text: str, detail: str) -> None:
    gone(redactor, text, detail)


# groups, firms, cars and trades taken for names (edge/privacy/groups.py)


@pytest.mark.parametrize(
    "text",
    [
        "my husband's retired Army, is there a discount for that",
        "he's a retired Marine so he wants something tough",
        "el seguro lo tengo con Qualitas desde hace años",
        "we financed the last one through Ally",
        "the banks we work with are Chase and Wells Fargo",
        "she still drives her '04 Chevy Impala",
        "ese Cronos ya tiene sus años",
        "I want the Big Horn edition if you have it",
        "my brother is a dental hygienist in the valley",
        "she's a nurse at Methodist on the south side",
    ],
)
def test_a_group_firm_car_or_trade_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("my loan officer is Sarah Kim, she'll call you", "Sarah"),
        ("the financing is through my cousin Mike", "Mike"),
        ("my name is Mercedes Ortiz", "Mercedes"),
        ("my wife is Army Greene", "Greene"),
        ("mister baker will sign", "baker"),
        ("el seguro es de Juan Pérez", "Juan"),
        ("mi hijo Cronos viene mañana", "Cronos"),
        ("the trim guy is Marcus Bell", "Marcus"),
    ],
)
def test_a_person_beside_the_same_words_goes(redactor: Redactor, text: str, detail: str) -> None:
    gone(redactor, text, detail)


def test_trades_come_from_fakers_job_lists() -> None:
    from edge.privacy.groups import trades

    assert {"hygienist", "nurse", "accountant"} <= trades()


# a payment taken for an address (edge/privacy/spanish_address.py)


@pytest.mark.parametrize(
    "text",
    [
        "el pago queda en quinientos treinta y nueve a setenta y dos meses",
        "queda en cuatrocientos diecinueve con sesenta meses de plazo",
        "la letra queda en trescientos ochenta y cinco",
    ],
)
def test_a_payment_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("vivo en allende quinientos treinta y nueve", "allende"),
        ("queda en zaragoza trescientos ochenta y cinco esquina con hidalgo", "zaragoza"),
    ],
)
def test_a_lower_case_address_still_goes(redactor: Redactor, text: str, detail: str) -> None:
    gone(redactor, text, detail)
