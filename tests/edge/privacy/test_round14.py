"""Round 14's classes of the retired test14 and test15 files (in-sample rules).

Cross streets after an address, a post-office box and a VIN's tail told in Spanish words, a
country code's "más", letter and digit names left before a number read out, a nickname in lower
case as the one asked to do something, the unit and ZIP after a place the tagger found.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.regional import extend, find
from edge.privacy.spans import Kind, Span


@pytest.mark.parametrize(
    "text",
    [
        "vivimos en Hidalgo cuatrocientos doce entre Allende y Morelos",
        "queda en Zaragoza 215 entre Juárez y Galeana, la del portón negro",
    ],
)
def test_cross_streets_go_with_the_address(redactor: Redactor, text: str) -> None:
    out = redactor(text).text
    for street in ("Allende", "Morelos", "Juárez", "Galeana"):
        assert street not in out
    assert "entre" not in out


def test_entre_without_an_address_stays(redactor: Redactor) -> None:
    text = "El precio queda entre Toyota y Honda, más o menos."
    assert redactor(text).text == text


def test_a_box_number_in_spanish_words_is_taken(redactor: Redactor) -> None:
    out = redactor("envíelo al apartado postal trescientos cuarenta por favor").text
    assert "trescientos" not in out and "cuarenta" not in out


def test_a_vin_tail_told_in_spanish_is_taken_where_the_site_asks(redactor: Redactor) -> None:
    out = Redactor(vin_tails=True)("los últimos seis del vin son 4B7712, por si lo busca.").text
    assert "4B7712" not in out


def test_the_plus_of_a_country_code_goes_with_the_phone(redactor: Redactor) -> None:
    out = redactor("márcame al más cincuenta y dos tres tres uno dos cuatro cinco seis siete").text
    assert "más" not in out and "cincuenta" not in out


def test_letter_names_before_a_spelled_number_are_taken() -> None:
    text = "el vin es dos jota doble ve ce"
    at = text.index("doble")
    assert extend(text, [Span(at, len(text), Kind.LICENSE)]) == [
        Span(text.index("dos"), len(text), Kind.LICENSE)
    ]


def test_a_function_word_before_a_number_stays() -> None:
    text = "el número de la póliza es cuatro cuatro uno"
    at = text.index("cuatro")
    assert extend(text, [Span(at, len(text), Kind.ACCOUNT)])[0].start == at


@pytest.mark.parametrize(
    "text",
    ["dile a chuy que saque la camioneta blanca", "pásale a paco si ya firmó el cliente"],
)
def test_a_lower_case_nickname_asked_to_do_something(text: str) -> None:
    spans = list(find(text, frozenset()))
    assert [text[s.start : s.end] for s in spans if s.kind is Kind.NAME] in (["chuy"], ["paco"])


@pytest.mark.parametrize(
    "text",
    [
        "dile a todos que ya llegó",
        "avísale a tu jefe que mañana firmamos",
        "pásale a ver si ya está lista la unidad",
    ],
)
def test_no_one_asked_stays(text: str) -> None:
    assert not [s for s in find(text, frozenset()) if s.kind is Kind.NAME]


def test_a_listed_name_opening_a_request_in_english(redactor: Redactor) -> None:
    assert "mark" not in redactor("um okay mark can you pull the silver one up").text


@pytest.mark.parametrize(
    "text",
    [
        "so will you guys hold it till friday",
        "okay so can you show me the trunk space",
        "honey can you grab the stroller from the car",
        "ok can you run the numbers again",
    ],
)
def test_fillers_and_endearments_before_a_request_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_spanish_unit_and_zip_after_a_street(redactor: Redactor) -> None:
    out = redactor("My address is 2215 NW 7th Street, apartamento 9, Miami, 33125.").text
    assert "33125" not in out and "apartamento 9" not in out


def test_a_corrected_first_attempt_goes_with_the_number(redactor: Redactor) -> None:
    out = redactor(
        "mi teléfono es four one five digo cuatro uno cinco tres tres dos ocho ocho uno uno"
    ).text
    assert "four" not in out and "five" not in out


def test_a_section_of_a_contract_is_no_box() -> None:
    # the rule's own answer (the shipped tagger takes "apartado cuatro cinco", on main too)
    text = "lea el apartado cuatro cinco del contrato, ahí viene la garantía"
    assert not list(find(text, frozenset()))
