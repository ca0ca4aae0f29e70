"""Round 22: given names said as the common words they also are, and places said of.

The lines are my own wordings, not lines of the data. Each class has lines that must now stay
whole, and lines of the same words where a person (and a detail beside them) must still go.
"""

from __future__ import annotations

import pytest

from edge.privacy import name_words, teams, trims
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept


@pytest.mark.parametrize(
    "text",
    [
        # cries (name_words._cry)
        "¡Ay, Jesús! ¿Tan caro sale la placa para una moto?",
        "ay jesús ya se me pasó la cita del taller",
        "socorro no encuentro dónde se abre el cofre",
        # Spanish name-nouns used as nouns (name_words._noun_es)
        "Dolores de cabeza me dio ese carro desde que lo compré.",
        "me dan dolores de espalda esos asientos tan duros",
        "Luz de freno fundida, hay que cambiarla antes de la inspección.",
        "no hay consuelo con esas tasas, mejor espero",
        "sin esperanza de que bajen los precios este año",
        # English name-nouns, the weather, orders (name_words._english)
        "Grace period on the lease is fifteen days.",
        "saving grace is the warranty, it runs another two years",
        "Rain's coming in tonight, so take the umbrella from the lounge.",
        "Sunny out all week, perfect for a convertible.",
        "Grant me a second to grab the keys.",
        "Mark the mileage on the form before you sign.",
        # places said of (where._PLACE_SAID)
        "Victoria es donde nació mi suegra.",
        "Hope is a quiet town, no dealer for fifty miles.",
        "victoria's about three hours south of here",
        # Spanish adverbs of place (name_words.PLACE_ADVERBS)
        "mi hermano vive allá en Durango y maneja una troca",
    ],
)
def test_common_words_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mi esposa se llama Luz y su cel es 555-201-3344", ("Luz", "3344")),
        ("tell Grace the car is ready, her number is 555-201-3344", ("Grace", "3344")),
        ("Dolores Ruiz firma aquí y vive en Calle Álamo 214", ("Dolores", "Ruiz", "214")),
        ("le habla Consuelo de la agencia, al 555 201 3344", ("Consuelo",)),
        ("ay, Jesús Ramírez, qué gusto verlo", ("Jesús", "Ramírez")),
        ("Dolores de contabilidad necesita la factura.", ("Dolores",)),
        ("doña Luz de cobranza le va a llamar", ("Luz",)),
        ("Luz de la Garza firma como co-compradora", ("Luz",)),
        ("Mark, the paperwork is at 12 Elm Street", ("Mark", "12 Elm")),
        ("Grace Lopez is a lovely lady, call her at 555-201-3344", ("Grace", "Lopez", "3344")),
        ("my sister Victoria's about two hours away", ("Victoria",)),
    ],
)
def test_people_beside_the_words_still_go(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_a_two_word_span_is_not_a_common_word() -> None:
    text = "Dolores Ruiz de contabilidad"
    assert not name_words.common(text, Span(0, 12, Kind.NAME), lambda w: w == "ruiz")


def test_common_cabeza_reads_as_a_noun_but_garza_as_a_surname() -> None:
    def listed(word: str) -> bool:
        return word in {"cabeza", "garza"}

    low = "me dan dolores de cabeza"
    assert name_words.common(low, Span(7, 14, Kind.NAME), listed)
    sur = "firma dolores de garza aquí"
    assert not name_words.common(sur, Span(6, 13, Kind.NAME), listed)


# trims and old models (trims.TRIMS); lenders in a line of deals or approval (firms._MONEY)


@pytest.mark.parametrize(
    "text",
    [
        "the Ram's a Big Horn but the Silverado is a Trail Boss, both gas",
        "is the Challenger a Scat Pack or the plain R/T?",
        "mi tío tenía un Grand Marquis del noventa y dos",
        "the Bronco Sport Badlands has the better four by four",
        "We send the thin-file deals to Westlake and Exeter.",
        "con Westlake te aprueban aunque no tengas historial",
    ],
)
def test_trims_and_lenders_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my boss Trail Martinez drives the Trail Boss, call him at 555-201-3344", ("Martinez",)),
        ("Grant Marquis bought the Grand Marquis, he lives at 12 Elm Street", ("Grant", "12 Elm")),
        ("hey Chase, Westlake approved the deal, call 555-201-3344", ("Chase", "3344")),
    ],
)
def test_people_beside_trims_and_lenders_still_go(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_a_name_span_beyond_a_trim_stays() -> None:
    text = "Trail Boss Kowalski"
    assert trims.drop(text, [Span(0, 19, Kind.NAME)]) == [Span(0, 19, Kind.NAME)]
    assert trims.drop(text, [Span(6, 10, Kind.NAME)]) == []


# a street's corner (where._CORNER_AFTER, _CORNER_BEFORE); "lien" (name_words.PAPER_NOUNS)


@pytest.mark.parametrize(
    "text",
    [
        "the body shop is at the corner of Kessler and 14th, you can't miss it",
        "la bodega está en la 23rd y Jackson, atrás del gasolinera",
        "Bell Tower and Grand Avenue, that's the light where you turn",
        "does the bank have a lien on it or is the title clean",
        "el carro todavía tiene lien con el banco",
    ],
)
def test_corners_and_liens_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Thomas and Jenny Road Trip Club booked 3 vans, call 555-201-3344", ("Jenny", "3344")),
        ("Mike and John St. Clair came in, his cell is 555-201-3344", ("Mike", "Clair", "3344")),
        ("ask for Lien Nguyen at 555-201-3344", ("Lien", "Nguyen", "3344")),
    ],
)
def test_people_beside_corners_and_liens_still_go(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# teams said bare (teams.NICKNAMES)


@pytest.mark.parametrize(
    "text",
    [
        "The Buckeyes lost again, so my husband wants to drown his sorrows in a new truck.",
        "I'm Steelers, my brother is Ravens, so no black or purple, please",
        "¿Chivas o Rayados? En esta casa somos de Tigres.",
    ],
)
def test_teams_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_a_person_titled_with_a_team_word_still_goes(redactor: Redactor) -> None:
    gone(redactor, "Mr. Rangers called about the Tacoma from 555-201-3344", "Rangers", "3344")


def test_a_team_with_a_name_beside_it_is_a_name() -> None:
    text = "Tigres Martínez"
    assert teams.drop(text, [Span(0, 15, Kind.NAME)]) == [Span(0, 15, Kind.NAME)]
