"""Round 25's Spanish over-redaction classes: words of detail-free lines taken for details.

The lines are my own wordings, not lines of the data: each class has lines that must stay
whole and lines of the same shape, with a real detail, that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# a street said without a number (edge/privacy/streets_es.py)


@pytest.mark.parametrize(
    "text",
    [
        "la refaccionaria está en la calle Zaragoza, dos cuadras al norte",
        "el otro concesionario es el de la avenida Insurgentes, no este",
        "dimos la vuelta por la calle Rosales y regresamos por el periférico",
        "Calle Morelos, ahí nos vemos para la prueba",
    ],
)
def test_street_without_number_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vivo en la calle Zaragoza 418, colonia Centro", ("418",)),
        ("mi casa está en la calle Ocampo número 77", ("77",)),
        ("en la calle Zaragoza me atendió Rosalba Quintanilla", ("Quintanilla",)),
    ],
)
def test_home_street_and_names_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a list of places or things, one of them no name (edge/privacy/enumerations_es.py)


@pytest.mark.parametrize(
    "text",
    [
        "de tintos tenemos Rioja, Ribera, Toro y un Somontano muy rico",
        "Apodaca, Escobedo, Monterrey y Juárez: hasta allá entregamos sin costo",
        "repartimos en Tlaquepaque, Zapopan, Tonalá y Tlajomulco sin cargo",
    ],
)
def test_list_of_places_or_things_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mis hijos se llaman Ximena, Rodrigo y Fernanda", ("Ximena", "Rodrigo", "Fernanda")),
        ("firmaron Leticia Barragán, Octavio Zamudio y Rebeca Tinoco", ("Barragán", "Zamudio")),
    ],
)
def test_list_of_people_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# the business's address in a sentence that invites a caller or a visitor, or tells a
# landmark's distance (edge/privacy/business.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Autos del Valle, 3200 Avenida Las Torres, llámenos al 555-0142, abierto hasta las 8.",
            ("3200 Avenida Las Torres", "555-0142"),
        ),
        (
            "Llame a la agencia al 555-0177 o pase a 812 Calle Comercio en Pharr.",
            ("555-0177", "812 Calle Comercio"),
        ),
        ("Estamos en 4100 Avenida Revolución, a tres cuadras del estadio.", ("4100",)),
    ],
)
def test_business_place_in_an_invitation_kept(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    kept(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mi casa está en 77 Calle Nogal, a dos cuadras del parque", ("77 Calle Nogal",)),
        ("vivo en 519 Avenida Hidalgo y mi celular es 555 201 7788", ("519", "7788")),
    ],
)
def test_home_address_near_a_landmark_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a common Spanish word opening a sentence (edge/privacy/openers_es.py)


@pytest.mark.parametrize(
    "text",
    [
        "Pasé el martes y la agencia ya estaba cerrada.",
        "Correo: lo mandamos en la tarde con la cotización.",
        "Ojo, la garantía no cubre las llantas.",
        "Compramos la otra en esta misma agencia hace años.",
    ],
)
def test_sentence_opening_word_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Tarjeta 4111 1111 1111 1111, vence en el 29.", ("1111",)),
        ("Nací el 9 de marzo de 1988.", ("1988",)),
        ("Graciela, ya está lista tu camioneta", ("Graciela",)),
        ("Esperanza, pásale por favor, ya te atiendo", ("Esperanza",)),
    ],
)
def test_details_and_addressed_names_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Tarjeta 4111 1111 1111 1111, vence en el 29.", ("Tarjeta",)),
        ("Nací el 9 de marzo de 1988.", ("Nací",)),
    ],
)
def test_cue_word_at_the_opening_kept(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    kept(redactor, text, *words)


# a paint colour named right after "color" (edge/privacy/colours.py)


@pytest.mark.parametrize(
    "text",
    [
        "la Mazda 3 del 2022 en color Soul, treinta mil millas",
        "el color se llama Arena y en persona se ve más claro",
        "ese color Celeste le queda bien a la Bronco",
    ],
)
def test_paint_after_colour_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_person_beside_a_colour_still_redacted(redactor: Redactor) -> None:
    gone(redactor, "la de color rojo la apartó Leonor Villaseñor ayer", "Villaseñor")


# a venue, a school, a credit union or a dealership by its head word (edge/privacy/firms.py)


@pytest.mark.parametrize(
    "text",
    [
        "el concierto fue en el Coliseo Gilberto Monroig, lleno total",
        "le financiamos con la Cooperativa Arecibo o con el banco",
        "su nieta va al Colegio Marymount, por eso la quieren con tercera fila",
        "Sunrise Auto Superstore Pharr, pregunte por la de demostración",
    ],
)
def test_venue_or_firm_by_its_head_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Kia Whitaker called about the Sorento", ("Whitaker",)),
        ("en el coliseo me encontré a Efraín Quiñones", ("Quiñones",)),
    ],
)
def test_person_beside_a_head_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# a neighbourhood said alone (edge/privacy/streets_es.py)


@pytest.mark.parametrize(
    "text",
    [
        "vivo en la colonia Mitras, cerca de la prepa, ¿me la pueden llevar?",
        "somos del barrio San Juan, allá por el mercado",
    ],
)
def test_neighbourhood_alone_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vivo en la calle Pino Suárez 312, colonia Mitras", ("312",)),
        ("mi domicilio: colonia Lomas, manzana 4, lote 17", ("Lomas", "17")),
    ],
)
def test_neighbourhood_with_a_house_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)
