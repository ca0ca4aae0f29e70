"""Round 13's classes of the retired test13 files (in-sample).

The dealership's place told with an invitation to come over, cross streets named after people
near the dealership's place, acronyms that are no names.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.tagger import THRESHOLD, THRESHOLD_ES


@pytest.mark.parametrize(
    "text",
    [
        "Estamos en Avenida Patria 880, junto al banco, por si gusta pasar a verlo.",
        "estamos en calzada del valle 310 por si quieren venir el sábado",
        "We're at 2750 Fair Oaks Boulevard, stop by whenever you like.",
        "El coche ya está lavado, estamos en Boulevard Kukulcán 15, puede pasar a recogerlo.",
    ],
)
def test_the_business_place_with_an_invitation_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Nuestra sucursal está en avenida Revolución, casi llegando a Manuel Acuña.",
        "La agencia queda sobre Reforma, a la altura de Benito Juárez.",
        "Our dealership is on Route 9, just past Martin Luther King.",
    ],
)
def test_a_cross_street_by_the_business_is_no_person(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_customers_own_cross_street_is_still_taken(redactor: Redactor) -> None:
    out = redactor("vivo en calle Hidalgo 40 esquina con Morelos y mi hermano es Arturo").text
    assert "Hidalgo 40" not in out
    assert "Arturo" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Son doscientos cincuenta mil pesos con IVA.",
        "Hablé con SAT ayer por la factura.",
        "Ask them what the APR is on the sixty month plan.",
        "They want the GAP coverage added before signing.",
    ],
)
def test_an_acronym_is_no_name(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_nickname_of_capitals_asked_for_is_still_a_name(redactor: Redactor) -> None:
    assert "TJ" not in redactor("I'm Thomas Jenkins but folks call me TJ").text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("I can only read you the end of the VIN, 604182, the rest is smudged.", "604182"),
        ("del final del vin tengo 5 5 1 2 0 9 nada más", "5 5 1 2 0 9"),
        ("Forgot my license at home, is a passport ok? It's K71530294.", "K71530294"),
    ],
)
def test_an_id_told_after_its_cue_is_taken(text: str, kept: str) -> None:
    # a VIN's tail only where the site asks for it (`vin_tails`; by default it stays)
    assert kept not in Redactor(vin_tails=True)(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the truck is in dana's name so she signs", "dana"),
        ("June texted, she wants the silver one after all.", "June"),
        ("Will is off today, he'll call you back tomorrow.", "Will"),
        ("Grant just called, he says the bank approved it.", "Grant"),
    ],
)
def test_a_person_told_of_by_a_pronoun_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert name not in redactor(text).text


@pytest.mark.parametrize(
    "text",
    [
        "May is busy for us, she said the lot fills up.",
        "Will it fit three car seats in the back?",
        "the pano roof leaks a little when it rains",
        "check the airbag light before the test drive",
    ],
)
def test_months_modals_and_clipped_showroom_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_the_thresholds_are_round_18s_choice() -> None:
    # eval.train_tagger --cv over test2..test26, traina, trainb: the criterion's 0.4 / 0.4, at
    # which every unit test passes (docs/benchmarks.md, round 18; round 17 shipped 0.5 / 0.6)
    assert (THRESHOLD, THRESHOLD_ES) == (0.4, 0.4)


@pytest.mark.parametrize(
    "text",
    [
        "Winter is rough on these tires, honestly.",
        "is your new location at 400 Harbor Drive open late",
    ],
)
def test_the_tagger_keeps_the_rules_vetoes(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
