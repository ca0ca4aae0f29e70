"""Round 12's classes of the retired test11/test12 files (in-sample, issues 18 and 14).

The dealership's address told to a visitor, amounts after "credit", things after an article,
IBANs and phones by their Spanish cues, fillers in spoken digits, lower-case Spanish ways with
their number, and the tagger's per-language threshold.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.settings import PrivacySettings
from edge.privacy.tagger import THRESHOLD, THRESHOLD_ES


@pytest.mark.parametrize(
    "text",
    [
        "We're at 900 Commerce Way, right past the Target, you can't miss us.",
        "we are at 310 motor mile road right off the highway",
        "Our showroom moved to 77 Dealer Row last spring.",
        "the store relocated to 1450 Frontage Road in June",
        "Estamos en Calzada Independencia 2100, no tiene pérdida.",
        "La agencia se cambió a Avenida Vallarta 5400 el año pasado.",
    ],
)
def test_the_business_address_told_to_a_visitor_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we're at 14 Elm Street, up by the school", "we're at [ADDRESS], up by the school"),
        ("we moved to 22 Birch Lane last month", "we moved to [ADDRESS] last month"),
        ("estamos en calle Pino 45, en Zapopan", "estamos en [ADDRESS], en Zapopan"),
    ],
)
def test_a_customers_we_are_at_is_still_an_address(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the credit union approved me for thirty five thousand",
        "my credit line is twelve thousand",
        "el banco me aprobó la tarjeta por veinte mil",
    ],
)
def test_an_amount_with_a_scale_word_is_no_card(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("the one ending six two two nine, not my wife's card", "six two two nine"),
        ("la Visa que termina en 4410 no, la otra", "4410"),
        ("use the one ending in 8830", "8830"),
    ],
)
def test_a_cards_last_four_after_ending_is_taken(
    redactor: Redactor, text: str, detail: str
) -> None:
    assert detail not in redactor(text).text


@pytest.mark.parametrize(
    "text",
    [
        "the vin ends in 4521",
        "is stock ending 5902 the gray one",
        "the lease ends in twenty twenty six",
        "the promo ends in 2025",
    ],
)
def test_a_vin_stock_or_year_after_ends_in_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_card_read_out_after_credit_is_still_taken(redactor: Redactor) -> None:
    text = "credit card four one one one one one one one one one one one one one one one"
    assert redactor(text).text == "credit card [CARD]"


@pytest.mark.parametrize(
    "text",
    [
        "there's a lien on the old truck",
        "the rosario on the dash came with it",
        "we want the Laredo, not the Limited",
        "tiene un rayón en el pilar C",
    ],
)
def test_a_word_after_an_article_is_a_thing(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_name_after_the_spanish_a_is_still_a_name(redactor: Redactor) -> None:
    assert redactor("¿usted conoce a Yesenia?").text == "¿usted conoce a [NAME]?"


def test_a_place_after_a_spanish_verb_of_going_stays(redactor: Redactor) -> None:
    text = "el sábado fuimos a Guadalupe a ver otra camioneta"
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("El IBAN de la empresa es ES91 2100 0418 4502 0005 1332", "ES91 2100 0418 4502 0005 1332"),
        ("el fijo de la casa es el 55 5512 3456", "55 5512 3456"),
        ("my social is six one two uh four four nine eight eight one", "two uh four"),
        ("vivo en hidalgo cuatrocientos diez colonia centro", "hidalgo cuatrocientos diez"),
        ("queda en zaragoza doscientos quince esquina con allende", "quince esquina con allende"),
        (
            "Mi casa está en Calle Colón 88 esquina con Juárez, en el centro.",
            "88 esquina con Juárez",
        ),
    ],
)
def test_round12_details_are_taken(redactor: Redactor, text: str, detail: str) -> None:
    start = text.index(detail)
    covered = {i for s in redactor.spans(text) for i in range(s.start, s.end)}
    assert all(i in covered for i in range(start, start + len(detail)))


@pytest.mark.parametrize(
    "text",
    [
        "vivo en monterrey hace doce años",
        "queda en hidalgo como a treinta y cinco minutos",
        "vivo en la casa doce de la privada",
    ],
)
def test_a_time_or_a_house_word_after_the_cue_is_no_way(redactor: Redactor, text: str) -> None:
    assert "[ADDRESS]" not in redactor(text).text


def test_the_threshold_is_per_language() -> None:
    settings = PrivacySettings()
    assert settings.tagger_threshold == THRESHOLD
    assert settings.tagger_threshold_es == THRESHOLD_ES
    strict = Redactor(tagger_threshold=1.0, tagger_threshold_es=1.0)
    assert strict._tagger is not None
    assert strict._tagger.threshold == 1.0 and strict._tagger.threshold_es == 1.0
